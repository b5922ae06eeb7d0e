import { checkId } from '../../subgraphs/kit/args.ts';
import { checkCursor, checkPageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../subgraphs/kit/connection.ts';
import { badRequest } from '../../subgraphs/kit/errors.ts';
import { ID_PREFIXES, type EntityType } from '../../subgraphs/kit/ids.ts';

/** A JSON Schema (OpenAPI 3.1 flavour) describing a parameter or field. */
export type JsonSchema = Record<string, unknown>;

/**
 * One REST query parameter: the GraphQL variable it feeds and how its raw text becomes that
 * variable's value. Parsing happens here, before the graph runs, so every 400 names the REST
 * parameter (`limit`, `cursor`, `status`) rather than the GraphQL argument behind it.
 */
export interface QueryParam {
  variable: string;
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

/** A platform ID of one type (`workspace_id=WS-..`). */
export function idParam(variable: string, type: EntityType, options: { required?: boolean } = {}): QueryParam {
  return {
    variable,
    required: options.required,
    schema: { type: 'string', pattern: `^${ID_PREFIXES[type]}-\\d{2}-\\d{6,}$` },
    parse: (raw, name) => (present(raw, name, options.required ?? false) ? checkId(type, raw, name) : undefined),
  };
}

/** A calendar date, YYYY-MM-DD, that exists. */
export function dateParam(variable: string, options: { required?: boolean } = {}): QueryParam {
  return {
    variable,
    required: options.required,
    schema: { type: 'string', format: 'date' },
    parse(raw, name) {
      if (!present(raw, name, options.required ?? false)) return undefined;
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(raw) && new Date(`${raw}T00:00:00Z`).toISOString().startsWith(raw);
      if (!valid) throw badRequest(`${name} must be a date as YYYY-MM-DD, got "${raw}".`, name);
      return raw;
    },
  };
}

/**
 * Comma-separated enum values (`status=active,paused`), in the docs' lowercase, to the GraphQL
 * enum's UPPER_CASE list. The allowed values are listed so an unknown one is refused by name.
 */
export function enumListParam(variable: string, values: readonly string[]): QueryParam {
  return {
    variable,
    schema: { type: 'string', description: `One or more of ${values.join(', ')}, comma-separated.`, examples: [values.slice(0, 2).join(',')] },
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
export function pageParams(type: EntityType): Record<'limit' | 'cursor', QueryParam> {
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

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An instant (`2026-04-14T00:00:00Z`, any ISO 8601 offset) or a whole day (`2026-04-01`, UTC). A
 * day as `from` starts at its midnight; a day as `to` includes that day, so `from=2026-04-01&to=2026-04-30`
 * is all of April, while an instant as `to` stays the graph's exclusive bound.
 */
export function instantParam(variable: string, bound: 'from' | 'to'): QueryParam {
  return {
    variable,
    schema: { type: 'string', description: 'An ISO 8601 date-time, or a date (YYYY-MM-DD, UTC) meaning that whole day.', examples: ['2026-04-01', '2026-04-14T00:00:00Z'] },
    parse(raw, name) {
      if (raw === undefined) return undefined;
      const isDate = DATE.test(raw);
      const instant = isDate ? new Date(`${raw}T00:00:00Z`) : DATE_TIME.test(raw) ? new Date(raw) : null;
      const valid = instant !== null && !Number.isNaN(instant.getTime()) && (!isDate || instant.toISOString().startsWith(raw));
      if (!valid) throw badRequest(`${name} must be an ISO 8601 date-time (2026-04-14T00:00:00Z) or a date (2026-04-14), got "${raw}".`, name);
      if (isDate && bound === 'to') instant.setUTCDate(instant.getUTCDate() + 1);
      return instant.toISOString();
    },
  };
}
