import { and, arrayContains, arrayOverlaps, asc, desc, eq, gt, gte, inArray, lt, lte, sql, getTableColumns, type SQL } from 'drizzle-orm';
import type { Db } from '../kit/db.ts';
import type { Page, PageRequest } from '../kit/connection.ts';
import { fetchPage, fetchPagesPerParent, countRows } from '../kit/keyset.ts';
import { byId, groupBy } from '../kit/loaders.ts';
import { inScope, type Scope } from '../kit/scope.ts';
import { serviceLines, usageRecords, type SERVICE_LINE_STATUSES, type PRODUCT_LINES } from './tables.ts';
import type { ServiceLineRow } from './models.ts';

/** The reads of the service-lines subgraph: the only SQL over its tables, outside of lookups.ts. */
export interface ServiceLineFilter {
  workspaceId?: string;
  projectId?: string;
  status?: ReadonlyArray<(typeof SERVICE_LINE_STATUSES)[number]>;
  productLine?: ReadonlyArray<(typeof PRODUCT_LINES)[number]>;
}

const scoped = (scope: Scope) => inScope(scope, { organizationId: serviceLines.organizationId, workspaceId: serviceLines.workspaceId });

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

export async function serviceLinesByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, ServiceLineRow>> {
  return byId(await db.select().from(serviceLines).where(and(inArray(serviceLines.id, [...ids]), scoped(scope))));
}

export function listServiceLines(db: Db, scope: Scope, filter: ServiceLineFilter, page: PageRequest) {
  return fetchPage(db, { table: serviceLines, id: serviceLines.id, where: filterSql(scope, filter) }, page);
}

export function countServiceLines(db: Db, scope: Scope, filter: ServiceLineFilter) {
  return countRows(db, serviceLines, filterSql(scope, filter));
}

/** One page of lines for each workspace in one statement. */
export function serviceLinePagesByWorkspace(db: Db, scope: Scope, workspaceIds: readonly string[], filter: ServiceLineFilter, page: PageRequest) {
  return fetchPagesPerParent(db, {
    table: serviceLines, id: serviceLines.id, parent: serviceLines.workspaceId, parentIds: workspaceIds, where: filterSql(scope, filter), withTotal: true,
  }, page);
}

/**
 * One page of lines for each project in one statement. A line names its projects in an array, so
 * the kit's per-parent query (one parent column) does not fit: each line is unnested into one row
 * per label, then ranked by ID within each project exactly as the kit ranks (rows before the cursor
 * get rank 0 and are dropped, so a cursor does not shrink the total).
 */
export async function serviceLinePagesByProject(
  db: Db,
  scope: Scope,
  projectIds: readonly string[],
  filter: ServiceLineFilter,
  page: PageRequest,
): Promise<Map<string, Page<ServiceLineRow>>> {
  const project = sql<string>`lp.project_id`;
  const orderBy = page.backward ? desc(serviceLines.id) : asc(serviceLines.id);
  const after = page.cursorId === null ? undefined
    : page.backward ? lt(serviceLines.id, page.cursorId) : gt(serviceLines.id, page.cursorId);
  const rank = after
    ? sql<number>`count(*) filter (where ${after}) over (partition by ${project} order by ${orderBy})`
    : sql<number>`row_number() over (partition by ${project} order by ${orderBy})`;
  const ranked = db
    .select({
      ...getTableColumns(serviceLines),
      __parent: sql<string>`${project}`.as('__parent'),
      __keep: sql<boolean>`${after ?? sql`true`}`.as('__keep'),
      __rn: rank.as('__rn'),
      __total: sql<number>`count(*) over (partition by ${project})`.as('__total'),
    })
    .from(serviceLines)
    .crossJoinLateral(sql`unnest(${serviceLines.projectIds}) as lp(project_id)`)
    .where(and(
      filterSql(scope, { status: filter.status, productLine: filter.productLine }),
      // && lets the GIN index find the candidate lines; the unnested label then picks the parent.
      arrayOverlaps(serviceLines.projectIds, [...projectIds]),
      inArray(project, [...projectIds]),
    ))
    .as('ranked');
  const rows = await db
    .select()
    .from(ranked)
    .where(and(sql`${ranked.__keep}`, lte(ranked.__rn, page.limit + 1)))
    .orderBy(ranked.__parent, ranked.__rn);
  const pages = new Map<string, Page<ServiceLineRow>>(projectIds.map((id) => [id, { rows: [], hasMore: false, total: 0 }]));
  for (const { __parent, __rn, __total, __keep: _keep, ...row } of rows) {
    const p = pages.get(__parent)!;
    p.total = Number(__total);
    if (Number(__rn) > page.limit) p.hasMore = true;
    else p.rows.push(row);
  }
  if (page.backward) for (const p of pages.values()) p.rows.reverse();
  return pages;
}

export interface UsageTotal {
  metric: string;
  quantity: number;
  cost: number;
  currency: string;
  /** The line's cost over all its metrics in the range, summed exactly in SQL. */
  lineCost: number;
}

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
  const rows = await db
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
      inArray(usageRecords.serviceLineId, [...lineIds]),
      inScope(scope, { organizationId: usageRecords.organizationId, workspaceId: usageRecords.workspaceId }),
      gte(usageRecords.recordedAt, range.start),
      lt(usageRecords.recordedAt, range.end),
    ))
    .groupBy(usageRecords.serviceLineId, usageRecords.metric, usageRecords.currency)
    .orderBy(usageRecords.serviceLineId, usageRecords.metric, usageRecords.currency);
  return groupBy(lineIds, rows, (r) => r.serviceLineId);
}
