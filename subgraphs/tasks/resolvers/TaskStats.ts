import type { TaskStatsResolvers } from '../generated/resolvers.ts';
import { total, byStatus, byPriority, completionRate, velocityOf } from '../stats.ts';

export const TaskStats: TaskStatsResolvers = {
  total: (stats) => total(stats),
  byStatus: (stats) => byStatus(stats),
  byPriority: (stats) => byPriority(stats),
  completionRate: (stats) => completionRate(stats),
  velocity: (stats, args, ctx) => velocityOf(ctx, stats, args),
};
