import { idPattern, type EntityType, ID_PREFIXES, typeOfId } from '../../platform/ids.ts';
import { checkId } from '../../platform/args.ts';
import { badRequest, unprocessable } from '../../platform/errors.ts';
import { DATE_RULE, parseDate } from '../../platform/dates.ts';
import { checkJson, checkNoNul } from '../../platform/input-rules.ts';
import type { JsonSchema } from './params.ts';

/**
 * One documented field of a JSON request body: the GraphQL input field it feeds and how its JSON
 * value becomes that field's value. Only the shape is checked here (type, enum, ID prefix), so a
 * wrong type is a 422 naming the REST field instead of GraphQL's coercion error; every business
 * rule (lengths, references, state) stays in the subgraph's command.
 */
export interface BodyField<V extends string = string> {
  variable: V;
  required?: boolean;
  /** Whether JSON null is accepted (PATCH uses it to clear: `"assignee_id": null`). */
  nullable?: boolean;
  schema: JsonSchema;
  parse(value: unknown, name: string): unknown;
}

interface FieldOptions {
  required?: boolean;
  nullable?: boolean;
  description?: string;
}

const wrong = (name: string, expected: string, value: unknown) =>
  unprocessable(`${name} must be ${expected}, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`, name);

function field<V extends string>(variable: V, options: FieldOptions, schema: JsonSchema, parse: (value: unknown, name: string) => unknown): BodyField<V> {
  const described = options.description ? { ...schema, description: options.description } : schema;
  return { variable, required: options.required, nullable: options.nullable, schema: options.nullable ? { ...described, nullable: true } : described, parse };
}

export function stringField<V extends string>(variable: V, options: FieldOptions = {}): BodyField<V> {
  return field(variable, options, { type: 'string' }, (value, name) => {
    if (typeof value !== 'string') throw wrong(name, 'a string', value);
    return checkNoNul(value, name);
  });
}

export function intField<V extends string>(variable: V, options: FieldOptions & { minimum?: number; maximum?: number } = {}): BodyField<V> {
  const { minimum, maximum } = options;
  return field(variable, options, { type: 'integer', ...(minimum !== undefined ? { minimum } : {}), ...(maximum !== undefined ? { maximum } : {}) }, (value, name) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw wrong(name, 'an integer', value);
    if (minimum !== undefined && value < minimum) throw unprocessable(`${name} must be at least ${minimum}.`, name);
    if (maximum !== undefined && value > maximum) throw unprocessable(`${name} must be at most ${maximum}.`, name);
    return value;
  });
}

function checkIdValue(type: EntityType, value: unknown, name: string): string {
  if (typeof value !== 'string') throw wrong(name, `a ${type} ID`, value);
  return checkId(type, value, name, unprocessable);
}

/** A platform ID of one type. */
export function idField<V extends string>(variable: V, type: EntityType, options: FieldOptions = {}): BodyField<V> {
  const schema = { type: 'string', pattern: idPattern(type) };
  return field(variable, options, schema, (value, name) => checkIdValue(type, value, name));
}

/** A list of platform IDs of one type (`project_tags`). */
export function idListField<V extends string>(variable: V, type: EntityType, options: FieldOptions = {}): BodyField<V> {
  const schema = { type: 'array', items: { type: 'string', pattern: idPattern(type) } };
  return field(variable, options, schema, (value, name) => {
    if (!Array.isArray(value)) throw wrong(name, `an array of ${type} IDs`, value);
    return value.map((item, i) => checkIdValue(type, item, `${name}[${i}]`));
  });
}

/** A list of strings (`required_capabilities`). */
export function stringListField<V extends string>(variable: V, options: FieldOptions = {}): BodyField<V> {
  return field(variable, options, { type: 'array', items: { type: 'string' } }, (value, name) => {
    if (!Array.isArray(value)) throw wrong(name, 'an array of strings', value);
    value.forEach((item, i) => {
      if (typeof item !== 'string') throw wrong(`${name}[${i}]`, 'a string', item);
      checkNoNul(item, name);
    });
    return value;
  });
}

/** One of the docs' lowercase enum values, to the graph's UPPER_CASE one. */
export function enumField<V extends string>(variable: V, values: readonly string[], options: FieldOptions = {}): BodyField<V> {
  return field(variable, options, { type: 'string', enum: [...values] }, (value, name) => {
    if (typeof value !== 'string' || !values.includes(value)) {
      throw unprocessable(`${name} must be one of ${values.join(', ')}; got ${JSON.stringify(value)}.`, name);
    }
    return value.toUpperCase();
  });
}

/** A calendar date, YYYY-MM-DD, that exists (platform/dates.ts). */
export function dateField<V extends string>(variable: V, options: FieldOptions = {}): BodyField<V> {
  return field(variable, options, { type: 'string', format: 'date' }, (value, name) => {
    if (parseDate(value) === null) throw unprocessable(`${name} must be ${DATE_RULE}, got ${JSON.stringify(value)}.`, name);
    return value;
  });
}

/** A free-form JSON object (an integration's `config` or `credentials`), passed through once it keeps the JSON rules (platform/input-rules.ts). */
export function objectField<V extends string>(variable: V, options: FieldOptions = {}): BodyField<V> {
  return field(variable, options, { type: 'object', additionalProperties: true }, (value, name) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw wrong(name, 'an object', value);
    return checkJson(value, name);
  });
}

/**
 * The request body as the route's input variable: malformed JSON or a body that is not an object is
 * 400; an unknown field, a missing required one or a value of the wrong shape is 422 naming it.
 */
export function parseBody(raw: string, fields: Record<string, BodyField>): Record<string, unknown> {
  let body: unknown = {};
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw);
    } catch {
      throw badRequest('The request body is not valid JSON.');
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    // Own fields only: `constructor` or `__proto__` must not find Object.prototype's members.
    const spec = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!spec) {
      const known = Object.keys(fields);
      throw unprocessable(`Unknown field ${name}; this route takes ${known.length ? known.join(', ') : 'no body'}.`, name);
    }
    if (value === undefined) continue;
    if (value === null) {
      if (!spec.nullable) throw unprocessable(`${name} must not be null.`, name);
      input[spec.variable] = null;
      continue;
    }
    input[spec.variable] = spec.parse(value, name);
  }
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.required && !(spec.variable in input)) throw unprocessable(`${name} is required.`, name);
  }
  return input;
}
