import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { PageRequest } from '../../platform/connection.ts';
import { fetchPage, fetchPagesPerParent, countRows } from '../../platform/keyset.ts';
import { groupBy, byId } from '../../platform/loaders.ts';
import { anyOf, preparedRead } from '../../platform/prepared.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { tasks, taskHistory, type TASK_STATUSES, type TASK_PRIORITIES } from './tables.ts';
import type { TaskRow, TaskHistoryRow } from './models.ts';

/** The reads of the tasks subgraph: the only SQL over its tables, outside of commands.ts. */
export interface TaskFilter {
  workspaceId?: string;
  serviceLineId?: string;
  projectId?: string;
  assigneeId?: string;
  status?: ReadonlyArray<(typeof TASK_STATUSES)[number]>;
  priority?: ReadonlyArray<(typeof TASK_PRIORITIES)[number]>;
}

export const scoped = (scope: Scope) => inScope(scope, { organizationId: tasks.organizationId, workspaceId: tasks.workspaceId });

export function filterSql(scope: Scope, filter: TaskFilter): SQL {
  return and(
    scoped(scope),
    filter.workspaceId ? eq(tasks.workspaceId, filter.workspaceId) : undefined,
    filter.serviceLineId ? eq(tasks.serviceLineId, filter.serviceLineId) : undefined,
    filter.projectId ? eq(tasks.projectId, filter.projectId) : undefined,
    filter.assigneeId ? eq(tasks.assigneeId, filter.assigneeId) : undefined,
    filter.status?.length ? inArray(tasks.status, [...filter.status]) : undefined,
    filter.priority?.length ? inArray(tasks.priority, [...filter.priority]) : undefined,
  )!;
}

const tasksByIdsRead = preparedRead('tasksByIds', (db, scope) => db.select().from(tasks).where(and(anyOf(tasks.id), scoped(scope))));

export async function tasksByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, TaskRow>> {
  return byId(await tasksByIdsRead(db, scope, { ids }));
}

export function listTasks(db: Db, scope: Scope, filter: TaskFilter, page: PageRequest) {
  return fetchPage(db, { table: tasks, id: tasks.id, where: filterSql(scope, filter) }, page);
}

export function countTasks(db: Db, scope: Scope, filter: TaskFilter) {
  return countRows(db, tasks, filterSql(scope, filter));
}

/** One page of tasks for each parent (workspace, line, assignee or project) in one statement. */
export function taskPagesByParent(
  db: Db,
  scope: Scope,
  parent: 'workspaceId' | 'serviceLineId' | 'assigneeId' | 'projectId',
  parentIds: readonly string[],
  filter: TaskFilter,
  page: PageRequest,
  /** The columns to read (the whole row without): the fields a query selects (loaders.ts). */
  columns?: readonly string[],
) {
  return fetchPagesPerParent(db, {
    table: tasks, id: tasks.id, parent: tasks[parent], parentIds, where: filterSql(scope, filter), withTotal: true, columns,
  }, page);
}

/** The change logs of many tasks, oldest change first. */
export async function historyByTaskIds(db: Db, taskIds: readonly string[]): Promise<Map<string, TaskHistoryRow[]>> {
  const rows = await db.select().from(taskHistory)
    .where(inArray(taskHistory.taskId, [...taskIds]))
    .orderBy(asc(taskHistory.at), asc(taskHistory.id));
  return groupBy(taskIds, rows, (r) => r.taskId);
}
