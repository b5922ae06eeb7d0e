import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { integrations, syncRuns } from './tables.ts';

const integrationScope = (scope: Scope) => inScope(scope, { organizationId: integrations.organizationId, workspaceId: integrations.workspaceId });

export const existingIntegrations = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, integrations, integrations.id, ids, integrationScope(scope));

/** Sync runs are visible through their integration. */
export async function existingSyncRuns(db: Db, scope: Scope, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: syncRuns.id }).from(syncRuns)
    .innerJoin(integrations, eq(integrations.id, syncRuns.integrationId))
    .where(and(inArray(syncRuns.id, [...ids]), integrationScope(scope)));
  return new Set(rows.map((r) => r.id));
}
