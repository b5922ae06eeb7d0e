import { idParam, pageParams } from './params.ts';
import { list, PAGE_INFO, type Route } from './route.ts';

const WORKSPACE = 'id name slug organization { id } settings { requireTaskServiceLine } createdAt';

export function workspace(w: any) {
  return {
    id: w.id,
    organization_id: w.organization.id,
    name: w.name,
    slug: w.slug,
    settings: { require_task_service_line: w.settings.requireTaskServiceLine },
    created_at: w.createdAt,
  };
}

export const workspaceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/workspaces',
    summary: 'List the workspaces of an organization.',
    // REST always names the organization; the graph would default to the caller's.
    query: { organization_id: idParam('organizationId', 'Organization', { required: true }), ...pageParams('Workspace') },
    document: `query RestWorkspaces($organizationId: ID, $first: Int, $after: String) {
      workspaces(organizationId: $organizationId, first: $first, after: $after) { nodes { ${WORKSPACE} } ${PAGE_INFO} }
    }`,
    map: (data) => list(data.workspaces, workspace),
  },
  {
    method: 'GET',
    path: '/v1/workspaces/{id}',
    summary: 'Retrieve a workspace.',
    document: `query RestWorkspace($id: ID!) { workspace(id: $id) { ${WORKSPACE} } }`,
    map: (data) => ({ data: workspace(data.workspace) }),
  },
];
