import { and, eq, gt, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Scope } from '../../platform/scope.ts';
import { pods, slaReports, tickets, incidents, type SlaMetricResult } from './tables.ts';
import { podScoped } from './data.ts';
import { ticketScoped, incidentScoped } from './data-activity.ts';

// What Service Line health (subgraphs/service-lines/health) reads of managed services: point-in-time
// facts, many lines per statement; other subgraphs reach it through public.ts.

export type IncidentSeverity = (typeof incidents.$inferSelect)['severity'];

export interface OpenIncident {
  id: string;
  severity: IncidentSeverity;
  openedAt: Date;
}

export interface LineIncidents {
  open: number;
  bySeverity: Record<IncidentSeverity, number>;
  /** The longest-open incident. */
  oldest: { id: string; openedAt: Date };
  /** The first `limit`, most severe first, then oldest first. */
  top: OpenIncident[];
}

/**
 * Incidents of each line open at `at`: opened by then and not resolved by then. One statement: each
 * line's counts ride on its first `limit` rows as window aggregates.
 */
export async function openIncidentsByLine(db: Db, scope: Scope, lineIds: readonly string[], at: Date, limit: number): Promise<Map<string, LineIncidents>> {
  const out = new Map<string, LineIncidents>();
  if (lineIds.length === 0) return out;
  const line = sql`${incidents.serviceLineId}`;
  const bySeverity = (s: IncidentSeverity) => sql<number>`count(*) filter (where ${incidents.severity} = ${s}) over (partition by ${line})`.mapWith(Number).as(`n_${s}`);
  const ranked = db.select({
    serviceLineId: sql<string>`${line}`.as('line'),
    id: incidents.id,
    severity: incidents.severity,
    openedAt: incidents.openedAt,
    open: sql<number>`count(*) over (partition by ${line})`.mapWith(Number).as('open'),
    low: bySeverity('low'), medium: bySeverity('medium'), high: bySeverity('high'), critical: bySeverity('critical'),
    oldestId: sql<string>`first_value(${incidents.id}) over (partition by ${line} order by ${incidents.openedAt}, ${incidents.id})`.as('oldest_id'),
    oldestAt: sql<Date>`min(${incidents.openedAt}) over (partition by ${line})`.mapWith(incidents.openedAt).as('oldest_at'),
    rank: sql<number>`row_number() over (partition by ${line} order by ${incidents.severity} desc, ${incidents.openedAt}, ${incidents.id})`.mapWith(Number).as('rank'),
  }).from(incidents).where(and(
    inArray(incidents.serviceLineId, [...lineIds]),
    incidentScoped(scope),
    lte(incidents.openedAt, at),
    or(gt(incidents.resolvedAt, at), and(isNull(incidents.resolvedAt), ne(incidents.status, 'resolved'))),
  )).as('ranked');
  for (const r of await db.select().from(ranked).where(lte(ranked.rank, limit)).orderBy(ranked.serviceLineId, ranked.rank)) {
    let entry = out.get(r.serviceLineId);
    if (!entry) {
      entry = {
        open: r.open,
        bySeverity: { critical: r.critical, high: r.high, medium: r.medium, low: r.low },
        oldest: { id: r.oldestId, openedAt: r.oldestAt },
        top: [],
      };
      out.set(r.serviceLineId, entry);
    }
    entry.top.push({ id: r.id, severity: r.severity, openedAt: r.openedAt });
  }
  return out;
}

export interface OverdueTicket {
  id: string;
  podId: string;
  priority: (typeof tickets.$inferSelect)['priority'];
  dueAt: Date;
}

export interface LineTickets {
  overdue: number;
  /** The first `limit`, longest past their deadline first. */
  top: OverdueTicket[];
}

/**
 * Tickets of each line's pods past their SLA response deadline at `at`: submitted and due by then,
 * and not answered by then (a ticket resolved without a recorded response counts as answered when
 * it was resolved; one still open with neither is unanswered).
 */
export async function overdueTicketsByLine(db: Db, scope: Scope, lineIds: readonly string[], at: Date, limit: number): Promise<Map<string, LineTickets>> {
  const out = new Map<string, LineTickets>();
  if (lineIds.length === 0) return out;
  const answered = sql`coalesce(${tickets.respondedAt}, ${tickets.resolvedAt})`;
  const ranked = db.select({
    serviceLineId: sql<string>`${pods.serviceLineId}`.as('line'),
    id: tickets.id,
    podId: tickets.podId,
    priority: tickets.priority,
    dueAt: tickets.slaResponseDueAt,
    overdue: sql<number>`count(*) over (partition by ${pods.serviceLineId})`.mapWith(Number).as('overdue'),
    rank: sql<number>`row_number() over (partition by ${pods.serviceLineId} order by ${tickets.slaResponseDueAt}, ${tickets.id})`.mapWith(Number).as('rank'),
  }).from(tickets).innerJoin(pods, eq(pods.id, tickets.podId)).where(and(
    inArray(pods.serviceLineId, [...lineIds]),
    ticketScoped(scope),
    lte(tickets.createdAt, at),
    lt(tickets.slaResponseDueAt, at),
    or(sql`${answered} > ${at.toISOString()}::timestamptz`, and(sql`${answered} is null`, eq(tickets.status, 'open'))),
  )).as('ranked');
  for (const r of await db.select().from(ranked).where(lte(ranked.rank, limit)).orderBy(ranked.serviceLineId, ranked.rank)) {
    let entry = out.get(r.serviceLineId);
    if (!entry) out.set(r.serviceLineId, (entry = { overdue: r.overdue, top: [] }));
    entry.top.push({ id: r.id, podId: r.podId, priority: r.priority, dueAt: r.dueAt });
  }
  return out;
}

export interface LinePod {
  podId: string;
  slaId: string | null;
  /** The pod's monthly engagement cost: the line's budget for a month. */
  costPerMonth: number | null;
  currency: string;
  /** The latest SLA report written by `at`, if any. */
  report: { period: string; compliancePercent: number; metrics: SlaMetricResult[] } | null;
}

/** Each line's pod (an active one first, when a line has several) with its latest SLA report as of `at`. */
export async function podsByLine(db: Db, scope: Scope, lineIds: readonly string[], at: Date): Promise<Map<string, LinePod>> {
  const out = new Map<string, LinePod>();
  if (lineIds.length === 0) return out;
  const latest = sql<LinePod['report']>`(
    select json_build_object('period', r.period, 'compliancePercent', r.compliance_percent::float8, 'metrics', r.metrics)
    from ${slaReports} r where r.pod_id = ${pods}.id and r.created_at <= ${at.toISOString()}::timestamptz order by r.period desc limit 1)`;
  const rows = await db.selectDistinctOn([pods.serviceLineId], {
    serviceLineId: pods.serviceLineId,
    podId: pods.id,
    slaId: pods.slaId,
    costPerMonth: pods.costPerMonth,
    currency: pods.currency,
    report: latest,
  }).from(pods).where(and(
    inArray(pods.serviceLineId, [...lineIds]),
    podScoped(scope),
    inArray(pods.status, ['active', 'paused']),
  )).orderBy(pods.serviceLineId, sql`${pods.status} = 'active' desc`, pods.id);
  for (const { serviceLineId, ...pod } of rows) out.set(serviceLineId!, pod);
  return out;
}
