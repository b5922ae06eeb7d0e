import { and, asc, eq, gt, gte, inArray, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { PageRequest } from '../../platform/connection.ts';
import { fetchPage, fetchPagesPerParentLateral, countRows } from '../../platform/keyset.ts';
import { byId, groupBy } from '../../platform/loaders.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { attempts, deliveries, endpoints, secrets, type DELIVERY_STATUSES } from './tables.ts';
import type { AttemptRow, DeliveryRow, EndpointRow } from './models.ts';

/**
 * The reads of the webhooks subgraph: the only SQL over its tables outside commands.ts and the
 * delivery worker. Sealed secrets are never selected here; only when a rotated-out one expires.
 */
export interface EndpointFilter {
  workspaceId?: string;
  enabled?: boolean;
}

export interface DeliveryFilter {
  /** Exact types and prefixes ending in a dot. */
  eventTypes?: readonly string[];
  eventId?: string;
  status?: ReadonlyArray<(typeof DELIVERY_STATUSES)[number]>;
  /** Half-open [from, to) on when the delivery was queued. */
  from?: Date;
  to?: Date;
}

export const endpointScope = (scope: Scope) => inScope(scope, { organizationId: endpoints.organizationId, workspaceId: endpoints.workspaceId });
export const deliveryScope = (scope: Scope) => inScope(scope, { organizationId: deliveries.organizationId, workspaceId: deliveries.workspaceId });

function endpointFilterSql(scope: Scope, filter: EndpointFilter): SQL {
  return and(
    endpointScope(scope),
    filter.workspaceId ? eq(endpoints.workspaceId, filter.workspaceId) : undefined,
    filter.enabled === undefined ? undefined : eq(endpoints.enabled, filter.enabled),
  )!;
}

function deliveryFilterSql(scope: Scope, filter: DeliveryFilter): SQL {
  const exact = filter.eventTypes?.filter((t) => !t.endsWith('.')) ?? [];
  // `_` is a LIKE wildcard and legal in types: escaped, so task_x. never matches taskyx.
  const prefixes = filter.eventTypes?.filter((t) => t.endsWith('.')).map((p) => like(deliveries.eventType, `${p.replace(/_/g, '\\_')}%`)) ?? [];
  return and(
    deliveryScope(scope),
    filter.eventTypes?.length ? or(exact.length ? inArray(deliveries.eventType, exact) : undefined, ...prefixes) : undefined,
    filter.eventId ? eq(deliveries.eventId, filter.eventId) : undefined,
    filter.status?.length ? inArray(deliveries.status, [...filter.status]) : undefined,
    filter.from ? gte(deliveries.createdAt, filter.from) : undefined,
    filter.to ? lt(deliveries.createdAt, filter.to) : undefined,
  )!;
}

export async function endpointsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, EndpointRow>> {
  return byId(await db.select().from(endpoints).where(and(inArray(endpoints.id, [...ids]), endpointScope(scope))));
}

export function listEndpoints(db: Db, scope: Scope, filter: EndpointFilter, page: PageRequest) {
  return fetchPage(db, { table: endpoints, id: endpoints.id, where: endpointFilterSql(scope, filter) }, page);
}

export function countEndpoints(db: Db, scope: Scope, filter: EndpointFilter) {
  return countRows(db, endpoints, endpointFilterSql(scope, filter));
}

/** One page of deliveries per endpoint, newest first, each its own index scan (histories grow long). */
export function deliveryPagesByEndpoint(db: Db, scope: Scope, endpointIds: readonly string[], filter: DeliveryFilter, page: PageRequest) {
  return fetchPagesPerParentLateral(db, {
    table: deliveries, id: deliveries.id, parent: deliveries.endpointId, parentIds: endpointIds, descending: true,
    where: deliveryFilterSql(scope, filter),
  }, page);
}

export async function deliveriesByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, DeliveryRow>> {
  return byId(await db.select().from(deliveries).where(and(inArray(deliveries.id, [...ids]), deliveryScope(scope))));
}

export async function deliveryInScope(db: Db, scope: Scope, endpointId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
  const [row] = await db.select().from(deliveries).where(and(eq(deliveries.id, deliveryId), eq(deliveries.endpointId, endpointId), deliveryScope(scope)));
  return row;
}

/** The attempts of many deliveries in one statement, first to last (a delivery has at most a few dozen). */
export async function attemptsByDelivery(db: Db, organizationId: string, deliveryIds: readonly string[]): Promise<Map<string, AttemptRow[]>> {
  const rows = await db.select().from(attempts)
    .where(and(inArray(attempts.deliveryId, [...deliveryIds]), eq(attempts.organizationId, organizationId)))
    .orderBy(asc(attempts.deliveryId), asc(attempts.attempt));
  return groupBy(deliveryIds, rows, (row) => row.deliveryId);
}

/** Until when each endpoint's rotated-out secret still signs (absent: only the current one signs). */
export async function previousSecretExpiries(db: Db, endpointIds: readonly string[]): Promise<Map<string, Date | null>> {
  const rows = await db.select({ endpointId: secrets.endpointId, expiresAt: sql<Date>`max(${secrets.expiresAt})`.mapWith(secrets.expiresAt) })
    .from(secrets).where(and(inArray(secrets.endpointId, [...endpointIds]), gt(secrets.expiresAt, sql`now()`)))
    .groupBy(secrets.endpointId);
  const found = new Map(rows.map((r) => [r.endpointId, r.expiresAt]));
  return new Map(endpointIds.map((id) => [id, found.get(id) ?? null]));
}
