import fs from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { loadConfig } from '../platform/config.ts';
import { openDatabase, migrateDatabase, type Database } from '../platform/db.ts';
import { mintToken, signingKeyFromSecret, type Principal } from '../platform/auth/tokens.ts';
import { appendEvents, type EventInput } from '../platform/event-log.ts';
import { startSystem, type RunningSystem } from '../scripts/system.ts';
import { loadLimitsConfig } from '../gateway/limits/config.ts';
import { seedDemo, DEMO } from '../seed/demo.ts';
import { argument, freshPostgres } from './seed-scale.ts';
import { printTable, fmt, ratio } from './table.ts';
import { typeMatches } from '../subgraphs/events/public.ts';

/**
 * Live activity fan-out: N concurrent graphql-ws subscribers on the gateway's /graphql while a writer
 * appends events at a steady rate, for 1,000, 5,000 and 10,000 subscribers (the first is the baseline).
 *
 *   npm run bench -- fanout [--subscribers 1000,5000,10000] [--seconds 10] [--rate 10] [--drain 45] [--database-url postgres://...]
 *
 * Delivery is waited for until a second passes without one, or --drain seconds (default 45) after the
 * last write; deliveries still missing then count as later than every one that arrived.
 *
 * PGlite (in memory) by default; PostgreSQL (a throwaway database on that server) when DATABASE_URL
 * or --database-url is given. The system (six subgraphs + gateway) runs in this process; the
 * subscribers' sockets live in a child process, so the RSS, heap and CPU reported are the server's
 * alone. The writer appends one event per transaction with appendEvents (the same function every
 * command commits its events with) and records the time right after each commit: in a process of
 * its own on PostgreSQL, in this process on PGlite (in memory, so nothing else can reach it). Each
 * client records when it receives each event; latency is over every delivery. The open-file limit
 * must cover the sockets (checked at start; Node cannot raise it: `ulimit -n` before running).
 */

const AUTH_SECRET = 'bench-secret-for-the-fanout-0123456789abcdef';
const CLIENT_FLAG = '--fanout-clients';
const WRITER_FLAG = '--fanout-writer';
/** Distinct principals the subscribers are spread over (the demo org's users, topped up to this many). */
const PRINCIPALS = 100;
/** Every n-th subscriber also selects the event's subject (an entity fetch to the tasks subgraph per task event). */
const SUBJECT_EVERY = 20;
const WORKSPACE = DEMO.workspaceId;

const BARE = `subscription Fanout($types: [String!], $workspaceId: ID) { activity(types: $types, workspaceId: $workspaceId) { cursor node { id type } } }`;
const WITH_SUBJECT = `subscription FanoutSubject($types: [String!], $workspaceId: ID) { activity(types: $types, workspaceId: $workspaceId) { cursor node { id type subject { __typename ... on Task { title } } } } }`;

/** What subscriber `i` asks for: one of three filters, and every SUBJECT_EVERY-th the subject too. */
interface Variant {
  name: string;
  query: string;
  variables: { types?: string[]; workspaceId?: string };
}

function variantOf(i: number): Variant {
  if (i % SUBJECT_EVERY === 0) return { name: "types ['task.'] + subject", query: WITH_SUBJECT, variables: { types: ['task.'] } };
  switch (i % 3) {
    case 0:
      return { name: 'all', query: BARE, variables: {} };
    case 1:
      return { name: "types ['task.']", query: BARE, variables: { types: ['task.'] } };
    default:
      return { name: `workspace ${WORKSPACE}`, query: BARE, variables: { workspaceId: WORKSPACE } };
  }
}

/** The event the writer appends as number `n`: alternately a task event in WORKSPACE and an organization-wide one. */
function eventAt(n: number, actorId: string): EventInput {
  if (n % 2 === 0) {
    return { type: 'task.status_changed', organizationId: DEMO.organizationId, workspaceId: WORKSPACE, actor: { type: 'user', id: actorId }, subject: { type: 'task', id: DEMO.taskId }, payload: { from: 'in_progress', to: 'in_review', n } };
  }
  return { type: 'capacity.utilisation_warning', organizationId: DEMO.organizationId, workspaceId: null, actor: { type: 'system', id: null }, subject: { type: 'service_line', id: DEMO.serviceLineId }, payload: { utilisation: 0.92, n } };
}

