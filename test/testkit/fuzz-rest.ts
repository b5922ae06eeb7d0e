import fc from 'fast-check';
import { ID_PREFIXES } from '../../platform/ids.ts';
import { fragmentFanOut } from './hostile-documents.ts';
import {
  brokenBody, contentType, hostileCursor, hostileFor, hostilePick, hostileString, jsonText, leaf, materialize, ourId, prefixOfName, rarely, strayKey,
  validDate, validInstant, validText, wrongType, type Leaf,
} from './fuzz-values.ts';

/**
 * Requests for every operation of the served OpenAPI document, generated from the document alone
 * (test/fuzz.e2e.ts): path parameters, query parameters and JSON body fields built from their
 * schemas as Leafs (a valid value from the demo data, and a hostile one), one of them sent hostile;
 * now and then a stray or repeated parameter, a stray body key (a prototype member among them), a
 * missing required value, a broken body, another Content-Type or an Idempotency-Key. A route
 * added to the table later is fuzzed without touching this file.
 */

type Schema = Record<string, any>;

export interface RestOperation {
  method: string;
  path: string;
  op: Schema;
}

export interface RestRequest {
  operation: string;
  method: string;
  /** Path and query, as sent. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

export function restOperations(document: Schema): RestOperation[] {
  return Object.entries(document.paths as Record<string, Record<string, Schema>>)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
}

const queryParams = (op: Schema): Schema[] => ((op.parameters ?? []) as Schema[]).filter((p) => p.in === 'query');
const bodySchema = (op: Schema): Schema | undefined => op.requestBody?.content?.['application/json']?.schema;

/** How many values a request for the operation is made of: its share of the fuzzing budget. */
export function restWeight({ path, op }: RestOperation): number {
  return 1 + (path.match(/\{/g)?.length ?? 0) + queryParams(op).length + Object.keys(bodySchema(op)?.properties ?? {}).length;
}

/** Statuses an operation documents. */
export const documentedStatuses = (operation: RestOperation) => new Set(Object.keys(operation.op.responses).map(Number));

/** `/v1/service-lines/{id}` → LIN, `/v1/exports/{id}` → EXP: the prefix of the collection the parameter names an item of. */
function prefixOfSegment(segment: string): string | undefined {
  if (segment === 'exports') return ID_PREFIXES.ExportJob;
  return prefixOfName(`${segment.replace(/ies$/, 'y').replace(/s$/, '').replace(/-/g, '_')}_id`);
}

/** Percent-encoded text; a lone surrogate, which has no UTF-8, becomes the bytes of one (`%ED%A0%80`), which no decoder takes. */
function encoded(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'x';
  try {
    return encodeURIComponent(text) || 'x';
  } catch {
    return '%ED%A0%80';
  }
}

/** A path segment, encoded: an ID of ours, or hostile text, or percent-encoding that is not. */
function pathLeaf(prefix: string | undefined): fc.Arbitrary<Leaf> {
  const hostile = fc.oneof(
    hostileFor('id', prefix).map(encoded),
    fc.constantFrom('%E0%A4%A', '%', '%zz', '%C0%AF', '..', '%2F', '%00'),
  );
  return leaf(ourId(prefix), hostile.filter((s) => s.length < 3_000));
}

/** A query value as text; query strings stay far below the server's 16 KB header limit (a longer URL is refused by Node itself, 431). */
const asQuery = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? '').slice(0, 2_001);

function queryLeaf(name: string, schema: Schema): fc.Arbitrary<Leaf> {
  const text = (valid: fc.Arbitrary<string>, hostile: fc.Arbitrary<unknown>) => leaf(valid, hostile.map(asQuery));
  if (name === 'cursor') return text(hostileCursor.filter((s) => s.length <= 2_001), hostileFor('text'));
  if (typeof schema.pattern === 'string') return text(ourId(schema.pattern.match(/^\^([A-Z]+)-/)?.[1]), hostileFor('id'));
  if (schema.type === 'array' && Array.isArray(schema.items?.enum)) {
    const values = schema.items.enum as string[];
    return text(fc.subarray(values, { minLength: 1 }).map((v) => v.join(',')), fc.oneof(fc.constantFrom(`${values[0]},`, values[0].toUpperCase()), hostileFor('enum')));
  }
  if (schema.format === 'date') return text(validDate, hostileFor('date'));
  if (Array.isArray(schema.examples)) return text(validInstant, hostileFor('date'));
  if (schema.type === 'integer') return text(fc.integer({ min: schema.minimum ?? 1, max: schema.maximum ?? 10 }).map(String), fc.oneof(fc.constantFrom('1e1', '0x10', '25.0', ' 5'), hostileFor('int')));
  if (schema.type === 'boolean') return text(fc.constantFrom('true', 'false'), hostileFor('text'));
  if (/_id$/.test(name)) return text(ourId(prefixOfName(name)), hostileFor('id'));
  return text(fc.constantFrom('task.', 'task.created,task.updated', 'service_line', 'user', 'run', '2026-04'), hostileFor('text'));
}

/** A GraphQL document an export might be given: ones that page, and ones that do not. */
const exportQuery = fc.constantFrom(
  'query($after: String) { events(first: 2, after: $after) { nodes { id type } pageInfo { hasNextPage endCursor } } }',
  'query($after: String) { workspaces(first: 2, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }',
  'query { events(first: 2) { nodes { id } } }',
  'mutation { revokeApiKey(id: "KEY-26-000001") { id } }',
  '{',
);

/** Export documents built to exhaust the gateway (issue 11's, test/testkit/hostile-documents.ts), each over one of the graph's limits. */
const PAGED = (inside: string, first = 2) => `query($after: String) { events(first: ${first}, after: $after) { nodes { ${inside} } pageInfo { hasNextPage endCursor } } }`;
const hostileExportQuery = fc.oneof(
  fc.integer({ min: 61, max: 3_000 }).map((n) => PAGED(`id(x: ${'['.repeat(n)}${']'.repeat(n)})`)),
  fc.integer({ min: 8, max: 40 }).map((k) => `query($after: String) { events(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } ...F1 } ${fragmentFanOut(k).replace(/^\{ \.\.\.F1 \} /, '')}`),
  fc.integer({ min: 31, max: 200 }).map((n) => PAGED(Array.from({ length: n }, (_, i) => `a${i}: id`).join(' '))),
  fc.integer({ min: 5_001, max: 20_000 }).map((n) => PAGED('id '.repeat(n))),
  fc.constant(`query($after: String) { serviceLines(first: 100, after: $after) { nodes { tasks(first: 100) { nodes { events(first: 100) { nodes { id } } } } } pageInfo { hasNextPage endCursor } } }`),
  fc.constant(`query($after: String) { serviceLines(first: 2, after: $after) { nodes { tasks { nodes { id } } } pageInfo { hasNextPage endCursor } } }`),
);

/** One documented body field, from its schema: a Leaf (an array's items are Leafs too). */
function fieldLeaf(name: string, schema: Schema): fc.Arbitrary<Leaf> {
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== 'null');
  const pattern = typeof schema.pattern === 'string' ? schema.pattern.match(/^\^([A-Z]+)-/)?.[1] : undefined;
  const orNull = (hostile: fc.Arbitrary<unknown>) => (types.includes('null') ? fc.oneof(hostile, fc.constant(null)) : hostile);
  if (name === 'query') return leaf(exportQuery, fc.oneof(hostileExportQuery, hostileFor('text')));
  if (name === 'route') return leaf(fc.constantFrom('/v1/workspaces', '/v1/events', '/v1/tasks', '/v1/nothing', '/v1/tasks/TSK-26-018841'), hostileFor('text'));
  if (name === 'params') return leaf(fc.dictionary(fc.constantFrom('organization_id', 'workspace_id', 'limit', 'type', 'x'), fc.constantFrom('ORG-26-090500', 'WS-26-000021', '5', 'task.'), { maxKeys: 3 }), hostileFor('json'));
  if (Array.isArray(schema.enum)) return leaf(fc.constantFrom(...schema.enum.filter((v: unknown) => v !== null)), orNull(hostileFor('enum')));
  if (pattern) return leaf(ourId(pattern), orNull(hostileFor('id', pattern)));
  if (schema.format === 'date') return leaf(validDate, orNull(hostileFor('date')));
  if (schema.format === 'date-time') return leaf(fc.constantFrom('2027-01-01T00:00:00Z', '2030-06-01T12:00:00+02:00'), orNull(hostileFor('date')));
  if (type === 'integer') return leaf(fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 12, 60) }), orNull(hostileFor('int')));
  if (type === 'boolean') return leaf(fc.boolean(), orNull(hostileFor('text')));
  if (type === 'array') return leaf(fc.array(fieldLeaf(name, schema.items ?? {}), { maxLength: 4 }), orNull(hostileFor('json')));
  if (type === 'object') return leaf(fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v)), orNull(hostileFor('json')));
  return leaf(validText, orNull(hostileFor('text')));
}

