import type { MutationResolvers } from '../generated/resolvers.ts';
import { connectIntegration, updateIntegration, disconnectIntegration, syncIntegration } from '../commands.ts';

export const Mutation: MutationResolvers = {
  connectIntegration: (_, { input }, ctx) => connectIntegration(ctx, input),
  updateIntegration: (_, { id, input }, ctx) => updateIntegration(ctx, id, input),
  disconnectIntegration: (_, { id }, ctx) => disconnectIntegration(ctx, id),
  syncIntegration: (_, { id }, ctx) => syncIntegration(ctx, id),
};
