import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { restClient, expectRestError } from './testkit/rest.ts';
import { writeSnapshots } from './testkit/writes.ts';
import { DEMO } from '../seed/demo.ts';

/** `[[[...]]]` nested `levels` deep, as JSON text (a value this deep cannot go through JSON.stringify). */
const nestedJson = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** One valid body for each of the nine JSON write routes, to break one field at a time. */
const WRITES: Array<{ method: string; path: string; body: Record<string, unknown> }> = [
  { method: 'POST', path: '/v1/tasks', body: { service_line_id: DEMO.serviceLineId, title: 'Bad input probe', description: 'd' } },
  { method: 'PATCH', path: `/v1/tasks/${DEMO.taskId}`, body: { title: 'Bad input probe', description: 'd' } },
  { method: 'POST', path: '/v1/integrations', body: { workspace_id: DEMO.workspaceId, type: 'linear', name: 'Probe', config: { team: 'PAY' } } },
  { method: 'PATCH', path: `/v1/integrations/${DEMO.jiraIntegrationId}`, body: { name: 'Probe', config: { team: 'PAY' } } },
  {
    method: 'POST',
    path: '/v1/managed-services/pods',
    body: { workspace_id: DEMO.workspaceId, name: 'Probe pod', delivery_model: 'managed_delivery', requested_team_size: 3, required_capabilities: ['qa'], start_date: '2026-06-01', description: 'd' },
  },
  { method: 'POST', path: '/v1/managed-services/requests', body: { pod_id: DEMO.podId, type: 'support_request', title: 'Probe', description: 'd' } },
  { method: 'POST', path: '/v1/managed-services/incidents', body: { pod_id: DEMO.podId, title: 'Probe', description: 'd' } },
  { method: 'POST', path: '/v1/api-keys', body: { name: 'Probe key', role: 'member' } },
  { method: 'POST', path: '/v1/exports', body: { route: '/v1/workspaces', params: { organization_id: DEMO.organizationId } } },
];

/** Every free-text field of those routes, and the longest text it takes. */
const TEXT_FIELDS: Array<[path: string, field: string, max: number]> = [
  ['/v1/tasks', 'title', 500],
  ['/v1/tasks', 'description', 20_000],
  [`/v1/tasks/${DEMO.taskId}`, 'title', 500],
  [`/v1/tasks/${DEMO.taskId}`, 'description', 20_000],
  ['/v1/integrations', 'name', 200],
  [`/v1/integrations/${DEMO.jiraIntegrationId}`, 'name', 200],
  ['/v1/managed-services/pods', 'name', 200],
  ['/v1/managed-services/pods', 'description', 20_000],
  ['/v1/managed-services/requests', 'title', 500],
  ['/v1/managed-services/requests', 'description', 20_000],
  ['/v1/managed-services/incidents', 'title', 500],
  ['/v1/managed-services/incidents', 'description', 20_000],
  ['/v1/api-keys', 'name', 200],
];

