import { randomBytes } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { existingStream } from '../subgraphs/events/stream/process-stream.ts';
import { NatsSource } from '../subgraphs/events/stream/nats-source.ts';
import { DEMO } from '../seed/demo.ts';
import { NATS_URL, natsAnswers } from './testkit/nats.ts';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { max } from 'drizzle-orm';
import { events, type EventRow } from '../platform/event-log-table.ts';
import { appendEvents } from '../platform/event-log.ts';

// CI starts NATS (.ci/run) and must run these; elsewhere they run when a server answers.
const available = await natsAnswers();
if (!available && process.env.CI) throw new Error(`NATS does not answer at ${NATS_URL}, and CI requires the fan-out tests`);

const ACTIVITY = `subscription($after: String) { activity(after: $after, types: ["task."]) { cursor node { id type subject { ... on Task { id title } } } } }`;

/**
 * Two replicas of the whole system on one database, fanning out over NATS JetStream: one reads
 * the log and publishes, both serve their subscribers from the stream; when the publisher goes,
 * the other takes over without a gap.
 */
const suite = (ctx: Parameters<Parameters<typeof describeEngines>[1]>[0]) => {
  const nats = { url: NATS_URL, namespace: `test_${randomBytes(4).toString('hex')}` };
  let a: TestSystem;
  let b: TestSystem;
  const clients: Client[] = [];
  beforeAll(async () => {
    a = await startTestSystem(ctx.database, principals.apexAdmin, { nats });
    b = await startTestSystem(ctx.database, principals.apexAdmin, { nats });
  });
  afterAll(async () => {
    for (const c of clients) await c.dispose();
    await a?.close();
    await b?.close();
  });

  async function subscribe(system: TestSystem, after: string) {
    const client = createClient({ url: system.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${await bearer(principals.apexAdmin)}` }, retryAttempts: 0 });
    clients.push(client);
    return client.iterate({ query: ACTIVITY, variables: { after } });
  }

  async function createTask(system: TestSystem, title: string) {
    const res = await system.graphql('mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', { input: { serviceLineId: DEMO.serviceLineId, title } });
    expect(res.errors).toBeUndefined();
    return res.data.createTask.id as string;
  }

  const latest = async (system: TestSystem) => (await system.graphql('{ events(first: 1) { edges { cursor } } }')).data.events.edges[0].cursor as string;

  it('delivers on every replica what any replica wrote, with one publisher reading the log', async () => {
    const onA = await subscribe(a, await latest(a));
    const onB = await subscribe(b, await latest(b));
    const first = onA.next();
    const second = onB.next();
    const id = await createTask(b, 'Written on B');
    for (const { value } of [await first, await second]) expect(value?.data?.activity.node.subject).toMatchObject({ id, title: 'Written on B' });

    const sources = [a, b].map((s) => (existingStream(s.system.deps) as unknown as { source: unknown }).source);
    for (const source of sources) expect(source).toBeInstanceOf(NatsSource);
    const publishers = sources.filter((s) => (s as NatsSource).isPublisher);
    expect(publishers).toHaveLength(1);

    // Many more writes: still one event each, in order, on both replicas.
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await createTask(a, `Burst ${i}`));
    for (const stream of [onA, onB]) {
      const got = [];
      for (let i = 0; i < 5; i++) got.push((await stream.next()).value?.data?.activity.node.subject.id);
      expect(got).toEqual(ids);
    }
    await onA.return?.();
    await onB.return?.();
  });

  it('keeps delivering without a gap when the publishing replica goes away', async () => {
    const sourceOf = (s: TestSystem) => (existingStream(s.system.deps) as unknown as { source: NatsSource }).source;
    const [publisher, survivor] = sourceOf(a).isPublisher ? [a, b] : [b, a];
    const stream = await subscribe(survivor, await latest(survivor));
    await publisher.close();
    // Written while nobody publishes: the survivor takes the lease once the old one lapses, and
    // carries on from the last event on the stream.
    const ids = [await createTask(survivor, 'After the publisher left 1'), await createTask(survivor, 'After the publisher left 2')];
    const got = [(await stream.next()).value?.data?.activity.node.subject.id, (await stream.next()).value?.data?.activity.node.subject.id];
    expect(got).toEqual(ids);
    expect(sourceOf(survivor).isPublisher).toBe(true);
    await stream.return?.();
  }, 60_000);

  it('a reader that starts after an event was published reads it from the log, without waiting for the next message', async () => {
    // A deployment of its own whose publisher lease someone else holds: this reader never publishes,
    // and no message will come; what it must deliver is only in the log.
    const namespace = `test_${randomBytes(4).toString('hex')}`;
    const nc = await connect({ servers: NATS_URL });
    const source = new NatsSource(ctx.database, { url: NATS_URL, namespace });
    try {
      const kv = await new Kvm(nc).create(`${namespace}_event_publisher`, { ttl: 60_000, history: 1 });
      await kv.create('publisher', 'another replica');
      const [row] = await ctx.database.db.transaction((tx) => appendEvents(tx, [{ type: 'task.created', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actor: { type: 'system', id: null }, subject: { type: 'task', id: DEMO.taskId }, payload: {} }]));
      const [{ last }] = await ctx.database.db.select({ last: max(events.seq) }).from(events);
      expect(Number(last)).toBe(row.seq);
      const delivered: EventRow[] = [];
      // Started from just before that event, as a stream that read the end of the log before it committed.
      await source.start(Number(last) - 1, (rows) => delivered.push(...rows));
      expect(delivered.map((r) => r.id)).toEqual([row.id]);
      expect(source.isPublisher).toBe(false);
    } finally {
      await source.stop();
      await nc.close();
    }
  });
};

if (available) describeEngines('subscriptions fanned out between replicas over NATS JetStream', suite);
else describe.skip(`subscriptions over NATS JetStream (no NATS at ${NATS_URL})`, () => it('needs NATS', () => {}));
