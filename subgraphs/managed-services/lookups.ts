import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { pods, slas, tickets, incidents } from './tables.ts';

/** What other subgraphs may ask of managed services; only this subgraph reads its tables. */
const podScope = (scope: Scope) => inScope(scope, { organizationId: pods.organizationId, workspaceId: pods.workspaceId });

export const existingPods = (db: Db, scope: Scope, ids: readonly string[]) => existingIds(db, pods, pods.id, ids, podScope(scope));

/** SLAs are visible through their pod. */
export async function existingSlas(db: Db, scope: Scope, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: slas.id }).from(slas)
    .innerJoin(pods, eq(pods.id, slas.podId))
    .where(and(inArray(slas.id, [...ids]), podScope(scope)));
  return new Set(rows.map((r) => r.id));
}

export const existingTickets = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, tickets, tickets.id, ids, inScope(scope, { organizationId: tickets.organizationId, workspaceId: tickets.workspaceId }));

export const existingIncidents = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, incidents, incidents.id, ids, inScope(scope, { organizationId: incidents.organizationId, workspaceId: incidents.workspaceId }));
