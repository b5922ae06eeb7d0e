import type { WorkspaceMemberResolvers } from '../generated/resolvers.ts';
import { userById, required } from '../loaders.ts';

export const WorkspaceMember: WorkspaceMemberResolvers = {
  user: (member, _, ctx) => required(userById(ctx), 'User', member.userId),
};
