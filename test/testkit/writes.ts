import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';

/** The schemas the graph writes: each subgraph's, and the gateway's own. */
const SCHEMAS = ['organizations', 'service_lines', 'tasks', 'integrations', 'managed_services', 'events', 'gateway'];

/**
 * Tables left out: an Idempotency-Key's row keeps whatever the graph answered, refusals included
 * (by design, rest/idempotency.ts), and export chunks are written by the export worker in the
 * background, not by the request.
 */
const LEFT_OUT = new Set(['gateway.idempotency_keys', 'gateway.export_chunks']);

export type WriteSnapshot = Record<string, number>;

/**
 * The row count of every table the graph writes, and the event log's last `seq`, in one statement:
 * equal snapshots before and after a request mean it wrote no row and appended no event (every
 * write appends its event in its own transaction, so an update shows in `events.seq`). The database
 * is asked for on each call, as a file's test database exists only once its tests run.
 */
export function writeSnapshots(databaseOf: () => Database): () => Promise<WriteSnapshot> {
  let statement: ReturnType<typeof sql.raw> | undefined;
  return async () => {
    const database = databaseOf();
    if (!statement) {
      const tables = await database.rows<{ name: string }>(sql`
        select table_schema || '.' || table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema in (${sql.join(SCHEMAS.map((s) => sql`${s}`), sql`, `)})
        order by 1`);
      const counts = tables
        .filter((t) => !LEFT_OUT.has(t.name))
        .map((t) => `select '${t.name}' as name, count(*)::int as n from ${t.name.split('.').map((p) => `"${p}"`).join('.')}`);
      statement = sql.raw([...counts, `select 'events.seq' as name, coalesce(max(seq), 0)::int as n from events.events`].join(' union all '));
    }
    const rows = await database.rows<{ name: string; n: number }>(statement);
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
  };
}
