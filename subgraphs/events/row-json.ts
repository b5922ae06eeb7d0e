import { sql, type SQL } from 'drizzle-orm';
import { events } from '../../platform/event-log-table.ts';
import { toIso } from '../../platform/time.ts';
import type { EventRow } from './models.ts';

/**
 * The columns of an event's row a bulk reader serves, each with the graph's scalar it is served as,
 * which says how it is serialised: the text columns (ID, String) as strings or null, `payload` as
 * its JSON, `createdAt` as a DateTime (platform/time.ts's `toIso`: milliseconds only when there are
 * some). A field of another type is not served from here.
 */
export const JSON_COLUMNS = {
  id: 'ID', type: 'String', organizationId: 'ID', workspaceId: 'ID', actorType: 'String', actorId: 'ID', subjectType: 'String', subjectId: 'ID', payload: 'JSON', createdAt: 'DateTime',
} as const;
export type JsonColumn = keyof typeof JSON_COLUMNS;

/**
 * One output row of a bulk read (an export's line, an NDJSON item) described from an event's row,
 * so that it can be built two ways with the same result: in this process from the row
 * (`rowJsonValue`), or by the database as the row's JSON text (`rowJsonSql`), which spares the
 * process the row's values, its object and its serialisation.
 */
export type RowJson =
  | { kind: 'column'; column: JsonColumn }
  | { kind: 'constant'; value: string }
  /** An object of these keys, in this order. */
  | { kind: 'object'; entries: (readonly [string, RowJson])[] }
  /** Null when the column is, else the value (a reference to the workspace an event may lack). */
  | { kind: 'unlessNull'; column: JsonColumn; value: RowJson };

/** Builds the row's value in this process, as JSON.stringify would then write it. */
export function rowJsonValue(json: RowJson): (row: EventRow) => unknown {
  switch (json.kind) {
    case 'column': {
      const { column } = json;
      if (column === 'createdAt') return (row) => toIso(row.createdAt);
      return (row) => row[column] ?? null;
    }
    case 'constant': {
      const { value } = json;
      return () => value;
    }
    case 'object': {
      const entries = json.entries.map(([key, value]) => [key, rowJsonValue(value)] as const);
      return (row) => {
        const object: Record<string, unknown> = {};
        for (const [key, value] of entries) object[key] = value(row);
        return object;
      };
    }
    case 'unlessNull': {
      const { column } = json;
      const value = rowJsonValue(json.value);
      return (row) => (row[column] == null ? null : value(row));
    }
  }
}

/** Distinct line shapes `lineShape` admits; past them, rows are built in this process. */
export const MAX_LINE_SHAPES = 32;

/** A shape the database builds lines of (`readEventLines`): its expression, made once. */
export interface LineShape {
  readonly sql: SQL;
}

const shapes = new Map<string, LineShape>();

/**
 * The line shape of `json`, or undefined past `MAX_LINE_SHAPES` distinct ones. Each shape is a
 * statement text of its own, which the driver and the database prepare and keep per connection;
 * its keys are a client's aliases, so only the first shapes met are admitted (a route's shape, the
 * documents an organization exports) and no client can grow those caches. Rows of any other shape
 * are built in this process from the same rows (`rowJsonValue`).
 */
export function lineShape(json: RowJson): LineShape | undefined {
  const key = JSON.stringify(json);
  let shape = shapes.get(key);
  if (shape) return shape;
  if (shapes.size >= MAX_LINE_SHAPES || !namesOnly(json)) return undefined;
  shape = { sql: rowJsonSql(json) };
  shapes.set(key, shape);
  return shape;
}

/** A key or a constant written into the statement's text: names only (GraphQL's and the REST shapes'), nothing to quote. */
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Whether every key and constant of `json` is a name (anything else is built in this process). */
function namesOnly(json: RowJson): boolean {
  switch (json.kind) {
    case 'column':
      return true;
    case 'constant':
      return NAME.test(json.value);
    case 'object':
      return json.entries.every(([key, value]) => NAME.test(key) && namesOnly(value));
    case 'unlessNull':
      return namesOnly(json.value);
  }
}

/**
 * The same value as JSON text, built by the database from the event's row (its keys and constants
 * names only, as `lineShape` admits them, written into the statement): the bytes
 * `JSON.stringify(rowJsonValue(json)(row))` writes (strings escaped alike, no spaces between
 * tokens, an instant as `toIso` prints it), except inside `payload`, which is PostgreSQL's own text
 * of the jsonb (a space after each `:` and `,`; the same JSON value).
 */
function rowJsonSql(json: RowJson): SQL {
  switch (json.kind) {
    case 'column':
      return columnJson(json.column);
    case 'constant':
      return sql.raw(`'"${json.value}"'`);
    case 'object': {
      if (json.entries.length === 0) return sql.raw(`'{}'`);
      const parts = json.entries.map(([key, value], i) => sql`${sql.raw(`'${i === 0 ? '{' : ','}"${key}":'`)} || ${rowJsonSql(value)}`);
      return sql`(${sql.join(parts, sql` || `)} || '}')`;
    }
    case 'unlessNull':
      return sql`(case when ${events[json.column]} is null then 'null' else ${rowJsonSql(json.value)} end)`;
  }
}

function columnJson(column: JsonColumn): SQL {
  const c = events[column];
  switch (column) {
    case 'payload':
      return sql`${c}::text`;
    case 'createdAt':
      // toIso: whole seconds without a fraction, else milliseconds (truncated, as the row's Date is).
      return sql`('"' || to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || (case when date_trunc('milliseconds', ${c}) = date_trunc('second', ${c}) then '' else to_char(${c} at time zone 'UTC', '.MS') end) || 'Z"')`;
    default:
      return sql`coalesce(to_json(${c})::text, 'null')`;
  }
}
