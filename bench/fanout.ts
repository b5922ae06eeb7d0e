import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase, migrateDatabase, type Database } from '../platform/db.ts';
import { seedDemo } from '../seed/demo.ts';
import { argument, freshPostgres } from './seed-scale.ts';
import { printTable, fmt, ratio } from './table.ts';
import { runRound, signingKey, type BenchDatabase, type Round, type RoundPlan } from './fanout/round.ts';
import { issueShape, spreadShape, type Shape } from './fanout/shapes.ts';

/**
 * Live activity fan-out: N subscribers on the gateway's /graphql (graphql-ws) while a writer
 * appends events at a steady rate. The first row is today's per-subscriber path (one upstream
 * subscription to the events subgraph per subscriber, SUBSCRIPTION_FANOUT=per-subscriber), the
 * baseline every other row is compared with; the others are the grouped path (gateway/live/):
 *
 *   npm run bench -- fanout [--baseline 1000] [--subscribers 1000,10000] [--spread 10000] [--spread-workspaces 100]
 *                           [--spread-rate 200] [--spread-tokens narrowed|organization] [--spread-selection subject,row] [--gateways 2]
 *                           [--seconds 10] [--rate 10] [--drain 45] [--webhook-worker on|off] [--profile DIR]
 *                           [--database-url postgres://...]
 *
 * - the issue's shape at 10 events/s for each of --subscribers, and the baseline at --baseline (0: none);
 * - the spread shape: --spread subscribers over --spread-workspaces workspaces, every one selecting
 *   the subject, --spread-rate events/s spread over the workspaces (0: none); --spread-selection
 *   subject,row runs it a second time with every subscriber selecting the event's own columns only
 *   (`node { id type }`: nothing executed), whose row is what an event costs without its execution;
 * - --gateways N: the last issue-shape round again with N gateway processes sharing the port
 *   (GATEWAY_PROCESSES, PostgreSQL only), to use more than one core.
 *
 * --webhook-worker off: the server without the webhook worker, which wakes on every event and runs
 * its own statements (not in SQL/event); on (the default) as `npm start` runs it.
 * --profile DIR writes a CPU profile of this process over each round's measured window, and one over its
 * connections' set-up (-connect.cpuprofile) (profile.ts). The set-up alone, cold and warm, round after
 * round: bench/fanout/connect.ts.
 *
 * PGlite (in memory) by default; PostgreSQL (a throwaway database on that server) with DATABASE_URL
 * or --database-url. Subscribers live in a child process (bench/fanout/clients.ts), so the server's
 * CPU and memory are its own; on PostgreSQL the writer is a process of its own too. Every owed
 * delivery counts: one still missing after the drain counts as later than all that arrived. CPU is
 * reported per delivery (µs of server CPU, every server process) because the machine may be shared:
 * it does not depend on what else runs, wall-clock latency does.
 */

/** The issue's targets, checked per row (a row the target does not concern shows nothing). */
const TARGETS = { p99Ms1000: 100, p99Ms10000: 250, rssMb10000: 1024, spreadP99Ms: 250, cpuPerDeliveryMicros: 15, connectionsPerSecond: 1000 };

