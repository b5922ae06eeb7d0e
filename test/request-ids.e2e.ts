import { it, expect, beforeAll, afterAll, vi } from 'vitest';
import WebSocket from 'ws';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { DASHBOARD } from './testkit/screens.ts';
import { log } from '../platform/log.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The JSON lines the logger writes meanwhile, at `info`. */
async function logLines(fn: () => Promise<void>): Promise<{ lines: Array<Record<string, any>>; text: string }> {
  const chunks: string[] = [];
  const previous = log.level;
  log.level = 'info';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (chunks.push(String(chunk)), true));
  try {
    await fn();
    // The access line is written once the answer has closed: wait for it, not for a time.
    await vi.waitFor(() => expect(chunks.join('')).toContain('"component":"access"'), { timeout: 5000 });
  } finally {
    spy.mockRestore();
    log.level = previous;
  }
  const text = chunks.join('');
  const lines = text.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, any>);
  return { lines, text };
}

describeEngines('request IDs and access logs', (ctx) => {
  let sys: TestSystem;
  let token: string;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    token = await bearer(principals.apexAdmin);
  });
  afterAll(() => sys?.close());

  const post = (headers: Record<string, string>, body: unknown) =>
    fetch(`${sys.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });

  it('answers every request with an X-Request-Id: fresh, the caller\'s when well-formed, replaced when not', async () => {
    const fresh = await post({}, { query: '{ viewer { role } }' });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-request-id')).toMatch(UUID);

    const given = await post({ 'x-request-id': 'client-7f3a.42:retry=1' }, { query: '{ viewer { role } }' });
    expect(given.headers.get('x-request-id')).toBe('client-7f3a.42:retry=1');

    for (const malformed of ['x'.repeat(129), 'has space', '{"json":1}', '<script>', 'ünïcode']) {
      const answer = await post({ 'x-request-id': malformed }, { query: '{ viewer { role } }' }).catch(() => undefined);
      if (!answer) continue; // fetch itself refuses some header values
      expect(answer.headers.get('x-request-id'), malformed).toMatch(UUID);
    }
  });

  it('puts it on refusals, REST, the OpenAPI document, SSE and the WebSocket upgrade', async () => {
    const refused = await fetch(`${sys.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'refused-1' }, body: '{"query":"{ viewer { role } }"}' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('refused-1');
    // The documented error shape is unchanged: the ID is in the header, not the body.
    expect(Object.keys(((await refused.json()) as { errors: Array<Record<string, unknown>> }).errors[0].extensions as object)).toEqual(['code']);

    const rest = await fetch(`${sys.url}/v1/tasks/TSK-26-018841`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'rest-1' } });
    expect(rest.status).toBe(200);
    expect(rest.headers.get('x-request-id')).toBe('rest-1');
    const missing = await fetch(`${sys.url}/v1/tasks/TSK-26-999999`, { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toMatch(UUID);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: expect.any(String), status: 404 } });
    expect((await fetch(`${sys.url}/v1/openapi.json`)).headers.get('x-request-id')).toMatch(UUID);

    const controller = new AbortController();
    const sse = await fetch(`${sys.url}/graphql`, {
      method: 'POST', signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}`, 'x-request-id': 'sse-1' },
      body: JSON.stringify({ query: 'subscription { activity { cursor } }' }),
    });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    expect(sse.headers.get('x-request-id')).toBe('sse-1');
    controller.abort();

    const upgraded = await new Promise<string | undefined>((resolve, reject) => {
      const socket = new WebSocket(`${sys.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', { headers: { 'x-request-id': 'ws-1' } });
      socket.once('upgrade', (res) => {
        resolve(res.headers['x-request-id'] as string | undefined);
        socket.close();
      });
      socket.once('error', reject);
    });
    expect(upgraded).toBe('ws-1');
  });

  it('carries one request ID from the gateway\'s lines to every subgraph\'s, with one access line each and no credential', async () => {
    const id = `dashboard-${ctx.engine}-1`;
    const { lines, text } = await logLines(async () => {
      const answer = await post({ 'x-request-id': id }, { query: DASHBOARD, variables: { ws: 'WS-26-000021', lines: 5, tasks: 3, integrations: 5, events: 5 }, operationName: 'Dashboard' });
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { errors?: unknown }).errors).toBeUndefined();
    });
    const mine = lines.filter((line) => line.requestId === id);
    const gateway = mine.filter((line) => line.component === 'access');
    expect(gateway).toHaveLength(1);
    expect(gateway[0]).toMatchObject({
      level: 30, msg: 'request', method: 'POST', route: '/graphql', status: 200, operationName: 'Dashboard',
      organizationId: 'ORG-26-090500', actorType: 'user', actorId: 'USR-26-000044',
    });
    expect(typeof gateway[0].durationMs).toBe('number');
    // Each subgraph the plan fetched from logged the gateway's ID on its own access line.
    const subgraphs = mine.filter((line) => line.component === 'subgraph-access');
    expect(new Set(subgraphs.map((line) => line.subgraph)).size).toBeGreaterThanOrEqual(4);
    // Under npm start the gateway hands its co-located subgraphs their fetches in-process (no HTTP).
    for (const line of subgraphs) expect(line).toMatchObject({ method: 'LOCAL', route: '(in-process)', status: 200, organizationId: 'ORG-26-090500', actorId: 'USR-26-000044' });
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./);
    expect(text).not.toMatch(/\bv1\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/);
  });

  it('logs a REST request under its route template, never the path with its IDs', async () => {
    const { lines } = await logLines(async () => {
      const answer = await fetch(`${sys.url}/v1/tasks/TSK-26-018841`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': `rest-${ctx.engine}` } });
      expect(answer.status).toBe(200);
    });
    const line = lines.find((l) => l.component === 'access' && l.requestId === `rest-${ctx.engine}`);
    expect(line).toMatchObject({ method: 'GET', route: '/v1/tasks/{id}', status: 200, organizationId: 'ORG-26-090500', actorId: 'USR-26-000044' });
    expect(JSON.stringify(line)).not.toContain('TSK-26-018841');
    // The route's document ran without an HTTP request in the runtime; its fetches carry the ID all the same.
    expect(lines.filter((l) => l.component === 'subgraph-access' && l.requestId === `rest-${ctx.engine}`).length).toBeGreaterThan(0);
  });
});
