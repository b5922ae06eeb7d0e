import { and, asc, desc, eq, gte, inArray, lte, sql, getTableColumns, type Column, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { PageRequest } from '../../platform/connection.ts';
import { fetchPage, fetchPagesPerParent, countRows } from '../../platform/keyset.ts';
import { groupBy, byId } from '../../platform/loaders.ts';
import { anyOf, preparedRead } from '../../platform/prepared.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { pods, podMembers, slas, slaReports, type POD_STATUSES } from './tables.ts';
import type { PodRow, PodMemberRow, SlaRow, SlaReportRow } from './models.ts';

/**
 * The reads of pods, their team, SLA terms and SLA reports (tickets and incidents are in
 * data-activity.ts): the only SQL over these tables outside of commands.ts.
 */
export interface PodFilter {
  workspaceId?: string;
  status?: ReadonlyArray<(typeof POD_STATUSES)[number]>;
}

export const podScoped = (scope: Scope) => inScope(scope, { organizationId: pods.organizationId, workspaceId: pods.workspaceId });

/**
 * SLAs and SLA reports carry the organization but no workspace: a narrowed token sees them only
 * through a pod of its workspace.
 */
function throughVisiblePod(db: Db, scope: Scope, podId: Column, organizationId: Column): SQL {
  const visible = db.select({ id: pods.id }).from(pods).where(podScoped(scope));
  return and(eq(organizationId, scope.organizationId), scope.workspaceId ? inArray(podId, visible) : undefined)!;
}

function podFilterSql(scope: Scope, filter: PodFilter): SQL {
  return and(
    podScoped(scope),
    filter.workspaceId ? eq(pods.workspaceId, filter.workspaceId) : undefined,
    filter.status?.length ? inArray(pods.status, [...filter.status]) : undefined,
  )!;
}

const podsByIdsRead = preparedRead('podsByIds', (db, scope) => db.select().from(pods).where(and(anyOf(pods.id), podScoped(scope))));

export async function podsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, PodRow>> {
  return byId(await podsByIdsRead(db, scope, { ids }));
}

const podsByServiceLineIdsRead = preparedRead('podsByServiceLineIds', (db, scope) => db.select().from(pods).where(and(anyOf(pods.serviceLineId), podScoped(scope))).orderBy(asc(pods.id)));

/** The pod delivering on each Service Line (a line has at most one pod). */
export async function podsByServiceLineIds(db: Db, scope: Scope, lineIds: readonly string[]): Promise<Map<string, PodRow>> {
  const rows = await podsByServiceLineIdsRead(db, scope, { ids: lineIds });
  return new Map(rows.map((r) => [r.serviceLineId!, r]));
}

export function listPods(db: Db, scope: Scope, filter: PodFilter, page: PageRequest) {
  return fetchPage(db, { table: pods, id: pods.id, where: podFilterSql(scope, filter) }, page);
}

export function countPods(db: Db, scope: Scope, filter: PodFilter) {
  return countRows(db, pods, podFilterSql(scope, filter));
}

/** One page of pods for each workspace or organization in one statement. */
export function podPagesByParent(db: Db, scope: Scope, parent: 'workspaceId' | 'organizationId', parentIds: readonly string[], filter: PodFilter, page: PageRequest) {
  return fetchPagesPerParent(db, {
    table: pods, id: pods.id, parent: pods[parent], parentIds, where: podFilterSql(scope, filter), withTotal: true,
  }, page);
}

/** The teams of many pods (already visible), in display order. */
export async function membersByPodIds(db: Db, podIds: readonly string[]): Promise<Map<string, PodMemberRow[]>> {
  const rows = await db.select().from(podMembers)
    .where(inArray(podMembers.podId, [...podIds]))
    .orderBy(asc(podMembers.podId), asc(podMembers.position));
  return groupBy(podIds, rows, (r) => r.podId);
}

const slasByIdsRead = preparedRead('slasByIds', (db, scope) => db.select().from(slas).where(and(anyOf(slas.id), throughVisiblePod(db, scope, slas.podId, slas.organizationId))));

export async function slasByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, SlaRow>> {
  return byId(await slasByIdsRead(db, scope, { ids }));
}

const slaReportColumns = getTableColumns(slaReports);

/**
 * Each pod's SLA terms and newest report in ONE statement (a screen showing a pod asks both, and
 * they were two): the pods' IDs unnested, their SLA left-joined and their newest report read by a
 * LATERAL index scan that stops at one row. Both under the same visibility as their own reads.
 */
const slaAndLatestReportRead = preparedRead('slaAndLatestReportByPodIds', (db, scope) => {
  const latest = db.select().from(slaReports)
    .where(and(sql`${slaReports.podId} = __pods.id`, reportFilterSql(db, scope, {})))
    .orderBy(desc(slaReports.period))
    .limit(1)
    .as('__latest');
  const fields = latest as unknown as Record<string, Column>;
  return db
    .select({
      podId: sql<string>`__pods.id`,
      sla: slas,
      report: Object.fromEntries(Object.keys(slaReportColumns).map((key) => [key, fields[key]])) as typeof slaReportColumns,
    })
    .from(sql`unnest(${sql.placeholder('ids')}::text[]) as __pods(id)`)
    .leftJoin(slas, and(sql`${slas.podId} = __pods.id`, throughVisiblePod(db, scope, slas.podId, slas.organizationId)))
    .leftJoinLateral(latest, sql`true`);
});

export interface SlaAndLatestReport {
  sla: SlaRow | null;
  latestReport: SlaReportRow | null;
}

/** The SLA and the newest report of each pod (nulls where it has none), one statement for all pods. */
export async function slaAndLatestReportByPodIds(db: Db, scope: Scope, podIds: readonly string[]): Promise<Map<string, SlaAndLatestReport>> {
  const rows = await slaAndLatestReportRead(db, scope, { ids: podIds });
  const found = new Map<string, SlaAndLatestReport>();
  for (const { podId, sla, report } of rows) {
    // drizzle leaves a left join's missing row null; the lateral subquery's columns come back null one by one.
    found.set(podId, { sla: sla?.id != null ? sla : null, latestReport: report?.id != null ? (report as SlaReportRow) : null });
  }
  return found;
}

export interface SlaReportFilter {
  podId?: string;
  /** YYYY-MM */
  period?: string;
}

function reportFilterSql(db: Db, scope: Scope, filter: SlaReportFilter): SQL {
  return and(
    throughVisiblePod(db, scope, slaReports.podId, slaReports.organizationId),
    filter.podId ? eq(slaReports.podId, filter.podId) : undefined,
    filter.period ? eq(slaReports.period, filter.period) : undefined,
  )!;
}

/**
 * SLA reports run newest period first. A period is unique per pod, so it orders each pod's list
 * completely; the cursor names the report's row id, through which its period is found.
 */
const reportList = (db: Db, scope: Scope, filter: SlaReportFilter) =>
  ({ table: slaReports, id: slaReports.id, sort: slaReports.period, descending: true, where: reportFilterSql(db, scope, filter) });

export function listSlaReports(db: Db, scope: Scope, filter: SlaReportFilter & { podId: string }, page: PageRequest) {
  return fetchPage(db, reportList(db, scope, filter), page);
}

export function countSlaReports(db: Db, scope: Scope, filter: SlaReportFilter) {
  return countRows(db, slaReports, reportFilterSql(db, scope, filter));
}

export function slaReportPagesByPod(db: Db, scope: Scope, podIds: readonly string[], page: PageRequest) {
  return fetchPagesPerParent(db, { ...reportList(db, scope, {}), parent: slaReports.podId, parentIds: podIds, withTotal: true }, page);
}

/** Each pod's reports between two periods (YYYY-MM, inclusive), oldest first: one statement for all pods. */
export async function slaHistoryByPodIds(db: Db, scope: Scope, podIds: readonly string[], range: { from?: string; to?: string }): Promise<Map<string, SlaReportRow[]>> {
  const rows = await db.select().from(slaReports)
    .where(and(
      inArray(slaReports.podId, [...podIds]),
      reportFilterSql(db, scope, {}),
      range.from ? gte(slaReports.period, range.from) : undefined,
      range.to ? lte(slaReports.period, range.to) : undefined,
    ))
    .orderBy(asc(slaReports.period));
  return groupBy(podIds, rows, (r) => r.podId);
}
