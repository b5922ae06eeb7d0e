import type { ViewerResolvers } from '../generated/resolvers.ts';
import { organizationById, workspaceById, userById, required } from '../loaders.ts';

/** The caller, from the principal the gateway signed; role and actorId are its own fields. */
export const Viewer: ViewerResolvers = {
  organization: (principal, _, ctx) => required(organizationById(ctx), 'Organization', principal.organizationId),
  workspace: async (principal, _, ctx) => (principal.workspaceId ? (await workspaceById(ctx).load(principal.workspaceId)) ?? null : null),
  // API keys and agents act without a user behind them.
  user: async (principal, _, ctx) => (principal.actorType === 'user' ? (await userById(ctx).load(principal.actorId)) ?? null : null),
};
