import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import postgres from 'postgres';
import { openDatabase, migrateDatabase } from '../platform/db.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';
import { TEST_AUTH_SECRET, bearer, principals } from './testkit/auth.ts';
import { startPgCluster, postgresBinaries, type PgCluster } from './testkit/pg-cluster.ts';
import { startTopology, type Topology } from './testkit/topology.ts';
import { NATS_URL, natsAnswers } from './testkit/nats.ts';
import { DASHBOARD } from './testkit/screens.ts';

// CI has PostgreSQL's binaries and NATS (.ci/run) and must run these; elsewhere they run when both are there.
const available = postgresBinaries() !== null && (await natsAnswers());
if (!available && process.env.CI) throw new Error(`the deployment tests need PostgreSQL's binaries and NATS at ${NATS_URL}`);

const VARS = { ws: 'WS-26-000021', lines: 5, tasks: 2, integrations: 5, events: 5 };
/** Load comes from several users of the demo organization, so no one of them meets the rate limit. */
const USERS = ['USR-26-000044', 'USR-26-000081', 'USR-26-000043', 'USR-26-000055'];
const asUser = (actorId: string): Principal => ({ ...principals.apexAdmin, actorId });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const value = await check();
    if (value) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** Requests sent in a few loops until stopped, every answer kept. */
function load<T>(loops: number, request: (loop: number) => Promise<T>) {
  const answers: T[] = [];
  let stopped = false;
  const running = Array.from({ length: loops }, async (_, loop) => {
    while (!stopped) {
      answers.push(await request(loop));
      await sleep(50);
    }
  });
  return { answers, stop: async () => ((stopped = true), await Promise.all(running)) };
}

/**
 * The deployment users run: the six subgraphs and the gateway as separate processes, laid out and
 * configured exactly as docker-compose.yml says (testkit/topology.ts reads it), production mode
 * included, on a PostgreSQL cluster of this test's own (it is stopped and started here; never the
 * shared server) and NATS. PostgreSQL only: standalone subgraphs require DATABASE_URL, since an
 * embedded PGlite database serves one process.
 */
