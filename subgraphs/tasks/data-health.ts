import { and, gt, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Scope } from '../../platform/scope.ts';
import { tasks, taskHistory } from './tables.ts';
import { scoped } from './data.ts';

// What Service Line health (subgraphs/service-lines/health) reads of tasks, many lines per statement;
// other subgraphs reach it through public.ts.

export interface LineCompletions {
  /** Tasks done in [start, end). */
  current: number;
  /** Tasks done in the window of the same length just before it. */
  previous: number;
}

/** Tasks each line completed (status done) in a window and in the window of the same length before it. */
export async function completionsByLine(db: Db, scope: Scope, lineIds: readonly string[], window: { start: Date; end: Date }): Promise<Map<string, LineCompletions>> {
  const out = new Map<string, LineCompletions>();
  if (lineIds.length === 0) return out;
  const before = new Date(2 * window.start.getTime() - window.end.getTime());
  const rows = await db.select({
    serviceLineId: tasks.serviceLineId,
    current: sql<number>`count(*) filter (where ${tasks.completedAt} >= ${window.start.toISOString()}::timestamptz)`.mapWith(Number),
    previous: sql<number>`count(*) filter (where ${tasks.completedAt} < ${window.start.toISOString()}::timestamptz)`.mapWith(Number),
  }).from(tasks).where(and(
    inArray(tasks.serviceLineId, [...lineIds]),
    scoped(scope),
    sql`${tasks.status} = 'done'`,
    gte(tasks.completedAt, before),
    lt(tasks.completedAt, window.end),
  )).groupBy(tasks.serviceLineId);
  for (const { serviceLineId, ...counts } of rows) out.set(serviceLineId!, counts);
  return out;
}

const WIP_STATUSES = ['in_progress', 'in_review'] as const;

export interface WipTask {
  id: string;
  status: (typeof WIP_STATUSES)[number];
  /** When it entered that status (its creation, when its history has no status change). */
  since: Date;
}

export interface LineWip {
  /** Tasks in progress or in review at `at`. */
  wip: number;
  /** Of those, the ones in that status since before `ageingBefore`. */
  ageing: number;
  /** The first `limit`, longest in their status first. */
  top: WipTask[];
}

/**
 * Work in progress of each line as it stood at `at`, rebuilt from the task history: a task's status
 * at `at` is the `from` of its first status change after `at`, or its status now when there is none.
 * Only tasks in progress now, or changed since `at`, can have been in progress then, so for `at` =
 * now the history is read for the current work in progress alone.
 */
export async function workInProgressByLine(
  db: Db, scope: Scope, lineIds: readonly string[], at: Date, ageingBefore: Date, limit: number,
): Promise<Map<string, LineWip>> {
  const out = new Map<string, LineWip>();
  if (lineIds.length === 0) return out;
  // The outer task, named with its schema: a bare column would bind to the history's own `id`.
  const statusChange = sql`h.task_id = ${tasks}.id and h.change = 'status'`;
  const statusThen = sql<string>`coalesce(
    (select h."from" from ${taskHistory} h where ${statusChange} and h.at > ${at.toISOString()}::timestamptz order by h.at, h.id limit 1),
    ${tasks.status}::text)`;
  const enteredAt = sql`(select max(h.at) from ${taskHistory} h where ${statusChange} and h.at <= ${at.toISOString()}::timestamptz)`;
  const then = db.select({
    serviceLineId: sql<string>`${tasks.serviceLineId}`.as('line'),
    id: tasks.id,
    status: statusThen.as('status_then'),
    since: sql<Date>`coalesce(${enteredAt}, ${tasks.createdAt})`.mapWith(tasks.createdAt).as('since'),
  }).from(tasks).where(and(
    inArray(tasks.serviceLineId, [...lineIds]),
    scoped(scope),
    lte(tasks.createdAt, at),
    or(inArray(tasks.status, [...WIP_STATUSES]), gt(tasks.updatedAt, at)),
  )).as('then');
  const ranked = db.select({
    serviceLineId: then.serviceLineId,
    id: then.id,
    status: then.status,
    since: then.since,
    wip: sql<number>`count(*) over (partition by ${then.serviceLineId})`.mapWith(Number).as('wip'),
    ageing: sql<number>`count(*) filter (where ${then.since} < ${ageingBefore.toISOString()}::timestamptz) over (partition by ${then.serviceLineId})`.mapWith(Number).as('ageing'),
    rank: sql<number>`row_number() over (partition by ${then.serviceLineId} order by ${then.since}, ${then.id})`.mapWith(Number).as('rank'),
  }).from(then).where(inArray(then.status, [...WIP_STATUSES])).as('ranked');
  for (const r of await db.select().from(ranked).where(lte(ranked.rank, limit)).orderBy(ranked.serviceLineId, ranked.rank)) {
    let entry = out.get(r.serviceLineId);
    if (!entry) out.set(r.serviceLineId, (entry = { wip: r.wip, ageing: r.ageing, top: [] }));
    entry.top.push({ id: r.id, status: r.status as WipTask['status'], since: r.since });
  }
  return out;
}
