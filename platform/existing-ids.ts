import { and, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db.ts';

/**
 * Which of `ids` exist in `table` within a scope condition: one statement, by primary key. Owners
 * export this per type so `node(id:)` and write validation can ask without reading their tables.
 * A row visible through its parent (an SLA through its pod) names the parent to join `through`.
 */
export async function existingIds(
  db: Db, table: PgTable, id: PgColumn, ids: readonly string[], scope: SQL, through?: { table: PgTable; on: SQL },
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const query = db.select({ id }).from(table).$dynamic();
  const rows = await (through ? query.innerJoin(through.table, through.on) : query).where(and(inArray(id, [...ids]), scope));
  return new Set(rows.map((r) => r.id as string));
}
