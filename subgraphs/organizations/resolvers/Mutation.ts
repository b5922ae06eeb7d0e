import type { MutationResolvers } from '../generated/resolvers.ts';
import { createApiKey, revokeApiKey } from '../commands.ts';

export const Mutation: MutationResolvers = {
  createApiKey: (_, { input }, ctx) => createApiKey(ctx, input),
  revokeApiKey: (_, { id }, ctx) => revokeApiKey(ctx, id),
};
