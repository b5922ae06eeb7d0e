import { it, expect, beforeAll, afterAll, afterEach, vi } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant } from './testkit/auth.ts';
import { DEMO } from '../seed/demo.ts';
import { restClient, expectRestError, ISO } from './testkit/rest.ts';
import { startReceiver, verifyWith, type Receiver } from './testkit/webhook-receiver.ts';
import { TEST_WEBHOOK_SETTINGS } from './testkit/webhooks.ts';

const WEBHOOK_KEYS = ['id', 'organization_id', 'workspace_id', 'url', 'description', 'event_types', 'enabled', 'disabled_reason', 'verification', 'previous_secret_expires_at', 'created_at', 'updated_at'];
const DELIVERY_KEYS = ['id', 'webhook_id', 'kind', 'event_id', 'event_type', 'status', 'attempt_count', 'next_attempt_at', 'request_body', 'redelivery_of', 'created_at', 'finished_at', 'attempts'];
const WAIT = { timeout: 30_000, interval: 50 };

describeEngines('REST /v1/webhooks', (ctx) => {
  let sys: TestSystem;
  const rest = restClient(() => sys.url);
  const receivers: Receiver[] = [];
  const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);

  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { webhooks: TEST_WEBHOOK_SETTINGS });
  });
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
  });
  afterAll(async () => {
    await sys?.close();
  });

  it("runs the docs' \"Debugging a webhook\" workflow as written against the demo data", async () => {
    // Confirm the event exists
    const found = await rest.get('/v1/events?organization_id=ORG-26-090500&type=service_line.activated&subject_id=LIN-26-084729');
    expect(found.status).toBe(200);
    expect(found.body.data.map((e: any) => e.id)).toEqual([DEMO.activationEventId]);
    // If it exists, check webhook delivery
    const deliveries = await rest.get('/v1/webhooks/WHK-26-000004/deliveries');
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.meta).toEqual({ cursor: null, has_more: false });
    const activation = deliveries.body.data.find((d: any) => d.event_id === DEMO.activationEventId);
    expect(Object.keys(activation)).toEqual(DELIVERY_KEYS);
    expect(activation).toMatchObject({ webhook_id: DEMO.webhookId, kind: 'event', event_type: 'service_line.activated', status: 'succeeded', attempt_count: 2 });
    expect(activation.attempts.map((a: any) => [a.attempt, a.response_status])).toEqual([[1, 503], [2, 200]]);
    expect(activation.attempts[0]).toMatchObject({ started_at: expect.stringMatching(ISO), next_attempt_at: activation.attempts[1].started_at, latency_ms: expect.any(Number) });
    expect(activation.attempts[0].request_headers).toEqual({ 'webhook-id': DEMO.activationEventId, 'webhook-timestamp': expect.stringMatching(/^\d+$/), 'webhook-signature': expect.stringMatching(/^v1,/) });
    expect(JSON.parse(activation.request_body)).toMatchObject({ id: DEMO.activationEventId, type: 'service_line.activated', subject: { type: 'service_line', id: 'LIN-26-084729' } });
    // Newest first, and filters narrow the list.
    const ids = deliveries.body.data.map((d: any) => d.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const one = await rest.get(`/v1/webhooks/WHK-26-000004/deliveries?event_id=${DEMO.activationEventId}`);
    expect(one.body.data.map((d: any) => d.id)).toEqual([activation.id]);
    const byType = await rest.get('/v1/webhooks/WHK-26-000004/deliveries?event_type=invoice.&limit=2');
    expect(byType.body.data.every((d: any) => d.event_type.startsWith('invoice.'))).toBe(true);
    expect(byType.body.meta.has_more).toBe(true);
    const failed = await rest.get('/v1/webhooks/WHK-26-000003/deliveries?status=failed');
    expect(failed.body.data.map((d: any) => [d.status, d.attempt_count])).toEqual([['failed', 10]]);
    const window = await rest.get('/v1/webhooks/WHK-26-000004/deliveries?from=2026-01-15&to=2026-01-15');
    expect(window.body.data.map((d: any) => d.id)).toContain(activation.id);
    expect(window.body.data.every((d: any) => d.created_at.startsWith('2026-01-15'))).toBe(true);
  });

  it('creates an endpoint (secret shown once), reads, lists, changes, rotates, pings and deletes it', async () => {
    const r = await startReceiver();
    receivers.push(r);
    const created = await rest.post('/v1/webhooks', { url: r.url, event_types: ['task.created', 'incident.'], workspace_id: DEMO.workspaceId, description: 'Ops feed' });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body.data)).toEqual([...WEBHOOK_KEYS, 'secret']);
    expect(created.body.data).toMatchObject({
      id: expect.stringMatching(/^WHK-\d{2}-\d{6,}$/), organization_id: DEMO.organizationId, workspace_id: DEMO.workspaceId, url: r.url,
      event_types: ['task.created', 'incident.'], enabled: true, disabled_reason: null, verification: 'pending', secret: expect.stringMatching(/^whsec_/),
    });
    const id = created.body.data.id;
    // The verification ping arrives, signed with the secret, and the endpoint is verified.
    await vi.waitFor(async () => expect((await rest.get(`/v1/webhooks/${id}`)).body.data.verification).toBe('verified'), WAIT);
    expect(verifyWith(created.body.data.secret, r.received[0])).toMatchObject({ type: 'webhook.ping', subject: { type: 'webhook', id } });

    const read = await rest.get(`/v1/webhooks/${id}`);
    expect(Object.keys(read.body.data)).toEqual(WEBHOOK_KEYS);
    expect(JSON.stringify(read.body)).not.toContain('whsec_');
    expect((await rest.get('/v1/webhooks?limit=100')).body.data.map((w: any) => w.id)).toContain(id);
    expect((await rest.get('/v1/webhooks?enabled=false')).body.data.map((w: any) => w.id)).toEqual(['WHK-26-000003']);

    const patched = await rest.call('PATCH', `/v1/webhooks/${id}`, { enabled: false, description: null });
    expect(patched.body.data).toMatchObject({ enabled: false, disabled_reason: 'manual', description: null });
    const rotated = await rest.post(`/v1/webhooks/${id}/rotate-secret`, { overlap_seconds: 600 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.secret).toMatch(/^whsec_/);
    expect(rotated.body.data.secret).not.toBe(created.body.data.secret);
    expect(Date.parse(rotated.body.data.previous_secret_expires_at) - Date.now()).toBeGreaterThan(500_000);

    // A test ping goes out even while the endpoint is disabled, signed by both secrets.
    const ping = await rest.post(`/v1/webhooks/${id}/test`, undefined);
    expect(ping.status).toBe(202);
    expect(Object.keys(ping.body.data)).toEqual(DELIVERY_KEYS);
    expect(ping.body.data).toMatchObject({ kind: 'ping', event_type: 'webhook.ping', status: 'pending', event_id: null });
    await vi.waitFor(() => expect(r.received).toHaveLength(2), WAIT);
    expect(verifyWith(rotated.body.data.secret, r.received[1])).toMatchObject({ id: ping.body.data.id });
    expect(verifyWith(created.body.data.secret, r.received[1])).toMatchObject({ id: ping.body.data.id });

    const deleted = await rest.call('DELETE', `/v1/webhooks/${id}`);
    expect(deleted.body.data.id).toBe(id);
    await expectRestError(rest.get(`/v1/webhooks/${id}`), 404, 'not_found', `Webhook ${id} not found.`);
    await expectRestError(rest.get(`/v1/webhooks/${id}/deliveries`), 404, 'not_found');
  });

  it('delivers a task created over REST to a workspace endpoint, and redelivers it with the same webhook-id', async () => {
    const r = await startReceiver();
    receivers.push(r);
    const { body } = await rest.post('/v1/webhooks', { url: r.url, event_types: ['task.created'], workspace_id: DEMO.workspaceId });
    const task = await rest.post('/v1/tasks', { workspace_id: DEMO.workspaceId, title: 'Webhook probe task', service_line_id: DEMO.serviceLineId });
    expect(task.status).toBe(201);
    await vi.waitFor(() => expect(r.received.filter((q) => JSON.parse(q.body).type === 'task.created')).toHaveLength(1), WAIT);
    const delivered = r.received.find((q) => JSON.parse(q.body).type === 'task.created')!;
    expect(verifyWith(body.data.secret, delivered)).toMatchObject({ type: 'task.created', subject: { type: 'task', id: task.body.data.id }, workspace_id: DEMO.workspaceId });

    const list = await vi.waitFor(async () => {
      const answer = await rest.get(`/v1/webhooks/${body.data.id}/deliveries?event_type=task.created`);
      expect(answer.body.data[0]?.status).toBe('succeeded');
      return answer;
    }, WAIT);
    const original = list.body.data[0];
    const again = await rest.post(`/v1/webhooks/${body.data.id}/deliveries/${original.id}/redeliver`, undefined);
    expect(again.status).toBe(202);
    expect(again.body.data).toMatchObject({ kind: 'redelivery', redelivery_of: original.id, event_id: original.event_id });
    await vi.waitFor(() => expect(r.received.filter((q) => JSON.parse(q.body).type === 'task.created')).toHaveLength(2), WAIT);
    const [a, b] = r.received.filter((q) => JSON.parse(q.body).type === 'task.created');
    expect(b.headers['webhook-id']).toBe(a.headers['webhook-id']);
    await rest.call('DELETE', `/v1/webhooks/${body.data.id}`);
  });

  it('refuses bad input with the documented error, naming the field, and writes nothing', async () => {
    const before = (await rest.get('/v1/webhooks?limit=100')).body.data.length;
    await expectRestError(rest.post('/v1/webhooks', { url: 'http://hooks.example.com/x', event_types: ['task.'] }), 422, 'unprocessable', /url must use https/);
    await expectRestError(rest.post('/v1/webhooks', { url: 'https://10.0.0.8/x', event_types: ['task.'] }), 422, 'unprocessable', /public address/);
    await expectRestError(rest.post('/v1/webhooks', { url: 'https://169.254.169.254/latest', event_types: ['task.'] }), 422, 'unprocessable', /public address/);
    await expectRestError(rest.post('/v1/webhooks', { url: 'https://user:pw@hooks.example.com/', event_types: ['task.'] }), 422, 'unprocessable', /user name or password/);
    await expectRestError(rest.post('/v1/webhooks', { url: 'not a url', event_types: ['task.'] }), 422, 'unprocessable', /absolute https URL/);
    await expectRestError(rest.post('/v1/webhooks', { url: 'https://hooks.example.com/' }), 422, 'unprocessable', 'event_types is required.');
    await expectRestError(rest.post('/v1/webhooks', { url: 'https://hooks.example.com/', event_types: [] }), 422, 'unprocessable', /^event_types must name at least one/);
    await expectRestError(rest.post('/v1/webhooks', { url: 'https://hooks.example.com/', event_types: ['Task Created'] }), 422, 'unprocessable', /^event_types: "Task Created"/);
    await expectRestError(rest.post('/v1/webhooks', { url: 'https://hooks.example.com/', event_types: ['task.'], workspace_id: DEMO.otherWorkspaceId }), 422, 'unprocessable', /workspace_id/);
    await expectRestError(rest.post('/v1/webhooks', { url: 'https://hooks.example.com/', event_types: 'task.' }), 422, 'unprocessable', /event_types must be an array/);
    await expectRestError(rest.post(`/v1/webhooks/${DEMO.webhookId}/rotate-secret`, { overlap_seconds: -1 }), 422, 'unprocessable', /overlap_seconds/);
    await expectRestError(rest.call('PATCH', `/v1/webhooks/${DEMO.webhookId}`, {}), 422, 'unprocessable', /input must change/);
    await expectRestError(rest.get('/v1/webhooks/WHK-nope'), 400, 'bad_request');
    await expectRestError(rest.get(`/v1/webhooks/${DEMO.webhookId}/deliveries?status=lost`), 400, 'bad_request', /status/);
    await expectRestError(rest.get(`/v1/webhooks/${DEMO.webhookId}/deliveries?from=yesterday`), 400, 'bad_request', /from/);
    await expectRestError(rest.get(`/v1/webhooks/${DEMO.webhookId}/deliveries?event_id=TSK-26-000001`), 400, 'bad_request', /event_id/);
    await expectRestError(rest.get(`/v1/webhooks/${DEMO.webhookId}/deliveries?event_type=%00`), 400, 'bad_request', /^event_type: "\u0000" is neither an event type/);
    await expectRestError(rest.get(`/v1/webhooks/${DEMO.webhookId}/deliveries?event_type=Task.Created`), 400, 'bad_request', /^event_type: "Task.Created"/);
    await expectRestError(rest.get('/v1/webhooks?color=red'), 400, 'bad_request', /Unknown query parameter color/);
    // Another endpoint's delivery is not this endpoint's.
    const theirs = (await rest.get('/v1/webhooks/WHK-26-000003/deliveries?limit=1')).body.data[0].id;
    await expectRestError(rest.post(`/v1/webhooks/${DEMO.webhookId}/deliveries/${theirs}/redeliver`, undefined), 404, 'not_found', `Webhook delivery ${theirs} not found.`);
    expect((await rest.get('/v1/webhooks?limit=100')).body.data.length).toBe(before);
  });

  it('owners and admins only: a member or viewer is 403; another tenant, or a narrowed token outside its workspace, is 404', async () => {
    await expectRestError(rest.get('/v1/webhooks', principals.apexMember), 403, 'forbidden');
    await expectRestError(rest.get(`/v1/webhooks/${DEMO.webhookId}/deliveries`, principals.apexViewer), 403, 'forbidden');
    await expectRestError(rest.post('/v1/webhooks', { url: 'https://hooks.example.com/', event_types: ['task.'] }, principals.apexMember), 403, 'forbidden');
    await expectRestError(rest.get(`/v1/webhooks/${DEMO.webhookId}`, other), 404, 'not_found');
    await expectRestError(rest.get(`/v1/webhooks/${DEMO.webhookId}/deliveries`, other), 404, 'not_found');
    await expectRestError(rest.call('DELETE', `/v1/webhooks/${DEMO.webhookId}`, undefined, other), 404, 'not_found');
    await expectRestError(rest.get('/v1/webhooks/WHK-26-000001'), 404, 'not_found');
    expect((await rest.get('/v1/webhooks', other)).body.data.map((w: any) => w.id)).toEqual(['WHK-26-000001']);
    const narrowedAdmin = { ...principals.apexPayments, role: 'admin' as const };
    expect((await rest.get('/v1/webhooks', narrowedAdmin)).body.data.map((w: any) => w.id)).toEqual(['WHK-26-000002']);
    await expectRestError(rest.get(`/v1/webhooks/${DEMO.webhookId}`, narrowedAdmin), 404, 'not_found');
  });
});
