import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * Selection-aware reads: the columns of a table that the fields a query selects need, so a list
 * reads only those. A screen asks a handful of a row's fields (a task's title and status, not its
 * description, external binding or three timestamps), and every column read is decoded by the
 * driver (a timestamp into a Date), mapped by drizzle and collected as garbage, per row.
 */

type Info = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * The names of the fields a query selects on the objects of a connection: its `nodes { ... }` and
 * `edges { node { ... } }`. Fragments are followed whatever their type condition, and
 * @skip/@include are not evaluated: the set may name more fields than are resolved, never fewer.
 */
export function selectedFields(info: Info): Set<string> {
  const fields = new Set<string>();
  // A validated operation has no cycle of fragment spreads.
  const walk = (set: SelectionSetNode | undefined, onField: (field: FieldNode) => void) => {
    if (!set) return;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) onField(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, onField);
      else walk((info.fragments[selection.name.value] as FragmentDefinitionNode | undefined)?.selectionSet, onField);
    }
  };
  const own = (field: FieldNode) => fields.add(field.name.value);
  for (const node of info.fieldNodes) {
    walk(node.selectionSet, (field) => {
      if (field.name.value === 'nodes') walk(field.selectionSet, own);
      else if (field.name.value === 'edges') {
        walk(field.selectionSet, (edge) => {
          if (edge.name.value === 'node') walk(edge.selectionSet, own);
        });
      }
    });
  }
  fields.delete('__typename');
  return fields;
}

/** Distinct column sets a `columnSelection` reads partial rows with; past them, whole rows. */
export const MAX_COLUMN_SETS = 32;

/** The keys (drizzle's property names) of a table's columns. */
export type ColumnKey<TTable extends PgTable> = keyof TTable['$inferSelect'] & string;

export interface ColumnSelection<TTable extends PgTable> {
  /**
   * The columns the selection of `info` needs, in the table's order; undefined when it needs the
   * whole row. Computed once per field of an operation (the gateway sends the same documents again).
   */
  (info: Info): readonly ColumnKey<TTable>[] | undefined;
}

/**
 * How a GraphQL type's fields map onto its table, for selection-aware reads of a connection of it. A field named like a
 * column reads that column; `needs` names the columns of every other field resolved from the row
 * (a reference by foreign key, a value built of several columns, a nested list keyed by the row's
 * ID); `always` are read whatever the selection (the ID, which cursors and nested lists name). A
 * selected field found in neither makes the read take the whole row: a field this map does not know
 * is never resolved from a partial row.
 *
 * Each column set is a statement text of its own, which the driver and the database prepare once
 * per connection and keep. A table's columns make thousands of subsets, so a map serves at most
 * `MAX_COLUMN_SETS` distinct ones (the first met: a client's screens ask a few); a selection needing
 * another reads the whole row, as the statement always did, and no client can grow those caches.
 */
export function columnSelection<TTable extends PgTable>(
  table: TTable,
  needs: Partial<Record<string, readonly ColumnKey<TTable>[]>>,
  always: readonly ColumnKey<TTable>[] = ['id' as ColumnKey<TTable>],
): ColumnSelection<TTable> {
  const keys = Object.keys(getTableColumns(table)) as ColumnKey<TTable>[];
  const cache = new WeakMap<readonly FieldNode[], readonly ColumnKey<TTable>[] | undefined>();
  const sets = new Map<string, readonly ColumnKey<TTable>[]>();
  const compute = (info: Info) => {
    const wanted = new Set<string>(always);
    for (const field of selectedFields(info)) {
      const columns = Object.hasOwn(needs, field) ? needs[field]! : keys.includes(field as ColumnKey<TTable>) ? [field] : undefined;
      if (!columns) return undefined;
      for (const column of columns) wanted.add(column);
    }
    if (wanted.size === keys.length) return undefined;
    const columns = keys.filter((key) => wanted.has(key));
    const key = columns.join();
    const known = sets.get(key);
    if (known) return known;
    if (sets.size >= MAX_COLUMN_SETS) return undefined;
    sets.set(key, columns);
    return columns;
  };
  return (info) => {
    // graphql-js and graphql-jit hand every call of a field the same fieldNodes array.
    if (cache.has(info.fieldNodes)) return cache.get(info.fieldNodes);
    const columns = compute(info);
    cache.set(info.fieldNodes, columns);
    return columns;
  };
}
