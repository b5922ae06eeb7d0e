import { and, eq, inArray, getTableColumns, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { PageRequest } from '../../platform/connection.ts';
import { fetchPage, fetchPagesPerParent, countRows } from '../../platform/keyset.ts';
import { byId } from '../../platform/loaders.ts';
import { anyOf, preparedRead } from '../../platform/prepared.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { integrations, integrationCredentials, syncRuns, type INTEGRATION_TYPES, type INTEGRATION_STATUSES } from './tables.ts';
import type { IntegrationRow, SyncRunRow } from './models.ts';

/**
 * The reads of the integrations subgraph: the only SQL over its tables, outside of commands.ts.
 * The sealed credentials column is never selected here: the API only learns whether a row exists.
 */
export interface IntegrationFilter {
  workspaceId?: string;
  type?: ReadonlyArray<(typeof INTEGRATION_TYPES)[number]>;
  status?: ReadonlyArray<(typeof INTEGRATION_STATUSES)[number]>;
}

export const integrationScope = (scope: Scope) =>
  inScope(scope, { organizationId: integrations.organizationId, workspaceId: integrations.workspaceId });

function filterSql(scope: Scope, filter: IntegrationFilter): SQL {
  return and(
    integrationScope(scope),
    filter.workspaceId ? eq(integrations.workspaceId, filter.workspaceId) : undefined,
    filter.type?.length ? inArray(integrations.type, [...filter.type]) : undefined,
    filter.status?.length ? inArray(integrations.status, [...filter.status]) : undefined,
  )!;
}

const integrationsByIdsRead = preparedRead('integrationsByIds', (db, scope) => db.select().from(integrations).where(and(anyOf(integrations.id), integrationScope(scope))));

export async function integrationsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, IntegrationRow>> {
  return byId(await integrationsByIdsRead(db, scope, { ids }));
}

export function listIntegrations(db: Db, scope: Scope, filter: IntegrationFilter, page: PageRequest) {
  return fetchPage(db, { table: integrations, id: integrations.id, where: filterSql(scope, filter) }, page);
}

export function countIntegrations(db: Db, scope: Scope, filter: IntegrationFilter) {
  return countRows(db, integrations, filterSql(scope, filter));
}

/** One page of integrations for each workspace in one statement, of the columns given (the whole row without). */
export function integrationPagesByWorkspace(db: Db, scope: Scope, workspaceIds: readonly string[], filter: IntegrationFilter, page: PageRequest, columns?: readonly string[]) {
  return fetchPagesPerParent(db, {
    table: integrations, id: integrations.id, parent: integrations.workspaceId, parentIds: workspaceIds,
    where: filterSql(scope, filter), withTotal: true, columns,
  }, page);
}

/** Which integrations have credentials stored; only the key column is read. */
export async function credentialsStored(db: Db, integrationIds: readonly string[]): Promise<Map<string, boolean>> {
  const rows = await db.select({ integrationId: integrationCredentials.integrationId }).from(integrationCredentials)
    .where(inArray(integrationCredentials.integrationId, [...integrationIds]));
  const stored = new Set(rows.map((r) => r.integrationId));
  return new Map(integrationIds.map((id) => [id, stored.has(id)]));
}

/** Sync runs are visible through their integration (runs carry no workspace of their own). */
export async function syncRunsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, SyncRunRow>> {
  const rows = await db.select(getTableColumns(syncRuns)).from(syncRuns)
    .innerJoin(integrations, eq(integrations.id, syncRuns.integrationId))
    .where(and(inArray(syncRuns.id, [...ids]), integrationScope(scope)));
  return byId(rows);
}

/**
 * One page of sync history for each integration in one statement, newest first: sync IDs are
 * minted in start order, so ID order is time order and the keyset stays on the primary key.
 */
export function syncRunPagesByIntegration(db: Db, scope: Scope, integrationIds: readonly string[], page: PageRequest) {
  return fetchPagesPerParent(db, {
    table: syncRuns, id: syncRuns.id, parent: syncRuns.integrationId, parentIds: integrationIds, descending: true,
    where: eq(syncRuns.organizationId, scope.organizationId), withTotal: true,
  }, page);
}
