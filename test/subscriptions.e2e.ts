import { it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer, otherTenant } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { appendEvents, type EventInput } from '../platform/event-log.ts';
import { encodeCursor } from '../platform/cursor.ts';
import { DEMO } from '../seed/demo.ts';
import { collect, type SubscriptionResult } from './testkit/subscriptions.ts';

const ACTIVITY = `subscription Activity($types: [String!], $workspaceId: ID, $subjectId: ID, $actorId: ID, $after: String, $organizationId: ID) {
  activity(types: $types, workspaceId: $workspaceId, subjectId: $subjectId, actorId: $actorId, after: $after, organizationId: $organizationId) {
    cursor
    node { id type workspace { id } actorId subject { __typename ... on Task { id title assignee { id name } } ... on ServiceLine { id name } } }
  }
}`;

/** Without subjects: no entity fetch per event, for the tests that stream thousands. */
const BARE = `subscription Bare($after: String, $types: [String!]) { activity(after: $after, types: $types) { cursor node { id type } } }`;

type Result = SubscriptionResult;

const nodeIds = (results: Result[]) => results.map((r) => r.data.activity.node.id);

describeEngines('subscriptions: live activity over graphql-ws and SSE', (ctx) => {
  let sys: TestSystem;
  const wsClients: WsClient[] = [];
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(async () => {
    for (const c of wsClients) await c.dispose();
    await sys?.close();
  });

  async function ws(principal: Principal = principals.apexAdmin, system: TestSystem = sys) {
    const authorization = `Bearer ${await bearer(principal)}`;
    const client = createWsClient({ url: system.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0, lazy: true });
    wsClients.push(client);
    return client;
  }

  async function subscribe(variables: Record<string, unknown>, principal: Principal = principals.apexAdmin, query = ACTIVITY, system = sys) {
    const client = await ws(principal, system);
    return collect(client.iterate({ query, variables }) as AsyncIterator<Result>);
  }

  /** The cursor of the newest event the principal can see: subscribing after it starts "now", without a race. */
  async function latestCursor(principal: Principal = principals.apexAdmin): Promise<string> {
    const res = await sys.graphql('{ events(first: 1) { edges { cursor } } }', {}, principal);
    return res.data.events.edges[0].cursor;
  }

  async function createTask(title: string, principal: Principal = principals.apexAdmin, serviceLineId: string = DEMO.serviceLineId) {
    const res = await sys.graphql('mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', { input: { serviceLineId, title } }, principal);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data.createTask.id as string;
  }

  async function updateTask(id: string, input: Record<string, unknown>) {
    const res = await sys.graphql('mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }', { id, input });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  }

  /** Appends `n` events straight into the log, in one transaction, as a busy platform would. */
  async function appendMany(n: number, organizationId: string = DEMO.organizationId, padding = 0) {
    const inputs: EventInput[] = Array.from({ length: n }, (_, i) => ({
      type: 'capacity.utilisation_warning',
      organizationId,
      workspaceId: null,
      actor: { type: 'system', id: null },
      subject: { type: 'service_line', id: DEMO.serviceLineId },
      payload: padding ? { n: i, padding: 'x'.repeat(padding) } : { n: i },
    }));
    return ctx.database.db.transaction((tx) => appendEvents(tx, inputs));
  }

  it('delivers events in commit order, each with its subject resolved by the subgraph that owns it', async () => {
    const stream = await subscribe({ after: await latestCursor(), types: ['task.'] });
    const first = await createTask('Live one');
    const second = await createTask('Live two');
    await updateTask(first, { assigneeId: DEMO.memberUserId });
    const results = await stream.take(3);
    for (const r of results) expect(r.errors).toBeUndefined();
    const nodes = results.map((r) => r.data.activity.node);
    expect(nodes[0]).toMatchObject({ type: 'task.created', subject: { __typename: 'Task', id: first, title: 'Live one' } });
    expect(nodes[1]).toMatchObject({ type: 'task.created', subject: { __typename: 'Task', id: second, title: 'Live two' } });
    expect(nodes[2].subject).toMatchObject({ id: first, assignee: { id: DEMO.memberUserId } });
    // Cursors are the events' own, the ones the events query and REST hand out.
    for (const r of results) expect(r.data.activity.cursor).toBe(encodeCursor(r.data.activity.node.id));
    const seqs = nodes.map((n: any) => Number(n.id.split('-')[2]));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    await stream.stop();
  });

  it('filters on the server by type prefix, workspace, subject and actor', async () => {
    const after = await latestCursor();
    const byPrefix = await subscribe({ after, types: ['task.'] });
    const byExactType = await subscribe({ after, types: ['task.status_changed'] });
    const byWorkspace = await subscribe({ after, workspaceId: DEMO.dataWorkspaceId });
    const bySubject = await subscribe({ after, subjectId: DEMO.taskId });
    const byActor = await subscribe({ after, actorId: DEMO.memberUserId });

    const inPayments = await createTask('In the payments workspace');
    await updateTask(DEMO.taskId, { status: 'IN_REVIEW' });
    const dataLine = (await sys.graphql('{ serviceLines(workspaceId: "WS-26-000022", first: 1) { nodes { id } } }')).data.serviceLines.nodes[0].id;
    const inData = await createTask('In the data workspace', principals.apexAdmin, dataLine);
    const byMember = await createTask('Created by a member', principals.apexMember);

    const types = async (s: ReturnType<typeof collect>, n: number) => (await s.take(n)).map((r) => [r.data.activity.node.type, r.data.activity.node.subject.id]);
    expect(await types(byPrefix, 4)).toEqual([
      ['task.created', inPayments],
      ['task.status_changed', DEMO.taskId],
      ['task.created', inData],
      ['task.created', byMember],
    ]);
    expect(await types(byExactType, 1)).toEqual([['task.status_changed', DEMO.taskId]]);
    expect(await types(byWorkspace, 1)).toEqual([['task.created', inData]]);
    expect(await types(bySubject, 1)).toEqual([['task.status_changed', DEMO.taskId]]);
    expect(await types(byActor, 1)).toEqual([['task.created', byMember]]);

    // Nothing else was queued for them: the next event each one gets is one written now.
    await updateTask(DEMO.taskId, { status: 'IN_PROGRESS' });
    expect((await byExactType.take(2))[1].data.activity.node.subject.id).toBe(DEMO.taskId);
    expect((await bySubject.take(2))[1].data.activity.node.type).toBe('task.status_changed');
    for (const s of [byPrefix, byExactType, byWorkspace, bySubject, byActor]) await s.stop();
  });

  it('gives a subscriber only what its token may see', async () => {
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const theirs = await subscribe({ after: await latestCursor(other) }, other);
    const narrowed = await subscribe({ after: await latestCursor(principals.apexPayments) }, principals.apexPayments);
    const dataLine = (await sys.graphql('{ serviceLines(workspaceId: "WS-26-000022", first: 1) { nodes { id } } }')).data.serviceLines.nodes[0].id;
    await createTask('Not for the data workspace token', principals.apexAdmin, dataLine);
    await appendMany(1); // an organization-level event: not for a workspace-narrowed token either
    const mine = await createTask('For the payments token');
    await appendMany(1, DEMO.otherOrganizationId);

    const [narrowedFirst] = await narrowed.take(1);
    expect(narrowedFirst.data.activity.node).toMatchObject({ type: 'task.created', subject: { id: mine }, workspace: { id: DEMO.workspaceId } });
    const [theirFirst] = await theirs.take(1);
    expect(theirFirst.data.activity.node.type).toBe('capacity.utilisation_warning');
    expect(theirFirst.data.activity.node.subject).toMatchObject({ __typename: 'ServiceLine' });

    // Naming another organization, or resuming from another organization's event, is refused as not found.
    const foreignOrg = await subscribe({ organizationId: DEMO.otherOrganizationId });
    const [refusal] = await foreignOrg.end();
    expect(refusal.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const foreignCursor = await subscribe({ after: await latestCursor() }, other);
    const [cursorRefusal] = await foreignCursor.end();
    expect(cursorRefusal.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await theirs.stop();
    await narrowed.stop();
  });

  it('refuses a connection without a valid token', async () => {
    const client = createWsClient({ url: sys.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: 'Bearer nope' }, retryAttempts: 0 });
    wsClients.push(client);
    const stream = collect(client.iterate({ query: BARE }) as AsyncIterator<Result>);
    await stream.end();
    expect(String((stream.failure as { code?: number })?.code ?? stream.failure)).toMatch(/4401/);
  });

  it('closes a socket that sends no connection_init within 3 seconds with 4408', async () => {
    const socket = new WebSocket(sys.url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
    const [code, reason] = await new Promise<[number, Buffer]>((resolve) => socket.once('close', (...closed) => resolve(closed)));
    expect(code).toBe(4408);
    expect(String(reason)).toBe('Connection initialisation timeout');
  });

  it('resumes after a disconnect with every event written meanwhile, once, then the live ones', async () => {
    const first = await subscribe({ after: await latestCursor(), types: ['task.'] });
    const a = await createTask('Before the disconnect');
    const [seen] = await first.take(1);
    await first.stop();
    const missed = [await createTask('Missed 1'), await createTask('Missed 2'), await createTask('Missed 3')];

    const resumed = await subscribe({ after: seen.data.activity.cursor, types: ['task.'] });
    const history = await resumed.take(3);
    const live = await createTask('Live after resuming');
    const all = await resumed.take(4);
    expect(all.map((r) => r.data.activity.node.subject.id)).toEqual([...missed, live]);
    expect(history.map((r) => r.data.activity.node.subject.id)).not.toContain(a);
    await resumed.stop();
  });

  it('switches from history to live without a gap or a duplicate while events keep coming', async () => {
    const after = await latestCursor();
    await appendMany(300);
    const stream = await subscribe({ after }, principals.apexAdmin, BARE);
    // Writers keep appending while the subscriber reads its history.
    for (let i = 0; i < 10; i++) await appendMany(20);
    const results = await stream.take(500);
    const ids = nodeIds(results);
    expect(new Set(ids).size).toBe(500);
    const numbers = ids.map((id) => Number(id.split('-')[2]));
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBe(numbers[i - 1] + 1);
    await stream.stop();
  });

  it('resumes across a restart of the gateway and the subgraphs', async () => {
    const other = await startTestSystem(ctx.database, principals.apexAdmin);
    let cursor: string;
    try {
      const stream = await subscribe({ after: await latestCursor(), types: ['task.'] }, principals.apexAdmin, ACTIVITY, other);
      await createTask('Before the restart');
      const [seen] = await stream.take(1);
      cursor = seen.data.activity.cursor;
    } finally {
      await other.close();
    }
    const during = [await createTask('While it was down 1'), await createTask('While it was down 2')];
    const restarted = await startTestSystem(ctx.database, principals.apexAdmin);
    try {
      const resumed = await subscribe({ after: cursor, types: ['task.'] }, principals.apexAdmin, ACTIVITY, restarted);
      expect((await resumed.take(2)).map((r) => r.data.activity.node.subject.id)).toEqual(during);
      await resumed.stop();
    } finally {
      await restarted.close();
    }
  });

  it('disconnects a consumer that cannot keep up, with the cursor to resume from, and loses nothing', async () => {
    const small = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { subscriberBuffer: 10, subscriberGraceSeconds: 1 } });
    let opened: WebSocket | undefined;
    try {
      const after = await latestCursor();
      const authorization = `Bearer ${await bearer(principals.apexAdmin)}`;
      // A raw socket that stops reading: the gateway's writes back up, then its buffer fills.
      const socket = (opened = new WebSocket(small.url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws'));
      const messages: any[] = [];
      socket.on('message', (data) => messages.push(JSON.parse(String(data))));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } }));
      // Waits until a message that satisfies `seen` has arrived, looking at those already in first:
      // an await between sending and listening (the append below) may outlast the reply.
      const received = (seen: (m: any) => boolean) =>
        new Promise<void>((resolve) => {
          const check = () => messages.some(seen) && (socket.off('message', check), resolve());
          socket.on('message', check);
          check();
        });
      await received((m) => m.type === 'connection_ack');
      // Large events (8 kB), so the socket's kernel buffers fill long before the 5,000th.
      const withPayload = 'subscription($after: String) { activity(after: $after) { cursor node { id type payload } } }';
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: withPayload, variables: { after } } }));
      await appendMany(1);
      await received((m) => m.type === 'next');
      // Stop reading for real: ws resumes its socket by itself when its receiver drains.
      const raw = (socket as any)._socket;
      const resumeRaw = raw.resume;
      raw.resume = () => raw;
      raw.pause();
      for (let i = 0; i < 5; i++) await appendMany(1000, DEMO.organizationId, 8000);
      // Stay stalled until the gateway has cut it off. A fixed wait is not enough on a loaded
      // machine: the reader may not even have reached the events yet when it ends, and a client
      // that reads again before its buffer was full for the grace period is rightly never cut off.
      const feed = small.system.feed!;
      const deadline = Date.now() + 60_000;
      while (feed.memberCount > 0) {
        if (Date.now() > deadline) throw new Error(`the stalled consumer was not cut off within a minute (it holds ${messages.length} messages)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      raw.resume = resumeRaw;
      raw.resume();
      await received((m) => m.type === 'complete' || (m.type === 'next' && m.payload.errors));
      const delivered = messages.filter((m) => m.type === 'next' && m.payload.data).map((m) => m.payload.data.activity);
      const refusal = messages.find((m) => m.type === 'next' && m.payload.errors)!.payload.errors[0];
      expect(refusal.extensions).toMatchObject({ code: 'SLOW_CONSUMER', resumeAfter: delivered.at(-1).cursor });
      expect(delivered.length).toBeLessThan(5000);
      socket.close();

      // Resuming from that cursor yields the rest, in order, without a gap.
      const rest = await subscribe({ after: refusal.extensions.resumeAfter }, principals.apexAdmin, BARE, small);
      const remaining = await rest.take(5001 - delivered.length);
      const ids = [...delivered.map((d: any) => d.node.id), ...nodeIds(remaining)];
      expect(new Set(ids).size).toBe(5001);
      await rest.stop();
    } finally {
      opened?.terminate();
      await small.close();
    }
  }, 180_000);

  it('answers a cursor whose event retention removed with a clear error', async () => {
    const [old] = await appendMany(1);
    const after = await latestCursor();
    await ctx.database.rows(sql`delete from events.events where id = ${old.id}`);
    const stream = await subscribe({ after: encodeCursor(old.id) });
    const [refusal] = await stream.end();
    expect(refusal.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refusal.errors?.[0].message).toMatch(/older than the event retention/);
    expect(after).toBeTruthy();
  });

  it('streams over SSE too, with the same resume semantics', async () => {
    const token = await bearer(principals.apexAdmin);
    const client = createSseClient({ url: `${sys.url}/graphql`, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    try {
      const stream = collect(client.iterate({ query: ACTIVITY, variables: { after: await latestCursor(), types: ['task.'] } }) as AsyncIterator<Result>);
      const id = await createTask('Over SSE');
      const [result] = await stream.take(1);
      expect(result.data.activity.node).toMatchObject({ type: 'task.created', subject: { __typename: 'Task', id, title: 'Over SSE' } });
      await stream.stop();
    } finally {
      client.dispose();
    }
  });
});
