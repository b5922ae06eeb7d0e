import { and, arrayContains, arrayOverlaps, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Page, PageRequest } from '../../platform/connection.ts';
import { fetchPage, fetchPagesPerParent, countRows } from '../../platform/keyset.ts';
import { byId, groupBy } from '../../platform/loaders.ts';
import { anyOf, preparedRead } from '../../platform/prepared.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { serviceLines, usageRecords, type SERVICE_LINE_STATUSES, type PRODUCT_LINES } from './tables.ts';
import type { ServiceLineRow } from './models.ts';

/** The reads of the service-lines subgraph: the only SQL over its tables, outside of public.ts. */
export interface ServiceLineFilter {
  workspaceId?: string;
  projectId?: string;
  status?: ReadonlyArray<(typeof SERVICE_LINE_STATUSES)[number]>;
  productLine?: ReadonlyArray<(typeof PRODUCT_LINES)[number]>;
}

export const scoped = (scope: Scope) => inScope(scope, { organizationId: serviceLines.organizationId, workspaceId: serviceLines.workspaceId });

function filterSql(scope: Scope, filter: ServiceLineFilter): SQL {
  return and(
    scoped(scope),
    filter.workspaceId ? eq(serviceLines.workspaceId, filter.workspaceId) : undefined,
    // @> rather than = any(...), so the GIN index on project_ids answers it.
    filter.projectId ? arrayContains(serviceLines.projectIds, [filter.projectId]) : undefined,
    filter.status?.length ? inArray(serviceLines.status, [...filter.status]) : undefined,
    filter.productLine?.length ? inArray(serviceLines.productLine, [...filter.productLine]) : undefined,
  )!;
}

const serviceLinesByIdsRead = preparedRead('serviceLinesByIds', (db, scope) => db.select().from(serviceLines).where(and(anyOf(serviceLines.id), scoped(scope))));

export async function serviceLinesByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, ServiceLineRow>> {
  return byId(await serviceLinesByIdsRead(db, scope, { ids }));
}

export function listServiceLines(db: Db, scope: Scope, filter: ServiceLineFilter, page: PageRequest) {
  return fetchPage(db, { table: serviceLines, id: serviceLines.id, where: filterSql(scope, filter) }, page);
}

export function countServiceLines(db: Db, scope: Scope, filter: ServiceLineFilter) {
  return countRows(db, serviceLines, filterSql(scope, filter));
}

/** One page of lines for each workspace in one statement, of the columns given (the whole row without). */
export function serviceLinePagesByWorkspace(db: Db, scope: Scope, workspaceIds: readonly string[], filter: ServiceLineFilter, page: PageRequest, columns?: readonly string[]) {
  return fetchPagesPerParent(db, {
    table: serviceLines, id: serviceLines.id, parent: serviceLines.workspaceId, parentIds: workspaceIds, where: filterSql(scope, filter), withTotal: true, columns,
  }, page);
}

/**
 * One page of lines for each project in one statement. A line names its projects in an array: it
 * is unnested into one row per label, and each label is the parent platform/keyset.ts ranks within.
 */
export function serviceLinePagesByProject(
  db: Db,
  scope: Scope,
  projectIds: readonly string[],
  filter: ServiceLineFilter,
  page: PageRequest,
  columns?: readonly string[],
): Promise<Map<string, Page<ServiceLineRow>>> {
  return fetchPagesPerParent(db, {
    table: serviceLines,
    id: serviceLines.id,
    parent: sql<string>`lp.project_id`,
    lateral: sql`unnest(${serviceLines.projectIds}) as lp(project_id)`,
    parentIds: projectIds,
    // && lets the GIN index find the candidate lines; the unnested label then picks the parent.
    where: and(filterSql(scope, { status: filter.status, productLine: filter.productLine }), arrayOverlaps(serviceLines.projectIds, [...projectIds])),
    withTotal: true,
    columns,
  }, page);
}

export interface UsageTotal {
  metric: string;
  quantity: number;
  cost: number;
  currency: string;
  /** The line's cost over all its metrics in the range, summed exactly in SQL. */
  lineCost: number;
}

const usageRead = preparedRead('usageByLineIds', (db, scope) => db
  .select({
    serviceLineId: usageRecords.serviceLineId,
    metric: usageRecords.metric,
    currency: usageRecords.currency,
    quantity: sql<number>`sum(${usageRecords.quantity})`.mapWith(Number),
    cost: sql<number>`sum(${usageRecords.cost})`.mapWith(Number),
    lineCost: sql<number>`sum(sum(${usageRecords.cost})) over (partition by ${usageRecords.serviceLineId})`.mapWith(Number),
  })
  .from(usageRecords)
  .where(and(
    anyOf(usageRecords.serviceLineId),
    inScope(scope, { organizationId: usageRecords.organizationId, workspaceId: usageRecords.workspaceId }),
    gte(usageRecords.recordedAt, sql.param(sql.placeholder('start'), usageRecords.recordedAt)),
    lt(usageRecords.recordedAt, sql.param(sql.placeholder('end'), usageRecords.recordedAt)),
  ))
  .groupBy(usageRecords.serviceLineId, usageRecords.metric, usageRecords.currency)
  .orderBy(usageRecords.serviceLineId, usageRecords.metric, usageRecords.currency));

/**
 * Usage of many lines over one half-open time range [start, end), per metric (and currency),
 * metrics ordered by name: one statement for every line of a page.
 */
export async function usageByLineIds(
  db: Db,
  scope: Scope,
  lineIds: readonly string[],
  range: { start: Date; end: Date },
): Promise<Map<string, UsageTotal[]>> {
  const rows = await usageRead(db, scope, { ids: lineIds, start: range.start, end: range.end });
  return groupBy(lineIds, rows, (r) => r.serviceLineId);
}
