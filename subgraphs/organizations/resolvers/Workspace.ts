import type { WorkspaceResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { workspaceById, organizationById, nestedMembers, required } from '../loaders.ts';

export const Workspace: WorkspaceResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, workspaceById(ctx)),
  organization: (workspace, _, ctx) => required(organizationById(ctx), 'Organization', workspace.organizationId),
  // A workspace stored without the flag gets the documented default: tasks name their Service Line.
  settings: (workspace) => ({ requireTaskServiceLine: workspace.settings?.require_task_service_line !== false }),
  members: (workspace, args, ctx) => nestedMembers(ctx, workspace.id, args),
};
