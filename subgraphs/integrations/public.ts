import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import type { Scope } from '../../platform/scope.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/server.ts';
import { schemaFileOf } from '../registry.ts';
import { integrations, syncRuns } from './tables.ts';
import { integrationScope } from './data.ts';
import { credentialsKeyOf } from './credentials-key.ts';

/**
 * The integrations subgraph's public module: the one file of this folder that code outside it may
 * import (everything else here is private); only this subgraph's code reads its tables.
 */
export const definition: SubgraphDefinition = {
  name: 'integrations',
  schemaFile: schemaFileOf('integrations'),
  loadResolvers: async () => (await import('./resolvers/index.ts')).resolvers,
  // A malformed CREDENTIALS_KEY stops the subgraph from starting, not its first write.
  start: (deps) => void credentialsKeyOf(deps),
};

// ---------------------------------------------------------------------------------------------
// Reads (node(id:) asks which IDs exist for the caller)

export const existingIntegrations = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, integrations, integrations.id, ids, integrationScope(scope));

/** Sync runs are visible through their integration. */
export const existingSyncRuns = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, syncRuns, syncRuns.id, ids, integrationScope(scope), { table: integrations, on: eq(integrations.id, syncRuns.integrationId) });

/** Service Line health's read (subgraphs/service-lines/health): failing integrations of many workspaces per statement. */
export { failingIntegrationsByWorkspace, type FailingIntegration } from './data-health.ts';
/** The key that seals secrets at rest (CREDENTIALS_KEY, else derived from AUTH_SECRET): webhook signing secrets are sealed like credentials. */
export { credentialsKeyOf } from './credentials-key.ts';
