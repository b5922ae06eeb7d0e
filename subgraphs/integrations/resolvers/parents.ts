import type { WorkspaceResolvers } from '../generated/resolvers.ts';
import { workspaceIntegrations } from '../loaders.ts';

/** Integration lists this subgraph adds to entities other subgraphs own. */
export const Workspace: WorkspaceResolvers = {
  __resolveReference: (reference) => reference,
  integrations: (workspace, args, ctx, info) => workspaceIntegrations(ctx, workspace.id, args, info),
};
