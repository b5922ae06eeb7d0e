import { sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../platform/db.ts';
import { idSequenceName, mintedPrefixOf, type IdPrefix } from '../platform/ids.ts';
import * as tables from '../schema/tables.ts';

/**
 * Where each prefix's IDs live, the owning schema and table, read from the tables' minted `id`
 * columns. The gateway's own records (export jobs) are left out: the seed never writes them, so
 * their sequence is never behind.
 */
export const ID_TABLES: ReadonlyArray<{ prefix: IdPrefix; schema: string; table: string }> = Object.values(tables)
  .flatMap((table) => {
    if (!(table instanceof PgTable)) return [];
    const { schema, name, columns } = getTableConfig(table);
    const id = columns.find((column) => column.name === 'id');
    const prefix = id && mintedPrefixOf(id);
    return prefix && schema && schema !== 'gateway' ? [{ prefix, schema, table: name }] : [];
  });

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
