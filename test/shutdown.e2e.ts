import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { it, expect } from 'vitest';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { DEMO } from '../seed/demo.ts';
import { describeEngines } from './testkit/describe-engines.ts';
import { freePort } from './testkit/ports.ts';

const root = path.resolve(import.meta.dirname, '..');
const CREATE_TASK = `mutation($title: String!) { createTask(input: { serviceLineId: "${DEMO.serviceLineId}", title: $title }) { id } }`;
const ACTIVITY = 'subscription($after: String) { activity(types: ["task.created"], after: $after) { cursor node { id subjectId } } }';

interface Started {
  child: ChildProcess;
  url: string;
  token: string;
  output(): string;
  exited: Promise<number | null>;
}

/** `npm start` exactly as a user types it (npm, its shell, node), in a process group of its own. */
async function npmStart(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await expect.poll(() => output, { timeout: 90_000, interval: 200 }).toMatch(/Demo token[^\n]*\n\s+(\S+)/);
  return {
    child,
    url: /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output)![1],
    token: /Demo token[^\n]*\n\s+(\S+)/.exec(output)![1],
    output: () => output,
    exited,
  };
}

/** Whether any process of the group is still alive (ESRCH: none is). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

type Outcome = { kind: 'ok'; id?: string } | { kind: 'refused' } | { kind: 'unreachable' } | { kind: 'bad'; detail: string };

/** A request's outcome, as a client sees it: answered, refused cleanly (503, or no connection accepted), or anything else. */
async function send(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === 'ECONNREFUSED' ? { kind: 'unreachable' } : { kind: 'bad', detail: `fetch failed: ${code ?? String((error as Error).cause ?? error)}` };
  }
  let body: { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
  try {
    body = await res.json();
  } catch (error) {
    return { kind: 'bad', detail: `status ${res.status}, body cut: ${String(error)}` };
  }
  if (res.status === 200 && body.data && !body.errors) return { kind: 'ok', id: body.data.createTask?.id };
  if (res.status === 503 && body.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE' && res.headers.get('retry-after')) return { kind: 'refused' };
  return { kind: 'bad', detail: `status ${res.status}: ${JSON.stringify(body)}` };
}

interface Subscriber {
  events: Array<{ cursor: string; id: string; subjectId: string }>;
  closes: Array<{ code: number; reason: string }>;
  client: Client;
}

function subscribe(url: string, token: string, after: string | null): Subscriber {
  const subscriber: Subscriber = { events: [], closes: [], client: undefined! };
  subscriber.client = createClient({
    url: `${url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    on: { closed: (event) => subscriber.closes.push({ code: (event as CloseEvent).code, reason: (event as CloseEvent).reason }) },
  });
  subscriber.client.subscribe<{ activity: { cursor: string; node: { id: string; subjectId: string } } }>(
    { query: ACTIVITY, variables: { after } },
    { next: ({ data }) => data && subscriber.events.push({ cursor: data.activity.cursor, ...data.activity.node }), error: () => {}, complete: () => {} },
  );
  return subscriber;
}

/**
 * A rolling restart as an operator does one: SIGTERM to `npm start` (npm, its shell and node) while
 * clients write, read and subscribe; the process exits 0 leaving no process behind; every request
 * either completed or was refused cleanly (503 SERVICE_UNAVAILABLE with Retry-After, or a connection
 * not accepted), never cut; WebSocket subscribers get 1001 with a reason, SSE streams a last result
 * with their resume cursor and a clean end; after the restart a subscriber resuming from its last
 * cursor gets every event it missed, once.
 */
describeEngines('graceful shutdown', (ctx) => {
  it('SIGTERM to npm start under load: in-flight requests complete, subscribers get 1001 and resume without loss', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrums-shutdown-'));
    const env = {
      ...process.env,
      PORT: String(await freePort()),
      PGLITE_DIR: path.join(dataDir, 'pglite'),
      DATABASE_URL: ctx.url ?? '',
      RATE_LIMIT_POINTS: '1000000',
      HEALTH_EVALUATION_SECONDS: 'off',
    };
    let first: Started | undefined;
    let second: Started | undefined;
    try {
      first = await npmStart(env);
      const { url, token } = first;
      const live = subscribe(url, token, null);
      const sse = fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: ACTIVITY, variables: { after: null } }),
      });
      let sseText = '';
      const sseDone = sse.then(async (res) => {
        const reader = res.body!.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) sseText += Buffer.from(read.value).toString('utf8');
        return 'ended cleanly';
      });
      // Both subscribers are live once they have an event committed after they subscribed.
      const warmUps = new Set<string>();
      await expect.poll(async () => {
        const warmUp = await send(url, token, CREATE_TASK, { title: 'warm-up' });
        if (warmUp.kind === 'ok' && warmUp.id) warmUps.add(warmUp.id);
        return live.events.length > 0 && sseText.includes('"subjectId"');
      }, { timeout: 30_000, interval: 500 }).toBe(true);

      const outcomes: Outcome[] = [];
      let sigtermAt = 0;
      let stopped = false;
      // Well-behaved clients: after a refusal they wait (Retry-After: 1) before trying again.
      const loops = [0, 1, 2, 3].map(async (loop) => {
        for (let i = 0; !stopped; i++) {
          const outcome = loop === 3
            ? await send(url, token, '{ serviceLine(id: "LIN-26-084729") { name } }', {})
            : await send(url, token, CREATE_TASK, { title: `load ${loop}.${i}` });
          outcomes.push(outcome.kind === 'bad' ? { ...outcome, detail: `${outcome.detail} (loop ${loop}, ${Date.now() - sigtermAt} ms after SIGTERM)` } : outcome);
          if (outcome.kind !== 'ok') await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      });
      await expect.poll(() => outcomes.filter((o) => o.kind === 'ok').length, { timeout: 30_000, interval: 100 }).toBeGreaterThan(30);
      sigtermAt = Date.now();
      process.kill(first.child.pid!, 'SIGTERM');
      expect(await first.exited).toBe(0);
      // Nothing of it is left (tsx's esbuild service goes with the node process that started it).
      await expect.poll(() => groupAlive(first!.child.pid!), { timeout: 5000, message: 'a process of npm start outlived it' }).toBe(false);
      stopped = true;
      await Promise.all(loops);
      // A client's next request finds no server: its connection is refused (a loop waiting out a
      // Retry-After when the process exits makes no request after it).
      outcomes.push(await send(url, token, '{ serviceLine(id: "LIN-26-084729") { name } }', {}));

      expect(outcomes.filter((o) => o.kind === 'bad'), first.output()).toEqual([]);
      expect(outcomes.at(-1)?.kind).toBe('unreachable');
      await expect.poll(() => live.closes.length, { timeout: 10_000 }).toBe(1);
      expect(live.closes[0].code).toBe(1001);
      expect(live.closes[0].reason).toMatch(/shutting down.*after/);
      expect(await sseDone).toBe('ended cleanly');
      expect(sseText).toMatch(/"code":"SERVICE_UNAVAILABLE","resumeAfter":"[^"]+"/);
      expect(sseText).toMatch(/event: complete/);
      expect(first.output()).toMatch(/SIGTERM: stopped/);

      // The restart: a subscriber resuming from its last cursor gets what it missed, then live events.
      second = await npmStart(env);
      const resumed = subscribe(second.url, second.token, live.events.at(-1)!.cursor);
      const after = await send(second.url, second.token, CREATE_TASK, { title: 'after the restart' });
      expect(after.kind).toBe('ok');
      await expect.poll(() => resumed.events.some((e) => e.subjectId === (after as { id: string }).id), { timeout: 30_000, interval: 200 }).toBe(true);
      const delivered = [...live.events, ...resumed.events];
      const created = outcomes.flatMap((o) => (o.kind === 'ok' && o.id ? [o.id] : []));
      expect(new Set(delivered.map((e) => e.id)).size, 'an event delivered twice').toBe(delivered.length);
      for (const id of created) expect(delivered.filter((e) => e.subjectId === id), `task ${id}`).toHaveLength(1);
      // No refused request wrote anything: every task created under load was answered 200.
      const loadTasks = delivered.map((e) => e.subjectId).filter((id) => !warmUps.has(id) && id !== (after as { id: string }).id);
      expect(loadTasks.sort()).toEqual([...created].sort());
      await resumed.client.dispose();
      await live.client.dispose();
    } finally {
      for (const started of [first, second]) {
        if (!started?.child.pid) continue;
        if (groupAlive(started.child.pid)) process.kill(-started.child.pid, 'SIGTERM');
        await Promise.race([started.exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
        if (groupAlive(started.child.pid)) process.kill(-started.child.pid, 'SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