export async function runFanoutBench(args: string[]): Promise<void> {
  const numbers = (name: string, fallback: string) => (argument(args, name) ?? fallback).split(',').filter(Boolean).map(Number);
  // 0 (or an empty list) runs no round of the issue's shape.
  const subscribers = numbers('--subscribers', '1000,10000').filter((count) => count > 0);
  const [baseline] = numbers('--baseline', '1000');
  const [spread] = numbers('--spread', '10000');
  const [spreadWorkspaces] = numbers('--spread-workspaces', '100');
  const [spreadRate] = numbers('--spread-rate', '200');
  const [gateways] = numbers('--gateways', '0');
  const seconds = Number(argument(args, '--seconds') ?? 10);
  const rate = Number(argument(args, '--rate') ?? 10);
  const drain = Number(argument(args, '--drain') ?? 45);
  const spreadTokens = (argument(args, '--spread-tokens') ?? 'narrowed') as 'narrowed' | 'organization';
  const spreadSelections = (argument(args, '--spread-selection') ?? 'subject').split(',').filter(Boolean) as Array<'subject' | 'row'>;
  const profileDir = argument(args, '--profile');
  const webhookWorker = (argument(args, '--webhook-worker') ?? 'on') === 'on';
  if (!['on', 'off'].includes(argument(args, '--webhook-worker') ?? 'on')) throw new Error('--webhook-worker is on or off');
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  for (const n of [...subscribers, baseline, spread, spreadWorkspaces, spreadRate, gateways]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`subscriber counts, workspaces, rates and --gateways must be whole numbers, got ${n}`);
  }
  if (!(seconds > 0) || !(rate > 0) || !(drain > 0)) throw new Error('--seconds, --rate and --drain must be positive numbers');
  if (!['narrowed', 'organization'].includes(spreadTokens)) throw new Error('--spread-tokens is narrowed or organization');
  if (!spreadSelections.length || spreadSelections.some((s) => !['subject', 'row'].includes(s))) throw new Error('--spread-selection is subject, row or both (subject,row)');
  const largest = Math.max(baseline, spread, ...subscribers);
  // This process holds each client's socket once (and, on the per-subscriber path, each upstream socket at both ends).
  const needed = Math.max(largest + 2_000, baseline * 3 + 2_000);
  if (softFileLimit() < needed) throw new Error(`the open-file limit is ${softFileLimit()}; ${fmt(largest)} subscribers need about ${fmt(needed)}: raise it with \`ulimit -n ${needed}\` first (hard limit: \`ulimit -Hn\`)`);

  const databaseUrl = argument(args, '--database-url') ?? process.env.DATABASE_URL;
  if (gateways > 0 && !databaseUrl) throw new Error('--gateways needs PostgreSQL (DATABASE_URL or --database-url): gateway processes share the database');
  const bench = await openBenchDatabase(databaseUrl);
  const rounds: Round[] = [];
  try {
    const issue = await issueShape(bench.database, signingKey);
    const plans: RoundPlan[] = [];
    const base = { seconds, rate, drain, gateways: 0, webhookWorker };
    if (baseline) plans.push({ ...base, fanout: 'per-subscriber', shape: issue, subscribers: baseline });
    for (const n of subscribers) plans.push({ ...base, fanout: 'grouped', shape: issue, subscribers: n });
    if (gateways && subscribers.length) plans.push({ ...base, fanout: 'grouped', shape: issue, subscribers: subscribers.at(-1)!, gateways });
    if (spread) {
      for (const selection of spreadSelections) {
        const shape: Shape = await spreadShape(bench.database, signingKey, spreadWorkspaces, spreadTokens, selection);
        plans.push({ ...base, fanout: 'grouped', shape, subscribers: spread, rate: spreadRate });
      }
    }
    for (const [i, plan] of plans.entries()) {
      if (profileDir) plan.profile = `${profileDir}/${i + 1}-${plan.fanout}-${plan.shape.name.replace(/\s+/g, '-')}-${plan.subscribers}${plan.gateways ? `-x${plan.gateways}` : ''}.cpuprofile`;
      const round = await runRound(bench, plan);
      rounds.push(round);
      const r = round.report;
      console.log(`${plan.fanout} ${plan.shape.name} ${fmt(plan.subscribers)} (${round.layout}): ${fmt(plan.subscribers)} subscribed in ${fmt(round.connectSeconds, 1)} s (${fmt(round.connectCpuMicros)} µs of server CPU each, ${fmt(round.clientConnectCpuMicros)} µs of client CPU; the server ${fmt(100 * round.connectServerShare)}% busy meanwhile, load average ${fmt(round.connectLoad, 1)}); ${fmt(round.written)} events at ${fmt(round.writeRate, 1)}/s; ${fmt(r.deliveries)} of ${fmt(r.expected)} deliveries; p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, max ${fmt(r.max, 0)} ms (subject-selecting: ${selectsSubject(plan) ? `p50 ${fmt(r.subjectP50, 1)}, p99 ${fmt(r.subjectP99, 1)}` : 'none'}); failed ${r.failed}, ended ${r.ended}, slow consumers ${r.slowConsumer}; catch-up reads ${round.catchUpReads}; audiences ${round.audiences ?? '-'}; server RSS peaks ${round.peakRssParts.map((p) => `${p.name} ${fmt(p.mb)} MB`).join(', ')}; client RSS ${fmt(r.rssMb)} MB${r.errors.length ? `; errors: ${r.errors.join(' | ')}` : ''}`);
    }
  } finally {
    await bench.drop();
  }
  printRounds(rounds, bench.engine, Boolean(bench.url));
}

