import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { organizations, workspaces, users, projects, subscriptions, apiKeys } from './tables.ts';

/**
 * What other subgraphs may ask the organizations subgraph, in-process and inside their own
 * transactions. Only this subgraph's code reads its tables.
 */
export type WorkspaceRow = typeof workspaces.$inferSelect;

/** A workspace visible to the scope, or undefined. */
export async function findWorkspace(db: Db, scope: Scope, id: string): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces)
    .where(and(eq(workspaces.id, id), inScope(scope, { organizationId: workspaces.organizationId, workspaceId: workspaces.id })));
  return row;
}

export const existingOrganizations = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, organizations, organizations.id, ids, eq(organizations.id, scope.organizationId));

export const existingWorkspaces = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, workspaces, workspaces.id, ids, inScope(scope, { organizationId: workspaces.organizationId, workspaceId: workspaces.id }));

/** Users of the scope's organization (users belong to the organization, not to one workspace). */
export const existingUsers = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, users, users.id, ids, eq(users.organizationId, scope.organizationId));

export const existingProjects = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, projects, projects.id, ids, eq(projects.organizationId, scope.organizationId));

export const existingSubscriptions = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, subscriptions, subscriptions.id, ids, eq(subscriptions.organizationId, scope.organizationId));

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/**
 * The key whose secret hashes to `secretHash`, revoked and expired ones included (the gateway says
 * which). Authentication asks this before there is any principal, so no scope applies: the hash,
 * under a unique index, is itself the proof of which tenant's key it is.
 */
export async function findApiKeyByHash(db: Db, secretHash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.secretHash, secretHash));
  return row;
}

/**
 * Records that a key was used. A row touched less than a minute ago is left alone, so replicas that
 * each throttle in memory still write at most about once a minute per key between them.
 */
export async function markApiKeyUsed(db: Db, id: string): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
}
