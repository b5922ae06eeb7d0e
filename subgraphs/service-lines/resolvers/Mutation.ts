import type { MutationResolvers } from '../generated/resolvers.ts';
import { transitionServiceLine } from '../commands.ts';

export const Mutation: MutationResolvers = {
  activateServiceLine: (_, { id }, ctx) => transitionServiceLine(ctx, id, 'activate'),
  pauseServiceLine: (_, { id }, ctx) => transitionServiceLine(ctx, id, 'pause'),
  resumeServiceLine: (_, { id }, ctx) => transitionServiceLine(ctx, id, 'resume'),
  closeServiceLine: (_, { id }, ctx) => transitionServiceLine(ctx, id, 'close'),
};
