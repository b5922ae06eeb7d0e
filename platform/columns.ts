import { getTableColumns } from 'drizzle-orm';
import { timestamp, numeric, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';

/**
 * The columns of `table` named by `keys` (drizzle's property names), by key: what a select reads
 * when a selection-aware read (platform/subgraph/selection.ts) takes only some; all of them without
 * keys. Its type is the whole table's: a row read through it claims columns that nobody asked for
 * and nobody reads.
 */
export function tableColumns<T extends PgTable>(table: T, keys?: readonly string[]): T['_']['columns'] {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  return (keys ? Object.fromEntries(keys.map((key) => [key, all[key]])) : all) as T['_']['columns'];
}

/** A timestamptz read and written as a JS Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** created_at, defaulting to the transaction's time. */
export const createdAt = () => ts('created_at').notNull().defaultNow();
export const updatedAt = () => ts('updated_at').notNull().defaultNow();

/** Exact decimal (money, hours) read as a JS number: the API prints numbers, not strings. */
export const decimal = (name: string, precision = 18, scale = 2) => numeric(name, { precision, scale, mode: 'number' });
