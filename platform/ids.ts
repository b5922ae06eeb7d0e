import { SQL, sql } from 'drizzle-orm';
import { text, type PgSchema } from 'drizzle-orm/pg-core';

/**
 * Platform IDs are `PREFIX-YY-NNNNNN`: the prefix names the type (so `node(id:)` can dispatch on it),
 * YY is the two-digit year the ID was minted, and the number comes from one database sequence per
 * prefix, so an ID is never reused even across years. Numbers grow past six digits when they must.
 */
export const ID_PREFIXES = {
  Organization: 'ORG',
  Workspace: 'WS',
  User: 'USR',
  Project: 'PROJ',
  Plan: 'PLN',
  Subscription: 'SUB',
  ApiKey: 'KEY',
  ServiceLine: 'LIN',
  Task: 'TSK',
  Pod: 'POD',
  Sla: 'SLA',
  Ticket: 'TKT',
  Incident: 'INC',
  Integration: 'INT',
  SyncRun: 'SYNC',
  Event: 'EVT',
  ExportJob: 'EXP',
  Webhook: 'WHK',
  WebhookDelivery: 'WHD',
  AuditLog: 'AUD',
} as const;

export type EntityType = keyof typeof ID_PREFIXES;
export type IdPrefix = (typeof ID_PREFIXES)[EntityType];

const TYPE_BY_PREFIX = new Map<string, EntityType>(
  Object.entries(ID_PREFIXES).map(([type, prefix]) => [prefix, type as EntityType]),
);

// PREFIX-YY-NNNNNN: the year in two digits, the number in six or more.
const YEAR = '\\d{2}';
const NUMBER = '\\d{6,}';
const ID_PATTERN = new RegExp(`^([A-Z]{2,5})-(${YEAR})-(${NUMBER})$`);

/** The pattern of one type's IDs, for JSON Schema (REST's OpenAPI description). */
export function idPattern(type: EntityType): string {
  return `^${ID_PREFIXES[type]}-${YEAR}-${NUMBER}$`;
}

export interface ParsedId {
  prefix: string;
  year: number;
  number: number;
  type: EntityType | undefined;
}

export function parseId(id: string): ParsedId | undefined {
  const m = ID_PATTERN.exec(id);
  if (!m) return undefined;
  return { prefix: m[1], year: Number(m[2]), number: Number(m[3]), type: TYPE_BY_PREFIX.get(m[1]) };
}

/** The entity type an ID names, or undefined when it is malformed or of no known type. */
export function typeOfId(id: string): EntityType | undefined {
  return parseId(id)?.type;
}

export function isIdOf(type: EntityType, id: string): boolean {
  return typeOfId(id) === type;
}

export function formatId(prefix: string, year: number, number: number): string {
  return `${prefix}-${String(year % 100).padStart(2, '0')}-${String(number).padStart(6, '0')}`;
}

/** Name of the sequence that mints IDs of one prefix inside its owning schema. */
export function idSequenceName(prefix: IdPrefix): string {
  return `${prefix.toLowerCase()}_id_seq`;
}

/** Which prefix a column default made by mintIdSql mints: tools find each table's prefix from its column, not from a second list. */
const MINTED_PREFIXES = new WeakMap<SQL, IdPrefix>();

export function mintedPrefixOf(column: { default?: unknown }): IdPrefix | undefined {
  return column.default instanceof SQL ? MINTED_PREFIXES.get(column.default) : undefined;
}

/**
 * SQL that mints the next ID of a prefix; used as the column default so every insert path agrees.
 * The number is zero-padded to six digits but never cut (lpad would truncate 2000200 to 200020):
 * pad with five zeros, then drop the zeros that are not needed.
 */
export function mintIdSql(schema: string, prefix: IdPrefix): SQL {
  const seq = `${schema}.${idSequenceName(prefix)}`;
  const minted = sql.raw(`'${prefix}-' || to_char(now(), 'YY') || '-' || regexp_replace('00000' || nextval('${seq}')::text, '^0*([0-9]{6,})$', '\\1')`);
  MINTED_PREFIXES.set(minted, prefix);
  return minted;
}

/** An `id` column whose values are minted from its schema's sequence. */
export function mintedId(schema: PgSchema<string>, prefix: IdPrefix) {
  return text('id').notNull().default(mintIdSql(schema.schemaName, prefix));
}

/** The `id` primary-key column of a table whose IDs are minted from its schema's sequence. */
export function mintedIdColumn(schema: PgSchema<string>, prefix: IdPrefix) {
  return mintedId(schema, prefix).primaryKey();
}

/** The sequence object itself, declared beside the table so drizzle-kit creates it first. */
export function idSequence(schema: PgSchema<string>, prefix: IdPrefix) {
  return schema.sequence(idSequenceName(prefix), { startWith: 1, minValue: 1 });
}
