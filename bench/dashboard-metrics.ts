import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { seedScale, analyzeScaleTables, SCALE_ORG_ID } from '../seed/scale.ts';
import { scaleId } from '../seed/scale-model.ts';
import { DASHBOARD } from '../test/testkit/screens.ts';
import { freshPostgres, type Fresh } from './seed-scale.ts';
import { runLoad, type LoadResult } from './load.ts';
import { printTable, fmt, ratio } from './table.ts';
import type { DashboardBenchOptions } from './dashboard.ts';

/**
 * `npm run bench -- dashboard --metrics`: what Prometheus metrics cost. The same system twice, as
 * `npm start` processes of their own over one scale database: METRICS=on (the default) and
 * METRICS=off. After an untimed pass on each, the dashboard query under the same closed-loop load
 * against each in turn, alternating (on off, off on, on off ...) so drift on a noisy machine falls on both; the server's CPU
 * per request is read from /proc for its process alone, the client's (the load, a worker thread of
 * this process) from process.cpuUsage(). Also: one scrape of /metrics, its size and CPU.
 */

const AUTH_SECRET = 'bench-secret-for-the-dashboard-0123456789abcdef';
const WORKSPACE = scaleId('WS', 0);
const VARIABLES = { ws: WORKSPACE, lines: 25, tasks: 10, integrations: 20, events: 20 };
const ROUNDS = 3;
const root = path.resolve(import.meta.dirname, '..');
/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS = 100;

interface Server {
  label: string;
  child: ChildProcess;
  url: string;
}

interface Round {
  load: LoadResult;
  serverCpuMs: number;
  clientCpuMs: number;
}

export async function benchDashboardMetrics(options: DashboardBenchOptions & { profile?: string }): Promise<void> {
  let fresh: Fresh | undefined;
  const servers: Server[] = [];
  try {
    fresh = await freshPostgres(options.databaseUrl);
    const seeded = await seedScale(fresh.database, { scale: options.scale });
    await analyzeScaleTables(fresh.database);
    console.log(`seeded --scale ${fmt(options.scale)}: ${fmt(seeded.rows)} rows in ${fmt(seeded.seconds, 1)} s`);
    for (const metrics of ['on', 'off']) {
      // --profile DIR: each server writes a CPU profile (node --cpu-prof) under DIR/metrics-<on|off> when it stops.
      const profile = options.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(options.profile, `metrics-${metrics}`)] : [];
      servers.push(await startServer(`METRICS=${metrics}`, { DATABASE_URL: fresh.url!, METRICS: metrics }, profile));
    }
    const signingKey = signingKeyFromSecret(AUTH_SECRET);
    const users = await Promise.all(Array.from({ length: options.concurrency }, async (_, i) => ({
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${await mintToken(signingKey, { organizationId: SCALE_ORG_ID, workspaceId: null, role: 'admin', actorId: scaleId('USR', i), actorType: 'user' }, { expiresIn: '1h' })}`,
    })));
    const body = JSON.stringify({ query: DASHBOARD, operationName: 'Dashboard', variables: VARIABLES });

    // An untimed pass on each first: the database's caches and the first plans are nobody's cost.
    for (const server of servers) {
      await runLoad({ url: `${server.url}/graphql`, headers: users, body, concurrency: options.concurrency, warmupSeconds: 1, seconds: options.warmupSeconds }, () => {});
    }
    const rounds = new Map<string, Round[]>(servers.map((s) => [s.label, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const server of r % 2 === 0 ? servers : [...servers].reverse()) {
        let serverStart = 0;
        let clientStart = process.cpuUsage();
        const load = await runLoad(
          { url: `${server.url}/graphql`, headers: users, body, concurrency: options.concurrency, warmupSeconds: options.warmupSeconds, seconds: options.seconds },
          () => {
            serverStart = cpuMs(server.child.pid!);
            clientStart = process.cpuUsage();
          },
        );
        const client = process.cpuUsage(clientStart);
        rounds.get(server.label)!.push({ load, serverCpuMs: cpuMs(server.child.pid!) - serverStart, clientCpuMs: (client.user + client.system) / 1000 });
      }
    }
    const totals = servers.map((s) => summarize(rounds.get(s.label)!));
    const [on, off] = totals;
    const row = (label: string, pick: (t: ReturnType<typeof summarize>) => number, digits: number) => [label, fmt(pick(on), digits), fmt(pick(off), digits), ratio(pick(on), pick(off))];

    const scrape = await scrapeCost(servers[0]);
    printTable(
      [
        `dashboard on --scale ${fmt(options.scale)} data, Prometheus metrics on vs off: two npm start processes over one PostgreSQL database`,
        `load: ${options.concurrency} concurrent keep-alive clients (one admin token each), closed loop, ${options.warmupSeconds} s warm-up then ${options.seconds} s, ` +
          `${ROUNDS} rounds per side alternating; server CPU from /proc/<pid>/stat (user+system), client CPU of the load's worker thread`,
      ].join('\n'),
      ['per request', 'METRICS=on', 'METRICS=off', 'on / off'],
      [
        row('requests/s', (t) => t.requestsPerSecond, 1),
        row('p50 latency (ms, median of rounds)', (t) => t.p50Ms, 1),
        row('p99 latency (ms, median of rounds)', (t) => t.p99Ms, 1),
        row('server CPU (ms) per request', (t) => t.serverCpuMsPerRequest, 3),
        row('client CPU (ms) per request', (t) => t.clientCpuMsPerRequest, 3),
      ],
    );
    console.log(`timed requests: ${totals.map((t, i) => `${servers[i].label} ${fmt(t.requests)}`).join('; ')}; every answer checked (HTTP 200, data, no errors)`);
    console.log(`one scrape of /metrics after the load (METRICS=on): ${fmt(scrape.bytes)} bytes, ${fmt(scrape.series)} series, ${fmt(scrape.serverCpuMs, 1)} ms server CPU, ${fmt(scrape.ms, 1)} ms`);
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((resolve) => (s.child.exitCode !== null ? resolve(null) : s.child.once('exit', resolve)))));
    await fresh?.drop().catch((error) => console.error('dropping the benchmark database failed:', error));
  }
}

