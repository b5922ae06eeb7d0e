import dc from 'node:diagnostics_channel';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { collect, type SubscriptionResult } from './testkit/subscriptions.ts';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { DASHBOARD } from './testkit/screens.ts';
import { startGateway, type RunningGateway } from '../gateway/start.ts';
import { loadConfig } from '../platform/config.ts';
import { loadLimitsConfig } from '../gateway/limits/index.ts';
import { streamOf } from '../subgraphs/events/public.ts';
import { TEST_AUTH_SECRET } from './testkit/auth.ts';
import { DEMO } from '../seed/demo.ts';
import type { Principal } from '../platform/auth/tokens.ts';

/**
 * `npm start`'s gateway executes the subgraphs of its process in-process (gateway/local-transport.ts,
 * platform/subgraph/local.ts): no HTTP request reaches a subgraph's port, the answer, the SQL
 * statements and the subgraph fetches are those of a gateway reaching the same subgraphs over
 * HTTP, writes are audited on that path, succeeded and refused, and the subgraphs' ports still
 * refuse a caller without the gateway's signed principal.
 */
describeEngines('co-located subgraphs, executed in the gateway process', (ctx) => {
  let sys: TestSystem;
  let overHttp: RunningGateway;
  const ports = new Set<number>();
  let received = 0;
  const onRequest = (message: unknown) => {
    const port = ((message as { server?: Server }).server?.address() as AddressInfo | null)?.port;
    if (port !== undefined && ports.has(port)) received++;
  };

  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    for (const url of Object.values(sys.system.subgraphUrls)) ports.add(Number(new URL(url).port));
    const config = { ...loadConfig({ AUTH_SECRET: TEST_AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 };
    const deps = sys.system.deps;
    overHttp = await startGateway({ config, database: ctx.database, subgraphUrls: sys.system.subgraphUrls, limits: loadLimitsConfig({}), exportWorker: false, eventStream: () => streamOf(deps) });
    dc.subscribe('http.server.request.start', onRequest);
  });
  afterAll(async () => {
    dc.unsubscribe('http.server.request.start', onRequest);
    await overHttp?.close();
    await sys?.close();
  });

  const post = async (origin: string, principal: Principal, query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer(principal)}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  };
  const measured = async (origin: string, fetches: () => number, principal: Principal, query: string, variables?: Record<string, unknown>) => {
    const before = { received, fetches: fetches() };
    const { result, statements } = await ctx.database.statements.measure(() => post(origin, principal, query, variables));
    return { result, statements, fetches: fetches() - before.fetches, received: received - before.received };
  };

  it('serves the dashboard without an HTTP request to a subgraph, with the same answer, statements and fetches as over HTTP', async () => {
    const variables = { ws: 'WS-26-000021', lines: 25, tasks: 10, integrations: 20, events: 20 };
    const local = await measured(sys.url, () => sys.system.stats.subgraphFetches, principals.apexMember, DASHBOARD, variables);
    const http = await measured(overHttp.origin, () => overHttp.stats.subgraphFetches, principals.apexMember, DASHBOARD, variables);
    expect(local.result.errors).toBeUndefined();
    expect(local.result).toEqual(http.result);
    expect(local.received).toBe(0);
    expect(http.received).toBe(http.fetches);
    expect({ statements: local.statements, fetches: local.fetches }).toEqual({ statements: http.statements, fetches: http.fetches });
    expect(local.fetches).toBeGreaterThan(1);
  });

  it('answers refusals and missing objects with the same errors as over HTTP', async () => {
    const cases: Array<[Principal, string]> = [
      [principals.apexMember, '{ serviceLine(id: "LIN-26-999999") { id name } }'],
      [principals.apexViewer, '{ apiKeys(first: 5) { nodes { id } } }'],
      [principals.apexPayments, '{ workspace(id: "WS-26-000022") { id name } }'],
      [principals.apexMember, `{ serviceLine(id: "${DEMO.serviceLineId}") { id tasks(first: 101) { nodes { id } } } }`],
    ];
    for (const [principal, query] of cases) {
      const local = await measured(sys.url, () => sys.system.stats.subgraphFetches, principal, query);
      const http = await measured(overHttp.origin, () => overHttp.stats.subgraphFetches, principal, query);
      expect(local.result.errors?.length, query).toBeGreaterThan(0);
      expect(local.result, query).toEqual(http.result);
      expect(local.received, query).toBe(0);
    }
  });

  it('audits a write made on the in-process path, succeeded and refused', async () => {
    const title = `co-located ${Date.now()}`;
    const created = await measured(sys.url, () => sys.system.stats.subgraphFetches, principals.apexMember, `mutation($title: String!) { createTask(input: { serviceLineId: "${DEMO.serviceLineId}", title: $title }) { id } }`, { title });
    expect(created.result.errors).toBeUndefined();
    expect(created.received).toBe(0);
    const taskId = created.result.data.createTask.id as string;
    const refused = await measured(sys.url, () => sys.system.stats.subgraphFetches, principals.apexViewer, `mutation { updateTask(id: "${taskId}", input: { title: "no" }) { id } }`);
    expect(refused.result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.received).toBe(0);
    const { data, errors } = await post(sys.url, principals.apexAdmin, `{ auditLogs(resourceId: "${taskId}", first: 10) { nodes { action outcome errorCode actorId channel } } }`);
    expect(errors).toBeUndefined();
    expect(data.auditLogs.nodes).toEqual(expect.arrayContaining([
      { action: 'createTask', outcome: 'SUCCEEDED', errorCode: null, actorId: principals.apexMember.actorId, channel: 'graphql' },
      { action: 'updateTask', outcome: 'REFUSED', errorCode: 'forbidden', actorId: principals.apexViewer.actorId, channel: 'graphql' },
    ]));
  });

  it('streams a per-subscriber subscription from the events subgraph over its WebSocket, with its entity fetches in-process', async () => {
    const perSubscriber = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { subscriptionFanout: 'per-subscriber' } });
    for (const url of Object.values(perSubscriber.system.subgraphUrls)) ports.add(Number(new URL(url).port));
    const client = createClient({ url: `${perSubscriber.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${await bearer(principals.apexAdmin)}` }, retryAttempts: 0 });
    try {
      const latest = await perSubscriber.graphql('{ events(first: 1) { edges { cursor } } }');
      const stream = collect(client.iterate({
        query: 'subscription($after: String) { activity(after: $after, types: ["task."]) { node { id type subject { __typename ... on Task { id title } } } } }',
        variables: { after: latest.data.events.edges[0].cursor },
      }) as AsyncIterator<SubscriptionResult>);
      const title = `streamed ${Date.now()}`;
      const before = received;
      const created = await perSubscriber.graphql(`mutation($title: String!) { createTask(input: { serviceLineId: "${DEMO.serviceLineId}", title: $title }) { id } }`, { title });
      expect(created.errors).toBeUndefined();
      const [first] = await stream.take(1);
      expect(first.errors).toBeUndefined();
      expect(first.data.activity.node).toMatchObject({ type: 'task.created', subject: { __typename: 'Task', id: created.data.createTask.id, title } });
      // The write and the event's Task were fetched in-process; only the subscription is a socket.
      expect(received - before).toBe(0);
      await stream.stop();
    } finally {
      await client.dispose();
      await perSubscriber.close();
    }
  });

  it('keeps the subgraphs closed to a caller without the signed principal', async () => {
    for (const url of Object.values(sys.system.subgraphUrls)) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(res.status).toBe(401);
    }
  });
});
