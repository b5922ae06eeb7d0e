import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { badRequest } from '../errors.ts';
import { toIso } from '../time.ts';
import { DATE_RULE, INSTANT_RULE, parseDate as strictDate, parseInstant } from '../dates.ts';

/** The specifications the scalars follow (@specifiedBy in platform/subgraph/shared.graphql, the same URLs). */
export const SPECIFIED_BY = {
  DateTime: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  Date: 'https://scalars.graphql.org/andimarek/local-date',
  JSON: 'https://www.rfc-editor.org/rfc/rfc8259',
} as const;

/** ISO 8601 instants, printed as the docs print them ("2026-04-10T10:00:00Z"). */
export const DateTimeScalar = new GraphQLScalarType<Date | null, string | null>({
  name: 'DateTime',
  description: 'An instant, answered as an RFC 3339 date-time in UTC, e.g. 2026-04-10T10:00:00Z; also taken as a date alone (its midnight UTC) or without an offset (UTC).',
  specifiedByURL: SPECIFIED_BY.DateTime,
  serialize: (value) => toIso(value as Date | string),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** A date alone is its midnight UTC, a time without an offset is UTC (platform/dates.ts checks every component). */
function parseDateTime(value: unknown): Date {
  const instant = parseInstant(value);
  if (instant) return instant;
  throw badRequest(`Expected ${INSTANT_RULE}, got ${JSON.stringify(value)}.`);
}

/** Calendar dates, YYYY-MM-DD. */
export const DateScalar = new GraphQLScalarType<string | null, string | null>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (RFC 3339 full-date), years 1900 to 2999.',
  specifiedByURL: SPECIFIED_BY.Date,
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : (value as string | null)),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDate(value: unknown): string {
  const date = strictDate(value);
  if (date) return date;
  throw badRequest(`Expected ${DATE_RULE}, got ${JSON.stringify(value)}.`);
}

/** Arbitrary JSON objects (integration config, event payloads). */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value (RFC 8259): an object, list, string, number, boolean or null.',
  specifiedByURL: SPECIFIED_BY.JSON,
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: function literal(ast: ValueNode, variables?: Record<string, unknown> | null): unknown {
    switch (ast.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
        return ast.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(ast.value);
      case Kind.NULL:
        return null;
      case Kind.LIST:
        return ast.values.map((v) => literal(v, variables));
      case Kind.OBJECT:
        return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value, variables)]));
      case Kind.VARIABLE:
        return variables?.[ast.name.value];
      default:
        return undefined;
    }
  },
});

export const scalarResolvers = { DateTime: DateTimeScalar, Date: DateScalar, JSON: JSONScalar };
