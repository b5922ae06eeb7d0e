import { and, asc, desc, gt, lt, lte, sql, getTableColumns, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db.ts';
import type { Page, PageRequest } from './connection.ts';

/**
 * Keyset pagination in SQL. A list is ordered by one unique column (the ID, or the event log's
 * seq); the cursor names the last row seen and its sort value is found through the primary-key
 * index, so page 10,000 costs what page 1 costs and no OFFSET is ever used.
 */
export interface ListSpec<TTable extends PgTable> {
  table: TTable;
  id: PgColumn;
  /** Unique sort column; defaults to the ID. */
  sort?: PgColumn;
  descending?: boolean;
  where?: SQL;
}

type Row<TTable extends PgTable> = TTable['$inferSelect'];

function ordering(spec: ListSpec<PgTable>, page: PageRequest) {
  const sortColumn = spec.sort ?? spec.id;
  const reverse = Boolean(spec.descending) !== page.backward;
  let after: SQL | undefined;
  if (page.cursorId !== null) {
    // The anchor is looked up among the rows the list itself may return (its scope and filters),
    // so a cursor naming another tenant's row behaves exactly like one naming no row at all:
    // its position must not shape the page (that would reveal the row exists, and roughly where).
    const anchor = spec.sort
      ? sql`(select ${sortColumn} from ${spec.table} where ${spec.id} = ${page.cursorId}${spec.where ? sql` and ${spec.where}` : sql``})`
      : sql`${page.cursorId}`;
    after = reverse ? lt(sortColumn, anchor) : gt(sortColumn, anchor);
  }
  return { sortColumn, reverse, after, orderBy: reverse ? desc(sortColumn) : asc(sortColumn) };
}

/** One page of a list. */
export async function fetchPage<TTable extends PgTable>(db: Db, spec: ListSpec<TTable>, page: PageRequest): Promise<Page<Row<TTable>>> {
  const { after, orderBy } = ordering(spec, page);
  const rows = (await db
    .select()
    .from(spec.table as PgTable)
    .where(and(spec.where, after))
    .orderBy(orderBy)
    .limit(page.limit + 1)) as Row<TTable>[];
  const hasMore = rows.length > page.limit;
  if (hasMore) rows.pop();
  if (page.backward) rows.reverse();
  return { rows, hasMore };
}

/** Counts a list's rows (for `totalCount`, only when a client asks for it). */
export async function countRows(db: Db, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where);
  return Number(row.n);
}

/**
 * The same page of a nested list for many parents in ONE statement: the top N rows per parent via
 * `row_number() over (partition by parent ...)`, with each parent's total from a window count.
 * This is what keeps `serviceLines { tasks(first: 10) }` at one query whatever the page sizes.
 */
export async function fetchPagesPerParent<TTable extends PgTable>(
  db: Db,
  spec: ListSpec<TTable> & {
    /** The parent key: a column, or an expression over `lateral` (a row may have several parents). */
    parent: PgColumn | SQL;
    parentIds: readonly string[];
    withTotal?: boolean;
    /** A set-returning expression joined laterally, e.g. `unnest(project_ids) as lp(project_id)`. */
    lateral?: SQL;
    /**
     * The keys of the columns to read (platform/subgraph/selection.ts), the ID among them; the whole
     * row when absent. A row then holds only these: its type claims the rest, which nobody reads.
     */
    columns?: readonly string[];
  },
  page: PageRequest,
): Promise<Map<string, Page<Row<TTable>>>> {
  const { after, orderBy } = ordering(spec, page);
  // The cursor must not shrink a parent's total, so it filters the rank instead of the rows:
  // rows before the cursor get rank 0 and are dropped by the outer query.
  const rank = after
    ? sql<number>`count(*) filter (where ${after}) over (partition by ${spec.parent} order by ${orderBy})`
    : sql<number>`row_number() over (partition by ${spec.parent} order by ${orderBy})`;
  const columns = columnsOf(spec.table as PgTable, spec.columns);
  const ranked = db
    .select({
      ...columns,
      __parent: sql<string>`${spec.parent}`.as('__parent'),
      __keep: sql<boolean>`${after ?? sql`true`}`.as('__keep'),
      __rn: rank.as('__rn'),
      __total: (spec.withTotal ? sql<number>`count(*) over (partition by ${spec.parent})` : sql<number>`0`).as('__total'),
    })
    .from(spec.table as PgTable)
    .$dynamic();
  const joined = (spec.lateral ? ranked.crossJoinLateral(spec.lateral) : ranked)
    // The parent IDs as one array: the statement's text is the same whatever their number (db.ts prepares it).
    .where(and(spec.where, sql`${spec.parent} = any(${sql.param([...spec.parentIds])})`))
    .as('ranked');
  // Rows past the page's end are cut here; the one extra row per parent tells hasMore. The table's
  // columns are read as an object of their own (drizzle maps it so), not copied out of each row.
  const rows = await db
    .select({ row: subqueryColumns(joined, columns), parent: joined.__parent, rn: joined.__rn, total: joined.__total })
    .from(joined)
    .where(and(sql`${joined.__keep}`, lte(joined.__rn, page.limit + 1)))
    .orderBy(joined.__parent, joined.__rn);
  const pages = new Map<string, Page<Row<TTable>>>(spec.parentIds.map((id) => [id, { rows: [], hasMore: false, total: spec.withTotal ? 0 : undefined }]));
  for (const { row, parent, rn, total } of rows) {
    const p = pages.get(parent)!;
    if (spec.withTotal) p.total = Number(total);
    if (Number(rn) > page.limit) p.hasMore = true;
    else p.rows.push(row as Row<TTable>);
  }
  if (page.backward) for (const p of pages.values()) p.rows.reverse();
  return pages;
}

