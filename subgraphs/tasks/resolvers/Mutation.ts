import type { MutationResolvers } from '../generated/resolvers.ts';
import { createTask, updateTask } from '../commands.ts';

export const Mutation: MutationResolvers = {
  createTask: (_, { input }, ctx) => createTask(ctx, input),
  updateTask: (_, { id, input }, ctx) => updateTask(ctx, id, input),
};
