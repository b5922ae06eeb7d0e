import { graphql } from './generated/gql.ts';
import { idParam, pageParams } from './params.ts';
import { many, one, route, type Route } from './route.ts';
import { at, record, shape } from './shape.ts';

graphql(`fragment RestWorkspaceFields on Workspace { id name slug organization { id } settings { requireTaskServiceLine } createdAt }`);

export const WORKSPACE = shape('Workspace', {
  id: at('id'),
  organization_id: at('organization.id'),
  name: at('name'),
  slug: at('slug'),
  settings: record({ require_task_service_line: at('requireTaskServiceLine') }, { from: 'settings' }),
  created_at: at('createdAt'),
}, { description: 'A workspace of an organization.' });

export const workspaceRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/workspaces',
    summary: 'List the workspaces of an organization.',
    // REST always names the organization; the graph would default to the caller's.
    query: { organization_id: idParam('organizationId', 'Organization', { required: true }), ...pageParams('Workspace') },
    document: graphql(`query RestWorkspaces($organizationId: ID, $first: Int, $after: String) {
      workspaces(organizationId: $organizationId, first: $first, after: $after) { nodes { ...RestWorkspaceFields } pageInfo { hasNextPage endCursor } }
    }`),
    answer: many('workspaces', WORKSPACE),
  }),
  route({
    method: 'GET',
    path: '/v1/workspaces/{id}',
    summary: 'Retrieve a workspace.',
    document: graphql(`query RestWorkspace($id: ID!) { workspace(id: $id) { ...RestWorkspaceFields } }`),
    answer: one('workspace', WORKSPACE),
  }),
];
