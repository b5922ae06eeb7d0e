import assert from 'node:assert/strict';
import dc from 'node:diagnostics_channel';
import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../platform/config.ts';
import { openDatabase, type Database } from '../platform/db.ts';
import { principalHeaderKey } from '../platform/auth/principal-header.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { startSystem, type RunningSystem } from '../scripts/system.ts';
import { startGateway, type RunningGateway } from '../gateway/start.ts';
import { streamOf } from '../subgraphs/events/public.ts';
import { loadLimitsConfig } from '../gateway/limits/config.ts';
import { bearerAuthenticator } from '../gateway/auth.ts';
import { seedScale, analyzeScaleTables, SCALE_ORG_ID } from '../seed/scale.ts';
import { REFERENCE_DATE, USERS, scaleId, userAt } from '../seed/scale-model.ts';
import { DASHBOARD } from '../test/testkit/screens.ts';
import { DEFAULT_ADMIN_URL, argument, freshPostgres, positive, type Fresh } from './seed-scale.ts';
import { startApolloGateway, type RunningApolloGateway } from './apollo-gateway.ts';
import { runLoad, type LoadResult } from './load.ts';
import { printTable, fmt, ratio } from './table.ts';
import { startProfile } from './fanout/profile.ts';
import { startProcesses, type RunningProcesses } from './processes.ts';
import { SequentialClient } from './sequential-client.ts';
import { benchDashboardMetrics } from './dashboard-metrics.ts';

/**
 * The dashboard screen query on scale-generated data, through our gateway (Hive Gateway runtime +
 * Rust planner) and through Apollo Gateway in front of the very same subgraph servers, both over
 * HTTP, and through our gateway as `npm start` runs it (the subgraphs executed in its process):
 * requests/s and latency under a closed-loop load, the server's and the client's CPU per request,
 * and the SQL statements and subgraph fetches each request costs.
 *
 *   npm run bench -- dashboard [--scale 200000] [--concurrency 8] [--seconds 10] [--warmup 2] [--processes N] [--profile DIR] [--database-url postgres://...]
 *
 * --processes N (default: one per core; 0 for none) adds `npm start` with GATEWAY_PROCESSES=N as a side.
 *
 * --profile DIR writes a CPU profile of this process over each gateway's timed phase of the last load
 * shape (DIR/dashboard-<side>.cpuprofile; `npx tsx bench/profile-summary.ts FILE` reads self time by package).
 *
 *   npm run bench -- dashboard --metrics [--profile DIR]: Prometheus metrics on vs off (two npm start processes, dashboard-metrics.ts)
 */

const AUTH_SECRET = 'bench-secret-for-the-dashboard-0123456789abcdef';
const WORKSPACE = scaleId('WS', 0);
/** Sequential requests the one-at-a-time rows average over (the Hive planner's batching varies with timing). */
const ALONE_REQUESTS = 20;
const VARIABLES = { ws: WORKSPACE, lines: 25, tasks: 10, integrations: 20, events: 20 };

export interface DashboardBenchOptions {
  scale: number;
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  databaseUrl: string;
  /** Writes a CPU profile of this process over each gateway's timed phase of the last load shape. */
  profileDir?: string;
  /** `npm start` with GATEWAY_PROCESSES=N as a side of its own (0: none). */
  processes: number;
}

interface Side {
  name: string;
  url: string;
  /** The gateway's own count of subgraph fetches. */
  fetches(): number;
  /** CPU ms its servers have used so far: this process's, unless they run in processes of their own. */
  cpuMs(): number;
  /** false: its servers run in other processes, whose statements and fetches this one cannot count. */
  counted: boolean;
  /** Statements its subgraphs have sent so far, when they have a database handle of their own. */
  statements?(): number;
}

interface Counters {
  statements: number;
  fetches: number;
  received: number;
}

/** How the load's clients differ: the same caller on every connection, or one user per client. */
interface LoadShape {
  label: string;
  headers: Array<Record<string, string>>;
  /** A request another client sends over and over meanwhile (its own load, one at a time). */
  beside?: string;
}

/**
 * An aggregate over the scale organization's whole event log (about 180 days, per day and type:
 * 100-200 ms of PostgreSQL a call): what a slow neighbour of the dashboards sends.
 */
