import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import type { Scope } from '../../platform/scope.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/server.ts';
import { schemaFileOf } from '../registry.ts';
import { organizations, workspaces, users, projects, subscriptions, apiKeys } from './tables.ts';
import { workspaceScoped, userScoped, projectScoped, subscriptionScoped } from './data.ts';
import type { ApiKeyRow, WorkspaceRow } from './models.ts';

/**
 * The organizations subgraph's public module: the one file of this folder that code outside it may
 * import (everything else here is private). Other subgraphs ask it, in-process and inside their own
 * transactions, about the tenancy objects they reference; the gateway finds API keys through it.
 * The database is shared on purpose (docs/architecture.md); only this subgraph's code reads its tables.
 */
export const definition: SubgraphDefinition = {
  name: 'organizations',
  schemaFile: schemaFileOf('organizations'),
  loadResolvers: async () => (await import('./resolvers/index.ts')).resolvers,
};

// ---------------------------------------------------------------------------------------------
// Reads

export type { ApiKeyRow, WorkspaceRow };

/** Whether an organization exists (tools outside any request ask: `npm run token`). */
export async function organizationExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  return row !== undefined;
}

/** The user a tool acts as when none is named: the organization's first active owner or admin, else its first user. */
export async function defaultActorOf(db: Db, organizationId: string): Promise<string | undefined> {
  const [row] = await db.select({ id: users.id }).from(users)
    .where(eq(users.organizationId, organizationId))
    .orderBy(sql`(${users.status} = 'active' and ${users.role} in ('owner', 'admin')) desc`, users.id)
    .limit(1);
  return row?.id;
}

/** A workspace visible to the scope, or undefined. */
export async function findWorkspace(db: Db, scope: Scope, id: string): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces).where(and(eq(workspaces.id, id), workspaceScoped(scope)));
  return row;
}

/** Users of the scope's organization (users belong to the organization, not to one workspace). */
export const existingUsers = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, users, users.id, ids, userScoped(scope));

export const existingProjects = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, projects, projects.id, ids, projectScoped(scope));

export const existingSubscriptions = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, subscriptions, subscriptions.id, ids, subscriptionScoped(scope));

/**
 * The key whose secret hashes to `secretHash`, revoked and expired ones included (the gateway says
 * which). Authentication asks this before there is any principal, so no scope applies: the hash,
 * under a unique index, is itself the proof of which tenant's key it is.
 */
export async function findApiKeyByHash(db: Db, secretHash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.secretHash, secretHash));
  return row;
}

// ---------------------------------------------------------------------------------------------
// Writes

export const organizationWrites = {
  /**
   * Records that a key was used. A row touched less than a minute ago is left alone, so replicas that
   * each throttle in memory still write at most about once a minute per key between them.
   */
  async markApiKeyUsed(db: Db, id: string): Promise<void> {
    await db.update(apiKeys).set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`))));
  },
};

// ---------------------------------------------------------------------------------------------
// Operator commands (npm run admin)

export { createOrganizationWithOwner, createOwnerKey } from './admin.ts';