/** The body's fields (required ones now and then missing), and maybe a stray key to put first. */
function bodyTree(schema: Schema) {
  const required = new Set<string>(schema.required ?? []);
  const fields = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, field]) => [
      name,
      required.has(name) ? fc.oneof({ arbitrary: fieldLeaf(name, field), weight: 15 }, { arbitrary: fc.constant(undefined), weight: 1 }) : fc.option(fieldLeaf(name, field), { nil: undefined }),
    ]),
  );
  return fc.tuple(fc.record(fields), rarely(fc.tuple(strayKey, wrongType), 8));
}

/** A stray key goes first, so that a prototype member is met before any documented field. */
function bodyText(fields: Record<string, unknown>, stray: [string, unknown] | undefined): string {
  const body = jsonText(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
  if (!stray) return body;
  return `{${JSON.stringify(stray[0])}:${jsonText(stray[1])}${body === '{}' ? '}' : `,${body.slice(1)}`}`;
}

/** One request for an operation. */
export function restRequest(operation: RestOperation): fc.Arbitrary<RestRequest> {
  const { method, path, op } = operation;
  const segments = path.split('/');
  const params = queryParams(op);
  const schema = bodySchema(op);
  const writes = method !== 'GET';
  const shape = fc.record({
    path: fc.tuple(...segments.map((segment, i) => (segment.startsWith('{') ? pathLeaf(prefixOfSegment(segments[i - 1])) : fc.constant(segment)))),
    query: fc.tuple(...params.map((p) => (p.required ? fc.oneof({ arbitrary: queryLeaf(p.name, p.schema), weight: 15 }, { arbitrary: fc.constant(undefined), weight: 1 }) : fc.option(queryLeaf(p.name, p.schema), { nil: undefined })))),
    body: schema ? bodyTree(schema) : fc.constant(undefined),
  });
  const transport = fc.record({
    pick: hostilePick,
    extra: rarely(fc.tuple(fc.oneof(strayKey, fc.constantFrom(...(params.length ? params.map((p) => p.name) : ['x']))), hostileString.filter((s) => s.length <= 2_001)), 10),
    broken: schema ? rarely(brokenBody, 15) : writes ? rarely(fc.oneof(brokenBody, fc.constant('{"a":1}')), 6) : fc.constant(undefined),
    type: contentType,
    key: writes ? rarely(fc.oneof({ arbitrary: fc.uuid(), weight: 6 }, { arbitrary: fc.constantFrom('', ' ', 'k'.repeat(256), 'clé'), weight: 1 }), 3) : fc.constant(undefined),
    ndjson: method === 'GET' && params.some((p) => p.name === 'cursor') ? fc.boolean() : fc.constant(false),
  });

  return fc.tuple(shape, transport).map(([tree, { pick, extra, broken, type, key, ndjson }]) => {
    const { path: parts, query, body } = materialize(tree, pick) as { path: string[]; query: Array<string | undefined>; body?: [Record<string, unknown>, [string, unknown] | undefined] };
    const search = new URLSearchParams();
    params.forEach((p, i) => query[i] !== undefined && search.append(p.name, query[i]!));
    if (extra) search.append(extra[0], extra[1]);
    const text = broken ?? (body ? bodyText(body[0], body[1]) : undefined);
    const headers: Record<string, string> = {};
    if (text !== undefined && type !== undefined) headers['content-type'] = type;
    if (key !== undefined) headers['idempotency-key'] = key;
    if (ndjson) headers.accept = 'application/x-ndjson';
    const qs = search.toString();
    return { operation: `${method} ${path}`, method, target: parts.join('/') + (qs ? `?${qs}` : ''), headers, body: text };
  });
}