const AGGREGATE = JSON.stringify({
  query: 'query Aggregate($from: DateTime!, $to: DateTime!) { eventCounts(period: DAY, from: $from, to: $to) { count } }',
  variables: { from: new Date(REFERENCE_DATE.getTime() - 181 * 86_400_000).toISOString(), to: REFERENCE_DATE.toISOString() },
});

interface Measured {
  load: LoadResult;
  /** Per request, averaged over the timed requests. */
  perRequest: Counters;
  /** CPU ms of the servers (gateways and subgraphs) per timed request. */
  serverCpuMs: number;
}

export async function runDashboardBench(args: string[]): Promise<void> {
  const options: DashboardBenchOptions = {
    scale: positive(args, '--scale', 200_000),
    concurrency: positive(args, '--concurrency', 8),
    seconds: positive(args, '--seconds', 10),
    warmupSeconds: positive(args, '--warmup', 2),
    databaseUrl: argument(args, '--database-url') ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL,
    profileDir: argument(args, '--profile'),
    processes: argument(args, '--processes') === '0' ? 0 : positive(args, '--processes', os.availableParallelism()),
  };
  if (options.profileDir) fs.mkdirSync(options.profileDir, { recursive: true });
  // --metrics: Prometheus metrics on vs off instead of Hive vs Apollo (dashboard-metrics.ts).
  if (args.includes('--metrics')) await benchDashboardMetrics({ ...options, profile: options.profileDir });
  else await benchDashboard(options);
}

