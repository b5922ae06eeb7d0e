import type { UserResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { userReference, organizationById, required } from '../loaders.ts';

export const User: UserResolvers = {
  __resolveReference: (reference, ctx, info) => resolveReference(reference, userReference(ctx, info)),
  organization: (user, _, ctx) => required(organizationById(ctx), 'Organization', user.organizationId),
};
