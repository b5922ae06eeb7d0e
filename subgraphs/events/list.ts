import { and, desc, lt, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../../platform/db.ts';
import { events } from '../../platform/event-log-table.ts';
import { checkOptionalId } from '../../platform/args.ts';
import { pageRequest, type Page, type PageRequest } from '../../platform/connection.ts';
import type { Scope } from '../../platform/scope.ts';
import { checkCursorRetained, filterSql, listEvents, type EventFilter } from './data.ts';
import { eventFilter, type EventListArgs } from './loaders.ts';
import type { EventRow } from './models.ts';
import type { LineShape } from './row-json.ts';

/** The arguments of the root `events` list: the nested timelines' plus the organization. */
export type RootEventListArgs = EventListArgs & { organizationId?: string | null };

/** The root `events` list, checked: its filter, its page, and whether the caller named another organization. */
export interface CheckedEventList {
  filter: EventFilter;
  page: PageRequest;
  /** Another organization's stream is not the caller's to read: an empty list, as for any filter. */
  foreign: boolean;
}

/** Checks the arguments of `events` exactly as the field does (BAD_USER_INPUT naming the argument). */
export function checkEventList(scope: Scope, args: RootEventListArgs): CheckedEventList {
  const organizationId = checkOptionalId('Organization', args.organizationId, 'organizationId');
  const filter = eventFilter(args);
  const page = pageRequest(args, 'Event');
  return { filter, page, foreign: Boolean(organizationId && organizationId !== scope.organizationId) };
}

/**
 * One page of the root `events` list: what the field resolves (its page size from `first`), and
 * what a bulk export reads in larger batches (`limit` overrides the page size; the rows, their
 * order, the tenancy and the cursor rule are the field's).
 */
export async function readEventList(db: Db, scope: Scope, checked: CheckedEventList, limit = checked.page.limit): Promise<Page<EventRow>> {
  const page = { ...checked.page, limit };
  if (checked.foreign) return { rows: [], hasMore: false };
  const read = await listEvents(db, scope, checked.filter, page);
  await checkCursorRetained(db, scope, page, read.rows.length === 0);
  return read;
}

/**
 * The same rows as `readEventList` forward (`after`, newest first), in a batch of `limit`: the
 * field's page forward (resolvers/Query.ts), and a bulk reader's batch (an export, an NDJSON list).
 * The same tenancy, filter, keyset and cursor rule, but read as the driver returns them instead of
 * through the query builder's row mapping, with `created_at` as whole milliseconds (computed exactly
 * by the database) so that no timestamp text is parsed per row. That mapping and parsing were over a
 * third of the CPU of an export (issue 13), and about a tenth of a GraphQL page's. The rows come as
 * arrays of values (`Database.values`), which the driver builds for less than an object keyed by
 * column name.
 */
export async function readEventBatch(database: Pick<Database, 'db' | 'values'>, scope: Scope, checked: CheckedEventList, limit: number): Promise<Page<EventRow>> {
  const { raw, count, hasMore } = await readBatch(database.values<RawEventRow>, database, scope, checked, limit, sql`
    ${events.seq}, ${events.id}, ${events.type}, ${events.organizationId}, ${events.workspaceId}, ${events.actorType}, ${events.actorId},
    ${events.subjectType}, ${events.subjectId}, ${events.payload}, floor(extract(epoch from ${events.createdAt}) * 1000)::int8`);
  // One shape for every row (the query builder's): bigint columns come as text from postgres.js and as numbers from PGlite.
  const rows = new Array<EventRow>(count);
  for (let i = 0; i < count; i++) {
    const row = raw[i];
    rows[i] = {
      seq: Number(row[0]), id: row[1], type: row[2], organizationId: row[3], workspaceId: row[4], actorType: row[5],
      actorId: row[6], subjectType: row[7], subjectId: row[8], payload: row[9], createdAt: new Date(Number(row[10])),
    };
  }
  return { rows, hasMore };
}

/**
 * The same batch as `readEventBatch`, each row as the JSON text of `shape` built by the database
 * (row-json.ts): what an NDJSON list or export writes, without a value, an object or a
 * serialisation per row in this process. On PostgreSQL a line is the bytes the server sent (UTF-8,
 * never decoded here); PGlite hands over strings. `lastId` is the last row's ID (its cursor).
 */
export async function readEventLines(database: Pick<Database, 'db' | 'undecoded'>, scope: Scope, checked: CheckedEventList, limit: number, shape: LineShape): Promise<{ lines: (Buffer | string)[]; hasMore: boolean; lastId: string | null }> {
  const { raw, count, hasMore } = await readBatch(database.undecoded, database, scope, checked, limit, sql`${events.id}, ${shape.sql}`);
  const lines = new Array<Buffer | string>(count);
  for (let i = 0; i < count; i++) lines[i] = raw[i][1] as Buffer | string;
  return { lines, hasMore, lastId: count > 0 ? String(raw[count - 1][0]) : null };
}

/**
 * `columns` of the batch after the checked list's cursor, newest first, read by `read`: `limit` rows
 * and one more when there are more (`raw`; `count` of them are the batch's). The tenancy, filter,
 * keyset and cursor rule are the field's: the cursor's retention is checked when the batch is
 * empty, as `readEventList` does.
 */
async function readBatch<T>(read: (query: SQL) => Promise<T[]>, database: Pick<Database, 'db'>, scope: Scope, checked: CheckedEventList, limit: number, columns: SQL): Promise<{ raw: T[]; count: number; hasMore: boolean }> {
  const page = { ...checked.page, limit };
  if (page.backward) throw new Error('a batch of the events list reads forward (after), not backward');
  if (checked.foreign) return { raw: [], count: 0, hasMore: false };
  const where = filterSql(scope, checked.filter);
  // The cursor's position among the rows this list may return, as platform/keyset.ts finds it.
  const after = page.cursorId === null ? undefined : lt(events.seq, sql`(select ${events.seq} from ${events} where ${events.id} = ${page.cursorId} and ${where})`);
  const raw = await read(sql`select ${columns} from ${events} where ${and(where, after)} order by ${desc(events.seq)} limit ${limit + 1}`);
  await checkCursorRetained(database.db, scope, page, raw.length === 0);
  const hasMore = raw.length > limit;
  return { raw, count: hasMore ? limit : raw.length, hasMore };
}

/** A row as `readEventBatch` selects it, column by column. */
type RawEventRow = [
  seq: string | number, id: EventRow['id'], type: EventRow['type'], organizationId: EventRow['organizationId'], workspaceId: EventRow['workspaceId'],
  actorType: EventRow['actorType'], actorId: EventRow['actorId'], subjectType: EventRow['subjectType'], subjectId: EventRow['subjectId'],
  payload: EventRow['payload'], createdAt: string | number,
];
