/**
 * A REST resource declared once. Each field of the docs' snake_case record names where in the
 * graph's answer it comes from (`workspace_id: at('workspace.id')`); the route's mapper is built
 * from that declaration (`Shape.map`), and so is the resource's JSON Schema in /v1/openapi.json
 * (resource-schema.ts, which reads each path's type, nullability, enum values and description from
 * the supergraph, through the selection of the route's own document). What is served and what is
 * described therefore cannot drift: a path the document does not select, or the graph does not
 * have, fails the document's generation (at start and in gateway/rest/openapi.test.ts).
 */

export type Field =
  /** The value at a dotted path (null when any step is null); `lower` prints an enum as the docs do. */
  | { kind: 'at'; path: string[]; lower: boolean; description?: string }
  /** The list at a path, each element mapped by `item` (relative to the element). */
  | { kind: 'each'; path: string[]; item: Field; description?: string }
  /** A nested record: of the object at `from`, or of the same object; null when `from` (or `when`) is null. */
  | { kind: 'record'; fields: Fields; from?: string[]; when?: string[]; description?: string };

export type Fields = Record<string, Field>;

interface Options {
  description?: string;
}

const split = (path: string) => path.split('.');

export const at = (path: string, options: Options = {}): Field => ({ kind: 'at', path: split(path), lower: false, ...options });

/** An enum, in the docs' lowercase. */
export const lowered = (path: string, options: Options = {}): Field => ({ kind: 'at', path: split(path), lower: true, ...options });

export const each = (path: string, item: Field | Fields, options: Options = {}): Field => ({
  kind: 'each',
  path: split(path),
  item: isField(item) ? item : { kind: 'record', fields: item },
  ...options,
});

export const record = (fields: Fields, options: Options & { from?: string; when?: string } = {}): Field => ({
  kind: 'record',
  fields,
  ...(options.from ? { from: split(options.from) } : {}),
  ...(options.when ? { when: split(options.when) } : {}),
  ...(options.description ? { description: options.description } : {}),
});

/** A Field's kind is a string; a record of fields may have a field named `kind`, but that is a Field. */
function isField(value: Field | Fields): value is Field {
  return typeof value.kind === 'string';
}

/** `fields` read from the object at `prefix` (a payload's `apiKey`, beside its `secret`). */
export function within(prefix: string, fields: Fields): Fields {
  const head = split(prefix);
  const move = (field: Field): Field => {
    switch (field.kind) {
      case 'at':
      case 'each':
        return { ...field, path: [...head, ...field.path] };
      case 'record':
        if (field.from) return { ...field, from: [...head, ...field.from] };
        return { ...field, fields: within(prefix, field.fields), ...(field.when ? { when: [...head, ...field.when] } : {}) };
    }
  };
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, move(field)]));
}

/** Some of a record's fields, in the order named (a detail record reuses its summary's). */
export function pick(fields: Fields, ...names: string[]): Fields {
  return Object.fromEntries(names.map((name) => {
    if (!(name in fields)) throw new Error(`no field ${name} to pick`);
    return [name, fields[name]];
  }));
}

export interface Shape {
  /** Its name in /v1/openapi.json's components (Task, TaskDetail ...). */
  name: string;
  description?: string;
  fields: Fields;
  map(value: unknown): Record<string, unknown>;
}

export function shape(name: string, fields: Fields, options: Options = {}): Shape {
  return { name, fields, ...options, map: compileFields(fields, name) };
}

/** The value at `path`: null as soon as a step is null; a step the answer lacks is a bug (the document does not select it). */
export function read(value: unknown, path: string[], where: string): unknown {
  let current = value;
  for (const key of path) {
    if (current === null) return null;
    if (typeof current !== 'object' || current === undefined || !(key in current)) {
      throw new Error(`${where}: the graph's answer has no ${path.join('.')}`);
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/*
 * A shape's mapper is compiled once into closures (a reader per path, a builder per record), so
 * mapping a row walks no field table and allocates nothing but its answer (bench/rest-shapes.ts).
 */
type Mapper = (value: unknown) => unknown;

/** A reader of one path: null as soon as a step is null; a step the answer lacks (undefined) is the bug `read` names. */
function reader(path: string[], where: string): Mapper {
  const missing = (): never => {
    throw new Error(`${where}: the graph's answer has no ${path.join('.')}`);
  };
  if (path.length === 1) {
    const [a] = path;
    return (value) => {
      const x = (value as Record<string, unknown>)[a];
      return x === undefined ? missing() : x;
    };
  }
  if (path.length === 2) {
    const [a, b] = path;
    return (value) => {
      const x = (value as Record<string, Record<string, unknown> | null>)[a];
      if (x === null) return null;
      const y = x === undefined ? missing() : x[b];
      return y === undefined ? missing() : y;
    };
  }
  return (value) => {
    let current = value;
    for (const key of path) {
      if (current === null) return null;
      current = (current as Record<string, unknown>)[key];
      if (current === undefined) missing();
    }
    return current;
  };
}

function compileField(field: Field, where: string): Mapper {
  switch (field.kind) {
    case 'at': {
      const get = reader(field.path, where);
      if (!field.lower) return get;
      return (value) => {
        const found = get(value);
        return Array.isArray(found) ? found.map(lowerOf) : lowerOf(found);
      };
    }
    case 'each': {
      const get = reader(field.path, where);
      const item = compileField(field.item, where);
      const label = field.path.join('.');
      return (value) => {
        const list = get(value);
        if (list === null) return null;
        if (!Array.isArray(list)) throw new Error(`${where}: ${label} is not a list`);
        const out = new Array(list.length);
        for (let i = 0; i < list.length; i++) out[i] = list[i] === null ? null : item(list[i]);
        return out;
      };
    }
    case 'record': {
      const build = compileFields(field.fields, where);
      const base = field.from ? reader(field.from, where) : undefined;
      const when = field.when ? reader(field.when, where) : undefined;
      return (value) => {
        const from = base ? base(value) : value;
        if (from === null || (when && when(value) === null)) return null;
        return build(from);
      };
    }
  }
}

function compileFields(fields: Fields, where: string): (value: unknown) => Record<string, unknown> {
  const names = Object.keys(fields);
  const mappers = names.map((name) => compileField(fields[name], where));
  // One object literal per record (what a hand-written mapper makes), its keys our own field
  // names, never input: every answer of a shape then shares one hidden class, built in one step.
  const literal = names.map((name, i) => `${JSON.stringify(name)}: m[${i}](v)`).join(', ');
  return new Function('m', `return (v) => ({ ${literal} });`)(mappers) as (value: unknown) => Record<string, unknown>;
}

const lowerOf = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);
