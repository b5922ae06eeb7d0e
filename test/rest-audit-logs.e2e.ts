import { it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant, bearer } from './testkit/auth.ts';
import { DEMO } from '../seed/demo.ts';
import { restClient, expectRestError, ISO } from './testkit/rest.ts';
import { purgeExpiredAuditLogs } from '../subgraphs/audit-logs/retention.ts';

const ENTRY_KEYS = ['id', 'organization_id', 'workspace_id', 'actor', 'action', 'resource', 'outcome', 'error_code', 'changed_fields', 'client_address', 'user_agent', 'channel', 'created_at'];
const DAY_MS = 24 * 3600 * 1000;

describeEngines('audit logs', (ctx) => {
  let sys: TestSystem;
  const rest = restClient(() => sys.url);
  const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
  const latest = async (query: string) => {
    const answer = await rest.get(`/v1/audit-logs?${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.data;
  };

  beforeAll(async () => {
    // No background work (webhook deliveries, sweeps): the trail holds only what these tests do.
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { webhookWorker: false });
  });
  afterAll(async () => {
    await sys?.close();
  });

  it('records a write made over REST with who, what, when, from where and the fields it set', async () => {
    const task = await rest.call('POST', '/v1/tasks', { workspace_id: DEMO.workspaceId, service_line_id: DEMO.serviceLineId, title: 'Audited task', priority: 'high' },
      principals.apexAdmin, { 'user-agent': 'audit-probe/1.0' });
    expect(task.status).toBe(201);
    const [entry, ...more] = await latest(`resource_id=${task.body.data.id}`);
    expect(more).toEqual([]);
    expect(Object.keys(entry)).toEqual(ENTRY_KEYS);
    expect(entry).toEqual({
      id: expect.stringMatching(/^AUD-\d{2}-\d{6,}$/), organization_id: DEMO.organizationId, workspace_id: DEMO.workspaceId,
      actor: { type: 'user', id: principals.apexAdmin.actorId, key_prefix: null }, action: 'createTask', resource: { type: 'Task', id: task.body.data.id },
      outcome: 'succeeded', error_code: null, changed_fields: expect.arrayContaining(['workspaceId', 'serviceLineId', 'title', 'priority']),
      client_address: expect.stringMatching(/127\.0\.0\.1$/), user_agent: 'audit-probe/1.0', channel: 'rest', created_at: expect.stringMatching(ISO),
    });
    // An update names the object it changed and the fields it set.
    await rest.call('PATCH', `/v1/tasks/${task.body.data.id}`, { status: 'in_progress' });
    const [update] = await latest(`resource_id=${task.body.data.id}&action=updateTask`);
    expect(update).toMatchObject({ action: 'updateTask', resource: { type: 'Task', id: task.body.data.id }, changed_fields: ['status'], outcome: 'succeeded' });
  });

  it('keeps the first 500 characters of a long user agent, and the write goes through (the origin rides in a header to the subgraphs)', async () => {
    const task = await rest.call('POST', '/v1/tasks', { workspace_id: DEMO.workspaceId, service_line_id: DEMO.serviceLineId, title: 'Long agent' },
      principals.apexAdmin, { 'user-agent': 'x'.repeat(12_000) });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    const [entry] = await latest(`resource_id=${task.body.data.id}`);
    expect(entry.user_agent).toBe('x'.repeat(500));
  });

  it('records a refused write as refused, with its code and the object it aimed at, and nothing as succeeded', async () => {
    const succeeded = (await latest('outcome=succeeded&limit=100')).length;
    await expectRestError(rest.call('PATCH', '/v1/tasks/TSK-26-999999', { title: 'Nope' }), 404, 'not_found');
    const [entry] = await latest('outcome=refused&action=updateTask');
    expect(entry).toMatchObject({ outcome: 'refused', error_code: 'not_found', resource: { type: 'Task', id: 'TSK-26-999999' }, changed_fields: ['title'], channel: 'rest' });
    await expectRestError(rest.post('/v1/webhooks', { url: 'https://hooks.example.com/', event_types: ['task.'] }, principals.apexMember), 403, 'forbidden');
    const [forbidden] = await latest('outcome=refused&action=createWebhook');
    expect(forbidden).toMatchObject({ actor: { id: principals.apexMember.actorId }, error_code: 'forbidden', resource: null });
    await expectRestError(rest.post('/v1/tasks', { workspace_id: DEMO.workspaceId, title: 'No Service Line' }), 422, 'unprocessable');
    const [unprocessable] = await latest('outcome=refused&action=createTask');
    expect(unprocessable).toMatchObject({ error_code: 'unprocessable', changed_fields: ['workspaceId', 'title'] });
    expect((await latest('outcome=succeeded&limit=100')).length).toBe(succeeded);
  });

  it('names an API key acting by its prefix, and never keeps a secret value', async () => {
    const key = await rest.post('/v1/api-keys', { name: 'Audit probe key', role: 'admin' });
    expect(key.status).toBe(201);
    const created = await rest.call('POST', '/v1/integrations',
      { workspace_id: DEMO.workspaceId, type: 'datadog', name: 'Audit probe', credentials: { api_key: 'dd-secret-value-123' } }, `Bearer ${key.body.data.secret}`);
    expect(created.status).toBe(201);
    const [entry] = await latest(`resource_id=${created.body.data.id}`);
    expect(entry).toMatchObject({ actor: { type: 'api_key', id: key.body.data.id, key_prefix: key.body.data.token_prefix }, action: 'connectIntegration', channel: 'rest' });
    expect(entry.changed_fields).toContain('credentials');
    const [keyEntry] = await latest(`resource_id=${key.body.data.id}`);
    expect(keyEntry).toMatchObject({ action: 'createApiKey', resource: { type: 'ApiKey', id: key.body.data.id }, changed_fields: ['name', 'role'] });
    const all = JSON.stringify((await rest.get('/v1/audit-logs?limit=100')).body);
    expect(all).not.toContain('dd-secret-value-123');
    expect(all).not.toContain(key.body.data.secret);
  });

  it('records GraphQL writes over HTTP and WebSocket, each root field once', async () => {
    const res = await sys.graphql('mutation { a: createWebhook(input: { url: "https://hooks.example.com/audit", eventTypes: ["task."] }) { secret webhook { id } } }');
    expect(res.errors).toBeUndefined();
    const webhookId = res.data.a.webhook.id;
    expect((await sys.graphql('mutation { updateTask(id: "TSK-26-999998", input: { title: "x" }) { id } }')).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const [entry] = await latest(`resource_id=${webhookId}`);
    expect(entry).toMatchObject({ action: 'createWebhook', channel: 'graphql', outcome: 'succeeded', resource: { type: 'Webhook', id: webhookId } });
    expect(JSON.stringify(await latest('limit=100'))).not.toContain(res.data.a.secret);
    expect(await latest('resource_id=TSK-26-999998')).toMatchObject([{ action: 'updateTask', outcome: 'refused', error_code: 'not_found', channel: 'graphql' }]);

    const client = createClient({
      url: `${sys.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${await bearer(principals.apexAdmin)}` },
    });
    try {
      const result = await new Promise<any>((resolve, reject) => {
        client.subscribe({ query: `mutation { rotateWebhookSecret(id: "${webhookId}", input: { overlapSeconds: 0 }) { secret } }` }, { next: resolve, error: reject, complete: () => undefined });
      });
      expect(result.errors).toBeUndefined();
      const [rotated] = await latest(`resource_id=${webhookId}&action=rotateWebhookSecret`);
      expect(rotated).toMatchObject({ channel: 'graphql', outcome: 'succeeded', changed_fields: ['overlapSeconds'], client_address: expect.stringMatching(/127\.0\.0\.1$/) });
      expect(JSON.stringify(rotated)).not.toContain(result.data.rotateWebhookSecret.secret);
    } finally {
      await client.dispose();
    }
  });

  it('records export submissions and cancellations, succeeded or refused; the trail itself exports', async () => {
    const job = await rest.post('/v1/exports', { route: '/v1/audit-logs', params: { action: 'createTask' } });
    expect(job.status).toBe(201);
    const [submitted] = await latest(`resource_id=${job.body.data.id}`);
    expect(submitted).toMatchObject({ action: 'submitExport', channel: 'export', outcome: 'succeeded', resource: { type: 'ExportJob', id: job.body.data.id }, changed_fields: ['route', 'params'] });
    await expectRestError(rest.post('/v1/exports', { route: '/v1/nowhere' }), 422, 'unprocessable');
    const [refused] = await latest('action=submitExport&outcome=refused');
    expect(refused).toMatchObject({ error_code: 'unprocessable', channel: 'export', resource: null });
    await expectRestError(rest.post('/v1/exports/EXP-26-999999/cancel', undefined), 404, 'not_found');
    expect(await latest('action=cancelExport')).toMatchObject([{ outcome: 'refused', error_code: 'not_found', resource: { type: 'ExportJob', id: 'EXP-26-999999' } }]);

    let done: any;
    for (let i = 0; i < 2_000 && !['completed', 'failed', 'cancelled'].includes(done?.status); i++) {
      done = (await rest.get(`/v1/exports/${job.body.data.id}`)).body.data;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(done).toMatchObject({ status: 'completed', error: null });
    const download = await fetch(`${sys.url}${done.download_url}`, { headers: { authorization: `Bearer ${await bearer(principals.apexAdmin)}` } });
    const lines = (await download.text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((l) => l.action)).toEqual(lines.map(() => 'createTask'));
    expect(lines.map((l) => l.id)).toEqual((await latest('action=createTask&limit=100')).map((e: any) => e.id));
  });

  it('owners and admins only; another organization and a narrowed admin see only their own; filters, time range and cursors hold', async () => {
    await expectRestError(rest.get('/v1/audit-logs', principals.apexMember), 403, 'forbidden');
    await expectRestError(rest.get('/v1/audit-logs', principals.apexViewer), 403, 'forbidden');
    const mine = await latest('limit=100');
    expect(mine.length).toBeGreaterThan(5);
    expect((await rest.get('/v1/audit-logs?limit=100', other)).body.data).toEqual([]);
    const narrowedAdmin = { ...principals.apexPayments, role: 'admin' as const };
    const narrowed = (await rest.get('/v1/audit-logs?limit=100', narrowedAdmin)).body.data;
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.every((e: any) => e.workspace_id === DEMO.workspaceId)).toBe(true);
    const node = await sys.graphql(`{ node(id: "${mine[0].id}") { id ... on AuditLog { action } } }`, {}, other);
    expect(node.data.node).toBeNull();
    expect(node.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await sys.graphql(`{ node(id: "${mine[0].id}") { id ... on AuditLog { action } } }`)).data.node).toEqual({ id: mine[0].id, action: mine[0].action });

    expect(mine.map((e: any) => e.id)).toEqual(mine.map((e: any) => e.id).sort().reverse());
    const page = await rest.get('/v1/audit-logs?limit=2');
    expect(page.body.meta.has_more).toBe(true);
    const next = await rest.get(`/v1/audit-logs?limit=2&cursor=${page.body.meta.cursor}`);
    expect(next.body.data.map((e: any) => e.id)).toEqual(mine.slice(2, 4).map((e: any) => e.id));
    expect((await latest('outcome=succeeded&limit=100')).every((e: any) => e.outcome === 'succeeded')).toBe(true);
    const members = await latest(`actor_id=${principals.apexMember.actorId}`);
    expect(members.length).toBeGreaterThan(0);
    expect(members.every((e: any) => e.actor.id === principals.apexMember.actorId)).toBe(true);
    expect((await latest('resource_type=Webhook&limit=100')).every((e: any) => e.resource.type === 'Webhook')).toBe(true);
    expect(await latest('from=2030-01-01')).toEqual([]);
    expect((await latest(`to=${new Date(Date.now() + DAY_MS).toISOString()}&limit=100`)).length).toBe(mine.length);
  });

  it('refuses bad filters with 400 naming the parameter, and offers no way to change an entry', async () => {
    await expectRestError(rest.get('/v1/audit-logs?outcome=maybe'), 400, 'bad_request', /outcome/);
    await expectRestError(rest.get('/v1/audit-logs?actor_id=%00'), 400, 'bad_request', /^actor_id must be a USR-, KEY- or AGT- ID/);
    await expectRestError(rest.get('/v1/audit-logs?action=%00'), 400, 'bad_request', /^action: "\u0000" is not an action name/);
    await expectRestError(rest.get('/v1/audit-logs?resource_type=Nope'), 400, 'bad_request', /^resource_type must be a graph type/);
    await expectRestError(rest.get('/v1/audit-logs?resource_id=nope'), 400, 'bad_request', /^resource_id must be a platform ID/);
    await expectRestError(rest.get('/v1/audit-logs?from=2026-05-01&to=2026-04-01'), 400, 'bad_request', /to must not be before from/);
    await expectRestError(rest.get('/v1/audit-logs?limit=101'), 400, 'bad_request', /limit/);
    // Immutable through every API: no route changes or removes an entry, and the graph has no mutation for it.
    const [first] = await latest('limit=1');
    await expectRestError(rest.call('DELETE', `/v1/audit-logs/${first.id}`), 404, 'not_found');
    await expectRestError(rest.call('PATCH', '/v1/audit-logs', {}), 404, 'not_found');
    const schema = await sys.graphql('{ __schema { mutationType { fields { name } } } }');
    expect(schema.data.__schema.mutationType.fields.map((f: any) => f.name).filter((n: string) => /audit/i.test(n))).toEqual([]);
  });

  it('keeps entries 12 months: the sweep removes older ones only', async () => {
    const before = (await latest('limit=100')).length;
    expect(await purgeExpiredAuditLogs(ctx.database, new Date(Date.now() + 364 * DAY_MS))).toBe(0);
    expect((await latest('limit=100')).length).toBe(before);
    expect(await purgeExpiredAuditLogs(ctx.database, new Date(Date.now() + 366 * DAY_MS), 3)).toBeGreaterThanOrEqual(before);
    expect(await latest('limit=100')).toEqual([]);
  });
});
