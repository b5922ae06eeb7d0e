import { describe, it, expect, beforeAll, afterAll, afterEach, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals } from '../../test/testkit/auth.ts';
import { startReceiver, verifyWith, type Receiver } from '../../test/testkit/webhook-receiver.ts';
import { TEST_WEBHOOK_SETTINGS, startWorker, createEndpoint, emit, deliveriesOf, attemptsOf, endpointRow } from '../../test/testkit/webhooks.ts';
import type { Database } from '../../platform/db.ts';
import { events } from '../../platform/event-log-table.ts';
import type { WebhookWorker } from './delivery/worker.ts';
import { claimDeliveries } from './delivery/queue.ts';
import { dispatchBatch } from './delivery/dispatcher.ts';
import { deliveries } from './tables.ts';
import { nominalDelayMs, JITTER } from './delivery/schedule.ts';
import { definition } from './public.ts';

const ORG = principals.apexAdmin.organizationId;
const WAIT = { timeout: 30_000, interval: 25 };

describeEngines('webhook delivery', (ctx) => {
  let subgraph: SubgraphClient;
  const running: WebhookWorker[] = [];
  const receivers: Receiver[] = [];
  const worker = async (settings = {}) => {
    const w = await startWorker(ctx.database, settings);
    running.push(w);
    return w;
  };
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  /** Event requests only (not the verification ping), with what they were answered. */
  const eventRequests = (r: Receiver) => r.received.filter((q) => JSON.parse(q.body).type !== 'webhook.ping');
  const settled = async (endpointId: string, count: number) => {
    try {
      return await vi.waitFor(async () => {
        const rows = (await deliveriesOf(ctx.database, endpointId)).filter((d) => d.kind === 'event');
        expect(rows.filter((d) => d.status !== 'pending')).toHaveLength(count);
        return rows;
      }, WAIT);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${await diagnosis(endpointId)}`, { cause: error });
    }
  };
  /**
   * What a delivery that never settles needs looked at: the endpoint's events against the
   * dispatcher's cursor (an event below it without a delivery was passed over), its deliveries'
   * due times and leases, and what each worker did.
   */
  const diagnosis = async (endpointId: string) => JSON.stringify({
    cursor: await ctx.database.rows(sql`select seq from webhooks.dispatch_cursor`),
    events: await ctx.database.rows(sql`select e.seq, e.type from events.events e join webhooks.endpoints ep on ep.id = ${endpointId}
      where e.type = any(ep.event_types) order by e.seq`),
    deliveries: (await deliveriesOf(ctx.database, endpointId)).map((d) => ({
      kind: d.kind, eventSeq: d.eventSeq, status: d.status, attempts: d.attempts, nextAttemptAt: d.nextAttemptAt, leaseUntil: d.leaseUntil,
    })),
    endpoint: await endpointRow(ctx.database, endpointId),
    workers: running.map((w) => w.stats),
  }, null, 1);
  /**
   * Appends as every write of the platform does, in a transaction: the log's lock is held until
   * commit, so appends racing each other commit in `seq` order, which the dispatcher's cursor relies
   * on (`emit` alone, outside a transaction, releases that lock before its insert).
   */
  const append = (type: string, count: number) =>
    ctx.database.db.transaction((tx) => emit({ ...ctx.database, db: tx } as Database, ORG, type, count));

  beforeAll(async () => {
    subgraph = await startSubgraph(definition, ctx.database, principals.apexAdmin, { webhooks: TEST_WEBHOOK_SETTINGS });
  });
  afterEach(async () => {
    // Receivers first: a hanging request is cut, so the worker's attempt in flight ends.
    for (const r of receivers.splice(0)) await r.close();
    for (const w of running.splice(0)) await w.stop();
  });
  afterAll(async () => {
    await subgraph.close();
  });

  it('POSTs the documented envelope, signed per Standard Webhooks: the reference verifier accepts it, webhook-id is the event ID', async () => {
    const r = await receiver();
    const { id, secret } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.signed'] });
    await worker();
    const [event] = await emit(ctx.database, ORG, 'probe.signed');
    await settled(id, 1);
    const [request] = eventRequests(r);
    expect(verifyWith(secret, request)).toEqual({
      id: event.id, type: 'probe.signed', organization_id: ORG, workspace_id: null, actor: { type: 'system', id: null },
      subject: { type: 'probe', id: 'PRB-26-000001' }, payload: { n: 1 }, created_at: expect.stringMatching(/Z$/),
    });
    expect(request.headers['webhook-id']).toBe(event.id);
    expect(request.headers['content-type']).toBe('application/json');
    // A forged body does not verify.
    expect(() => verifyWith(secret, { ...request, body: request.body.replace('probe.signed', 'probe.forged') })).toThrow();
    // The verification ping answered 2xx: the endpoint is verified.
    await vi.waitFor(async () => expect((await endpointRow(ctx.database, id)).verification).toBe('verified'), WAIT);
  });

  it('retries a failed attempt on the schedule, records every attempt, and stops at the first 2xx', async () => {
    let failures = 0;
    const r = await receiver((q) => (JSON.parse(q.body).type === 'webhook.ping' || failures++ >= 2 ? 200 : 500));
    const { id } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.retried'] });
    await worker();
    await emit(ctx.database, ORG, 'probe.retried');
    const [delivery] = await settled(id, 1);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3 });
    const tries = await attemptsOf(ctx.database, [delivery.id]);
    expect(tries.map((a) => [a.attempt, a.responseStatus, a.error])).toEqual([[1, 500, null], [2, 500, null], [3, 200, null]]);
    expect(tries[0].responseBody).toBe('failure 500');
    expect(tries[0].requestHeaders).toMatchObject({ 'webhook-id': delivery.eventId, 'webhook-signature': expect.stringMatching(/^v1,/) });
    // Each retry is due base x 3^(n-1) after the failed attempt ended, jittered by at most 20%.
    for (const [i, a] of tries.slice(0, 2).entries()) {
      const waited = a.nextAttemptAt!.getTime() - (a.startedAt.getTime() + a.latencyMs);
      expect(waited).toBeGreaterThanOrEqual(Math.floor(nominalDelayMs(TEST_WEBHOOK_SETTINGS, i + 1) * (1 - JITTER)));
      expect(waited).toBeLessThanOrEqual(Math.ceil(nominalDelayMs(TEST_WEBHOOK_SETTINGS, i + 1) * (1 + JITTER)));
    }
    expect(tries[2].nextAttemptAt).toBeNull();
  });

  it('a receiver down for a while, then back, gets every event in order, and each only once after it succeeded', async () => {
    let up = false;
    const r = await receiver((q) => (JSON.parse(q.body).type === 'webhook.ping' || up ? 200 : 503));
    const { id } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.outage'] });
    await worker({ maxAttempts: 10 });
    const emitted = await emit(ctx.database, ORG, 'probe.outage', 6);
    // Down: the first event is retried; the others wait behind it, never sent out of order.
    await vi.waitFor(() => expect(eventRequests(r).length).toBeGreaterThanOrEqual(3), WAIT);
    expect(new Set(eventRequests(r).map((q) => q.headers['webhook-id']))).toEqual(new Set([emitted[0].id]));
    up = true;
    await settled(id, 6);
    const succeeded = eventRequests(r).filter((q) => q.status === 200).map((q) => q.headers['webhook-id']);
    expect(succeeded).toEqual(emitted.map((e) => e.id));
  });

  it('410 Gone disables the endpoint with a webhook.delivery_failed event; the queue waits, and resumes in order once enabled', async () => {
    let gone = true;
    const r = await receiver((q) => (JSON.parse(q.body).type === 'webhook.ping' ? 200 : gone ? 410 : 200));
    const { id } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.gone'] });
    await worker();
    const emitted = await emit(ctx.database, ORG, 'probe.gone', 3);
    await vi.waitFor(async () => expect(await endpointRow(ctx.database, id)).toMatchObject({ enabled: false, disabledReason: 'gone' }), WAIT);
    const rows = await deliveriesOf(ctx.database, id);
    expect(rows.filter((d) => d.kind === 'event').map((d) => [d.eventId, d.status, d.attempts])).toEqual([
      [emitted[0].id, 'failed', 1], [emitted[1].id, 'pending', 0], [emitted[2].id, 'pending', 0],
    ]);
    const [failed] = await ctx.database.db.select().from(events).where(and(eq(events.type, 'webhook.delivery_failed'), eq(events.subjectId, id)));
    expect(failed).toMatchObject({ actorType: 'system', organizationId: ORG, payload: { reason: 'gone', status_code: 410, event_id: emitted[0].id, endpoint_disabled: true } });

    gone = false;
    const res = await subgraph.query(`mutation($id: ID!) { updateWebhook(id: $id, input: { enabled: true }) { enabled disabledReason } }`, { id });
    expect(res.data.updateWebhook).toEqual({ enabled: true, disabledReason: null });
    await settled(id, 3);
    expect(eventRequests(r).filter((q) => q.status === 200).map((q) => q.headers['webhook-id'])).toEqual([emitted[1].id, emitted[2].id]);
  });

  it('a delivery whose every attempt fails has failed: its endpoint is disabled (FAILING) with webhook.delivery_failed', async () => {
    const r = await receiver((q) => (JSON.parse(q.body).type === 'webhook.ping' ? 200 : 500));
    const { id } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.failing'] });
    await worker();
    const [event] = await emit(ctx.database, ORG, 'probe.failing');
    const [delivery] = await settled(id, 1);
    expect(delivery).toMatchObject({ status: 'failed', attempts: TEST_WEBHOOK_SETTINGS.maxAttempts });
    expect(await endpointRow(ctx.database, id)).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const [failed] = await ctx.database.db.select().from(events).where(and(eq(events.type, 'webhook.delivery_failed'), eq(events.subjectId, id)));
    expect(failed.payload).toMatchObject({ reason: 'failing', attempts: TEST_WEBHOOK_SETTINGS.maxAttempts, event_id: event.id, status_code: 500 });
  });

  it('an endpoint that does not answer its verification ping with 2xx gets webhook.verification_failed', async () => {
    const r = await receiver(() => 404);
    const { id } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.unverified'] });
    await worker();
    await vi.waitFor(async () => expect((await endpointRow(ctx.database, id)).verification).toBe('failed'), WAIT);
    const [failed] = await ctx.database.db.select().from(events).where(and(eq(events.type, 'webhook.verification_failed'), eq(events.subjectId, id)));
    expect(failed.payload).toMatchObject({ status_code: 404, endpoint_url: r.url });
    expect((await endpointRow(ctx.database, id)).enabled).toBe(true);
  });

  it('two workers never make one attempt twice, and each endpoint still gets its events in order', async () => {
    const rs = await Promise.all([receiver(), receiver(), receiver()]);
    const ids = [];
    for (const [i, r] of rs.entries()) ids.push((await createEndpoint(subgraph, { url: r.url, eventTypes: [`probe.pair${i}`] })).id);
    await Promise.all([worker({ timeoutMs: 20_000 }), worker({ timeoutMs: 20_000 })]);
    // Appended at once, as three requests' writes would be.
    const emitted = await Promise.all(rs.map((_, i) => append(`probe.pair${i}`, 10)));
    for (const [i, id] of ids.entries()) {
      const rows = await settled(id, 10);
      expect(rows.map((d) => d.status)).toEqual(Array(10).fill('succeeded'));
      // Every attempt was made once: the receiver got exactly the attempts recorded, each delivered once.
      const tries = await attemptsOf(ctx.database, rows.map((d) => d.id));
      expect(eventRequests(rs[i])).toHaveLength(tries.length);
      expect(tries.map((a) => a.attempt)).toEqual(rows.flatMap((d) => Array.from({ length: d.attempts }, (_, n) => n + 1)));
      expect(eventRequests(rs[i]).filter((q) => q.status === 200).map((q) => q.headers['webhook-id'])).toEqual(emitted[i].map((e) => e.id));
    }
  });

  it('a hanging endpoint holds back no other endpoint', async () => {
    const slow = await receiver((q) => (JSON.parse(q.body).type === 'webhook.ping' ? 200 : 'hang'));
    const fast = await receiver();
    const a = await createEndpoint(subgraph, { url: slow.url, eventTypes: ['probe.slow'] });
    const b = await createEndpoint(subgraph, { url: fast.url, eventTypes: ['probe.fast'] });
    await worker({ timeoutMs: 60_000, concurrency: 2 });
    await emit(ctx.database, ORG, 'probe.slow', 2);
    await vi.waitFor(() => expect(eventRequests(slow)).toHaveLength(1), WAIT);
    await emit(ctx.database, ORG, 'probe.fast', 10);
    await settled(b.id, 10);
    // Everything for the fast endpoint arrived while the slow one's first request was still unanswered.
    expect(eventRequests(slow).map((q) => q.status)).toEqual([-1]);
    expect((await deliveriesOf(ctx.database, a.id)).filter((d) => d.kind === 'event').map((d) => d.status)).toEqual(['pending', 'pending']);
  });

  it('refuses, at delivery time, an address the worker may not reach (a name re-pointed at loopback)', async () => {
    const r = await receiver();
    const { id } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.refused'] });
    await worker({ allowLoopback: false, maxAttempts: 1 });
    await emit(ctx.database, ORG, 'probe.refused');
    const [delivery] = await settled(id, 1);
    const [attempt] = await attemptsOf(ctx.database, [delivery.id]);
    expect(attempt).toMatchObject({ responseStatus: null, error: expect.stringMatching(/^refused: url must not point at this machine/) });
    expect(r.received).toHaveLength(0);
  });

  it('a worker that vanished mid-attempt: once its lease runs out the attempt is recorded as lost and made again', async () => {
    const r = await receiver();
    const { id } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.lost'], enabled: true });
    // The ping first, then the event: both claimed by a "worker" that dies at once, and whose leases then run out.
    await emit(ctx.database, ORG, 'probe.lost');
    await dispatchBatch(ctx.database.db);
    // Only this endpoint's: an earlier test's retry (its receiver cut at the end) may fall due now too.
    const ours = (claimed: Awaited<ReturnType<typeof claimDeliveries>>) => claimed.filter((c) => c.delivery.endpointId === id);
    const claimed = ours(await claimDeliveries(ctx.database.db, 60_000, 10));
    expect(claimed.map((c) => [c.delivery.endpointId, c.delivery.kind, c.delivery.attempts, c.lostAttempt])).toEqual([[id, 'ping', 1, false], [id, 'event', 1, false]]);
    expect(claimed[1].delivery).toMatchObject({ eventSeq: expect.any(Number), createdAt: expect.any(Date), nextAttemptAt: expect.any(Date), leaseUntil: expect.any(Date) });
    expect(ours(await claimDeliveries(ctx.database.db, 60_000, 10))).toEqual([]);
    await ctx.database.db.update(deliveries).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(deliveries.endpointId, id));
    await worker();
    const [delivery] = await settled(id, 1);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2 });
    const tries = await attemptsOf(ctx.database, [delivery.id]);
    expect(tries.map((a) => [a.attempt, a.responseStatus])).toEqual([[1, null], [2, 200]]);
    expect(tries[0].error).toMatch(/^lost:/);
  });

  it('during a rotation both secrets sign; once the old one is retired only the new one verifies', async () => {
    const r = await receiver();
    const { id, secret: old } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.rotated'] });
    const rotate = `mutation($id: ID!, $s: Int) { rotateWebhookSecret(id: $id, input: { overlapSeconds: $s }) { secret previousSecretExpiresAt webhook { previousSecretExpiresAt } } }`;
    const first = await subgraph.query(rotate, { id, s: 3600 });
    const fresh = first.data.rotateWebhookSecret.secret as string;
    expect(first.data.rotateWebhookSecret.previousSecretExpiresAt).toEqual(first.data.rotateWebhookSecret.webhook.previousSecretExpiresAt);
    await worker();
    await emit(ctx.database, ORG, 'probe.rotated');
    await settled(id, 1);
    const [overlapping] = eventRequests(r);
    expect(overlapping.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => verifyWith(old, overlapping)).not.toThrow();
    expect(() => verifyWith(fresh, overlapping)).not.toThrow();

    const second = await subgraph.query(rotate, { id, s: 0 });
    const newest = second.data.rotateWebhookSecret.secret as string;
    expect(second.data.rotateWebhookSecret.previousSecretExpiresAt).toBeNull();
    await emit(ctx.database, ORG, 'probe.rotated');
    await settled(id, 2);
    const latest = eventRequests(r)[1];
    expect(latest.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(() => verifyWith(newest, latest)).not.toThrow();
    expect(() => verifyWith(fresh, latest)).toThrow();
  });

  it('a redelivery sends the same body again with the same webhook-id, outside the ordered queue', async () => {
    const r = await receiver();
    const { id } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.again'] });
    await worker();
    const [event] = await emit(ctx.database, ORG, 'probe.again');
    const [original] = await settled(id, 1);
    const res = await subgraph.query(`mutation($w: ID!, $d: ID!) { redeliverWebhookDelivery(webhookId: $w, deliveryId: $d) { id kind eventId redeliveryOf status } }`, { w: id, d: original.id });
    expect(res.data.redeliverWebhookDelivery).toMatchObject({ kind: 'REDELIVERY', eventId: event.id, redeliveryOf: original.id, status: 'PENDING' });
    await vi.waitFor(() => expect(eventRequests(r)).toHaveLength(2), WAIT);
    const [a, b] = eventRequests(r);
    expect(b.headers['webhook-id']).toBe(a.headers['webhook-id']);
    expect(b.body).toBe(a.body);
  });
});

describe('retry schedule', () => {
  it('spans about three days with the defaults: 1 min x 3^n, at most a day, ten attempts', () => {
    const settings = { retryBaseMs: 60_000, maxAttempts: 10 };
    const delays = Array.from({ length: 9 }, (_, i) => nominalDelayMs(settings, i + 1) / 60_000);
    expect(delays).toEqual([1, 3, 9, 27, 81, 243, 729, 1440, 1440]);
    const days = delays.reduce((a, b) => a + b, 0) / 1440;
    expect(days).toBeGreaterThan(2.5);
    expect(days).toBeLessThan(3.5);
  });
});