function printRounds(rounds: Round[], engine: string, separateWriter: boolean) {
  const base = rounds[0];
  const ms = (value: number, r: Round) => (Number.isNaN(value) ? `> ${fmt(r.report.max)}` : fmt(value, 1));
  const opt = (value: number | undefined, digits = 0) => (value === undefined ? '-' : fmt(value, digits));
  const rows = rounds.map((r) => {
    const { plan, report } = r;
    const delivered = (100 * report.deliveries) / Math.max(1, report.expected);
    const connectionsPerSecond = plan.subscribers / r.connectSeconds;
    return [
      `${plan.fanout} ${plan.shape.name}`,
      fmt(plan.subscribers),
      r.layout,
      fmt(r.writeRate, 1),
      `${fmt(delivered, 1)}%`,
      fmt(r.deliveredPerSecond),
      ms(report.p50, r),
      ms(report.p99, r),
      Number.isNaN(report.p99) || Number.isNaN(base.report.p99) ? '-' : ratio(report.p99, base.report.p99),
      selectsSubject(plan) ? ms(report.subjectP99, r) : '-',
      fmt(r.peakRssMb),
      fmt(r.serverCpuPercent),
      fmt(r.clientCpuPercent),
      fmt(r.cpuPerDelivery, 1),
      `${fmt(r.userPerDelivery, 1)} / ${fmt(r.systemPerDelivery, 1)}`,
      ratio(r.cpuPerDelivery, base.cpuPerDelivery),
      fmt(r.clientCpuPerDelivery, 1),
      opt(r.bareSend, 1),
      opt(r.pacedSend, 1),
      fmt(connectionsPerSecond),
      `${fmt(100 * r.connectServerShare)}%`,
      fmt(1e6 / r.connectCpuMicros),
      fmt(r.connectCpuMicros),
      fmt(r.clientConnectCpuMicros),
      opt(r.fetchesPerEvent, 2),
      fmt(r.statementsPerEvent, 2),
      opt(r.audiences),
      targets(r, delivered, connectionsPerSecond),
    ];
  });
  printTable(
    [
      `live activity fan-out on ${engine}, graphql-ws subscribers in a child process; each event appended in its own transaction with appendEvents${rounds[0]?.plan.webhookWorker === false ? ' (server without its webhook worker: --webhook-worker off)' : ''}`,
      `by ${separateWriter ? 'a writer process of its own (its statements are not in SQL/event)' : 'the server process (PGlite is in memory)'}. Shapes: ${[...new Set(rounds.map((r) => `${r.plan.shape.name}: ${r.plan.shape.description}`))].join('; ')}.`,
      `The first row is today's per-subscriber path, the baseline (vs base). Latency = receipt - commit over every owed delivery (missing ones count as later than all);`,
      'RSS = peak of every server process; CPU % = of one core over writes + drain, server (every server process) and client; µs/delivery = server CPU / deliveries (user / system);',
      'client µs/delivery = the subscribers\' process CPU / deliveries (near 100% client CPU means the load generator, not the server, bounds the row);',
      'bare send µs = the server CPU of one bare ws.send of an event-sized frame to the same sockets, measured right after the round, back to back; paced µs = the same sends at the',
      'round\'s rate, as many per event as it delivered, with the server\'s background (pings, timers) over those seconds: the floor of a delivery in that round on this machine now;',
      'conn/s = subscribers / seconds from the first connection opening to the last subscription sent; µs/conn = server CPU per connection set up (handshake, token, subscription), client µs/conn the subscribers\' process\'s;',
      'set-up busy = the server\'s CPU while they were set up / that wall-clock window (% of one core): well below 100% (one process), the machine or the load generator bounded conn/s, not the server;',
      'conn/s per core = 1,000,000 / µs/conn: the rate at which one core\'s worth of server CPU sets connections up (the first ones after start, its code still cold);',
      'fetches/event = the gateway\'s subgraph fetches / events (in-process gateway only); SQL/event = the server process\'s statements / events (the stream reader\'s reads included);',
      `audiences = the grouped path's audiences (selection x visibility). targets: the issue's (p99 <= ${TARGETS.p99Ms1000} ms at 1,000, <= ${TARGETS.p99Ms10000} ms, 100% and RSS <= 1 GiB at 10,000,`,
      `spread p99 <= ${TARGETS.spreadP99Ms} ms, <= ${TARGETS.cpuPerDeliveryMicros} µs/delivery, >= ${fmt(TARGETS.connectionsPerSecond)} connections/s): ok or the ones missed.`,
    ].join('\n'),
    ['path shape', 'subscribers', 'server', 'writes/s', 'delivered', 'delivered/s', 'p50 ms', 'p99 ms', 'vs base', 'subject p99', 'RSS MB', 'server CPU %', 'client CPU %', 'µs/delivery', 'user / sys', 'vs base', 'client µs/delivery', 'bare send µs', 'paced µs', 'conn/s', 'set-up busy', 'conn/s per core', 'µs/conn', 'client µs/conn', 'fetches/event', 'SQL/event', 'audiences', 'targets'],
    rows,
  );
}

