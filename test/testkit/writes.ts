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

/**
 * Columns that change in the background, after the request that wrote the row: an export job's
 * progress, which the gateway's worker moves on its own. An update of any other column counts.
 */
const BACKGROUND_COLUMNS: Record<string, string[]> = {
  'gateway.export_jobs': ['status', 'objects_written', 'bytes_written', 'chunks_written', 'resume_after', 'error_message', 'started_at', 'heartbeat_at', 'finished_at', 'expires_at'],
};

export type WriteSnapshot = Record<string, string>;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * How many rows of every table the graph writes have been inserted, updated or deleted (committed
 * changes only), and the event log's last `seq`: equal snapshots before and after a request mean
 * it changed nothing and appended no event. The first call installs, in the test's own database,
 * a row trigger on each of those tables that records every change in `testkit.changes` inside the
 * writing transaction (so a rolled-back write records nothing), which makes a snapshot one cheap
 * statement however large the tables are. The database is asked for on each call, as a file's
 * test database exists only once its tests run.
 */
export function writeSnapshots(databaseOf: () => Database): () => Promise<WriteSnapshot> {
  let statement: ReturnType<typeof sql.raw> | undefined;
  return async () => {
    const database = databaseOf();
    if (!statement) {
      const columns = await database.rows<{ name: string; column: string }>(sql`
        select c.table_schema || '.' || c.table_name as name, c.column_name as column
        from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
        where t.table_type = 'BASE TABLE' and c.table_schema in (${sql.join(SCHEMAS.map((s) => sql`${s}`), sql`, `)})
        order by 1, c.ordinal_position`);
      const tables = new Map<string, string[]>();
      for (const { name, column } of columns) {
        if (LEFT_OUT.has(name)) continue;
        tables.set(name, [...(tables.get(name) ?? []), column]);
      }
      await database.rows(sql.raw('create schema if not exists testkit'));
      await database.rows(sql.raw('create table if not exists testkit.changes (id bigserial primary key, table_name text not null)'));
      await database.rows(sql.raw(`create or replace function testkit.record_change() returns trigger language plpgsql as $$
        begin
          insert into testkit.changes (table_name) values (tg_table_schema || '.' || tg_table_name);
          return null;
        end $$`));
      for (const [name, cols] of tables) {
        const background = BACKGROUND_COLUMNS[name];
        const update = background ? `update of ${cols.filter((c) => !background.includes(c)).map(quote).join(', ')}` : 'update';
        const table = name.split('.').map(quote).join('.');
        await database.rows(sql.raw(`drop trigger if exists testkit_changes on ${table}`));
        await database.rows(sql.raw(`create trigger testkit_changes after insert or delete or ${update} on ${table} for each row execute function testkit.record_change()`));
      }
      const names = [...tables.keys()].map((name) => `('${name}')`).join(', ');
      statement = sql.raw(`
        select t.name, coalesce(c.n, 0)::text as n
        from (values ${names}) as t (name)
        left join (select table_name, count(*) as n from testkit.changes group by table_name) c on c.table_name = t.name
        union all select 'events.seq', coalesce(max(seq), 0)::text from events.events`);
    }
    const rows = await database.rows<{ name: string; n: string }>(statement);
    return Object.fromEntries(rows.map((r) => [r.name, String(r.n)]));
  };
}
