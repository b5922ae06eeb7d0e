import type { GraphQLResolveInfo } from 'graphql';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { columnSelection } from '../../platform/subgraph/selection.ts';
import { pageRequest, toConnection, type ConnectionArgs } from '../../platform/connection.ts';
import { argsKey } from '../../platform/loaders.ts';
import { checkOptionalId } from '../../platform/args.ts';
import { tasksByIds, historyByTaskIds, taskPagesByParent, type TaskFilter } from './data.ts';
import { tasks } from './tables.ts';

/** The tasks subgraph's per-request loaders: every reference and nested list is batched. */
export const taskById = (ctx: SubgraphContext) =>
  ctx.loaders.get('Task.byId', (ids) => tasksByIds(ctx.db, ctx.scope, ids));

export const taskHistory = (ctx: SubgraphContext) =>
  ctx.loaders.get('Task.history', (ids) => historyByTaskIds(ctx.db, ids));

export type TaskListArgs = ConnectionArgs & {
  workspaceId?: string | null;
  serviceLineId?: string | null;
  projectId?: string | null;
  assigneeId?: string | null;
  status?: TaskFilter['status'] | null;
  priority?: TaskFilter['priority'] | null;
};

/** Validated filters of a task list; ID arguments of the wrong type are BAD_USER_INPUT. */
export function taskFilter(args: TaskListArgs): TaskFilter {
  return {
    workspaceId: checkOptionalId('Workspace', args.workspaceId, 'workspaceId'),
    serviceLineId: checkOptionalId('ServiceLine', args.serviceLineId, 'serviceLineId'),
    projectId: checkOptionalId('Project', args.projectId, 'projectId'),
    assigneeId: checkOptionalId('User', args.assigneeId, 'assigneeId'),
    status: args.status ?? undefined,
    priority: args.priority ?? undefined,
  };
}

/** The columns a task list's selection needs: every Task field not named like a column (resolvers/Task.ts). */
const taskListColumns = columnSelection(tasks, {
  workspace: ['workspaceId'],
  serviceLine: ['serviceLineId'],
  project: ['projectId'],
  assignee: ['assigneeId'],
  external: ['externalId', 'externalSource', 'externalUrl'],
  history: ['id'],
});

/**
 * `tasks(...)` under a workspace, line, user or project: one statement for all parents, reading
 * the columns the query's selection of tasks needs (the same field under every parent: one selection).
 */
export async function nestedTasks(ctx: SubgraphContext, parent: 'workspaceId' | 'serviceLineId' | 'assigneeId' | 'projectId', parentId: string, args: TaskListArgs, info: GraphQLResolveInfo) {
  const page = pageRequest(args, 'Task');
  const filter = taskFilter(args);
  const columns = taskListColumns(info);
  const loader = ctx.loaders.get(argsKey(`tasks.${parent}`, args, columns), (ids) => taskPagesByParent(ctx.db, ctx.scope, parent, ids, filter, page, columns));
  return toConnection(await loader.load(parentId), page);
}
