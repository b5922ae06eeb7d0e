import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import type { Scope } from '../../platform/scope.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/server.ts';
import { schemaFileOf } from '../registry.ts';
import { auditLogs } from './tables.ts';
import { auditScope } from './data.ts';
import { recordAudit, recordWriteAttempt } from './record.ts';
import { startAuditRetention } from './retention.ts';

/**
 * The audit-logs subgraph's public module: the one file of this folder that code outside it may
 * import (everything else here is private); only this subgraph's code reads or writes its table.
 */
export const definition: SubgraphDefinition = {
  name: 'audit-logs',
  schemaFile: schemaFileOf('audit-logs'),
  loadResolvers: async () => (await import('./resolvers/index.ts')).resolvers,
  /** The process serving this subgraph sweeps entries older than 12 months, hourly (off with `workers: false`). */
  start(deps) {
    if (deps.workers === false) return;
    return startAuditRetention(deps.database);
  },
};

// ---------------------------------------------------------------------------------------------
// Reads (node(id:) asks which IDs exist for the caller)

export const existingAuditLogs = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, auditLogs, auditLogs.id, ids, auditScope(scope));

// ---------------------------------------------------------------------------------------------
// Writes: the trail's only writers. Every subgraph's server records its mutations' attempts with
// `recordWriteAttempt` (platform/subgraph/write-audit.ts, given by the composition roots); the
// gateway records export submissions with `record`.

export const auditLogWrites = { recordWriteAttempt, record: recordAudit };
export type { AuditEntry } from './record.ts';
