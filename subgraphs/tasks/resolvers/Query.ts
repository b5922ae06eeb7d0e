import type { QueryResolvers } from '../generated/resolvers.ts';
import { pageRequest, toConnection } from '../../../platform/connection.ts';
import { badRequest } from '../../../platform/errors.ts';
import { findOrNotFound } from '../../../platform/subgraph/resolve.ts';
import { listTasks, countTasks } from '../data.ts';
import { taskCounts } from '../data-stats.ts';
import { taskById, taskFilter } from '../loaders.ts';

export const Query: QueryResolvers = {
  task: (_, { id }, ctx) => findOrNotFound('Task', id, taskById(ctx)),

  async tasks(_, args, ctx) {
    const filter = taskFilter(args);
    if (!filter.workspaceId && !filter.serviceLineId) {
      throw badRequest('tasks needs workspaceId or serviceLineId.', 'workspaceId');
    }
    const page = pageRequest(args, 'Task');
    return toConnection(await listTasks(ctx.db, ctx.scope, filter, page), page, () => countTasks(ctx.db, ctx.scope, filter));
  },

  async taskStats(_, args, ctx) {
    const { workspaceId, serviceLineId, projectId } = taskFilter(args);
    if (!workspaceId && !serviceLineId && !projectId) {
      throw badRequest('taskStats needs workspaceId, serviceLineId or projectId.', 'workspaceId');
    }
    const filter = { workspaceId, serviceLineId, projectId };
    return { counts: await taskCounts(ctx.db, ctx.scope, filter), filter };
  },
};