/** Whether any subscriber of the round selects the subject (a row-only spread round has none: its subject latencies are '-'). */
function selectsSubject(plan: RoundPlan): boolean {
  for (let i = 0; i < plan.subscribers; i++) if (plan.shape.subscriber(i).subject) return true;
  return false;
}

/** The issue's targets this row is held to, and which it misses. */
function targets(r: Round, delivered: number, connectionsPerSecond: number): string {
  if (r.plan.fanout !== 'grouped') return 'baseline';
  const missed: string[] = [];
  const p99 = Number.isNaN(r.report.p99) ? Infinity : r.report.p99;
  if (r.plan.shape.name === 'issue') {
    if (r.plan.subscribers <= 1000 && p99 > TARGETS.p99Ms1000) missed.push(`p99 > ${TARGETS.p99Ms1000}`);
    if (r.plan.subscribers > 1000 && p99 > TARGETS.p99Ms10000) missed.push(`p99 > ${TARGETS.p99Ms10000}`);
    if (r.plan.subscribers >= 10_000 && delivered < 100) missed.push('not all delivered');
    if (r.plan.subscribers >= 10_000 && r.peakRssMb > TARGETS.rssMb10000) missed.push('RSS > 1 GiB');
  } else if (p99 > TARGETS.spreadP99Ms) missed.push(`p99 > ${TARGETS.spreadP99Ms}`);
  if (r.cpuPerDelivery > TARGETS.cpuPerDeliveryMicros) missed.push(`> ${TARGETS.cpuPerDeliveryMicros} µs`);
  if (connectionsPerSecond < TARGETS.connectionsPerSecond) missed.push(`< ${fmt(TARGETS.connectionsPerSecond)} conn/s`);
  return missed.length ? `missed: ${missed.join(', ')}` : 'ok';
}

async function openBenchDatabase(databaseUrl: string | undefined): Promise<BenchDatabase & { drop(): Promise<void> }> {
  if (databaseUrl) {
    const fresh = await freshPostgres(databaseUrl);
    await seedDemo(fresh.database);
    const [{ name }] = await fresh.database.rows<{ name: string }>(sql`select current_database() as name`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    return { database: fresh.database, engine: 'PostgreSQL', url: url.toString(), streamReads: countStreamReads(fresh.database), drop: () => fresh.drop() };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(database);
  await seedDemo(database);
  return { database, engine: 'PGlite', url: undefined, streamReads: countStreamReads(database), drop: () => database.close() };
}

/** The stream reader's own statements, told apart from everything else by their SQL (subgraphs/events/stream/hub.ts). */
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

function softFileLimit(): number {
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const soft = limits.split('\n').find((l) => l.startsWith('Max open files'))?.split(/\s{2,}/)[1];
  return soft === 'unlimited' ? Infinity : Number(soft);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runFanoutBench(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
