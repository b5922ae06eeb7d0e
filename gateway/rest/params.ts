import { checkId } from '../../platform/args.ts';
import { checkCursor, checkPageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../platform/connection.ts';
import { badRequest } from '../../platform/errors.ts';
import { idPattern, type EntityType, ID_PREFIXES } from '../../platform/ids.ts';
import { DATE_RULE, INSTANT_RULE, MAX_YEAR, MIN_YEAR, parseDate, parseInstant } from '../../platform/dates.ts';

/** A JSON Schema (OpenAPI 3.1 flavour) describing a parameter or field. */
export type JsonSchema = Record<string, unknown>;

/**
 * One REST query parameter: the GraphQL variable it feeds and how its raw text becomes that
 * variable's value. Parsing happens here, before the graph runs, so every 400 names the REST
 * parameter (`limit`, `cursor`, `status`) rather than the GraphQL argument behind it.
 */
export interface QueryParam<V extends string = string> {
  variable: V;
  /** The parameter's JSON Schema, for /v1/openapi.json. */
  schema: JsonSchema;
  required?: boolean;
  /** `raw` is undefined when the parameter is absent; returning undefined leaves the variable unset. */
  parse(raw: string | undefined, name: string): unknown;
}

function present(raw: string | undefined, name: string, required: boolean): raw is string {
  if (raw === undefined) {
    if (required) throw badRequest(`${name} is required.`, name);
    return false;
  }
  if (raw.trim() === '') throw badRequest(`${name} must not be empty.`, name);
  return true;
}

/** A path segment (`{id}`) percent-decoded; malformed percent-encoding (`%E0%A4%A`) is 400 naming it. */
export function decodePathSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`${name} is not a valid path segment.`, name);
  }
}

/** A platform ID of one type (`workspace_id=WS-..`). */
export function idParam<V extends string>(variable: V, type: EntityType, options: { required?: boolean } = {}): QueryParam<V> {
  return {
    variable,
    required: options.required,
    schema: { type: 'string', pattern: idPattern(type) },
    parse: (raw, name) => (present(raw, name, options.required ?? false) ? checkId(type, raw, name) : undefined),
  };
}

/** A calendar date, YYYY-MM-DD, that exists (platform/dates.ts). */
export function dateParam<V extends string>(variable: V, options: { required?: boolean } = {}): QueryParam<V> {
  return {
    variable,
    required: options.required,
    schema: { type: 'string', format: 'date' },
    parse(raw, name) {
      if (!present(raw, name, options.required ?? false)) return undefined;
      if (parseDate(raw) === null) throw badRequest(`${name} must be ${DATE_RULE}, got "${raw}".`, name);
      return raw;
    },
  };
}

/**
 * Comma-separated enum values (`status=active,paused`), in the docs' lowercase, to the GraphQL
 * enum's UPPER_CASE list. The allowed values are listed so an unknown one is refused by name; the
 * schema is OpenAPI's for such a list, an array of the enum sent with `style: form, explode: false`
 * (openApiParameter).
 */
export function enumListParam<V extends string>(variable: V, values: readonly string[]): QueryParam<V> {
  return {
    variable,
    schema: { type: 'array', items: { type: 'string', enum: [...values] }, description: `One or more of ${values.join(', ')}, comma-separated.` },
    parse(raw, name) {
      if (!present(raw, name, false)) return undefined;
      const given = raw.split(',').map((v) => v.trim());
      const unknown = given.filter((v) => !values.includes(v));
      if (unknown.length > 0) throw badRequest(`${name} must be one or more of ${values.join(', ')}; got "${unknown.join(',')}".`, name);
      return [...new Set(given)].map((v) => v.toUpperCase());
    },
  };
}

/** `limit` and `cursor` of every list: the graph's `first` and `after`, checked with the graph's own rules. */
export function pageParams(type: EntityType): { limit: QueryParam<'first'>; cursor: QueryParam<'after'> } {
  return {
    limit: {
      variable: 'first',
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
      parse(raw, name) {
        if (raw === undefined) return DEFAULT_PAGE_SIZE;
        // Number('') and Number('1e1') would sneak past an integer check: accept digits only.
        if (!/^\d{1,4}$/.test(raw)) throw badRequest(`${name} must be an integer between 1 and ${MAX_PAGE_SIZE}, got "${raw}".`, name);
        return checkPageSize(Number(raw), name);
      },
    },
    cursor: {
      variable: 'after',
      schema: { type: 'string', description: 'meta.cursor of the previous page.' },
      // The graph's cursor is the REST cursor: it is passed through once it is known to be one of this list's.
      parse: (raw, name) => (present(raw, name, false) ? (checkCursor(raw, name, type), raw) : undefined),
    },
  };
}

/**
 * A query parameter as OpenAPI 3.1 writes it: a list (an array schema) is one comma-separated
 * value, which OpenAPI says with `style: form, explode: false` (`status=active,paused`).
 */
export function openApiParameter(name: string, param: QueryParam): Record<string, unknown> {
  const description = typeof param.schema.description === 'string' ? { description: param.schema.description } : {};
  const list = param.schema.type === 'array' ? { style: 'form', explode: false } : {};
  return { name, in: 'query', required: param.required ?? false, ...description, ...list, schema: param.schema };
}

/**
 * An instant (`2026-04-14T00:00:00Z`, any ISO 8601 offset) or a whole day (`2026-04-01`, UTC). A
 * day as `from` starts at its midnight; a day as `to` includes that day, so `from=2026-04-01&to=2026-04-30`
 * is all of April, while an instant as `to` stays the graph's exclusive bound.
 */
export function instantParam<V extends string>(variable: V, bound: 'from' | 'to'): QueryParam<V> {
  return {
    variable,
    schema: { type: 'string', description: 'An ISO 8601 date-time, or a date (YYYY-MM-DD, UTC) meaning that whole day.', examples: ['2026-04-01', '2026-04-14T00:00:00Z'] },
    parse(raw, name) {
      if (raw === undefined) return undefined;
      const isDate = parseDate(raw) !== null;
      const instant = parseInstant(raw, { requireTime: !isDate, requireOffset: true });
      if (!instant) throw badRequest(`${name} must be ${INSTANT_RULE}, or a date (2026-04-14, years ${MIN_YEAR} to ${MAX_YEAR}), got "${raw}".`, name);
      if (isDate && bound === 'to') {
        instant.setUTCDate(instant.getUTCDate() + 1);
        // The day's end, the next midnight, must itself be an instant the graph takes.
        if (instant.getUTCFullYear() > MAX_YEAR) throw badRequest(`${name} must be ${INSTANT_RULE}, or a date up to ${MAX_YEAR}-12-30 (a date as ${name} ends at the next midnight), got "${raw}".`, name);
      }
      return instant.toISOString();
    },
  };
}
