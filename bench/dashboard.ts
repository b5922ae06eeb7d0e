import assert from 'node:assert/strict';
import dc from 'node:diagnostics_channel';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../platform/config.ts';
import { principalHeaderKey } from '../platform/auth/principal-header.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { startSystem, type RunningSystem } from '../scripts/system.ts';
import { loadLimitsConfig } from '../gateway/limits/config.ts';
import { bearerAuthenticator } from '../gateway/auth.ts';
import { seedScale, analyzeScaleTables, SCALE_ORG_ID } from '../seed/scale.ts';
import { USERS, scaleId, userAt } from '../seed/scale-model.ts';
import { DASHBOARD } from '../test/testkit/screens.ts';
import { DEFAULT_ADMIN_URL, argument, freshPostgres, type Fresh } from './seed-scale.ts';
import { startApolloGateway, type RunningApolloGateway } from './apollo-gateway.ts';
import { runLoad, type LoadResult } from './load.ts';
import { printTable, fmt, ratio } from './table.ts';
import { benchDashboardMetrics } from './dashboard-metrics.ts';

/**
 * The dashboard screen query on scale-generated data, through our gateway (Hive Gateway runtime +
 * Rust planner) and through Apollo Gateway in front of the very same six subgraph servers:
 * requests/s and latency under a closed-loop load, and the SQL statements and subgraph fetches
 * each request costs.
 *
 *   npm run bench -- dashboard [--scale 200000] [--concurrency 8] [--seconds 10] [--warmup 2] [--database-url postgres://...] [--metrics [--profile DIR]]
 */

const AUTH_SECRET = 'bench-secret-for-the-dashboard-0123456789abcdef';
const WORKSPACE = scaleId('WS', 0);
/** Sequential requests the one-at-a-time rows average over (the Hive planner's batching varies with timing). */
const ALONE_REQUESTS = 5;
const VARIABLES = { ws: WORKSPACE, lines: 25, tasks: 10, integrations: 20, events: 20 };

export interface DashboardBenchOptions {
  scale: number;
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  databaseUrl: string;
}

interface Side {
  name: string;
  url: string;
  /** The gateway's own count of subgraph fetches. */
  fetches(): number;
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
}

interface Measured {
  load: LoadResult;
  /** Per request, averaged over the timed requests. */
  perRequest: Counters;
}

export async function runDashboardBench(args: string[]): Promise<void> {
  const options: DashboardBenchOptions = {
    scale: positive(args, '--scale', 200_000),
    concurrency: positive(args, '--concurrency', 8),
    seconds: positive(args, '--seconds', 10),
    warmupSeconds: positive(args, '--warmup', 2),
    databaseUrl: argument(args, '--database-url') ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL,
  };
  // --metrics: Prometheus metrics on vs off instead of Hive vs Apollo (dashboard-metrics.ts).
  if (args.includes('--metrics')) await benchDashboardMetrics({ ...options, profile: argument(args, '--profile') });
  else await benchDashboard(options);
}

