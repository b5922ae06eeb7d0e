import { sql } from 'drizzle-orm';
import type { Database } from './db.ts';
import { idSequenceName, type IdPrefix } from './ids.ts';

/** Where each prefix's IDs live: the owning schema and table. */
export const ID_TABLES: ReadonlyArray<{ prefix: IdPrefix; schema: string; table: string }> = [
  { prefix: 'ORG', schema: 'organizations', table: 'organizations' },
  { prefix: 'WS', schema: 'organizations', table: 'workspaces' },
  { prefix: 'USR', schema: 'organizations', table: 'users' },
  { prefix: 'PROJ', schema: 'organizations', table: 'projects' },
  { prefix: 'PLN', schema: 'organizations', table: 'plans' },
  { prefix: 'SUB', schema: 'organizations', table: 'subscriptions' },
  { prefix: 'KEY', schema: 'organizations', table: 'api_keys' },
  { prefix: 'LIN', schema: 'service_lines', table: 'service_lines' },
  { prefix: 'TSK', schema: 'tasks', table: 'tasks' },
  { prefix: 'POD', schema: 'managed_services', table: 'pods' },
  { prefix: 'SLA', schema: 'managed_services', table: 'slas' },
  { prefix: 'TKT', schema: 'managed_services', table: 'tickets' },
  { prefix: 'INC', schema: 'managed_services', table: 'incidents' },
  { prefix: 'INT', schema: 'integrations', table: 'integrations' },
  { prefix: 'SYNC', schema: 'integrations', table: 'sync_runs' },
  { prefix: 'EVT', schema: 'events', table: 'events' },
  { prefix: 'WHK', schema: 'webhooks', table: 'endpoints' },
  { prefix: 'WHD', schema: 'webhooks', table: 'deliveries' },
];

/**
 * After rows were loaded with explicit IDs (the demo data reproduces the docs' IDs), moves each ID
 * sequence past the highest number in use, so the next minted ID is new. Never moves one back.
 */
export async function advanceIdSequences(database: Database): Promise<void> {
  for (const { prefix, schema, table } of ID_TABLES) {
    const seq = `${schema}.${idSequenceName(prefix)}`;
    await database.db.execute(sql.raw(
      `select setval('${seq}', greatest(
         (select coalesce(max(substring(id from '[0-9]+$')::bigint), 0) from ${schema}.${table}),
         (select last_value from ${seq}),
         1))`,
    ));
  }
}
