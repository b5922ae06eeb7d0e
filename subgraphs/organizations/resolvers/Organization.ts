import type { OrganizationResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { organizationById, subscriptionsOf, nestedWorkspaces, nestedUsers, nestedProjects } from '../loaders.ts';

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, organizationById(ctx)),
  workspaces: (org, args, ctx) => nestedWorkspaces(ctx, org.id, args),
  users: (org, args, ctx) => nestedUsers(ctx, org.id, args),
  projects: (org, args, ctx) => nestedProjects(ctx, org.id, args),
  subscriptions: async (org, _, ctx) => (await subscriptionsOf(ctx).load(org.id)) ?? [],
};
