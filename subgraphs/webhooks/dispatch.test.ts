import { it, expect, beforeAll, afterAll, afterEach, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals } from '../../test/testkit/auth.ts';
import { startReceiver, type Receiver } from '../../test/testkit/webhook-receiver.ts';
import { TEST_WEBHOOK_SETTINGS, TEST_SEALING_KEY, createEndpoint, emit, deliveriesOf, endpointRow } from '../../test/testkit/webhooks.ts';
import type { Database } from '../../platform/db.ts';
import type { EventRow } from '../../platform/event-log-table.ts';
import type { WebhookSettings } from '../../platform/webhook-settings.ts';
import { createWebhookWorker, type WebhookWorker } from './delivery/worker.ts';
import { CURSOR, dispatchBatch, subscribes, SUBSCRIBES_SQL } from './delivery/dispatcher.ts';
import { dispatchCursor } from './tables.ts';
import { definition } from './public.ts';

const ORG = principals.apexAdmin.organizationId;
const WAIT = { timeout: 30_000, interval: 25 };

describeEngines('webhook dispatch', (ctx) => {
  let subgraph: SubgraphClient;
  const running: WebhookWorker[] = [];
  const receivers: Receiver[] = [];
  /** The test's own writes, left out of the statement counter (emit uses `db` only). */
  const writer = () => ({ db: ctx.database.uncounted.db }) as Database;
  const worker = async (database: Database, settings: Partial<WebhookSettings>, pollMs: number) => {
    const w = createWebhookWorker({ database, sealingKey: TEST_SEALING_KEY, settings: { ...TEST_WEBHOOK_SETTINGS, ...settings }, pollMs });
    await w.start();
    running.push(w);
    return w;
  };
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  /** The worker's statements, counted: its handle is the counted one here. */
  const counted = () => ({ ...ctx.database, uncounted: { db: ctx.database.db, rows: ctx.database.rows } }) as Database;
  /** The statements of the pass an event's NOTIFY wakes `w` for. */
  const passFor = (w: WebhookWorker, type: string) => ctx.database.statements.measure(async () => {
    const passes = w.stats.passes;
    await emit(writer(), ORG, type);
    await vi.waitFor(() => expect(w.stats.passes).toBeGreaterThan(passes), WAIT);
  });
  const idle = async (w: WebhookWorker) => {
    await vi.waitFor(async () => {
      const passes = w.stats.passes;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(w.stats.passes).toBe(passes);
    }, WAIT);
  };

  beforeAll(async () => {
    subgraph = await startSubgraph(definition, ctx.database, principals.apexAdmin, { webhooks: TEST_WEBHOOK_SETTINGS });
  });
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
    for (const w of running.splice(0)) await w.stop();
  });
  afterAll(async () => {
    await subgraph.close();
  });

  it('an event no endpoint subscribes to costs its pass one statement; one queued behind a busy head four (and BEGIN/COMMIT)', async () => {
    // The first event fails and waits a minute for its retry: the endpoint's later events queue behind it.
    const r = await receiver((q) => (JSON.parse(q.body).type === 'webhook.ping' ? 200 : 500));
    const { id } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.counted'] });
    // Polling far away: only the NOTIFYs wake this worker.
    const w = await worker(counted(), { retryBaseMs: 60_000 }, 60_000);
    await vi.waitFor(async () => expect((await endpointRow(ctx.database, id)).verification).toBe('verified'), WAIT);
    await emit(writer(), ORG, 'probe.counted');
    await vi.waitFor(() => expect(w.stats.verdicts.retry).toBe(1), WAIT);
    await idle(w);

    const unsubscribed = await passFor(w, 'probe.uncounted');
    expect(unsubscribed.statements).toBe(1);
    expect(unsubscribed.queries[0]).toMatch(/for update skip locked/);

    const queued = await passFor(w, 'probe.counted');
    // The read; the cursor claimed with the endpoint's lock; the insert; the head (not moved: it is busy).
    expect(queued.statements).toBe(4);
    expect(queued.queries[2]).toMatch(/^insert into "webhooks"."deliveries"/);
    const rows = (await deliveriesOf(ctx.database, id)).filter((d) => d.kind === 'event');
    expect(rows.map((d) => [d.status, d.attempts, d.nextAttemptAt === null])).toEqual([['pending', 1, false], ['pending', 0, true]]);
    expect(w.stats.dispatched).toBeGreaterThanOrEqual(3);
  });

  it('a worker that hears no NOTIFY at all still dispatches, claims and delivers, by polling', async () => {
    const r = await receiver();
    const { id } = await createEndpoint(subgraph, { url: r.url, eventTypes: ['probe.deaf'] });
    const deaf = { ...ctx.database, listen: async () => async () => undefined } as Database;
    const w = await worker(deaf, {}, 100);
    // Its first pass (on start) sent the ping; the event comes after, and only polling finds it.
    await vi.waitFor(() => expect(r.received).toHaveLength(1), WAIT);
    const before = w.stats.dispatchPasses;
    const [event] = await emit(writer(), ORG, 'probe.deaf');
    await vi.waitFor(() => expect(r.received.map((q) => q.headers['webhook-id'])).toContain(event.id), WAIT);
    await vi.waitFor(async () => expect((await deliveriesOf(ctx.database, id)).map((d) => d.status)).toEqual(['succeeded', 'succeeded']), WAIT);
    expect(w.stats.dispatchPasses).toBeGreaterThan(before);
    // A delivery made due elsewhere (a redelivery, NOTIFYing as another process would): only polling claims it.
    const [original] = (await deliveriesOf(ctx.database, id)).filter((d) => d.kind === 'event');
    const claims = w.stats.claimPasses;
    const res = await subgraph.query(`mutation($w: ID!, $d: ID!) { redeliverWebhookDelivery(webhookId: $w, deliveryId: $d) { id } }`, { w: id, d: original.id });
    expect(res.errors).toBeUndefined();
    await vi.waitFor(() => expect(r.received.filter((q) => q.headers['webhook-id'] === event.id)).toHaveLength(2), WAIT);
    expect(w.stats.claimPasses).toBeGreaterThan(claims);
  });

  it('dispatchers racing over the same batches queue every event once', async () => {
    const { id } = await createEndpoint(subgraph, { url: 'http://127.0.0.1:9/unused', eventTypes: ['probe.raced'] });
    const emitted = await emit(writer(), ORG, 'probe.raced', 40);
    await emit(writer(), ORG, 'probe.unwanted', 5);
    const [{ last }] = await ctx.database.rows<{ last: string }>(sql`select max(seq) as last from events.events`);
    for (let round = 0; round < 40; round++) {
      const [cursor] = await ctx.database.db.select().from(dispatchCursor).where(eq(dispatchCursor.name, CURSOR));
      if (cursor.seq >= Number(last)) break;
      await Promise.all([dispatchBatch(ctx.database.db, 7), dispatchBatch(ctx.database.uncounted.db, 7), dispatchBatch(ctx.database.db, 3)]);
    }
    const queued = (await deliveriesOf(ctx.database, id)).filter((d) => d.kind === 'event');
    expect(queued.map((d) => d.eventId).sort()).toEqual(emitted.map((e) => e.id).sort());
  });

  it('appends racing each other commit in seq order, so a dispatch between them passes over neither event', async () => {
    const { id } = await createEndpoint(subgraph, { url: 'http://127.0.0.1:9/unused', eventTypes: ['probe.first', 'probe.second'] });
    const appendIn = (tx: unknown, type: string) => emit({ ...ctx.database, db: tx } as Database, ORG, type);
    let appended!: () => void;
    let release!: () => void;
    const firstAppended = new Promise<void>((resolve) => (appended = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first append's transaction stays open after its insert; the second one starts meanwhile.
    const first = ctx.database.db.transaction(async (tx) => {
      const rows = await appendIn(tx, 'probe.first');
      appended();
      await held;
      return rows;
    });
    await firstAppended;
    const second = ctx.database.db.transaction((tx) => appendIn(tx, 'probe.second'));
    if (ctx.engine === 'postgres') {
      // The second append waits for the log's lock, and a dispatch in between sees neither event (on
      // PGlite, one connection, the transactions cannot overlap at all).
      await vi.waitFor(async () => {
        const [waiting] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`);
        expect(waiting.n).toBe(1);
      }, WAIT);
      await dispatchBatch(ctx.database.db);
      expect((await deliveriesOf(ctx.database, id)).filter((d) => d.kind === 'event')).toEqual([]);
    }
    release();
    const [[a], [b]] = await Promise.all([first, second]);
    expect(a.seq).toBeLessThan(b.seq);
    await dispatchBatch(ctx.database.db);
    const queued = (await deliveriesOf(ctx.database, id)).filter((d) => d.kind === 'event');
    expect(queued.map((d) => [d.eventId, d.nextAttemptAt !== null])).toEqual([[a.id, true], [b.id, false]]);
  });

  it('SUBSCRIBES_SQL takes exactly the events subscribes() takes', async () => {
    const endpoints: Array<{ id: string; organizationId: string; workspaceId: string | null; eventTypes: string[]; afterSeq: number; enabled: boolean }> = [];
    for (const eventTypes of [['task.'], ['task.created'], ['task.', 'invoice.paid'], ['agent.run.'], ['webhook.']]) {
      for (const workspaceId of [null, 'WS-1']) {
        for (const [organizationId, enabled] of [['ORG-1', true], ['ORG-2', true], ['ORG-1', false]] as const) {
          endpoints.push({ id: `WHK-${endpoints.length + 1}`, organizationId, workspaceId, eventTypes, afterSeq: 5, enabled });
        }
      }
    }
    const events: Array<{ seq: number; organizationId: string; workspaceId: string | null; type: string; subjectType: string; subjectId: string }> = [];
    for (const type of ['task.created', 'task.createdx', 'tasks.created', 'task', 'invoice.paid', 'agent.run.started', 'agent.runner', 'webhook.delivery_failed', 'task_created']) {
      for (const workspaceId of [null, 'WS-1', 'WS-2']) {
        for (const [seq, organizationId, subjectId] of [[6, 'ORG-1', 'WHK-1'], [5, 'ORG-1', 'WHK-2'], [7, 'ORG-2', 'WHK-9'], [8, 'ORG-1', 'WHK-9']] as const) {
          events.push({ seq, organizationId, workspaceId, type, subjectType: type.startsWith('webhook.') ? 'webhook' : 'task', subjectId });
        }
      }
    }
    const rows = await ctx.database.rows<{ endpoint: number; event: number; takes: boolean }>(sql`
      select ep.n as endpoint, e.n as event, coalesce((${SUBSCRIBES_SQL}), false) as takes
      from jsonb_to_recordset(${JSON.stringify(endpoints.map((x, n) => ({ n, id: x.id, organization_id: x.organizationId, workspace_id: x.workspaceId, event_types: x.eventTypes, after_seq: x.afterSeq, enabled: x.enabled })))}::jsonb)
        as ep(n int, id text, organization_id text, workspace_id text, event_types text[], after_seq bigint, enabled boolean),
      jsonb_to_recordset(${JSON.stringify(events.map((x, n) => ({ n, seq: x.seq, organization_id: x.organizationId, workspace_id: x.workspaceId, type: x.type, subject_type: x.subjectType, subject_id: x.subjectId })))}::jsonb)
        as e(n int, seq bigint, organization_id text, workspace_id text, type text, subject_type text, subject_id text)
      order by ep.n, e.n`);
    expect(rows).toHaveLength(endpoints.length * events.length);
    const expected = rows.map((row) => {
      const endpoint = endpoints[row.endpoint];
      return endpoint.enabled && subscribes(endpoint, events[row.event] as unknown as EventRow);
    });
    expect(rows.map((row) => row.takes)).toEqual(expected);
    // Not a vacuous agreement: both answers occur, for many pairs.
    expect(expected.filter(Boolean).length).toBeGreaterThan(50);
    expect(expected.filter((x) => !x).length).toBeGreaterThan(50);
  });
});