/** Bad input over /v1 (issue 11): each answers its documented 4xx in the error shape and writes nothing. */
describeEngines('REST bad input', (ctx) => {
  let sys: TestSystem;
  let token: string;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { rateLimitPoints: 100_000 } });
    token = await bearer(principals.apexAdmin);
  });
  afterAll(() => sys.close());

  const { call, get } = restClient(() => sys.url);
  const snapshot = writeSnapshots(() => ctx.database);
  const write = (path: string) => WRITES.find((w) => w.path === path)!;

  /** Sends a body as raw text with exactly the headers given (a Content-Type of JSON unless they say otherwise) or a stream. */
  async function raw(method: string, path: string, body: string | Uint8Array | ReadableStream, headers: Record<string, string> = { 'content-type': 'application/json' }) {
    const init = { method, body, headers: { authorization: `Bearer ${token}`, ...headers }, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) };
    const res = await fetch(`${sys.url}${path}`, init as RequestInit);
    const text = await res.text();
    return Object.defineProperties({ status: res.status, body: JSON.parse(text) }, { text: { value: text }, headers: { value: res.headers } }) as Awaited<ReturnType<typeof call>>;
  }

  /** Expects the refusal and that nothing at all was written by it. */
  async function refusedWithoutWrites(request: () => ReturnType<typeof call>, status: number, code: string, message?: RegExp) {
    const before = await snapshot();
    const text = await expectRestError(request(), status, code, message);
    expect(await snapshot(), text).toEqual(before);
    return text;
  }

  it('edits a task\'s description alone with PATCH (an empty history insert answered 500)', async () => {
    const before = await snapshot();
    const { status, body } = await call('PATCH', `/v1/tasks/${DEMO.taskId}`, { description: 'hello' });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.data.description).toBe('hello');
    const after = await snapshot();
    expect(after['tasks.task_history']).toBe(before['tasks.task_history']);
    expect(after['events.seq']).toBeGreaterThan(before['events.seq']);
  });

  it('refuses a NUL character in every text field, 422 naming it', async () => {
    for (const [path, field] of TEXT_FIELDS) {
      const { method, body } = write(path);
      await refusedWithoutWrites(() => call(method, path, { ...body, [field]: 'before\u0000after' }), 422, 'unprocessable', new RegExp(`^${field} must not contain a NUL character`));
    }
    await refusedWithoutWrites(() => call('POST', '/v1/managed-services/pods', { ...write('/v1/managed-services/pods').body, required_capabilities: ['qa', 'a\u0000'] }), 422, 'unprocessable', /^required_capabilities must not contain a NUL/);
    await refusedWithoutWrites(() => call('POST', '/v1/integrations', { ...write('/v1/integrations').body, config: { ['key\u0000']: 'v' } }), 422, 'unprocessable', /^config must not contain a NUL/);
    await refusedWithoutWrites(() => call('POST', '/v1/exports', { query: 'query($after: String) { events(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }\u0000' }), 422, 'unprocessable', /^query must not contain a NUL/);
  });

  it('holds every text field to its maximum length, and takes it at that length', async () => {
    for (const [path, field, max] of TEXT_FIELDS) {
      const { method, body } = write(path);
      await refusedWithoutWrites(() => call(method, path, { ...body, [field]: 'x'.repeat(max + 1) }), 422, 'unprocessable', new RegExp(`^${field} must be at most ${max} characters`));
    }
    // The 1 MB description is refused whole (413, below); 100 KB is a field over its limit.
    await refusedWithoutWrites(() => call('POST', '/v1/tasks', { ...write('/v1/tasks').body, description: 'x'.repeat(100_000) }), 422, 'unprocessable', /^description must be at most 20000 characters/);
    await refusedWithoutWrites(() => call('POST', '/v1/managed-services/pods', { ...write('/v1/managed-services/pods').body, required_capabilities: ['c'.repeat(101)] }), 422, 'unprocessable', /^required_capabilities must be at most 100/);
    const longest = await call('POST', '/v1/tasks', { ...write('/v1/tasks').body, title: 't'.repeat(500), description: 'd'.repeat(20_000) });
    expect(longest.status, longest.text.slice(0, 200)).toBe(201);
  });

  it('refuses keys inherited from Object.prototype on all nine JSON write routes, 422 naming them', async () => {
    for (const { method, path, body } of WRITES) {
      for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        const text = JSON.stringify(body).replace(/^\{/, `{${JSON.stringify(key)}: 1, `);
        await refusedWithoutWrites(() => raw(method, path, text), 422, 'unprocessable', new RegExp(`^Unknown field ${key};`));
      }
    }
  });

  it('refuses impossible dates and years outside 1900-2999 in parameters (400) and fields (422), naming them', async () => {
    const usage = `/v1/service-lines/${DEMO.serviceLineId}/usage`;
    for (const [query, name] of [['from=2026-13-01&to=2026-04-30', 'from'], ['from=0000-01-01&to=2026-04-30', 'from'], ['from=2026-04-01&to=9999-12-31', 'to'], ['from=2026-02-30&to=2026-04-30', 'from']]) {
      await expectRestError(get(`${usage}?${query}`), 400, 'bad_request', new RegExp(`^${name} must be a date as YYYY-MM-DD, years 1900 to 2999`));
    }
    const events = `/v1/events?organization_id=${DEMO.organizationId}`;
    for (const [query, name] of [['from=0000-01-01', 'from'], ['to=9999-12-31T00:00:00Z', 'to'], ['from=2026-02-31T10:00:00Z', 'from'], ['to=2026-04-14T24:00:00Z', 'to'], ['to=2999-12-31', 'to']]) {
      await expectRestError(get(`${events}&${query}`), 400, 'bad_request', new RegExp(`^${name} must be an ISO 8601 date-time`));
    }
    for (const start of ['2026-13-01', '2026-02-30', '0000-01-01', '9999-12-31']) {
      await refusedWithoutWrites(() => call('POST', '/v1/managed-services/pods', { ...write('/v1/managed-services/pods').body, start_date: start }), 422, 'unprocessable', /^start_date must be a date as YYYY-MM-DD/);
    }
    for (const expires of ['2027-13-01T00:00:00Z', '9999-01-01T00:00:00Z', '2027-02-29T00:00:00Z']) {
      await refusedWithoutWrites(() => call('POST', '/v1/api-keys', { name: 'k', expires_at: expires }), 422, 'unprocessable', /^expires_at must be an ISO 8601 date-time/);
    }
  });

  it('refuses JSON nested past 32 levels in any field, with or without an Idempotency-Key, 422 naming the field', async () => {
    const deepConfig = `{"workspace_id":"${DEMO.workspaceId}","type":"linear","name":"Deep","config":{"a":${nestedJson(20_000)}}}`;
    await refusedWithoutWrites(() => raw('POST', '/v1/integrations', deepConfig), 422, 'unprocessable', /^config is nested too deep: a request body may nest at most 32 levels, its own object counted\.$/);
    await refusedWithoutWrites(() => raw('POST', '/v1/integrations', deepConfig, { 'content-type': 'application/json', 'idempotency-key': 'deep-1' }), 422, 'unprocessable', /^config is nested/);
    await refusedWithoutWrites(() => raw('POST', '/v1/tasks', `{"title":"t","junk":${nestedJson(20_000)}}`), 422, 'unprocessable', /^junk is nested/);
    await refusedWithoutWrites(() => raw('POST', '/v1/exports', `{"route":"/v1/workspaces","params":{"organization_id":${nestedJson(20_000)}}}`), 422, 'unprocessable', /^params is nested/);
    // 32 levels in all, the body's own object counted, are the most a body holds.
    await refusedWithoutWrites(() => raw('PATCH', `/v1/integrations/${DEMO.jiraIntegrationId}`, `{"config":{"a":${nestedJson(31)}}}`), 422, 'unprocessable', /^config is nested/);
    const deepest = await raw('PATCH', `/v1/integrations/${DEMO.jiraIntegrationId}`, `{"config":{"a":${nestedJson(30)}}}`);
    expect(deepest.status, deepest.text.slice(0, 200)).toBe(200);
    // A body that is itself deep and not an object is refused before anything walks it.
    await refusedWithoutWrites(() => raw('POST', '/v1/tasks', nestedJson(20_000)), 400, 'bad_request', /must be a JSON object/);
  });

  it('answers 400 for malformed percent-encoding in export paths, like every other route', async () => {
    await expectRestError(get('/v1/exports/%E0%A4%A'), 400, 'bad_request', /^id is not a valid path segment/);
    await expectRestError(call('POST', '/v1/exports/%E0%A4%A/cancel'), 400, 'bad_request', /^id is not a valid path segment/);
    await expectRestError(get('/v1/exports/%E0%A4%A/download'), 400, 'bad_request', /^id is not a valid path segment/);
    await expectRestError(get('/v1/exports/EXP-26-000001/%FF'), 400, 'bad_request', /^action is not a valid path segment/);
    await expectRestError(get('/v1/tasks/%E0%A4%A'), 400, 'bad_request', /^id is not a valid path segment/);
  });

  it('answers 415 for a write body that is not JSON by its Content-Type, and takes JSON in UTF-8', async () => {
    const body = JSON.stringify(write('/v1/tasks').body);
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/jsonx']) {
      await refusedWithoutWrites(() => raw('POST', '/v1/tasks', body, { 'content-type': type }), 415, 'unsupported_media_type', /Content-Type: application\/json/);
    }
    // Bytes, unlike a string, go without a Content-Type of fetch's own.
    await refusedWithoutWrites(() => raw('POST', '/v1/tasks', new TextEncoder().encode(body), {}), 415, 'unsupported_media_type', /got no Content-Type/);
    await refusedWithoutWrites(() => raw('POST', '/v1/tasks', '<task><title>x</title></task>', { 'content-type': 'application/xml' }), 415, 'unsupported_media_type');
    await refusedWithoutWrites(() => raw(`PATCH`, `/v1/integrations/${DEMO.jiraIntegrationId}`, '{"name":"x"}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    for (const type of ['application/json; charset=utf-8', 'Application/JSON', 'application/merge-patch+json']) {
      const answer = await raw('PATCH', `/v1/tasks/${DEMO.taskId}`, '{"description":"typed"}', { 'content-type': type });
      expect(answer.status, `${type}: ${answer.text}`).toBe(200);
    }
    // Writes without a body need no Content-Type.
    expect((await call('POST', `/v1/integrations/${DEMO.githubIntegrationId}/sync`)).status).toBe(202);
  });

  it('answers 413 for a body over 1 MiB, by its length or as it streams, and keeps serving', async () => {
    const big = JSON.stringify({ ...write('/v1/tasks').body, description: 'x'.repeat(1 << 20) });
    await refusedWithoutWrites(() => raw('POST', '/v1/tasks', big), 413, 'payload_too_large', /larger than 1048576 bytes/);
    const chunks = [big.slice(0, 600_000), big.slice(600_000)];
    const stream = new ReadableStream({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const streamed = () => raw('POST', '/v1/tasks', stream);
    await refusedWithoutWrites(streamed, 413, 'payload_too_large');
    expect((await get(`/v1/tasks/${DEMO.taskId}`)).status).toBe(200);
  });
});