export async function benchDashboard(options: DashboardBenchOptions): Promise<void> {
  let fresh: Fresh | undefined;
  let system: RunningSystem | undefined;
  let apollo: RunningApolloGateway | undefined;
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
    system = await startSystem(config, database, { ...loadLimitsConfig(), rateLimitPoints: 1_000_000_000 });
    const signingKey = signingKeyFromSecret(config.authSecret);
    apollo = await startApolloGateway({
      subgraphUrls: system.subgraphUrls,
      principalKey: principalHeaderKey(config.authSecret),
      authenticator: bearerAuthenticator([signingKey]),
    });
    received.watch(Object.values(system.subgraphUrls).map((url) => Number(new URL(url).port)));
    const running = system;
    const sides: Side[] = [
      { name: 'Hive', url: `${system.url}/graphql`, fetches: () => running.stats.subgraphFetches },
      { name: 'Apollo', url: apollo.url, fetches: () => apollo!.stats.subgraphFetches },
    ];

    const users = await Promise.all(memberIds(options.concurrency).map(async (actorId) => ({
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${await mintToken(signingKey, { organizationId: SCALE_ORG_ID, workspaceId: null, role: 'member', actorId, actorType: 'user' }, { expiresIn: '1h' })}`,
    })));
    const body = JSON.stringify({ query: DASHBOARD, operationName: 'Dashboard', variables: VARIABLES });
    const data = await sameData(sides, users, body);
    const lines = (data as { workspace: { serviceLines: { totalCount: number; nodes: unknown[] } } }).workspace.serviceLines;

    const counters = (side: Side): Counters => ({ statements: database.statements.count, fetches: side.fetches(), received: received.count });
    // One request at a time, nothing else in flight: what a single dashboard costs.
    const alone: Counters[] = [];
    for (const side of sides) {
      const before = counters(side);
      for (let i = 0; i < ALONE_REQUESTS; i++) await post(side.url, users[0], body);
      alone.push(difference(counters(side), before, ALONE_REQUESTS));
    }

    const n = options.concurrency;
    const shapes: LoadShape[] = [
      { label: `1 user, ${n} clients`, headers: [users[0]] },
      { label: `${users.length} users, ${n} clients`, headers: users },
    ];
    const rows: string[][] = [];
    const triple = (label: string, hive: number, apolloValue: number, digits: number) =>
      [label, fmt(hive, digits), fmt(apolloValue, digits), ratio(hive, apolloValue)];
    rows.push(
      triple(`one at a time (mean of ${ALONE_REQUESTS}): SQL statements`, alone[0].statements, alone[1].statements, 1),
      triple(`one at a time (mean of ${ALONE_REQUESTS}): subgraph fetches (gateway count)`, alone[0].fetches, alone[1].fetches, 1),
      triple(`one at a time (mean of ${ALONE_REQUESTS}): HTTP requests at the subgraphs`, alone[0].received, alone[1].received, 1),
    );
    const timed: string[] = [];
    for (const shape of shapes) {
      const measured: Measured[] = [];
      for (const side of sides) {
        let start = counters(side);
        const load = await runLoad(
          { url: side.url, headers: shape.headers, body, concurrency: n, warmupSeconds: options.warmupSeconds, seconds: options.seconds },
          () => { start = counters(side); },
        );
        measured.push({ load, perRequest: difference(counters(side), start, load.requests) });
        timed.push(`${side.name} ${fmt(load.requests)} in ${fmt(load.seconds, 1)} s (${shape.label})`);
      }
      const [h, a] = measured;
      rows.push(
        triple(`${shape.label}: requests/s`, h.load.requestsPerSecond, a.load.requestsPerSecond, 1),
        triple(`${shape.label}: p50 latency (ms)`, h.load.p50Ms, a.load.p50Ms, 1),
        triple(`${shape.label}: p99 latency (ms)`, h.load.p99Ms, a.load.p99Ms, 1),
        triple(`${shape.label}: SQL statements`, h.perRequest.statements, a.perRequest.statements, 2),
        triple(`${shape.label}: subgraph fetches (gateway count)`, h.perRequest.fetches, a.perRequest.fetches, 2),
        triple(`${shape.label}: HTTP requests at the subgraphs`, h.perRequest.received, a.perRequest.received, 2),
      );
    }

    printTable(
      [
        `dashboard on --scale ${fmt(options.scale)} data (${WORKSPACE}: ${lines.nodes.length} of ${lines.totalCount} active lines; ` +
          `lines ${VARIABLES.lines}, tasks ${VARIABLES.tasks}, integrations ${VARIABLES.integrations}, events ${VARIABLES.events}); ` +
          'the same six subgraph servers and PostgreSQL behind both gateways',
        'Hive = Hive Gateway runtime + Rust planner, in-flight subgraph request de-duplication ON (its default): identical concurrent ' +
          'subgraph requests (same body and headers, so the same caller) go out once; ' +
          `Apollo = @apollo/gateway ${apolloVersion()} on @apollo/server, no de-duplication`,
        `load: ${n} concurrent keep-alive clients, closed loop, ${options.warmupSeconds} s warm-up then ${options.seconds} s per gateway, ` +
          `one gateway at a time; "1 user": every client sends the same token (de-duplication can merge across clients); ` +
          `"${users.length} users": each client its own member's token (it cannot)`,
      ].join('\n'),
      ['per request', 'Hive', 'Apollo', 'Hive / Apollo'],
      rows,
    );
    console.log(`timed requests: ${timed.join('; ')}; every answer checked (HTTP 200, data, no errors)`);
  } finally {
    received.stop();
    await apollo?.close().catch((error) => console.error('closing Apollo Gateway failed:', error));
    await system?.close().catch((error) => console.error('closing the system failed:', error));
    await fresh?.drop().catch((error) => console.error('dropping the benchmark database failed:', error));
  }
}

function positive(args: string[], name: string, fallback: number): number {
  const raw = argument(args, name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
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
    const [hive, apollo] = await Promise.all(sides.map((side) => post(side.url, headers, body)));
    assert.deepStrictEqual(apollo, hive, 'Hive and Apollo gateways returned different data for the dashboard');
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
