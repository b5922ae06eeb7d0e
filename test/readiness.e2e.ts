import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { it, expect, afterAll, describe } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals } from './testkit/auth.ts';
import { freePort } from './testkit/ports.ts';
import { postgresBinaries, startPgCluster } from './testkit/pg-cluster.ts';
import { openDatabase, migrateDatabase } from '../platform/db.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

/**
 * /ready with a dependency killed: NATS (NATS_URL) makes the gateway unavailable, Redis
 * (REDIS_URL) only degrades it (rate limits count in memory meanwhile), and PostgreSQL makes the
 * gateway and every subgraph unavailable; each comes back without a restart. NATS, Redis and
 * PostgreSQL here are servers of the test's own, started and killed by it.
 */

/** Polls `url` until its answer satisfies `done` (bounded by the test's timeout, never timed). */
async function readyUntil(url: string, done: (answer: { status: number; body: any }) => boolean) {
  for (;;) {
    const res = await fetch(url);
    const answer = { status: res.status, body: await res.json() };
    if (done(answer)) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function server(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: 'ignore' });
  child.on('error', () => undefined);
  return child;
}

const stopped = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));

describeEngines('readiness: NATS and Redis when configured', (ctx) => {
  let sys: TestSystem | undefined;
  const children: ChildProcess[] = [];
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'ready-nats-'));
  afterAll(async () => {
    await sys?.close();
    for (const child of children) child.kill('SIGKILL');
    fs.rmSync(store, { recursive: true, force: true });
  });

  it('a killed NATS makes /ready 503 naming nats, a killed Redis only degrades it; both recover without a restart', async () => {
    const natsPort = await freePort();
    const redisPort = await freePort();
    const startNats = () => {
      const child = server('nats-server', ['-js', '-p', String(natsPort), '-a', '127.0.0.1', '-sd', store]);
      children.push(child);
      return child;
    };
    let nats = startNats();
    const redis = server('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    children.push(redis);
    sys = await startTestSystem(ctx.database, principals.apexAdmin, {
      nats: { url: `nats://127.0.0.1:${natsPort}`, namespace: `ready${process.pid}` },
      limits: { redisUrl: `redis://127.0.0.1:${redisPort}` },
    });
    const ready = `${sys.url}/ready`;
    expect(await readyUntil(ready, (a) => a.status === 200)).toEqual({ status: 200, body: { status: 'ready', database: ctx.engine } });

    nats.kill('SIGKILL');
    await stopped(nats);
    expect(await readyUntil(ready, (a) => a.status !== 200)).toEqual({ status: 503, body: { status: 'unavailable', database: ctx.engine, unavailable: ['nats'] } });
    nats = startNats();
    expect(await readyUntil(ready, (a) => a.status === 200)).toEqual({ status: 200, body: { status: 'ready', database: ctx.engine } });

    redis.kill('SIGKILL');
    await stopped(redis);
    expect(await readyUntil(ready, (a) => a.body.degraded !== undefined)).toEqual({ status: 200, body: { status: 'ready', database: ctx.engine, degraded: ['redis'] } });
    // The graph still answers (rate limits count in memory meanwhile).
    expect((await sys.graphql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  }, 120_000);
});

describe.runIf(postgresBinaries() !== null)('readiness: a killed PostgreSQL', () => {
  it('makes the gateway /ready 503 naming the database and every subgraph, each subgraph /ready 503, and recovers without a restart', async () => {
    const cluster = await startPgCluster();
    const database = await openDatabase({ databaseUrl: cluster.url('postgres'), waitSeconds: 1 });
    let sys: TestSystem | undefined;
    try {
      await migrateDatabase(database);
      sys = await startTestSystem(database, principals.apexAdmin, { env: { DATABASE_WAIT_SECONDS: '1' } });
      const subgraphReady = new URL('/ready', sys.system.subgraphUrls.tasks).href;
      expect(await readyUntil(`${sys.url}/ready`, (a) => a.status === 200)).toEqual({ status: 200, body: { status: 'ready', database: 'postgres' } });
      expect((await readyUntil(subgraphReady, () => true)).status).toBe(200);

      cluster.stop();
      const down = await readyUntil(`${sys.url}/ready`, (a) => a.status !== 200);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unavailable', database: 'unavailable' });
      expect([...down.body.unavailable].sort()).toEqual(['database', ...SUBGRAPHS.map((s) => s.name)].sort());
      expect(await readyUntil(subgraphReady, () => true)).toEqual({ status: 503, body: { status: 'unavailable', subgraph: 'tasks', database: 'unavailable' } });

      cluster.start();
      expect(await readyUntil(`${sys.url}/ready`, (a) => a.status === 200)).toEqual({ status: 200, body: { status: 'ready', database: 'postgres' } });
      expect((await readyUntil(subgraphReady, (a) => a.status === 200)).body).toEqual({ status: 'ready', subgraph: 'tasks', database: 'postgres' });
    } finally {
      await sys?.close();
      await database.close().catch(() => undefined);
      cluster.destroy();
    }
  }, 180_000);
});
