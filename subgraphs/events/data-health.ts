import { and, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Scope } from '../../platform/scope.ts';
import { events, lineOfEvent, LINE_SIGNAL_TYPES_SQL } from '../../platform/event-log-table.ts';
import { eventScope } from './data.ts';

// What Service Line health (subgraphs/service-lines/health) reads of the log, many lines per
// statement; other subgraphs reach it through public.ts.

/** The capacity signals a line's health counts (tables.ts's LINE_SIGNAL_TYPES hold them and the execution ones). */
export const CAPACITY_EVENT_TYPES = ['capacity.utilisation_warning', 'capacity.gap_detected'] as const;

export interface SignalEvent {
  id: string;
  type: string;
  subjectType: string;
  subjectId: string;
  createdAt: Date;
}

export interface LineSignalEvents {
  /** capacity.* events in the window, by type. */
  capacity: Record<(typeof CAPACITY_EVENT_TYPES)[number], number>;
  /** The first `limit` of them, newest first. */
  capacityTop: SignalEvent[];
  /** Items (the line itself, or its tasks) whose last execution event before the window's end is execution.blocked. */
  blocked: number;
  /** The first `limit` of those blocking events, longest blocked first. */
  blockedTop: SignalEvent[];
}

/**
 * The capacity and execution events of each line: those whose subject is the line, or whose payload
 * names it (`service_line_id`, as task-level execution events do). Capacity events count in
 * [start, end); an item is blocked when its latest execution event in [lookback, end) is
 * execution.blocked. One statement.
 */
export async function signalEventsByLine(
  db: Db, scope: Scope, lineIds: readonly string[], window: { start: Date; end: Date }, lookback: Date, limit: number,
): Promise<Map<string, LineSignalEvents>> {
  const out = new Map<string, LineSignalEvents>();
  if (lineIds.length === 0) return out;
  const ids = [...lineIds];
  const line = lineOfEvent(events);
  const relevant = db.select({
    serviceLineId: line.as('line'),
    id: events.id,
    type: events.type,
    subjectType: events.subjectType,
    subjectId: events.subjectId,
    createdAt: events.createdAt,
    kind: sql<string>`case when ${events.type} like 'capacity.%' then 'capacity' else 'blocked' end`.as('kind'),
    latest: sql<number>`row_number() over (partition by ${line}, ${events.type} like 'capacity.%', ${events.subjectType}, ${events.subjectId} order by ${events.seq} desc)`.mapWith(Number).as('latest'),
  }).from(events).where(and(
    // events_line_signals_idx answers this: the line expression and time, under its type predicate.
    sql`${events.type} in ${LINE_SIGNAL_TYPES_SQL}`,
    inArray(line, ids),
    gte(events.createdAt, lookback),
    lt(events.createdAt, window.end),
    eventScope(scope),
  )).as('relevant');
  const kept = and(
    inArray(relevant.serviceLineId, ids),
    sql`((${relevant.kind} = 'capacity' and ${relevant.createdAt} >= ${window.start.toISOString()}::timestamptz)
      or (${relevant.kind} = 'blocked' and ${relevant.latest} = 1 and ${relevant.type} = 'execution.blocked'))`,
  );
  const ranked = db.select({
    serviceLineId: relevant.serviceLineId,
    kind: relevant.kind,
    id: relevant.id,
    type: relevant.type,
    subjectType: relevant.subjectType,
    subjectId: relevant.subjectId,
    createdAt: relevant.createdAt,
    total: sql<number>`count(*) over (partition by ${relevant.serviceLineId}, ${relevant.kind})`.mapWith(Number).as('total'),
    gaps: sql<number>`count(*) filter (where ${relevant.type} = 'capacity.gap_detected') over (partition by ${relevant.serviceLineId}, ${relevant.kind})`.mapWith(Number).as('gaps'),
    rank: sql<number>`row_number() over (partition by ${relevant.serviceLineId}, ${relevant.kind}
      order by case when ${relevant.kind} = 'capacity' then -extract(epoch from ${relevant.createdAt}) else extract(epoch from ${relevant.createdAt}) end, ${relevant.id})`.mapWith(Number).as('rank'),
  }).from(relevant).where(kept).as('ranked');
  const rows = await db.select().from(ranked).where(lte(ranked.rank, limit)).orderBy(ranked.serviceLineId, ranked.kind, ranked.rank);
  for (const r of rows) {
    let entry = out.get(r.serviceLineId);
    if (!entry) {
      entry = { capacity: { 'capacity.utilisation_warning': 0, 'capacity.gap_detected': 0 }, capacityTop: [], blocked: 0, blockedTop: [] };
      out.set(r.serviceLineId, entry);
    }
    const event = { id: r.id, type: r.type, subjectType: r.subjectType, subjectId: r.subjectId, createdAt: r.createdAt };
    if (r.kind === 'capacity') {
      entry.capacity = { 'capacity.utilisation_warning': r.total - r.gaps, 'capacity.gap_detected': r.gaps };
      entry.capacityTop.push(event);
    } else {
      entry.blocked = r.total;
      entry.blockedTop.push(event);
    }
  }
  return out;
}
