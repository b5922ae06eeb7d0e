import { it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { collect, type SubscriptionResult } from './testkit/subscriptions.ts';
import { scrape, valueOf, type Sample } from './testkit/metrics.ts';
import { DEMO } from '../seed/demo.ts';
import { MAX_OPERATION_NAMES } from '../gateway/metrics.ts';

/**
 * /metrics after real traffic: GraphQL over HTTP, REST, a refused document, subscriptions over
 * WebSocket and SSE fed by a real write, refused credentials; scraped over HTTP from the gateway
 * and from a subgraph's port, on both engines. Then the bound on labels: hundreds of distinct
 * operation names and IDs never become hundreds of series.
 */
const BARE = `subscription Bare($types: [String!]) { activity(types: $types) { cursor node { id type } } }`;

describeEngines('metrics: /metrics after real traffic', (ctx) => {
  let sys: TestSystem;
  const clients: WsClient[] = [];
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { authFailureLimit: 3 } });
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await sys?.close();
  });

  const gatewayMetrics = async () => (await scrape(`${sys.url}/metrics`)).samples;

  // The counters are the process's: both engines' systems of this file add to them, so each test reads what it added.
  const added = (after: Sample[], before: Sample[], name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

  it('counts operations by name, type and outcome, errors by code, limit refusals, REST routes, subgraph fetches and statements', async () => {
    const before = await gatewayMetrics();
    const ok = await sys.graphql(`query MetricsLine { serviceLine(id: "${DEMO.serviceLineId}") { id name } }`);
    expect(ok.errors).toBeUndefined();
    const refused = await sys.graphql(`query MetricsUnbounded { workspace(id: "WS-26-000021") { serviceLines { nodes { id } } } }`);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MISSING_PAGINATION_BOUNDARIES' });
    const rest = await fetch(`${sys.url}/v1/service-lines/${DEMO.serviceLineId}`, { headers: { authorization: `Bearer ${await bearer(principals.apexAdmin)}` } });
    expect(rest.status).toBe(200);

    const samples = await gatewayMetrics();
    expect(added(samples, before, 'graphql_operations_total', { operation: 'MetricsLine', type: 'query', outcome: 'ok' })).toBe(1);
    expect(added(samples, before, 'graphql_operations_total', { operation: 'MetricsUnbounded', type: 'query', outcome: 'refused' })).toBe(1);
    expect(added(samples, before, 'graphql_limit_refusals_total', { reason: 'MISSING_PAGINATION_BOUNDARIES' })).toBe(1);
    expect(added(samples, before, 'graphql_errors_total', { code: 'BAD_USER_INPUT', reason: 'MISSING_PAGINATION_BOUNDARIES' })).toBe(1);
    // The plugin's histograms live in this gateway's own registry: read whole.
    expect(valueOf(samples, 'graphql_envelop_request_duration_count', { operationName: 'MetricsLine', operationType: 'query' })).toBe(1);
    expect(valueOf(samples, 'graphql_gateway_subgraph_execute_duration_count', { subgraphName: 'service-lines' })).toBeGreaterThanOrEqual(2);
    expect(added(samples, before, 'http_requests_total', { service: 'gateway', route: '/v1/service-lines/{id}', method: 'GET', status: '200' })).toBe(1);
    expect(added(samples, before, 'http_requests_total', { service: 'gateway', route: '/graphql', method: 'POST', status: '200' })).toBe(2);
    expect(added(samples, before, 'db_statement_duration_seconds_count', { engine: ctx.engine, outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(samples, 'db_pool_max_connections', { engine: ctx.engine })).toBeGreaterThan(0);
    expect(valueOf(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    // The subgraphs of this process answer /metrics on their own ports too, with the requests made
    // to those ports (the gateway of npm start executes them in-process: a direct caller, refused).
    const direct = await fetch(sys.system.subgraphUrls['service-lines'], { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(direct.status).toBe(401);
    const subgraph = await scrape(new URL('/metrics', sys.system.subgraphUrls['service-lines']).href);
    expect(valueOf(subgraph.samples, 'http_requests_total', { service: 'service-lines', route: '/graphql', method: 'POST', status: '401' })).toBeGreaterThanOrEqual(1);
  });

  it('reports open WebSocket and SSE connections and subscriptions, the event stream and live deliveries', async () => {
    const authorization = `Bearer ${await bearer(principals.apexAdmin)}`;
    const ws = createWsClient({ url: sys.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0, lazy: true });
    clients.push(ws);
    const overWs = collect(ws.iterate({ query: BARE, variables: { types: ['task.'] } }) as AsyncIterator<SubscriptionResult>);
    const sse = createSseClient({ url: `${sys.url}/graphql`, headers: { authorization }, retryAttempts: 0 });
    const overSse = collect(sse.iterate({ query: BARE, variables: { types: ['task.'] } }) as AsyncIterator<SubscriptionResult>);
    const before = await gatewayMetrics();
    // Both subscribed (each answers its first event only once it is registered): write until each has one.
    let delivered = false;
    for (let i = 0; !delivered; i++) {
      const created = await sys.graphql('mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', { input: { serviceLineId: DEMO.serviceLineId, title: `Metrics ${i}` } });
      expect(created.errors).toBeUndefined();
      await Promise.race([Promise.all([overWs.take(1), overSse.take(1)]), new Promise((resolve) => setTimeout(resolve, 500))]);
      delivered = overWs.results.length > 0 && overSse.results.length > 0;
    }
    const open = await gatewayMetrics();
    expect(valueOf(open, 'gateway_open_connections', { transport: 'websocket' })).toBe(1);
    expect(valueOf(open, 'gateway_open_connections', { transport: 'sse' })).toBe(1);
    expect(valueOf(open, 'gateway_open_subscriptions')).toBe(2);
    expect(added(open, before, 'graphql_operations_total', { operation: 'Bare', type: 'subscription', outcome: 'ok' })).toBe(2);
    expect(valueOf(open, 'live_deliveries_total') - valueOf(before, 'live_deliveries_total')).toBeGreaterThanOrEqual(2);
    expect(valueOf(open, 'event_stream_events_total')).toBeGreaterThan(valueOf(before, 'event_stream_events_total'));
    expect(valueOf(open, 'event_stream_position')).toBeGreaterThan(0);
    expect(open.some((s) => s.name === 'event_stream_lag_events')).toBe(true);
    expect(open.some((s) => s.name === 'export_jobs' || s.name === 'live_audiences')).toBe(true);

    await overWs.stop();
    await overSse.stop();
    sse.dispose();
    await ws.dispose();
    // Closed on the server when their sockets are: wait for it (no timed assertion).
    for (;;) {
      const closed = await gatewayMetrics();
      if (valueOf(closed, 'gateway_open_connections') === 0 && valueOf(closed, 'gateway_open_subscriptions') === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('keeps labels bounded: distinct operation names past the cap are __other__, and no ID is ever a label', async () => {
    const before = await gatewayMetrics();
    const names = Array.from({ length: MAX_OPERATION_NAMES + 50 }, (_, i) => `Bounded${i}`);
    const authorization = `Bearer ${await bearer(principals.apexAdmin)}`;
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(names.slice(i, i + 25).map(async (name) => {
        const res = await fetch(`${sys.url}/graphql`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ query: `query ${name} { __typename }` }) });
        expect(res.status).toBe(200);
        await res.text();
      }));
    }
    // REST requests for 30 different IDs: one route template.
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${sys.url}/v1/tasks/TSK-26-${String(900000 + i)}`, { headers: { authorization } });
      expect(res.status).toBe(404);
      await res.text();
    }
    const { text, samples } = await scrape(`${sys.url}/metrics`);
    const operations = new Set(samples.filter((s) => s.name === 'graphql_operations_total').map((s) => s.labels.operation));
    // The names kept, then `anonymous`, `unknown` (did not parse) and `__other__`.
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 3);
    expect(added(samples, before, 'graphql_operations_total', { operation: '__other__' })).toBeGreaterThanOrEqual(50);
    const histogramNames = new Set(samples.filter((s) => s.name === 'graphql_envelop_request_duration_count').map((s) => s.labels.operationName));
    expect(histogramNames.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 2);
    expect(added(samples, before, 'http_requests_total', { route: '/v1/tasks/{id}', status: '404' })).toBe(30);
    // No ID of this API (PREFIX-YY-NNNNNN), token or URL with a query string in any label.
    expect(text).not.toMatch(/[A-Z]{2,4}-\d{2}-\d{6}/);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(text).not.toMatch(/\?[a-z_]+=/);
    // Every series of every metric: a few hundred, not one per request.
    const series = new Map<string, number>();
    for (const s of samples) series.set(s.name, (series.get(s.name) ?? 0) + 1);
    for (const [name, count] of series) expect(count, name).toBeLessThanOrEqual(20 * (MAX_OPERATION_NAMES + 2));
  });

  it('counts refused credentials past their budget as rate-limited (last: the address stays blocked for its window)', async () => {
    const before = await gatewayMetrics();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${sys.url}/graphql`, { method: 'POST', headers: { authorization: 'Bearer nope', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      statuses.push(res.status);
      await res.text();
    }
    expect(statuses).toContain(429);
    const samples: Sample[] = await gatewayMetrics();
    expect(added(samples, before, 'gateway_rate_limited_total', { budget: 'refused_credentials' })).toBe(statuses.filter((s) => s === 429).length);
    expect(added(samples, before, 'http_requests_total', { service: 'gateway', route: '/graphql', status: '429' })).toBe(statuses.filter((s) => s === 429).length);
  });
});
