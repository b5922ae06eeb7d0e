import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { PageRequest } from '../../platform/connection.ts';
import { fetchPage, countRows } from '../../platform/keyset.ts';
import { byId } from '../../platform/loaders.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { apiKeys } from './tables.ts';
import type { ApiKeyRow } from './models.ts';

/**
 * Reads of API keys. A narrowed caller sees only the keys narrowed to its own workspace: an
 * organization-wide key could reach every workspace, so it is not a narrowed caller's to see.
 */
export const apiKeyScoped = (scope: Scope) => inScope(scope, { organizationId: apiKeys.organizationId, workspaceId: apiKeys.workspaceId });

export interface ApiKeyFilter {
  includeRevoked: boolean;
}

const filterSql = (scope: Scope, filter: ApiKeyFilter) =>
  and(apiKeyScoped(scope), filter.includeRevoked ? undefined : isNull(apiKeys.revokedAt))!;

export async function apiKeysByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, ApiKeyRow>> {
  return byId(await db.select().from(apiKeys).where(and(inArray(apiKeys.id, [...ids]), apiKeyScoped(scope))));
}

export function listApiKeys(db: Db, scope: Scope, filter: ApiKeyFilter, page: PageRequest) {
  return fetchPage(db, { table: apiKeys, id: apiKeys.id, where: filterSql(scope, filter) }, page);
}

export function countApiKeys(db: Db, scope: Scope, filter: ApiKeyFilter) {
  return countRows(db, apiKeys, filterSql(scope, filter));
}
