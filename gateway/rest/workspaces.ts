import { graphql } from './generated/gql.ts';
import type { RestWorkspaceFieldsFragment } from './generated/graphql.ts';
import { idParam, pageParams } from './params.ts';
import { idOf, list, route, type Route } from './route.ts';

graphql(`fragment RestWorkspaceFields on Workspace { id name slug organization { id } settings { requireTaskServiceLine } createdAt }`);

function workspace(w: RestWorkspaceFieldsFragment) {
  return {
    id: w.id,
    organization_id: idOf(w.organization),
    name: w.name,
    slug: w.slug,
    settings: { require_task_service_line: w.settings.requireTaskServiceLine },
    created_at: w.createdAt,
  };
}

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
    map: (data) => list(data.workspaces, workspace),
  }),
  route({
    method: 'GET',
    path: '/v1/workspaces/{id}',
    summary: 'Retrieve a workspace.',
    document: graphql(`query RestWorkspace($id: ID!) { workspace(id: $id) { ...RestWorkspaceFields } }`),
    map: (data) => ({ data: workspace(data.workspace) }),
  }),
];