function summarize(rounds: Round[]) {
  const requests = rounds.reduce((n, r) => n + r.load.requests, 0);
  const seconds = rounds.reduce((n, r) => n + r.load.seconds, 0);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    requests,
    requestsPerSecond: requests / seconds,
    p50Ms: median(rounds.map((r) => r.load.p50Ms)),
    p99Ms: median(rounds.map((r) => r.load.p99Ms)),
    serverCpuMsPerRequest: rounds.reduce((n, r) => n + r.serverCpuMs, 0) / requests,
    clientCpuMsPerRequest: rounds.reduce((n, r) => n + r.clientCpuMs, 0) / requests,
  };
}

/** user + system CPU of a process, in ms, from /proc/<pid>/stat (fields 14 and 15). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

async function scrapeCost(server: Server) {
  const before = cpuMs(server.child.pid!);
  const started = performance.now();
  const res = await fetch(`${server.url}/metrics`);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${text.slice(0, 200)}`);
  return { bytes: Buffer.byteLength(text), series: text.split('\n').filter((l) => l && !l.startsWith('#')).length, ms: performance.now() - started, serverCpuMs: cpuMs(server.child.pid!) - before };
}

async function startServer(label: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Server> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, AUTH_SECRET, PORT: '0', HEALTH_EVALUATION_SECONDS: 'off', EVENT_RETENTION_DAYS: 'off', RATE_LIMIT_POINTS: '1000000000', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output);
      if (match) (clearInterval(poll), resolve(match[1]));
      else if (child.exitCode !== null) (clearInterval(poll), reject(new Error(`${label} exited: ${output}`)));
    }, 100);
  });
  return { label, child, url };
}
