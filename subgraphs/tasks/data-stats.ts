import { and, inArray, isNotNull, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { groupBy } from '../../platform/loaders.ts';
import { bucketSql, type Series } from '../../platform/periods.ts';
import { tasks, TERMINAL_TASK_STATUSES } from './tables.ts';
import { filterSql, type TaskFilter } from './data.ts';
import type { Scope } from '../../platform/scope.ts';
import type { TaskCountRow } from './models.ts';

/** The task aggregates: counted by the database, grouped per parent so many parents cost one statement. */
export type StatsParent = 'workspaceId' | 'serviceLineId' | 'projectId';

/** Counts per (status, priority) of each parent's tasks. */
export async function taskCountsByParent(db: Db, scope: Scope, parent: StatsParent, ids: readonly string[], filter: TaskFilter = {}) {
  const rows = await db.select({ key: tasks[parent], status: tasks.status, priority: tasks.priority, count: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(filterSql(scope, filter), inArray(tasks[parent], [...ids])))
    .groupBy(tasks[parent], tasks.status, tasks.priority);
  return groupBy<TaskCountRow & { key: string | null }>(ids, rows, (r) => r.key);
}

/** Counts per (status, priority) of the tasks matching a filter. */
export async function taskCounts(db: Db, scope: Scope, filter: TaskFilter): Promise<TaskCountRow[]> {
  return db.select({ status: tasks.status, priority: tasks.priority, count: sql<number>`count(*)::int` })
    .from(tasks).where(filterSql(scope, filter)).groupBy(tasks.status, tasks.priority);
}

function completedIn(series: Series): SQL {
  return and(isNotNull(tasks.completedAt), inArray(tasks.status, [...TERMINAL_TASK_STATUSES]), gte(tasks.completedAt, series.start), lt(tasks.completedAt, series.end))!;
}

/** Tasks completed per bucket, for each parent: a map of bucket start => count. */
export async function velocityByParent(db: Db, scope: Scope, parent: StatsParent, ids: readonly string[], filter: TaskFilter, series: Series): Promise<Map<string, Map<string, number>>> {
  const bucket = bucketSql(series, tasks.completedAt);
  const rows = await db.select({ key: tasks[parent], bucket, count: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(filterSql(scope, filter), inArray(tasks[parent], [...ids]), completedIn(series)))
    .groupBy(sql`1`, sql`2`);
  const byParent = new Map<string, Map<string, number>>(ids.map((id) => [id, new Map()]));
  for (const r of rows) byParent.get(r.key ?? '')?.set(r.bucket, r.count);
  return byParent;
}

/** Tasks completed per bucket among the tasks matching a filter. */
export async function velocity(db: Db, scope: Scope, filter: TaskFilter, series: Series): Promise<Map<string, number>> {
  const bucket = bucketSql(series, tasks.completedAt);
  const rows = await db.select({ bucket, count: sql<number>`count(*)::int` })
    .from(tasks).where(and(filterSql(scope, filter), completedIn(series))).groupBy(sql`1`);
  return new Map(rows.map((r) => [r.bucket, r.count]));
}