(available ? describe : describe.skip)('the docker-compose deployment under faults [postgres]', () => {
  let cluster: PgCluster;
  let topology: Topology;
  beforeAll(async () => {
    cluster = await startPgCluster();
    const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
    await admin`create database scrums`;
    await admin.end();
    const database = await openDatabase({ databaseUrl: cluster.url('scrums'), max: 2 });
    await migrateDatabase(database);
    const { seedDemo } = await import('../seed/demo.ts');
    await seedDemo(database);
    await database.close();
    topology = await startTopology({ databaseUrl: cluster.url('scrums'), natsUrl: NATS_URL, natsNamespace: `topology_${randomBytes(4).toString('hex')}`, authSecret: TEST_AUTH_SECRET });
    // Building dist/ (once per change, test/testkit/build.ts) comes first on a fresh checkout.
  }, 360_000);
  afterAll(async () => {
    await topology?.close();
    cluster?.destroy();
  });

  async function graphql(query: string, variables: Record<string, unknown>, as: Principal) {
    const res = await fetch(`${topology.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer(as)}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
  }
  /** The same, with a dropped connection as status 0 (what a client sees of a process that died). */
  const tryGraphql = (query: string, variables: Record<string, unknown>, as: Principal) => graphql(query, variables, as).catch(() => ({ status: 0, data: undefined, errors: undefined }));

  const pids = () => Object.fromEntries(Object.values(topology.services).map((s) => [s.name, s.pid]));

  it('keeps serving everything else while a subgraph is killed under load, and recovers once it is back, with no gateway restart', async () => {
    const before = pids();
    const dashboards = load(3, (loop) => graphql(DASHBOARD, VARS, asUser(USERS[loop])));
    await waitUntil('the load is flowing', async () => dashboards.answers.length >= 6);

    await topology.kill('integrations');
    const partial = await waitUntil('an answer without integrations', async () => {
      const answer = await graphql(DASHBOARD, VARS, asUser(USERS[3]));
      return answer.errors ? answer : undefined;
    });
    expect(partial.status).toBe(200);
    expect(partial.data.workspace).toMatchObject({ id: 'WS-26-000021', name: 'Payments Engineering', integrations: null });
    expect(partial.data.workspace.serviceLines.nodes.length).toBeGreaterThan(0);
    // Production (as compose runs it) says what is unavailable, never which subgraph.
    expect(partial.errors).toContainEqual({ message: expect.any(String), path: ['workspace', 'integrations'], extensions: { code: 'SERVICE_UNAVAILABLE' } });
    const rest = await fetch(`${topology.url}/v1/integrations`, { headers: { authorization: `Bearer ${await bearer(asUser(USERS[3]))}` } });
    expect({ status: rest.status, retryAfter: rest.headers.get('retry-after'), code: ((await rest.json()) as any).error.code }).toEqual({ status: 503, retryAfter: '5', code: 'service_unavailable' });
    const ready = await fetch(`${topology.url}/ready`);
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 503, body: { status: 'unavailable', database: 'postgres', unavailable: ['integrations'] } });

    await topology.start('integrations');
    await waitUntil('whole answers again', async () => !(await graphql(DASHBOARD, VARS, asUser(USERS[3]))).errors);
    await dashboards.stop();

    // Under load, every answer kept the dashboard: a part missing at most, never an error of another kind.
    for (const answer of dashboards.answers) {
      expect(answer.status).toBe(200);
      expect(answer.data.workspace.name).toBe('Payments Engineering');
      for (const error of answer.errors ?? []) expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
    }
    expect(dashboards.answers.some((a) => a.errors)).toBe(true);
    expect({ ...pids(), integrations: undefined }).toEqual({ ...before, integrations: undefined });
    expect(topology.services.gateway.running).toBe(true);
  }, 120_000);

  it('rides out a PostgreSQL restart under load: no process restarts, every write lands once, the live subscription loses and repeats nothing', async () => {
    const before = pids();
    const run = randomUUID().slice(0, 8);

    // A live activity subscriber from the latest event on, that resumes from its last cursor should
    // its stream end (README, Live activity). (Retention swept the demo's old events: write one.)
    await graphql('mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', { input: { serviceLineId: DEMO.agentServiceLineId, title: `start ${run}` } }, principals.apexAdmin);
    const latest = await graphql('{ events(first: 1) { edges { cursor } } }', {}, principals.apexAdmin);
    const start: string = latest.data.events.edges[0].cursor;
    const seen: Array<{ cursor: string; id: string; subjectId: string }> = [];
    let resumes = 0;
    let listening = true;
    const client = createClient({ url: `${topology.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: async () => ({ authorization: `Bearer ${await bearer(principals.apexAdmin)}` }), retryAttempts: 0 });
    const subscriber = (async () => {
      while (listening) {
        const after = seen.at(-1)?.cursor ?? start;
        try {
          for await (const result of client.iterate<any>({ query: 'subscription($after: String) { activity(types: ["task.created"], after: $after) { cursor node { id subjectId } } }', variables: { after } })) {
            const edge = result.data?.activity;
            if (edge) seen.push({ cursor: edge.cursor, id: edge.node.id, subjectId: edge.node.subjectId });
          }
        } catch {
          // the stream broke: resume below
        }
        if (listening) {
          resumes++;
          await sleep(500);
        }
      }
    })();

    // Writers: each task once, under an Idempotency-Key, retried with the same key until answered.
    const refusals: number[] = [];
    const created = new Map<string, string>();
    async function write(user: string, title: string) {
      const key = randomUUID();
      for (let attempt = 0; ; attempt++) {
        if (attempt > 150) throw new Error(`${title}: no answer after ${attempt} attempts; gateway:\n${topology.services.gateway.output().slice(-4000)}\ntasks:\n${topology.services.tasks.output().slice(-3000)}`);
        const res = await fetch(`${topology.url}/v1/tasks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key, authorization: `Bearer ${await bearer(asUser(user))}` },
          body: JSON.stringify({ service_line_id: DEMO.agentServiceLineId, title }),
          signal: AbortSignal.timeout(15_000),
        }).catch(() => null);
        if (res?.status === 201) return created.set(title, ((await res.json()) as any).data.id);
        // Applied, its answer lost to the outage: final (the key replays it), and the task is there.
        if (res?.status === 409 && /was applied/.test(await res.clone().text())) return created.set(title, '');
        refusals.push(res?.status ?? 0);
        if (res && res.status !== 503 && res.status !== 409) throw new Error(`${title}: ${res.status} ${await res.text()}`);
        await sleep(200);
      }
    }
    const PER_WRITER = 6;
    const writers = USERS.slice(0, 3).map(async (user, w) => {
      for (let i = 0; i < PER_WRITER; i++) await write(user, `outage ${run} ${w}-${i}`);
    });
    const readers = load(1, () => tryGraphql(DASHBOARD, VARS, asUser(USERS[3])));
    await waitUntil('writes are flowing', async () => created.size >= 3);
    await cluster.restart(3000);
    await Promise.all(writers);
    await readers.stop();

    // Clients were told to come back (503, Retry-After) instead of waiting on the outage.
    expect(refusals).toContain(503);
    // Every write landed exactly once.
    const sql = postgres(cluster.url('scrums'), { max: 1, onnotice: () => {} });
    const rows = await sql<{ title: string; ids: string[] }[]>`select title, array_agg(id) as ids from tasks.tasks where title like ${`outage ${run} %`} group by title`;
    await sql.end();
    expect(rows.length).toBe(3 * PER_WRITER);
    expect(rows.filter((r) => r.ids.length !== 1)).toEqual([]);
    // The subscriber got each of them once (in commit order, whatever resumes it needed).
    const ids = rows.map((r) => r.ids[0]);
    await waitUntil('the subscriber has every event', async () => ids.every((id) => seen.some((e) => e.subjectId === id))).catch((error: Error) => {
      const missing = ids.filter((id) => !seen.some((e) => e.subjectId === id));
      throw new Error(`${error.message}: ${missing.length} of ${ids.length} missing (${missing.join(', ')}) after ${resumes} resumes, ${seen.length} seen\nevents:\n${topology.services.events.output().slice(-6000)}\ngateway:\n${topology.services.gateway.output().slice(-4000)}`);
    });
    listening = false;
    await client.dispose();
    await subscriber;
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect(seen.filter((e) => ids.includes(e.subjectId))).toHaveLength(ids.length);
    // Readers saw answers, never a 5xx other than 503.
    for (const answer of readers.answers) expect([200, 503]).toContain(answer.status);
    expect(pids()).toEqual(before);
    for (const service of Object.values(topology.services)) expect(service.running, service.output()).toBe(true);
    console.log(`[topology] PostgreSQL restart: ${refusals.length} refused attempts retried, ${resumes} subscription resumes`);
  }, 120_000);
});