function matches(variant: Variant, event: { type: string; workspaceId: string | null }): boolean {
  const { types, workspaceId } = variant.variables;
  if (workspaceId && event.workspaceId !== workspaceId) return false;
  return typeMatches(types, event.type);
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across the two processes. */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The client process: N graphql-ws connections, one subscription each.

type ToClients =
  | { kind: 'connect'; url: string; tokens: string[]; subscribers: number }
  | { kind: 'measure' }
  | { kind: 'written'; events: Array<{ id: string; type: string; workspaceId: string | null; committedAt: number }> }
  | { kind: 'status' }
  | { kind: 'report' }
  | { kind: 'close' };

type FromClients =
  | { kind: 'status'; connected: number; live: number; failed: number; received: number; ended: number; slowConsumer: number; errors: string[] }
  | { kind: 'report'; failed: number; deliveries: number; expected: number; unknown: number; firstCommit: number; lastReceive: number; p50: number; p99: number; max: number; subjectP50: number; subjectP99: number; cpuMs: number; rssMb: number; slowConsumer: number; ended: number; errors: string[] }
  | { kind: 'closed' };

async function runClients(): Promise<void> {
  const send = (message: FromClients) => process.send!(message);
  const clients: Array<ReturnType<typeof createClient>> = [];
  let variants: Variant[] = [];
  let live = new Uint8Array(0);
  let failed = 0;
  let connected = 0;
  let ended = 0;
  let slowConsumer = 0;
  const errors: string[] = [];
  let measuring = false;
  // Receipts while measuring: subscriber index, event id, receive time.
  const receiptSubscriber: number[] = [];
  const receiptEvent: string[] = [];
  const receiptTime: number[] = [];
  const written = new Map<string, { type: string; workspaceId: string | null; committedAt: number }>();
  let cpuStart = process.cpuUsage();

  process.on('message', async (message: ToClients) => {
    switch (message.kind) {
      case 'connect': {
        variants = Array.from({ length: message.subscribers }, (_, i) => variantOf(i));
        const HANDSHAKES = 100;
        let handshakes = 0;
        const waiters: Array<() => void> = [];
        live = new Uint8Array(message.subscribers);
        for (let i = 0; i < message.subscribers; i++) {
          const client = createClient({
            url: message.url,
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${message.tokens[i % message.tokens.length]}` },
            retryAttempts: 0,
            lazy: true,
            // Keeps 10,000 idle sockets from pinging each other during the run.
            keepAlive: 0,
            on: { connected: () => (connected++, settle()), closed: () => settle() },
          });
          let settled = false;
          const settle = () => {
            if (settled) return;
            settled = true;
            handshakes--;
            waiters.splice(0).forEach((w) => w());
          };
          handshakes++;
          clients.push(client);
          const variant = variants[i];
          client.subscribe<{ activity: { node: { id: string } } }>({ query: variant.query, variables: variant.variables }, {
            next(result) {
              const t = now();
              if (result.errors) {
                const code = (result.errors[0] as { extensions?: { code?: string } }).extensions?.code;
                if (code === 'SLOW_CONSUMER') slowConsumer++;
                if (errors.length < 5) errors.push(JSON.stringify(result.errors[0]).slice(0, 300));
                return;
              }
              live[i] = 1;
              if (measuring) {
                receiptSubscriber.push(i);
                receiptEvent.push(result.data!.activity.node.id);
                receiptTime.push(t);
              }
            },
            error(error) {
              failed++;
              const closed = error as { code?: number; reason?: string; message?: string };
              if (errors.length < 5) errors.push(closed.code !== undefined ? `closed ${closed.code} ${closed.reason ?? ''}`.trim() : String(closed.message ?? error).slice(0, 300));
            },
            complete() {
              ended++;
            },
          });
          // At most HANDSHAKES connections opening at a time: a busy gateway's accept queue overflows otherwise.
          while (handshakes >= HANDSHAKES) await new Promise<void>((resolve) => waiters.push(resolve));
        }
        break;
      }
      case 'measure':
        measuring = true;
        cpuStart = process.cpuUsage();
        break;
      case 'written':
        for (const e of message.events) written.set(e.id, e);
        break;
      case 'status': {
        let count = 0;
        for (const l of live) count += l;
        send({ kind: 'status', connected, live: count, failed, received: receiptTime.length, ended, slowConsumer, errors });
        break;
      }
      case 'report': {
        const cpu = process.cpuUsage(cpuStart);
        const latencies = new Float64Array(receiptTime.length);
        const subjectLatencies: number[] = [];
        let n = 0;
        let unknown = 0;
        let lastReceive = 0;
        for (let k = 0; k < receiptTime.length; k++) {
          const event = written.get(receiptEvent[k]);
          if (!event) {
            unknown++; // a readiness probe delivered late
            continue;
          }
          latencies[n++] = receiptTime[k] - event.committedAt;
          if (receiptSubscriber[k] % SUBJECT_EVERY === 0) subjectLatencies.push(receiptTime[k] - event.committedAt);
          lastReceive = Math.max(lastReceive, receiptTime[k]);
        }
        const sorted = latencies.subarray(0, n).sort();
        subjectLatencies.sort((a, b) => a - b);
        let expected = 0;
        let subjectExpected = 0;
        let firstCommit = Infinity;
        for (const event of written.values()) {
          firstCommit = Math.min(firstCommit, event.committedAt);
          for (let i = 0; i < variants.length; i++) {
            if (!matches(variants[i], event)) continue;
            expected++;
            if (i % SUBJECT_EVERY === 0) subjectExpected++;
          }
        }
        // Percentiles over every delivery that should have happened: one that never arrived counts
        // as later than all that did (NaN: the percentile falls among the missing ones).
        const at = (q: number, values: ArrayLike<number>, of: number) => {
          const k = Math.floor(q * of);
          return k < values.length ? values[k] : NaN;
        };
        send({ kind: 'report', failed, deliveries: n, expected, unknown, firstCommit, lastReceive, p50: at(0.5, sorted, expected), p99: at(0.99, sorted, expected), max: n ? sorted[n - 1] : NaN, subjectP50: at(0.5, subjectLatencies, subjectExpected), subjectP99: at(0.99, subjectLatencies, subjectExpected), cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 1024 / 1024, slowConsumer, ended, errors });
        break;
      }
      case 'close':
        await Promise.all(clients.map((c) => c.dispose()));
        send({ kind: 'closed' });
        process.exit(0);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The writer: one event per transaction at a steady rate, the commit time of each sent on in batches.

type Written = Array<{ id: string; type: string; workspaceId: string | null; committedAt: number }>;
interface WritePlan {
  total: number;
  rate: number;
  actorIds: string[];
}

/** Appends `plan.total` events at `plan.rate`/s; returns the seconds it took (more than planned if commits fall behind). */
async function writeEvents(database: Database, plan: WritePlan, committed: (events: Written) => void): Promise<number> {
  const started = performance.now();
  const batch: Written = [];
  for (let n = 0; n < plan.total; n++) {
    const wait = started + (n * 1000) / plan.rate - performance.now();
    if (wait > 0) await sleep(wait);
    const [row] = await database.db.transaction((tx) => appendEvents(tx, [eventAt(n, plan.actorIds[n % plan.actorIds.length])]));
    batch.push({ id: row.id, type: row.type, workspaceId: row.workspaceId, committedAt: now() });
    if (batch.length >= 10) committed(batch.splice(0));
  }
  committed(batch.splice(0));
  return (performance.now() - started) / 1000;
}

/**
 * On PostgreSQL the writer is a process of its own with its own connection, as the platform's
 * writers are: the server's busy event loop cannot slow the write rate down. Started before the
 * subscribers connect, so its start-up is not part of the measured window.
 */
function writerProcess(databaseUrl: string) {
  const child = fork(fileURLToPath(import.meta.url), [WRITER_FLAG], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_OPTIONS: '' } });
  type Message = { kind: 'written'; events: Written } | { kind: 'done'; seconds: number } | { kind: 'ready' };
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the writer process exited with code ${code}`)));
  });
  return {
    async write(plan: WritePlan, committed: (events: Written) => void): Promise<number> {
      await ready;
      return new Promise((resolve, reject) => {
        child.on('message', (message: Message) => {
          if (message.kind === 'written') committed(message.events);
          else if (message.kind === 'done') resolve(message.seconds);
        });
        child.once('exit', (code) => reject(new Error(`the writer process exited with code ${code}`)));
        child.send({ databaseUrl, plan });
      });
    },
    close() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

async function runWriter(): Promise<void> {
  process.once('message', async ({ databaseUrl, plan }: { databaseUrl: string; plan: WritePlan }) => {
    const database = await openDatabase({ databaseUrl, max: 2 });
    try {
      const seconds = await writeEvents(database, plan, (events) => process.send!({ kind: 'written', events }));
      process.send!({ kind: 'done', seconds });
    } finally {
      await database.close();
      process.disconnect();
    }
  });
  process.send!({ kind: 'ready' });
}

// ---------------------------------------------------------------------------------------------
// The server process: database, system, writer, counters.

interface Round {
  subscribers: number;
  connectSeconds: number;
  drainSeconds: number;
  written: number;
  writeRate: number;
  report: Extract<FromClients, { kind: 'report' }>;
  deliveredPerSecond: number;
  statementsPerEvent: number;
  writerStatementsPerEvent: number;
  readerReadsPerEvent: number;
  catchUpReads: number;
  fetchesPerEvent: number;
  serverCpuPercent: number;
  clientCpuPercent: number;
  idleRssMb: number;
  peakRssMb: number;
  heapMb: number;
  openFds: number;
}

/** A child running runClients(), with request/answer over IPC. */
class Clients {
  private readonly child: ChildProcess;
  private readonly waiting: Array<(message: FromClients) => void> = [];

  constructor() {
    this.child = fork(fileURLToPath(import.meta.url), [CLIENT_FLAG], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    this.child.on('message', (message: FromClients) => this.waiting.shift()?.(message));
  }

  send(message: ToClients) {
    this.child.send(message);
  }

  ask<K extends FromClients['kind']>(message: ToClients): Promise<Extract<FromClients, { kind: K }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`the client process exited with code ${code}`));
      this.child.once('exit', onExit);
      this.waiting.push((answer) => {
        this.child.off('exit', onExit);
        resolve(answer as Extract<FromClients, { kind: K }>);
      });
      this.child.send(message);
    });
  }

  async close() {
    if (this.child.exitCode !== null) return;
    await Promise.race([this.ask<'closed'>({ kind: 'close' }), sleep(15_000)]).catch(() => undefined);
    if (this.child.exitCode === null) this.child.kill();
  }
}

function softFileLimit(pid: number | 'self' = 'self'): number {
  const limits = fs.readFileSync(`/proc/${pid}/limits`, 'utf8');
  const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === 'unlimited' ? Infinity : Number(soft);
}

const openFds = () => fs.readdirSync('/proc/self/fd').length;

/** The reader's own statements, told apart from everything else by their SQL (events/stream/). */
function countStreamReads(database: Database) {
  const counts = { reader: 0, catchUp: 0 };
  const counter = database.statements;
  const original = counter.logQuery.bind(counter);
  counter.logQuery = (query: string) => {
    if (/from "events"\."events" where "events"\."events"\."seq" > \$1 order by "events"\."events"\."seq" asc limit/.test(query)) counts.reader++;
    else if (/from "events"\."events" where .*"events"\."events"\."seq" <= \$\d+\) order by/.test(query)) counts.catchUp++;
    original(query);
  };
  return counts;
}

