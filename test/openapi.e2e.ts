import { randomUUID } from 'node:crypto';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { DEMO } from '../seed/demo.ts';
import { ID_PREFIXES, type EntityType } from '../platform/ids.ts';

/**
 * The served /v1/openapi.json, taken at its word: every path and method it lists is called against
 * the demo data (path and required query parameters filled with demo IDs, writes with a body built
 * from the required fields), and must answer the documented success status with a body its schema
 * accepts (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it, with formats: every resource's fields,
 * types, enums, nullability, no field more). Every GET is called again after the writes, so lists
 * the demo data leaves empty are checked with items; every resource the document names must have
 * been met in a live answer. Routes added to the table later are covered without touching this file.
 */

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  op: Schema;
}

const ORDER = ['get', 'post', 'patch', 'delete'];
const ENVELOPES = ['Error', 'Envelope', 'ListEnvelope', 'ListMeta'];

/** A validator of the document's success answers: each schema compiled with the document's components beside it. */
function answerValidator(doc: Schema) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const compiled = new Map<string, ValidateFunction>();
  return (label: string, schema: Schema, body: unknown) => {
    let validate = compiled.get(label);
    if (!validate) compiled.set(label, (validate = ajv.compile({ ...schema, components: doc.components })));
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

/** The resources named under `data` of an answer's schema ($ref or array of $ref). */
function resourcesOf(schema: Schema): string[] {
  const data = schema.properties?.data;
  const ref: string | undefined = data?.$ref ?? data?.items?.$ref;
  return ref ? [ref.split('/').pop()!] : [];
}
const DEMO_DATE = DEMO.now.slice(0, 10);

/** Our tenant's demo IDs, in ids.ts order (the other tenant's are never used). */
const OUR_IDS = Object.entries(DEMO)
  .filter(([name, value]) => !name.startsWith('other') && /^[A-Z]+-\d{2}-\d{6,}$/.test(value))
  .map(([, value]) => value);

/** `service-lines` → ServiceLine, `pods` → Pod, `api-keys` → ApiKey, `pod_id` → Pod. */
function typeOfName(name: string): EntityType | undefined {
  const pascal = name
    .replace(/_id$/, '')
    .split(/[-_]/)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('')
    .replace(/ies$/, 'y')
    .replace(/s$/, '');
  return pascal in ID_PREFIXES ? (pascal as EntityType) : undefined;
}

const demoIdOf = (prefix: string) => OUR_IDS.find((id) => id.startsWith(`${prefix}-`));
const demoIdMatching = (pattern: string) => OUR_IDS.find((id) => new RegExp(pattern).test(id));

describeEngines('OpenAPI document, called route by route', (ctx) => {
  let sys: TestSystem;
  let doc: Schema;
  let token: string;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    token = await bearer(principals.apexAdmin);
  });
  afterAll(() => sys.close());

  it('serves a valid OpenAPI 3.1 document without authentication', async () => {
    const res = await fetch(`${sys.url}/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('answers every documented operation with its documented success status and envelope', async () => {
    expect(doc, 'the document test ran first').toBeDefined();
    const operations: Operation[] = Object.entries(doc.paths as Record<string, Record<string, Schema>>)
      // Exports are jobs (submit, poll, download once complete): test/exports.e2e.ts runs each of them.
      .filter(([path]) => !path.startsWith('/v1/exports'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method, path, op })))
      .sort((a, b) => ORDER.indexOf(a.method) - ORDER.indexOf(b.method));
    expect(operations.length).toBeGreaterThan(0);

    const validateAnswer = answerValidator(doc);
    /** Resources seen in a live answer (a list counts with at least one item). */
    const met = new Set<string>();
    const gets: { label: string; url: URL; schema: Schema }[] = [];
    /** IDs created by POST on a collection, so PATCH and DELETE act on them rather than on the docs' examples. */
    const created = new Map<string, string>();
    const called: string[] = [];

    for (const { method, path, op } of operations) {
      const label = `${method.toUpperCase()} ${path}`;
      const success = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
      expect(success, label).toHaveLength(1);
      const schema: Schema = op.responses[success[0]].content['application/json'].schema;

      const url = new URL(path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValue(method, path, name, created, label))), sys.url);
      for (const param of (op.parameters ?? []) as Schema[]) {
        if (param.in === 'query' && param.required) url.searchParams.set(param.name, queryValue(param.name, param.schema, label));
      }

      const bodySchema: Schema | undefined = op.requestBody?.content['application/json'].schema;
      const body: Record<string, unknown> | undefined = bodySchema ? requiredBody(bodySchema, label) : undefined;
      const key = method === 'get' ? undefined : randomUUID();

      let answer = await call(method, url, body, key);
      // A parameter or field the schema cannot call required (a business rule: "workspace_id or
      // service_line_id") is named by the 400 or 422; fill it from the demo data, as a client would.
      const queryParams = ((op.parameters ?? []) as Schema[]).filter((p) => p.in === 'query');
      for (let round = 0; (answer.status === 400 || answer.status === 422) && round < 5; round++) {
        const names = (answer.json?.error?.message ?? '') as string;
        const named = (name: string) => new RegExp(`\\b${name}\\b`).test(names);
        const param = queryParams.find((p) => !url.searchParams.has(p.name) && named(p.name));
        const field = bodySchema && body && Object.keys(bodySchema.properties).find((name) => !(name in body) && named(name));
        if (param) url.searchParams.set(param.name, queryValue(param.name, param.schema, label));
        else if (field) body![field] = fieldValue(field, bodySchema!.properties[field], label);
        else break;
        answer = await call(method, url, body, key === undefined ? undefined : randomUUID());
      }

      expect(answer.status, `${label} → ${answer.text}`).toBe(Number(success[0]));
      const json = answer.json;
      expect(validateAnswer(label, schema, json), `${label} → ${answer.text.slice(0, 2000)}`).toEqual([]);
      expect(Object.keys(json).sort(), label).toEqual(Array.isArray(json.data) ? ['data', 'meta'] : ['data']);
      if (!Array.isArray(json.data) || json.data.length > 0) for (const name of resourcesOf(schema)) met.add(name);
      if (method === 'get') gets.push({ label, url, schema });

      if (method === 'post' && !/\}$/.test(path) && typeof json.data.id === 'string') created.set(path, json.data.id);
      if (key !== undefined) {
        // Every write honours Idempotency-Key: the same request again is the replay.
        const replay = await call(method, url, body, answer.key!);
        expect({ status: replay.status, text: replay.text, replayed: replay.replayed }, label).toEqual({ status: answer.status, text: answer.text, replayed: 'true' });
      }
      called.push(label);
    }
    expect(called).toHaveLength(operations.length);

    // Every GET again, now that the writes above made webhooks, deliveries, keys and audit entries.
    for (const { label, url, schema } of gets) {
      const again = await call('get', url, undefined, undefined);
      expect(again.status, `${label} (again) → ${again.text}`).toBe(200);
      expect(validateAnswer(label, schema, again.json), `${label} (again) → ${again.text.slice(0, 2000)}`).toEqual([]);
      if (!Array.isArray(again.json.data) || again.json.data.length > 0) for (const name of resourcesOf(schema)) met.add(name);
    }
    // Export jobs are met by test/exports.e2e.ts; every other resource here, in a live answer.
    const resources = Object.keys(doc.components.schemas).filter((name) => !ENVELOPES.includes(name) && name !== 'Export');
    expect(resources.filter((name) => !met.has(name))).toEqual([]);
  });

  it('answers an export submission, its retrieval and the list in their documented schemas (the Export component)', async () => {
    const validateAnswer = answerValidator(doc);
    const post = doc.paths['/v1/exports'].post;
    const submitted = await call('post', new URL('/v1/exports', sys.url), post.requestBody.content['application/json'].examples.rest.value, randomUUID());
    expect(submitted.status, submitted.text).toBe(201);
    expect(validateAnswer('POST /v1/exports', post.responses['201'].content['application/json'].schema, submitted.json)).toEqual([]);
    const job = await call('get', new URL(`/v1/exports/${submitted.json.data.id}`, sys.url), undefined, undefined);
    expect(validateAnswer('GET /v1/exports/{id}', doc.paths['/v1/exports/{id}'].get.responses['200'].content['application/json'].schema, job.json)).toEqual([]);
    const list = await call('get', new URL('/v1/exports', sys.url), undefined, undefined);
    expect(list.json.data.length).toBeGreaterThan(0);
    expect(validateAnswer('GET /v1/exports', doc.paths['/v1/exports'].get.responses['200'].content['application/json'].schema, list.json)).toEqual([]);
    // The named component is the schema the export routes answer with.
    expect(doc.components.schemas.Export).toEqual(post.responses['201'].content['application/json'].schema.properties.data);
  });

  async function call(method: string, url: URL, body: unknown, key: string | undefined) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key !== undefined) headers['idempotency-key'] = key;
    const res = await fetch(url, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, key, replayed: res.headers.get('idempotent-replayed') };
  }
});

/** `{id}` after `/tasks` is a task's ID (one just created for PATCH or DELETE of the item itself); `{pod_id}` a pod's. */
function pathValue(method: string, path: string, name: string, created: Map<string, string>, label: string): string {
  const segments = path.split('/');
  const at = segments.indexOf(`{${name}}`);
  const collection = segments.slice(0, at).join('/');
  const isItem = at === segments.length - 1;
  if ((method === 'patch' || method === 'delete') && isItem && created.has(collection)) return created.get(collection)!;
  // `{delivery_id}` under /v1/webhooks/{id}/deliveries names a WebhookDelivery: the parent collection qualifies it.
  const type = name === 'id' ? typeOfName(segments[at - 1]) : (typeOfName(name) ?? typeOfName(`${segments[at - 3]?.replace(/s$/, '')}_${name}`));
  const id = type && (demoIdOf(ID_PREFIXES[type]) ?? created.get(collection));
  if (!id) throw new Error(`${label}: no demo ID for path parameter ${name}`);
  return id;
}

function queryValue(name: string, schema: Schema, label: string): string {
  if (typeof schema.pattern === 'string') {
    const id = demoIdMatching(schema.pattern);
    if (id) return id;
  }
  if (schema.format === 'date') return DEMO_DATE;
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  if (Array.isArray(schema.examples)) return String(schema.examples[0]);
  if (schema.type === 'integer') return String(schema.default ?? schema.minimum ?? 1);
  throw new Error(`${label}: no demo value for required query parameter ${name}`);
}

function requiredBody(schema: Schema, label: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of (schema.required ?? []) as string[]) body[name] = fieldValue(name, schema.properties[name], label);
  if (Object.keys(body).length === 0) {
    // Nothing is required (an update): change one plain text field, or else the first field.
    const names = Object.keys(schema.properties);
    const plain = names.find((n) => schema.properties[n].type === 'string' && !schema.properties[n].pattern && !schema.properties[n].enum && !schema.properties[n].format);
    const name = plain ?? names[0];
    if (name) body[name] = fieldValue(name, schema.properties[name], label);
  }
  return body;
}

function fieldValue(name: string, schema: Schema, label: string): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  if (typeof schema.pattern === 'string') {
    const id = demoIdMatching(schema.pattern);
    if (id) return id;
  }
  if (Array.isArray(schema.enum)) return schema.enum.find((v: unknown) => v !== null);
  if (schema.format === 'date') return DEMO_DATE;
  if (Array.isArray(schema.examples)) return schema.examples[0];
  switch (type) {
    case 'string':
      return `OpenAPI e2e ${name}`;
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'object':
      return {};
    case 'array': {
      const item = schema.items ? fieldValue(name, schema.items, label) : undefined;
      return item === undefined ? [] : [item];
    }
  }
  throw new Error(`${label}: no demo value for body field ${name}`);
}
