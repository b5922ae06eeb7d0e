import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase, migrateDatabase, type Database } from '../platform/db.ts';
import { appendEvents } from '../platform/event-log.ts';
import { seedBenchWebhooks } from '../seed/webhook-bench.ts';
import { argument, freshPostgres, positive } from './seed-scale.ts';
import { printTable, fmt, ratio } from './table.ts';

/**
 * Webhook delivery: E endpoints on loopback receivers, a writer committing R events a second for S
 * seconds, each event for one endpoint (round robin, so each endpoint gets R/E a second), and the
 * delivery worker as it runs in production (defaults: 10 s timeout, 32 attempts in flight).
 *
 *   npm run bench -- webhooks [--endpoints 100] [--rate 200] [--seconds 30] [--bad 10] [--database-url postgres://...]
 *
 * Two runs side by side: every endpoint healthy (the baseline), then with `--bad` of them failing
 * (half answer 500, half never answer and time out). Reported for the endpoints healthy in both
 * runs: commit-to-delivery latency (the writer's clock right after COMMIT to the receiver's on
 * arrival of the first 2xx), and deliveries per second. The receivers run in a child process, so
 * their work is not the worker's. PGlite in memory by default; a throwaway PostgreSQL database with
 * --database-url (or DATABASE_URL).
 *
 * CPU: the benchmark process's (the writer, the delivery worker and, on PGlite, the database itself)
 * per delivery made (every attempt, failed ones included), and the receivers' (the client side), from
 * the first commit until every delivery is in.
 */
const RECEIVERS_FLAG = '--webhook-receivers';
const ORG = 'ORG-26-900001';

interface Arrival {
  endpoint: number;
  eventId: string;
  at: number;
  status: number;
}

/** The child: one HTTP server per endpoint; `bad` ones answer 500 (even) or hang (odd). */
async function serveReceivers(count: number, bad: number) {
  const arrivals: Arrival[] = [];
  const ports: number[] = [];
  for (let i = 0; i < count; i++) {
    const failing = i < bad;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const at = performance.timeOrigin + performance.now();
        const eventId = String(req.headers['webhook-id']);
        if (failing && i % 2 === 1) return; // never answers: the sender times out
        const status = failing ? 500 : 200;
        arrivals.push({ endpoint: i, eventId, at, status });
        res.writeHead(status).end();
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ports.push((server.address() as AddressInfo).port);
  }
  process.send!({ ports });
  let cpuFrom = process.cpuUsage();
  process.on('message', (message: { start?: boolean; report?: boolean }) => {
    if (message.start) cpuFrom = process.cpuUsage();
    const cpu = process.cpuUsage(cpuFrom);
    if (message.report) process.send!({ arrivals, cpuMs: (cpu.user + cpu.system) / 1000 }, () => process.exit(0));
  });
}

async function openBenchDatabase(databaseUrl: string | undefined): Promise<{ database: Database; drop(): Promise<void> }> {
  if (databaseUrl) return freshPostgres(databaseUrl);
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  return { database, drop: () => database.close() };
}

interface RunResult {
  committed: number;
  seconds: number;
  latencies: number[];
  deliveriesPerSecond: number;
  failedAttempts: number;
  /** Attempts the worker made (deliveries, failed ones included). */
  attempts: number;
  /** CPU of this process (writer, worker, PGlite) and of the receivers, over the run. */
  serverCpuMs: number;
  clientCpuMs: number;
}