interface BenchDatabase {
  database: Database;
  engine: string;
  /** Where a writer process connects (PostgreSQL); undefined when the writer runs in this process (PGlite, in memory). */
  writerUrl: string | undefined;
  /** The stream reader's statements so far. */
  streamReads: { reader: number; catchUp: number };
  drop(): Promise<void>;
}

async function openBenchDatabase(databaseUrl: string | undefined): Promise<BenchDatabase> {
  if (databaseUrl) {
    const fresh = await freshPostgres(databaseUrl);
    await seedDemo(fresh.database);
    const [{ name }] = await fresh.database.rows<{ name: string }>(sql`select current_database() as name`);
    const writerUrl = new URL(databaseUrl);
    writerUrl.pathname = `/${name}`;
    return { database: fresh.database, engine: 'PostgreSQL', writerUrl: writerUrl.toString(), streamReads: countStreamReads(fresh.database), drop: () => fresh.drop() };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  await seedDemo(database);
  return { database, engine: 'PGlite', writerUrl: undefined, streamReads: countStreamReads(database), drop: () => database.close() };
}

/** PRINCIPALS distinct users of the demo organization: its active users, plus members added to reach the number. */
async function principals(database: Database): Promise<Principal[]> {
  const existing = await database.rows<{ id: string; role: Principal['role'] }>(
    sql`select id, role from organizations.users where organization_id = ${DEMO.organizationId} and status = 'active' order by id`,
  );
  const missing = PRINCIPALS - existing.length;
  if (missing > 0) {
    await database.rows(sql`insert into organizations.users (organization_id, email, name, role)
      select ${DEMO.organizationId}, 'fanout-' || g || '@bench.example', 'Fan-out reader ' || g, 'member'
      from generate_series(1, ${missing}) g`);
  }
  const users = await database.rows<{ id: string; role: Principal['role'] }>(
    sql`select id, role from organizations.users where organization_id = ${DEMO.organizationId} and status = 'active' order by id limit ${PRINCIPALS}`,
  );
  return users.map((u) => ({ organizationId: DEMO.organizationId, workspaceId: null, role: u.role, actorId: u.id, actorType: 'user' }));
}

async function runRound(bench: BenchDatabase, subscribers: number, options: { seconds: number; rate: number; drain: number }): Promise<Round> {
  const database = bench.database;
  const config = { ...loadConfig({ AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 };
  // Each connection spends one request of its principal's budget: 10,000 sockets over 100 users must not hit it.
  const system: RunningSystem = await startSystem(config, database, { ...loadLimitsConfig(), rateLimitPoints: 1_000_000_000 }, { exportWorker: false });
  const clients = new Clients();
  const writer = bench.writerUrl ? writerProcess(bench.writerUrl) : undefined;
  const streamReads = bench.streamReads;
  try {
    const key = signingKeyFromSecret(config.authSecret);
    const users = await principals(database);
    const tokens = await Promise.all(users.map((p) => mintToken(key, p, { expiresIn: '1h' })));
    global.gc?.();
    const idleRssMb = process.memoryUsage().rss / 1024 / 1024;

    // Connect, then write probes until every subscriber has received one: all are registered with the stream.
    const connectStarted = performance.now();
    clients.send({ kind: 'connect', url: `${system.url.replace('http', 'ws')}/graphql`, tokens, subscribers });
    let status = await clients.ask<'status'>({ kind: 'status' });
    while (status.connected + status.failed < subscribers) {
      if (performance.now() - connectStarted > 180_000) throw new Error(`only ${status.connected} of ${subscribers} connections were acknowledged in 3 minutes: ${status.errors.join('; ')}`);
      await sleep(500);
      status = await clients.ask<'status'>({ kind: 'status' });
    }
    const handshakeSeconds = (performance.now() - connectStarted) / 1000;
    for (let probe = 0; status.live + status.failed + status.ended < subscribers; probe++) {
      if (performance.now() - connectStarted > 180_000) throw new Error(`only ${status.live} of ${subscribers} subscribers became live in 3 minutes: ${status.errors.join('; ')}`);
      await database.db.transaction((tx) => appendEvents(tx, [eventAt(0, users[0].actorId)]));
      await sleep(1000);
      status = await clients.ask<'status'>({ kind: 'status' });
    }
    if (status.failed || status.ended) throw new Error(`${status.failed} subscriptions failed and ${status.ended} ended while connecting: ${status.errors.join('; ')}`);
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    console.log(`${fmt(subscribers)} subscribers: ${fmt(handshakeSeconds, 1)} s to open every connection, ${fmt(connectSeconds, 1)} s until every subscription had received a probe event`);
    await sleep(1000); // late probe deliveries

    // The measured window: a steady write rate, then draining until every matching delivery arrived.
    clients.send({ kind: 'measure' });
    const before = { statements: database.statements.count, fetches: system.stats.subgraphFetches, reader: streamReads.reader, catchUp: streamReads.catchUp, cpu: process.cpuUsage() };
    let peakRss = process.memoryUsage().rss;
    let heapMb = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
    const total = Math.round(options.seconds * options.rate);
    const writeStarted = performance.now();
    const actorIds = users.map((u) => u.actorId);
    const writeSeconds = writer
      ? await writer.write({ total, rate: options.rate, actorIds }, (events) => clients.send({ kind: 'written', events }))
      : await writeEvents(database, { total, rate: options.rate, actorIds }, (events) => clients.send({ kind: 'written', events }));
    heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    // Drain: until a second passes without a new delivery, or --drain seconds after the last write.
    let received = -1;
    const drainStarted = performance.now();
    for (;;) {
      await sleep(1000);
      status = await clients.ask<'status'>({ kind: 'status' });
      if (status.received === received || performance.now() - drainStarted > options.drain * 1000) break;
      received = status.received;
    }
    clearInterval(sampler);
    const cpu = process.cpuUsage(before.cpu);
    const after = { statements: database.statements.count, fetches: system.stats.subgraphFetches, reader: streamReads.reader, catchUp: streamReads.catchUp };
    const report = await clients.ask<'report'>({ kind: 'report' });
    // NaN (a percentile among the missing deliveries) crosses IPC as null.
    for (const key of ['p50', 'p99', 'max', 'subjectP50', 'subjectP99'] as const) report[key] ??= NaN;
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const fds = openFds();
    const windowSeconds = (report.lastReceive - report.firstCommit) / 1000;
    const cpuSeconds = (performance.now() - writeStarted) / 1000;
    return {
      subscribers,
      connectSeconds,
      drainSeconds,
      written: total,
      writeRate: total / writeSeconds,
      report,
      deliveredPerSecond: report.deliveries / windowSeconds,
      statementsPerEvent: (after.statements - before.statements) / total,
      writerStatementsPerEvent: (after.statements - before.statements - (after.reader - before.reader) - (after.catchUp - before.catchUp)) / total,
      readerReadsPerEvent: (after.reader - before.reader) / total,
      catchUpReads: after.catchUp - before.catchUp,
      fetchesPerEvent: (after.fetches - before.fetches) / total,
      serverCpuPercent: ((cpu.user + cpu.system) / 1000 / 1000 / cpuSeconds) * 100,
      clientCpuPercent: (report.cpuMs / 1000 / cpuSeconds) * 100,
      idleRssMb,
      peakRssMb: peakRss / 1024 / 1024,
      heapMb,
      openFds: fds,
    };
  } finally {
    writer?.close();
    await clients.close();
    await system.close();
  }
}

export async function runFanoutBench(args: string[]): Promise<void> {
  const list = (argument(args, '--subscribers') ?? '1000,5000,10000').split(',').map(Number);
  const seconds = Number(argument(args, '--seconds') ?? 10);
  const rate = Number(argument(args, '--rate') ?? 10);
  const drain = Number(argument(args, '--drain') ?? 45);
  if (!list.length || list.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error(`--subscribers must be positive integers separated by commas, got ${argument(args, '--subscribers')}`);
  if (!(seconds > 0) || !(rate > 0) || !(drain > 0)) throw new Error('--seconds, --rate and --drain must be positive numbers');
  const limit = softFileLimit();
  // This process holds each client's socket once, and each upstream socket to the events subgraph at both ends.
  const needed = Math.max(...list) + 2_000;
  if (limit < needed) {
    throw new Error(`the open-file limit is ${limit}, ${fmt(Math.max(...list))} subscribers need about ${fmt(needed)} in this process and as many in the client process: raise it with \`ulimit -n ${needed * 2}\` first (hard limit: \`ulimit -Hn\`)`);
  }
  const databaseUrl = argument(args, '--database-url') ?? process.env.DATABASE_URL;
  const bench = await openBenchDatabase(databaseUrl);
  const rounds: Round[] = [];
  try {
    for (const subscribers of list) {
      const round = await runRound(bench, subscribers, { seconds, rate, drain });
      rounds.push(round);
      const r = round.report;
      console.log(`${fmt(subscribers)} subscribers: connected in ${fmt(round.connectSeconds, 1)} s, drained ${fmt(round.drainSeconds, 1)} s after the last write; ${fmt(round.written)} events at ${fmt(round.writeRate, 1)}/s; ${fmt(r.deliveries)} of ${fmt(r.expected)} deliveries; p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, max ${fmt(r.max, 0)} ms (NaN: among the missing; subject-selecting subscribers: p50 ${fmt(r.subjectP50, 1)} ms, p99 ${fmt(r.subjectP99, 1)} ms); subscriptions that failed ${r.failed}, ended ${r.ended}, cut off as slow consumers ${r.slowConsumer}; catch-up reads ${round.catchUpReads}; fds ${fmt(round.openFds)}; client RSS ${fmt(r.rssMb)} MB${r.errors.length ? `; errors: ${r.errors.join(' | ')}` : ''}`);
    }
  } finally {
    await bench.drop();
  }
  const base = rounds[0];
  // A percentile that falls among the deliveries still missing when the drain gave up.
  const ms = (value: number, r: Round) => (Number.isNaN(value) ? `> ${fmt(r.report.max)}` : fmt(value, 1));
  const vs = (value: number, baseline: number) => (Number.isNaN(value) || Number.isNaN(baseline) ? '-' : ratio(value, baseline));
  const rows = rounds.map((r) => [
    fmt(r.subscribers),
    fmt(r.writeRate, 1),
    `${fmt((100 * r.report.deliveries) / r.report.expected, 1)}%`,
    fmt(r.deliveredPerSecond),
    ratio(r.deliveredPerSecond, base.deliveredPerSecond),
    ms(r.report.p50, r),
    vs(r.report.p50, base.report.p50),
    ms(r.report.p99, r),
    vs(r.report.p99, base.report.p99),
    fmt(r.peakRssMb),
    ratio(r.peakRssMb, base.peakRssMb),
    fmt(r.heapMb),
    ratio(r.heapMb, base.heapMb),
    fmt(r.serverCpuPercent),
    fmt(r.clientCpuPercent),
    fmt(r.statementsPerEvent, 2),
    fmt(r.readerReadsPerEvent, 2),
    fmt(r.writerStatementsPerEvent, 2),
    fmt(r.catchUpReads),
    fmt(r.fetchesPerEvent, 1),
    ratio(r.fetchesPerEvent, base.fetchesPerEvent),
  ]);
  printTable(
    [
      `live activity fan-out on ${bench.engine}: ${fmt(base.written)} events per round, ${fmt(rate)}/s for ${fmt(seconds)} s, each appended in its own transaction with appendEvents`,
      `by ${bench.writerUrl ? 'a writer process of its own (own connection; its statements are not in SQL/event)' : 'the server process (PGlite is in memory; a busy event loop slows the writes: see writes/s)'}`,
      `(alternately task.status_changed in ${WORKSPACE} and an organization-wide capacity.utilisation_warning). Subscribers: one graphql-ws connection each, in a child`,
      `process, over ${PRINCIPALS} users of the demo organization; a third each: all events, types ['task.'], workspace ${WORKSPACE}; every ${SUBJECT_EVERY}th selects subject { ... on Task { title } }.`,
      `Ratios against the first row (${fmt(base.subscribers)} subscribers). delivered/s = deliveries / (first commit .. last receipt); latency = receipt - commit, over every delivery;`,
      'RSS (peak, sampled every 250 ms) and heap (used, at the end of the writes) and CPU (% of one core, writes + drain) are of the server process: six subgraphs,',
      `the gateway${bench.writerUrl ? '' : ', PGlite and the writer'}. SQL/event = the server's database.statements delta / events written: the stream reader's reads (one per wake-up,`,
      `however many subscribers), and the rest (${bench.writerUrl ? '' : 'the writer\'s statements, '}the tasks subgraph's SQL for entity fetches); catch-up reads = lagging subscribers reading the log;`,
      'fetches/event = the gateway\'s subgraph fetches (system.stats.subgraphFetches) delta / events written: entity fetches for the subject-selecting subscribers.',
    ].join('\n'),
    ['subscribers', 'writes/s', 'delivered', 'delivered/s', 'vs base', 'p50 ms', 'vs base', 'p99 ms', 'vs base', 'RSS MB', 'vs base', 'heap MB', 'vs base', 'server CPU %', 'client CPU %', 'SQL/event', 'reader', 'rest', 'catch-up reads', 'fetches/event', 'vs base'],
    rows,
  );
}

if (process.argv.includes(CLIENT_FLAG)) {
  void runClients();
} else if (process.argv.includes(WRITER_FLAG)) {
  void runWriter();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runFanoutBench(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