export async function benchDashboard(options: DashboardBenchOptions): Promise<void> {
  let fresh: Fresh | undefined;
  let system: RunningSystem | undefined;
  let apollo: RunningApolloGateway | undefined;
  let overHttp: RunningGateway | undefined;
  let tree: RunningProcesses | undefined;
  let unpipelined: Database | undefined;
  let plain: RunningSystem | undefined;
  const received = subgraphRequestCounter();
  try {
    fresh = await freshPostgres(options.databaseUrl);
    const database = fresh.database;
    const seeded = await seedScale(database, { scale: options.scale });
    await analyzeScaleTables(database);
    console.log(`seeded --scale ${fmt(options.scale)}: ${fmt(seeded.rows)} rows in ${fmt(seeded.seconds, 1)} s`);

    const config = { ...loadConfig({ AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 };
    // A closed-loop load would exhaust the per-caller rate limit within seconds; the benchmark
    // measures the graph, so its budget is out of reach. The limiter still runs on every request.
    const limits = { ...loadLimitsConfig(), rateLimitPoints: 1_000_000_000 };
    // As under npm start: the gateway executes the subgraphs of its process in-process.
    system = await startSystem(config, database, limits, { exportWorker: false });
    // Our gateway as Apollo Gateway reaches them: over HTTP, to the same subgraph servers.
    const deps = system.deps;
    overHttp = await startGateway({ config, database, subgraphUrls: system.subgraphUrls, limits, exportWorker: false, eventStream: () => streamOf(deps) });
    const signingKey = signingKeyFromSecret(config.authSecret);
    apollo = await startApolloGateway({
      subgraphUrls: system.subgraphUrls,
      principalKey: principalHeaderKey(config.authSecret),
      authenticator: bearerAuthenticator([signingKey]),
    });
    received.watch(Object.values(system.subgraphUrls).map((url) => Number(new URL(url).port)));
    const running = system;
    const http = overHttp;
    const ownCpu = () => {
      const used = process.cpuUsage();
      return (used.user + used.system) / 1000;
    };
    const [{ name }] = await database.rows<{ name: string }>(sql`select current_database() as name`);
    const benchUrl = new URL(options.databaseUrl);
    benchUrl.pathname = `/${name}`;
    // The same system on a database handle whose statements each take a connection of the pool
    // (DATABASE_PIPELINED_CONNECTIONS=0), as every statement did before platform/db.ts pipelined them.
    unpipelined = await openDatabase({ databaseUrl: benchUrl.toString(), pipelined: 0 });
    const plainDatabase = unpipelined;
    plain = await startSystem(config, plainDatabase, limits, { exportWorker: false, webhookWorker: false });
    const plainSystem = plain;
    const sides: Side[] = [
      { name: 'Hive', url: `${http.origin}/graphql`, fetches: () => http.stats.subgraphFetches, cpuMs: ownCpu, counted: true },
      { name: 'Apollo', url: apollo.url, fetches: () => apollo!.stats.subgraphFetches, cpuMs: ownCpu, counted: true },
      { name: 'co-located', url: `${system.url}/graphql`, fetches: () => running.stats.subgraphFetches, cpuMs: ownCpu, counted: true },
      {
        name: 'co-located, 0 pipelined', url: `${plainSystem.url}/graphql`, fetches: () => plainSystem.stats.subgraphFetches, cpuMs: ownCpu, counted: true,
        statements: () => plainDatabase.statements.count,
      },
    ];
    if (options.processes > 0) {
      tree = await startProcesses({
        databaseUrl: benchUrl.toString(),
        processes: options.processes,
        env: { AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off', EVENT_RETENTION_DAYS: 'off', RATE_LIMIT_POINTS: String(limits.rateLimitPoints), LOG_LEVEL: 'error' },
      });
      const processes = tree;
      sides.push({ name: `npm start x${options.processes}`, url: `${processes.url}/graphql`, fetches: () => 0, cpuMs: () => processes.cpuMs(), counted: false });
    }

    const users = await Promise.all(memberIds(options.concurrency).map(async (actorId) => ({
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${await mintToken(signingKey, { organizationId: SCALE_ORG_ID, workspaceId: null, role: 'member', actorId, actorType: 'user' }, { expiresIn: '1h' })}`,
    })));
    const body = JSON.stringify({ query: DASHBOARD, operationName: 'Dashboard', variables: VARIABLES });
    const data = await sameData(sides, users, body);
    const lines = (data as { workspace: { serviceLines: { totalCount: number; nodes: unknown[] } } }).workspace.serviceLines;

    const counters = (side: Side): Counters => ({ statements: side.statements?.() ?? database.statements.count, fetches: side.fetches(), received: received.count });
    // One request at a time, nothing else in flight: what a single dashboard costs.
    // The client is a process of its own: the servers' CPU per request, with no other request in
    // flight, is the steadiest figure on a busy machine.
    const alone: Array<Counters & { serverCpuMs: number; clientCpuMs: number; ms: number }> = [];
    const sequential = new SequentialClient();
    try {
      for (const side of sides) {
        let before = counters(side);
        let cpu = side.cpuMs();
        let after = before;
        let used = 0;
        const result = await sequential.run(
          { url: side.url, headers: users[0], requests: [{ method: 'POST', path: '', body }], repeat: ALONE_REQUESTS },
          {
            onStart: () => ((before = counters(side)), (cpu = side.cpuMs())),
            onEnd: () => ((after = counters(side)), (used = side.cpuMs() - cpu)),
          },
        );
        alone.push({ ...difference(after, before, ALONE_REQUESTS), serverCpuMs: used / ALONE_REQUESTS, clientCpuMs: result.clientCpuMs, ms: result.ms });
      }
    } finally {
      await sequential.close();
    }

    const n = options.concurrency;
    const shapes: LoadShape[] = [
      { label: `1 user, ${n} clients`, headers: [users[0]] },
      { label: `${users.length} users, ${n} clients`, headers: users },
      // The same beside one more client running an aggregate back to back: a statement sent behind a
      // slow one on a pipelined connection waits for it (platform/pipeline.ts steers around it).
      { label: `${users.length} users, ${n} clients, beside 1 aggregate`, headers: users, beside: AGGREGATE },
    ];
    const rows: string[][] = [];
    // Every side beside the baseline (Apollo Gateway), each with its ratio to it.
    const baseline = sides.findIndex((side) => side.name === 'Apollo');
    // A side whose servers run in other processes has no counts here: "-".
    const cell = (value: number, digits: number) => (Number.isNaN(value) ? '-' : fmt(value, digits));
    const row = (label: string, values: number[], digits: number) => [
      label,
      ...values.flatMap((value, i) => (i === baseline ? [cell(value, digits)] : [cell(value, digits), Number.isNaN(value) ? '-' : ratio(value, values[baseline])])),
    ];
    const counted = (values: number[]) => values.map((value, i) => (sides[i].counted ? value : NaN));
    rows.push(
      row(`one at a time (mean of ${ALONE_REQUESTS}): latency (ms)`, alone.map((c) => c.ms), 1),
      row(`one at a time (mean of ${ALONE_REQUESTS}): server CPU ms (gateway + subgraphs)`, alone.map((c) => c.serverCpuMs), 2),
      row(`one at a time (mean of ${ALONE_REQUESTS}): client CPU ms`, alone.map((c) => c.clientCpuMs), 2),
      row(`one at a time (mean of ${ALONE_REQUESTS}): SQL statements`, counted(alone.map((c) => c.statements)), 1),
      row(`one at a time (mean of ${ALONE_REQUESTS}): subgraph fetches (gateway count)`, counted(alone.map((c) => c.fetches)), 1),
      row(`one at a time (mean of ${ALONE_REQUESTS}): HTTP requests at the subgraphs`, counted(alone.map((c) => c.received)), 1),
    );
    const timed: string[] = [];
    for (const shape of shapes) {
      const measured: Measured[] = [];
      for (const side of sides) {
        let start = counters(side);
        let cpu = side.cpuMs();
        const profile = options.profileDir && shape === shapes.at(-1) ? `${options.profileDir}/dashboard-${side.name}.cpuprofile` : undefined;
        let stopProfile: ((file: string) => Promise<void>) | undefined;
        const beside = shape.beside
          ? runLoad({ url: side.url, headers: [users[0]], body: shape.beside, concurrency: 1, warmupSeconds: options.warmupSeconds, seconds: options.seconds }, () => {})
          : undefined;
        const load = await runLoad(
          { url: side.url, headers: shape.headers, body, concurrency: n, warmupSeconds: options.warmupSeconds, seconds: options.seconds },
          async () => {
            if (profile) stopProfile = await startProfile();
            start = counters(side);
            cpu = side.cpuMs();
          },
        );
        const aggregates = await beside;
        const used = side.cpuMs() - cpu;
        await stopProfile?.(profile!);
        measured.push({ load, perRequest: difference(counters(side), start, load.requests), serverCpuMs: used / load.requests });
        timed.push(`${side.name} ${fmt(load.requests)} in ${fmt(load.seconds, 1)} s (${shape.label}${aggregates ? `; ${fmt(aggregates.requests)} aggregates beside` : ''})`);
      }
      rows.push(
        row(`${shape.label}: requests/s`, measured.map((m) => m.load.requestsPerSecond), 1),
        row(`${shape.label}: p50 latency (ms)`, measured.map((m) => m.load.p50Ms), 1),
        row(`${shape.label}: p99 latency (ms)`, measured.map((m) => m.load.p99Ms), 1),
        row(`${shape.label}: server CPU ms (gateway + subgraphs)`, measured.map((m) => m.serverCpuMs), 2),
        row(`${shape.label}: client CPU ms`, measured.map((m) => m.load.clientCpuMsPerRequest), 2),
        row(`${shape.label}: SQL statements`, counted(measured.map((m) => m.perRequest.statements)), 2),
        row(`${shape.label}: subgraph fetches (gateway count)`, counted(measured.map((m) => m.perRequest.fetches)), 2),
        row(`${shape.label}: HTTP requests at the subgraphs`, counted(measured.map((m) => m.perRequest.received)), 2),
      );
    }

    printTable(
      [
        `dashboard on --scale ${fmt(options.scale)} data (${WORKSPACE}: ${lines.nodes.length} of ${lines.totalCount} active lines; ` +
          `lines ${VARIABLES.lines}, tasks ${VARIABLES.tasks}, integrations ${VARIABLES.integrations}, events ${VARIABLES.events}); ` +
          'the same subgraph servers and PostgreSQL behind every gateway',
        'Hive = Hive Gateway runtime + Rust planner, in-flight subgraph request de-duplication ON (its default): identical concurrent ' +
          'subgraph requests (same body and headers, so the same caller) go out once; ' +
          `Apollo = @apollo/gateway ${apolloVersion()} on @apollo/server, no de-duplication; both fetch the subgraphs over HTTP; ` +
          'co-located = the same Hive Gateway as npm start runs it: the subgraphs of its process executed in-process (no HTTP hop); ' +
          '"0 pipelined": the same on a database handle with DATABASE_PIPELINED_CONNECTIONS=0 (each statement a connection of the pool, as before platform/db.ts pipelined them; every other side runs with the default)' +
          (options.processes > 0 ? `; npm start x${options.processes} = scripts/start.ts with GATEWAY_PROCESSES=${options.processes} on the same database, each process the whole system co-located` : ''),
        `load: ${n} concurrent keep-alive clients in a process of their own, closed loop, ${options.warmupSeconds} s warm-up then ${options.seconds} s per gateway, ` +
          `one gateway at a time; "1 user": every client sends the same token (de-duplication can merge across clients); ` +
          `"${users.length} users": each client its own member's token (it cannot); "beside 1 aggregate": one more client sends eventCounts over the whole log (181 days per day, 100-200 ms of PostgreSQL) back to back meanwhile, ` +
          'its server CPU counted in the dashboards\' (the last line says how many it got through)',
        'server CPU: user + system CPU of the process holding the gateways and the subgraphs over the timed phase, per request ' +
          '(for npm start: its primary and every process it forked, from /proc); PostgreSQL not counted; client CPU: the load process\'s; ' +
          '"-": not countable from this process',
      ].join('\n'),
      ['per request', ...sides.flatMap((side, i) => (i === baseline ? [side.name] : [side.name, `${side.name} / Apollo`]))],
      rows,
    );
    console.log(`timed requests: ${timed.join('; ')}; every answer checked (HTTP 200, data, no errors)`);
  } finally {
    received.stop();
    await apollo?.close().catch((error) => console.error('closing Apollo Gateway failed:', error));
    await overHttp?.close().catch((error) => console.error('closing the HTTP gateway failed:', error));
    await tree?.close().catch((error) => console.error('stopping npm start failed:', error));
    await system?.close().catch((error) => console.error('closing the system failed:', error));
    await plain?.close().catch((error) => console.error('closing the unpipelined system failed:', error));
    await unpipelined?.close().catch((error) => console.error('closing its database failed:', error));
    await fresh?.drop().catch((error) => console.error('dropping the benchmark database failed:', error));
  }
}

/** Active members of the scale organization, one per load client (the token holders). */
function memberIds(count: number): string[] {
  const ids: string[] = [];
  for (let u = 6; u < USERS && ids.length < count; u++) {
    const user = userAt(u);
    if (user.role === 'member' && user.status === 'active') ids.push(user.id);
  }
  if (ids.length < count) throw new Error(`the scale data has only ${ids.length} active members for ${count} clients`);
  return ids;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const json = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (res.status !== 200 || !json.data || json.errors?.length) {
    throw new Error(`dashboard request failed: HTTP ${res.status} ${JSON.stringify(json.errors ?? json).slice(0, 500)}`);
  }
  return json.data;
}

/** Both gateways must answer every user with the same data before anything is timed. */
async function sameData(sides: Side[], users: Array<Record<string, string>>, body: string): Promise<unknown> {
  let first: unknown;
  for (const headers of users) {
    const [hive, ...others] = await Promise.all(sides.map((side) => post(side.url, headers, body)));
    others.forEach((other, i) => assert.deepStrictEqual(other, hive, `${sides[i + 1].name} and ${sides[0].name} returned different data for the dashboard`));
    first ??= hive;
  }
  return first;
}

function difference(after: Counters, before: Counters, requests: number): Counters {
  const per = (a: number, b: number) => (requests > 0 ? (a - b) / requests : 0);
  return { statements: per(after.statements, before.statements), fetches: per(after.fetches, before.fetches), received: per(after.received, before.received) };
}

/**
 * Counts HTTP requests arriving at the subgraph servers (after Hive's de-duplication), through
 * Node's built-in `http.server.request.start` diagnostics channel, filtered by listening port.
 */
function subgraphRequestCounter() {
  const ports = new Set<number>();
  const counter = {
    count: 0,
    watch(list: number[]) {
      for (const port of list) ports.add(port);
    },
    stop() {
      dc.unsubscribe('http.server.request.start', onRequest);
    },
  };
  function onRequest(message: unknown) {
    const server = (message as { server?: Server }).server;
    const port = (server?.address() as AddressInfo | null)?.port;
    if (port !== undefined && ports.has(port)) counter.count++;
  }
  dc.subscribe('http.server.request.start', onRequest);
  return counter;
}

function apolloVersion(): string {
  const pkg = new URL('../node_modules/@apollo/gateway/package.json', import.meta.url);
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runDashboardBench(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