async function run(options: { endpoints: number; rate: number; seconds: number; bad: number; measureFrom: number; databaseUrl?: string }): Promise<RunResult> {
  const { database, drop } = await openBenchDatabase(options.databaseUrl);
  const child = fork(fileURLToPath(import.meta.url), [RECEIVERS_FLAG, String(options.endpoints), String(options.bad)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const { ports } = await new Promise<{ ports: number[] }>((resolve) => child.once('message', (m) => resolve(m as { ports: number[] })));
  const worker = await seedBenchWebhooks(database, ORG, ports);
  const commits = new Map<string, { at: number; endpoint: number }>();
  child.send({ start: true });
  const cpuFrom = process.cpuUsage();
  const start = performance.now();
  const interval = 1000 / options.rate;
  const total = options.rate * options.seconds;
  for (let n = 0; n < total; n++) {
    const due = start + n * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const endpoint = n % options.endpoints;
    const [event] = await database.db.transaction((tx) => appendEvents(tx, [{
      type: `bench.e${endpoint}.happened`, organizationId: ORG, workspaceId: null, actor: { type: 'system', id: null }, subject: { type: 'probe', id: `PRB-26-${String(n + 1).padStart(6, '0')}` }, payload: { n },
    }]));
    commits.set(event.id, { at: performance.timeOrigin + performance.now(), endpoint });
  }
  const seconds = (performance.now() - start) / 1000;
  // Drain: until every healthy endpoint's deliveries are recorded, or 60 s after the last commit.
  const healthy = [...commits.values()].filter((c) => c.endpoint >= options.bad).length;
  const measured = (endpoint: number) => endpoint >= options.measureFrom;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && worker.stats.verdicts.succeeded < healthy) await new Promise((resolve) => setTimeout(resolve, 100));
  const cpu = process.cpuUsage(cpuFrom);
  child.send({ report: true });
  const { arrivals, cpuMs: clientCpuMs } = await new Promise<{ arrivals: Arrival[]; cpuMs: number }>((resolve) => child.once('message', (m) => resolve(m as { arrivals: Arrival[]; cpuMs: number })));
  const failedAttempts = worker.stats.verdicts.retry + worker.stats.verdicts.failed;
  const attempts = worker.stats.attempts;
  await worker.stop();
  await drop();

  const first = new Map<string, number>();
  for (const a of arrivals) if (a.status === 200 && measured(a.endpoint) && !first.has(a.eventId)) first.set(a.eventId, a.at);
  const latencies = [...first].map(([id, at]) => at - commits.get(id)!.at).sort((a, b) => a - b);
  const span = (Math.max(...first.values()) - Math.min(...[...commits.values()].map((c) => c.at))) / 1000;
  return { committed: commits.size, seconds, latencies, deliveriesPerSecond: first.size / span, failedAttempts, attempts, serverCpuMs: (cpu.user + cpu.system) / 1000, clientCpuMs };
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

export async function runWebhooksBench(args: string[]) {
  const endpointsCount = positive(args, '--endpoints', 100);
  const rate = positive(args, '--rate', 200);
  const seconds = positive(args, '--seconds', 30);
  const bad = Number(argument(args, '--bad') ?? 10);
  const databaseUrl = argument(args, '--database-url') ?? process.env.DATABASE_URL;
  if (!Number.isInteger(bad) || bad < 0 || bad >= endpointsCount) throw new Error('--bad must be a whole number below --endpoints');
  const engine = databaseUrl ? 'postgres' : 'pglite';
  // The baseline has the same endpoints healthy as the run with failures: only those are compared.
  const baselineHealthy = await run({ endpoints: endpointsCount, rate, seconds, bad: 0, measureFrom: bad, databaseUrl });
  const failing = await run({ endpoints: endpointsCount, rate, seconds, bad, measureFrom: bad, databaseUrl });
  const row = (label: string, r: RunResult, base: RunResult) => [
    label, fmt(r.committed), fmt(r.committed / r.seconds, 1), fmt(r.latencies.length), fmt(r.deliveriesPerSecond, 1),
    fmt(pct(r.latencies, 50), 1), fmt(pct(r.latencies, 99), 1), fmt(r.latencies.at(-1) ?? NaN, 1), ratio(pct(r.latencies, 99), pct(base.latencies, 99)), fmt(r.failedAttempts),
    fmt(r.serverCpuMs / r.attempts, 2), ratio(r.serverCpuMs / r.attempts, base.serverCpuMs / base.attempts), fmt(r.clientCpuMs / r.attempts, 2),
  ];
  printTable(
    `webhooks on ${engine}: ${endpointsCount} loopback endpoints, ${rate} events/s for ${seconds} s, one endpoint per event; latency = COMMIT to the receiver's first 2xx (ms), over the healthy endpoints`,
    ['run', 'events', 'events/s', 'delivered', 'deliveries/s', 'p50 ms', 'p99 ms', 'max ms', 'p99 vs all healthy', 'failed attempts',
      'server CPU ms/attempt', 'vs all healthy', 'receivers CPU ms/attempt'],
    [row('all healthy (baseline)', baselineHealthy, baselineHealthy), row(`${bad} failing (${Math.ceil(bad / 2)} answer 500, ${Math.floor(bad / 2)} time out)`, failing, baselineHealthy)],
  );
}

if (process.argv[2] === RECEIVERS_FLAG) await serveReceivers(Number(process.argv[3]), Number(process.argv[4]));
