import { randomUUID } from 'node:crypto';
import { it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals } from './testkit/auth.ts';
import { restClient, expectRestError } from './testkit/rest.ts';
import { DASHBOARD } from './testkit/screens.ts';
import { DEMO } from '../seed/demo.ts';

const VARS = { ws: 'WS-26-000021', lines: 10, tasks: 3, integrations: 10, events: 20 };
const UNAVAILABLE = 'This part of the graph is unavailable right now; retry shortly.';

/**
 * One subgraph stops answering while the gateway runs (its port closes, as when its process dies):
 * every screen still gets everything the other subgraphs answered, plus one SERVICE_UNAVAILABLE
 * error at the path of each field that subgraph was to serve; REST answers 503 with Retry-After
 * where it needs that subgraph; /ready names it. Once it is back, answers are whole again with no
 * restart of the gateway. (The same with separate processes: topology.e2e.ts.)
 */
describeEngines('a subgraph that does not answer', (ctx) => {
  let sys: TestSystem;
  let healthy: any;
  const rest = restClient(() => sys.url);
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    const { data, errors } = await sys.graphql(DASHBOARD, VARS);
    expect(errors).toBeUndefined();
    healthy = data;
  });
  afterEach(async () => {
    for (const name of ['integrations', 'managed-services'] as const) await sys.system.startSubgraph(name);
  });
  afterAll(() => sys.close());

  it('keeps the rest of the dashboard and marks exactly the fields of the missing subgraph', async () => {
    await sys.system.stopSubgraph('integrations');
    const { status, data, errors } = await sys.graphql(DASHBOARD, VARS);
    expect(status).toBe(200);
    // What integrations serves: the workspace's integrations, and any event subject that is an integration.
    const expected = structuredClone(healthy);
    expected.workspace.integrations = null;
    const paths: (string | number)[][] = [['workspace', 'integrations']];
    expected.workspace.events.nodes.forEach((event: any, i: number) => {
      if (event.subject.__typename !== 'Integration') return;
      event.subject = null;
      // Its name failed (the id came with the event), which nulls the subject.
      paths.push(['workspace', 'events', 'nodes', i, 'subject', 'name']);
    });
    expect(data).toEqual(expected);
    expect(errors).toEqual(expect.arrayContaining(paths.map((path) => ({ message: UNAVAILABLE, path, extensions: { code: 'SERVICE_UNAVAILABLE', service: 'integrations' } }))));
    expect(errors!.every((e: any) => e.extensions.code === 'SERVICE_UNAVAILABLE')).toBe(true);
  });

  it("answers each entity's missing field at its own path, and nulls a root field, not the whole answer", async () => {
    await sys.system.stopSubgraph('managed-services');
    const { data, errors } = await sys.graphql(DASHBOARD, VARS);
    const lines = healthy.workspace.serviceLines.nodes;
    expect(data.workspace.serviceLines.nodes).toEqual(lines.map((line: any) => ({ ...line, pod: null })));
    expect(data.workspace.integrations).toEqual(healthy.workspace.integrations);
    const podErrors = errors!.filter((e: any) => e.path.at(-1) === 'pod');
    expect(podErrors.map((e: any) => e.path)).toEqual(lines.map((_: unknown, i: number) => ['workspace', 'serviceLines', 'nodes', i, 'pod']));
    expect(podErrors.every((e: any) => e.extensions.service === 'managed-services')).toBe(true);

    const both = await sys.graphql('{ serviceLines(first: 2) { nodes { id } } pods(first: 2) { nodes { id } } }');
    expect(both.data).toEqual({ serviceLines: { nodes: [expect.objectContaining({ id: expect.any(String) }), expect.any(Object)] }, pods: null });
    expect(both.errors).toEqual([{ message: UNAVAILABLE, path: ['pods'], extensions: { code: 'SERVICE_UNAVAILABLE', service: 'managed-services' } }]);
    const alone = await sys.graphql('{ pods(first: 2) { nodes { id } } }');
    expect({ status: alone.status, data: alone.data }).toEqual({ status: 200, data: { pods: null } });
  });

  it('answers REST 503 service_unavailable with Retry-After where a route needs it; a write refused so did nothing and its key is free', async () => {
    await sys.system.stopSubgraph('integrations');
    const list = await rest.get('/v1/integrations');
    await expectRestError(list, 503, 'service_unavailable', UNAVAILABLE);
    expect(list.headers.get('retry-after')).toBe('5');
    expect((await rest.get(`/v1/tasks?service_line_id=${DEMO.serviceLineId}&limit=1`)).status).toBe(200);

    const key = randomUUID();
    const body = { workspace_id: 'WS-26-000021', type: 'github', name: `outage-${key}` };
    const refused = await rest.call('POST', '/v1/integrations', body, principals.apexAdmin, { 'idempotency-key': key });
    await expectRestError(refused, 503, 'service_unavailable');
    await sys.system.startSubgraph('integrations');
    const retried = await rest.call('POST', '/v1/integrations', body, principals.apexAdmin, { 'idempotency-key': key });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    const named = await sys.graphql('{ integrations(first: 100) { nodes { name } } }');
    expect(named.data.integrations.nodes.filter((i: any) => i.name === body.name)).toHaveLength(1);
  });

  it('says on /ready which subgraph does not answer, keeps /health as liveness, and recovers without a restart', async () => {
    await sys.system.stopSubgraph('integrations');
    const notReady = await fetch(`${sys.url}/ready`);
    expect({ status: notReady.status, body: await notReady.json() }).toEqual({
      status: 503,
      body: { status: 'unavailable', database: ctx.engine, unavailable: ['integrations'] },
    });
    expect((await fetch(`${sys.url}/health`)).status).toBe(200);
    await sys.system.startSubgraph('integrations');
    const ready = await fetch(`${sys.url}/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready', database: ctx.engine } });
    const whole = await sys.graphql(DASHBOARD, VARS);
    expect(whole.errors).toBeUndefined();
    expect(whole.data.workspace.integrations.nodes.map((i: any) => i.id)).toEqual(expect.arrayContaining(['INT-26-000041', 'INT-26-000042']));
  });
});

describeEngines('a subgraph that does not answer, in production', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { production: true });
  });
  afterAll(() => sys.close());

  it('says a part is unavailable without naming the subgraph', async () => {
    await sys.system.stopSubgraph('integrations');
    const { data, errors } = await sys.graphql('{ viewer { role } integrations(first: 1) { nodes { id } } }');
    expect(data).toEqual({ viewer: { role: 'ADMIN' }, integrations: null });
    expect(errors).toEqual([{ message: UNAVAILABLE, path: ['integrations'], extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
  });
});
