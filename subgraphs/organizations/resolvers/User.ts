import type { UserResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { userById, organizationById, required } from '../loaders.ts';

export const User: UserResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, userById(ctx)),
  organization: (user, _, ctx) => required(organizationById(ctx), 'Organization', user.organizationId),
};