/**
 * The same pages as fetchPagesPerParent (without totals), each parent's page read by its own
 * LATERAL subquery: an index scan on (parent, sort) that stops after limit + 1 rows. The window
 * function ranks every row of every parent before cutting, which costs nothing on a task list but
 * reads an organization's whole event log; lists with long per-parent histories use this one.
 */
export async function fetchPagesPerParentLateral<TTable extends PgTable>(
  db: Db,
  /** `columns`: as fetchPagesPerParent's (the sort column is read whatever they say). */
  spec: ListSpec<TTable> & { parent: PgColumn; parentIds: readonly string[]; columns?: readonly string[] },
  page: PageRequest,
): Promise<Map<string, Page<Row<TTable>>>> {
  const pages = new Map<string, Page<Row<TTable>>>(spec.parentIds.map((id) => [id, { rows: [], hasMore: false }]));
  if (spec.parentIds.length === 0) return pages;
  const { sortColumn, reverse, after, orderBy } = ordering(spec, page);
  const tableColumns = getTableColumns(spec.table as PgTable);
  const sortKey = Object.keys(tableColumns).find((key) => tableColumns[key] === sortColumn)!;
  const selected = columnsOf(spec.table as PgTable, spec.columns && !spec.columns.includes(sortKey) ? [...spec.columns, sortKey] : spec.columns);
  // One array of IDs (the same statement text whatever their number; db.ts prepares it).
  const parents = sql`unnest(${sql.param([...spec.parentIds])}::text[]) as __parents(id)`;
  const top = db
    .select(selected)
    .from(spec.table as PgTable)
    .where(and(spec.where, after, sql`${spec.parent} = __parents.id`))
    .orderBy(orderBy)
    .limit(page.limit + 1)
    .as('__top');
  const columns = Object.keys(selected);
  // The outer query reads the subquery's columns; drizzle keeps their decoders (dates, bigints).
  const field = (key: string) => (top as unknown as Record<string, PgColumn>)[key];
  const rows = await db
    .select({ ...Object.fromEntries(columns.map((key) => [key, field(key)])), __parent: sql<string>`__parents.id` })
    .from(parents)
    .crossJoinLateral(top)
    .orderBy(sql`__parents.id`, reverse ? desc(field(sortKey)) : asc(field(sortKey)));
  for (const { __parent, ...row } of rows as Array<Row<TTable> & { __parent: string }>) {
    const p = pages.get(__parent)!;
    if (p.rows.length === page.limit) p.hasMore = true;
    else p.rows.push(row as Row<TTable>);
  }
  if (page.backward) for (const p of pages.values()) p.rows.reverse();
  return pages;
}

/** A subquery's columns of those given, by key: the outer query reads them with their decoders (dates, bigints). */
function subqueryColumns(subquery: object, columns: Record<string, PgColumn>): Record<string, PgColumn> {
  const fields = subquery as Record<string, PgColumn>;
  return Object.fromEntries(Object.keys(columns).map((key) => [key, fields[key]]));
}

/** The columns of `table` named by `keys` (all of them without), by key. */
function columnsOf(table: PgTable, keys: readonly string[] | undefined): Record<string, PgColumn> {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  return keys ? Object.fromEntries(keys.map((key) => [key, all[key]])) : all;
}
