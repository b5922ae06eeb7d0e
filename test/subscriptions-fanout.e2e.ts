import { it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { collect, type Collected, type SubscriptionResult } from './testkit/subscriptions.ts';
import { appendEvents, type EventInput } from '../platform/event-log.ts';
import { DEMO } from '../seed/demo.ts';

/** Every subscriber of one audience: one token (one visibility), one selection, one filter. */
const ACTIVITY = 'subscription { activity(types: ["task."]) { cursor node { id type subject { __typename ... on Task { title } } } } }';

/** Statements the system sends by itself whatever the subscribers: the stream reader's reads, the export worker's polls. */
const BACKGROUND = [/"events"\."events"\."seq" > \$1 order by "events"\."events"\."seq" asc limit/, /export_jobs/];

/**
 * Live activity reads each event once per audience: the subgraph fetches and SQL statements an
 * event costs do not grow with the number of its subscribers (gateway/live/). Counted exactly, as
 * the gateway and the database see them, while every subscriber receives the events.
 */
describeEngines('live activity costs the same for 10 subscribers as for 1,000', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    // A thousand connections of one token: its request budget must not cut them off.
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { rateLimitPoints: 1_000_000 } });
  });
  afterAll(() => sys?.close());

  const taskEvents = (n: number): EventInput[] => Array.from({ length: n }, (_, i) => ({
    type: 'task.status_changed', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId,
    actor: { type: 'user', id: DEMO.adminUserId }, subject: { type: 'task', id: DEMO.taskId }, payload: { n: i },
  }));
  const write = (n: number) => ctx.database.db.transaction((tx) => appendEvents(tx, taskEvents(n)));

  /** Opens `n` subscribers, waits until each is live, then counts what `events` more events cost until all have them. */
  async function cost(n: number, events: number) {
    const authorization = `Bearer ${await bearer(principals.apexAdmin)}`;
    const clients: Client[] = [];
    const streams: Collected[] = [];
    try {
      for (let i = 0; i < n; i++) {
        const client = createClient({ url: `${sys.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0, keepAlive: 0 });
        clients.push(client);
        const accepted = new Promise<void>((resolve) => client.on('connected', () => resolve()));
        streams.push(collect(client.iterate({ query: ACTIVITY }) as AsyncIterator<SubscriptionResult>));
        await accepted;
      }
      // Live: every one has received the same event written after it subscribed; nothing is in flight after it.
      const has = (stream: Collected, id: string) => stream.results.some((r) => r.data?.activity.node.id === id);
      const received = async (id: string, wait: number) => {
        for (const started = Date.now(); !streams.every((s) => has(s, id)) && Date.now() - started < wait; ) await new Promise((resolve) => setTimeout(resolve, 20));
        return streams.every((s) => has(s, id));
      };
      for (let probe = 0; ; probe++) {
        expect(probe, 'every subscriber receives one of the probe events').toBeLessThan(100);
        const [row] = await write(1);
        if (await received(row.id, 1000)) break;
      }
      const fetchesBefore = sys.system.stats.subgraphFetches;
      const { queries } = await ctx.database.statements.measure(async () => {
        const rows = await write(events);
        expect(await received(rows[events - 1].id, 60_000)).toBe(true);
      });
      for (const stream of streams) {
        for (const result of stream.results.slice(-events)) expect(result).toMatchObject({ data: { activity: { node: { type: 'task.status_changed', subject: { __typename: 'Task', title: expect.any(String) } } } } });
      }
      return { fetches: sys.system.stats.subgraphFetches - fetchesBefore, statements: queries.filter((q) => !BACKGROUND.some((b) => b.test(q))).length };
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  }

  it('reads each event once per audience: as many subgraph fetches and SQL statements for 1,000 subscribers as for 10', async () => {
    const writing = await cost(0, 5);
    const ten = await cost(10, 5);
    const thousand = await cost(1000, 5);
    expect(thousand).toEqual(ten);
    // The five events committed together are read in one batch: one fetch to the events subgraph
    // and one to the tasks subgraph (the subjects), and one statement besides the write itself: the
    // subjects'. The events subgraph, co-located, is handed the events the stream read (primeEvents).
    expect(ten).toEqual({ fetches: 2, statements: writing.statements + 1 });
  }, 180_000);
});
