import fs from 'node:fs';
import { loadConfig } from '../../platform/config.ts';
import type { Database } from '../../platform/db.ts';
import { signingKeyFromSecret } from '../../platform/auth/tokens.ts';
import { appendEvents } from '../../platform/event-log.ts';
import { Clients, type ClientReport, type ToClients } from './clients.ts';
import { writeEvents, writerProcess } from './writer.ts';
import { gatewayProcesses, inProcess, type BenchServer, type Fanout } from './server.ts';
import type { Shape } from './shapes.ts';
import { startProfile } from './profile.ts';

const AUTH_SECRET = 'bench-secret-for-the-fanout-0123456789abcdef';
export const signingKey = signingKeyFromSecret(AUTH_SECRET);
/** An event's frame as the driver writes it (graphql-ws `next`, the issue shape's bare selection). */
const CALIBRATION_FRAME = Buffer.from('{"id":"1","type":"next","payload":{"data":{"activity":{"cursor":"eyJpZCI6IkVWVC0wMC0wMDAwMDAifQ","node":{"id":"EVT-00-000000","type":"capacity.utilisation_warning"}}}}}');
/** The 1-minute load average, NaN where /proc/loadavg cannot be read. */
function loadAverage(): number {
  try {
    return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BenchDatabase {
  database: Database;
  engine: string;
  /** PostgreSQL: where writers and gateway processes connect; undefined on PGlite (in memory, this process only). */
  url: string | undefined;
  /** The stream reader's statements so far, told apart by their SQL. */
  streamReads: { reader: number; catchUp: number };
}

export interface RoundPlan {
  fanout: Fanout;
  shape: Shape;
  subscribers: number;
  /** Gateway processes of their own in front of this process's subgraphs (PostgreSQL); 0: all in this process. */
  gateways: number;
  seconds: number;
  rate: number;
  drain: number;
  /** Where to write a CPU profile of this process over the measured window (bench/fanout/profile.ts); the connections' set-up goes to the same name ending -connect.cpuprofile. */
  profile?: string;
  /** The webhook worker runs in the server (as under `npm start`); --webhook-worker off leaves it out. */
  webhookWorker: boolean;
}

export interface Round {
  plan: RoundPlan;
  layout: string;
  /** Seconds from the first connection opening to the last subscription sent (acknowledged connections). */
  connectSeconds: number;
  /** Server CPU per connection set up (µs): from the first connection opening until the server has joined every subscription (the handshake, authentication, the subscription's planning and joining; not the probes after it). */
  connectCpuMicros: number;
  /** The subscribers' process CPU per connection set up (µs): the load generator's side of the same. */
  clientConnectCpuMicros: number;
  /**
   * How busy the server was while the connections were set up: its CPU over the same window / the
   * window's wall-clock seconds, as a fraction of one core (every server process together). Well
   * below 1 on one process, the server waited for the machine (other processes on its cores) or for
   * the load generator, not for its own work: the wall-clock rate then says more about the machine.
   */
  connectServerShare: number;
  /** The machine's 1-minute load average when the connections started opening (/proc/loadavg). */
  connectLoad: number;
  written: number;
  writeRate: number;
  report: ClientReport;
  deliveredPerSecond: number;
  fetchesPerEvent: number | undefined;
  statementsPerEvent: number;
  readerReadsPerEvent: number;
  catchUpReads: number;
  serverCpuPercent: number;
  clientCpuPercent: number;
  /** Server CPU (every server process) per delivery made, µs; and its user and system parts. */
  cpuPerDelivery: number;
  userPerDelivery: number;
  systemPerDelivery: number;
  /** The subscribers' process CPU per delivery received, µs (the load generator: compare with the server's). */
  clientCpuPerDelivery: number;
  /** Server CPU of one bare WebSocket send of an event's frame, here and now (in-process only), µs. */
  bareSend: number | undefined;
  /** The same, sent at the round's rate with as many sockets per event as it reached (bench/fanout/server.ts bareSends), µs. */
  pacedSend: number | undefined;
  peakRssMb: number;
  /** Each server process's own peak, MB. */
  peakRssParts: Array<{ name: string; mb: number }>;
  audiences: number | undefined;
  batchesPerEvent: number | undefined;
}

/** One round: start the server, connect the subscribers, write at a steady rate, drain, measure. */
export async function runRound(bench: BenchDatabase, plan: RoundPlan): Promise<Round> {
  const { database } = bench;
  const config = { ...loadConfig({ AUTH_SECRET }), port: 0 };
  const server: BenchServer = plan.gateways > 0
    ? await gatewayProcesses(config, database, bench.url!, plan.gateways, plan.fanout, plan.webhookWorker)
    : await inProcess(config, database, plan.fanout, plan.webhookWorker);
  const clients = new Clients();
  const writer = bench.url ? writerProcess(bench.url) : undefined;
  try {
    const specs = Array.from({ length: plan.subscribers }, (_, i) => plan.shape.subscriber(i));
    global.gc?.();

    // Connect; the server's CPU meanwhile is what setting up a connection costs (profiled with --profile).
    const clientCpuBeforeConnect = (await clients.ask<'status'>({ kind: 'status' })).cpuMicros;
    const stopConnectProfile = plan.profile ? await startProfile() : undefined;
    const connectLoad = loadAverage();
    const cpuBeforeConnect = server.cpuMicros();
    const connectStarted = performance.now();
    clients.send({ kind: 'connect', url: `${server.url.replace('http', 'ws')}/graphql`, tokens: plan.shape.tokens, specs });
    let status = await clients.ask<'status'>({ kind: 'status' });
    while (status.subscribed + status.failed < plan.subscribers) {
      if (performance.now() - connectStarted > 300_000) throw new Error(`only ${status.subscribed} of ${plan.subscribers} connections subscribed in 5 minutes: ${status.errors.join('; ')}`);
      await sleep(50);
      status = await clients.ask<'status'>({ kind: 'status' });
    }
    // The set-up is over when the server has joined every subscription (in-process: the feed says
    // so; else a moment for the last ones); the probes after it deliver events and are not counted.
    const joinedBy = performance.now() + 10_000;
    if (server.feed()) while ((server.feed()?.members ?? 0) < status.subscribed && performance.now() < joinedBy) await sleep(20);
    else await sleep(250);
    const connectCpuTotal = server.cpuMicros() - cpuBeforeConnect;
    const connectWallMicros = (performance.now() - connectStarted) * 1000;
    const connectCpuMicros = connectCpuTotal / plan.subscribers;
    const clientConnectCpuMicros = ((await clients.ask<'status'>({ kind: 'status' })).cpuMicros - clientCpuBeforeConnect) / plan.subscribers;
    await stopConnectProfile?.(plan.profile!.replace(/\.cpuprofile$/, '-connect.cpuprofile'));
    // Probes until every subscription has received one: all have joined the stream.
    for (;;) {
      if (performance.now() - connectStarted > 300_000) throw new Error(`only ${status.live} of ${plan.subscribers} subscribers became live in 5 minutes: ${status.errors.join('; ')}`);
      if (status.live + status.failed + status.ended >= plan.subscribers) break;
      await database.db.transaction((tx) => appendEvents(tx, plan.shape.probe()));
      await sleep(1000);
      status = await clients.ask<'status'>({ kind: 'status' });
    }
    if (status.failed || status.ended) throw new Error(`${status.failed} subscriptions failed and ${status.ended} ended while connecting: ${status.errors.join('; ')}`);
    await sleep(1500); // late probe deliveries

    // The measured window: a steady write rate, then draining until every owed delivery arrived.
    const stopProfile = plan.profile ? await startProfile() : undefined;
    clients.send({ kind: 'measure' });
    const before = { statements: database.statements.count, fetches: server.fetches(), reader: bench.streamReads.reader, catchUp: bench.streamReads.catchUp, cpu: server.cpuMicros(), split: server.cpuSplit(), batches: server.feed()?.batches };
    let peakRss = server.rssBytes();
    const peakParts = new Map<string, number>();
    const sample = () => {
      peakRss = Math.max(peakRss, server.rssBytes());
      for (const { name, bytes } of server.rssParts()) peakParts.set(name, Math.max(peakParts.get(name) ?? 0, bytes));
    };
    sample();
    const sampler = setInterval(sample, 250);
    const events = Array.from({ length: Math.round(plan.seconds * plan.rate) }, (_, n) => plan.shape.event(n));
    const windowStarted = performance.now();
    const forward = (written: Extract<ToClients, { kind: 'written' }>['events']) => clients.send({ kind: 'written', events: written });
    const writeSeconds = writer ? await writer.write({ events, rate: plan.rate }, forward) : await writeEvents(database, { events, rate: plan.rate }, forward);
    let received = -1;
    const drainStarted = performance.now();
    for (;;) {
      await sleep(1000);
      status = await clients.ask<'status'>({ kind: 'status' });
      if (status.received === received || performance.now() - drainStarted > plan.drain * 1000) break;
      received = status.received;
    }
    clearInterval(sampler);
    await stopProfile?.(plan.profile!);
    const windowSeconds = (performance.now() - windowStarted) / 1000;
    const cpuMicros = server.cpuMicros() - before.cpu;
    const split = server.cpuSplit();
    const fetches = server.fetches();
    const report = await clients.ask<'report'>({ kind: 'report' });
    // After the report: these frames reach the clients as events nobody wrote, and count nowhere.
    const bare = await server.calibrate?.(CALIBRATION_FRAME, { events: 5, perEvent: plan.subscribers, rate: 0 });
    // The same number of sends per event as the round made, at its rate, for two seconds.
    const paced = await server.calibrate?.(CALIBRATION_FRAME, { events: Math.max(10, Math.round(2 * plan.rate)), perEvent: report.deliveries / Math.max(1, events.length), rate: plan.rate });
    // NaN (a percentile among the missing deliveries) crosses IPC as null.
    for (const key of ['p50', 'p99', 'max', 'subjectP50', 'subjectP99'] as const) report[key] ??= NaN;
    const feed = server.feed();
    return {
      plan,
      layout: server.layout,
      connectSeconds: status.connectSeconds,
      connectCpuMicros,
      clientConnectCpuMicros,
      connectServerShare: connectCpuTotal / connectWallMicros,
      connectLoad,
      written: events.length,
      writeRate: events.length / writeSeconds,
      report,
      deliveredPerSecond: report.deliveries / ((report.lastReceive - report.firstCommit) / 1000),
      fetchesPerEvent: fetches === undefined || before.fetches === undefined ? undefined : (fetches - before.fetches) / events.length,
      statementsPerEvent: (database.statements.count - before.statements) / events.length,
      readerReadsPerEvent: (bench.streamReads.reader - before.reader) / events.length,
      catchUpReads: bench.streamReads.catchUp - before.catchUp,
      serverCpuPercent: (cpuMicros / 1e6 / windowSeconds) * 100,
      clientCpuPercent: (report.cpuMs / 1000 / windowSeconds) * 100,
      cpuPerDelivery: cpuMicros / Math.max(1, report.deliveries),
      userPerDelivery: (split.user - before.split.user) / Math.max(1, report.deliveries),
      systemPerDelivery: (split.system - before.split.system) / Math.max(1, report.deliveries),
      clientCpuPerDelivery: (report.cpuMs * 1000) / Math.max(1, report.deliveries),
      bareSend: bare ? (bare.user + bare.system) / Math.max(1, bare.sends) : undefined,
      pacedSend: paced ? (paced.user + paced.system) / Math.max(1, paced.sends) : undefined,
      peakRssMb: peakRss / 1024 / 1024,
      peakRssParts: [...peakParts].map(([name, bytes]) => ({ name, mb: bytes / 1024 / 1024 })),
      audiences: feed?.audiences,
      batchesPerEvent: feed && before.batches !== undefined ? (feed.batches - before.batches) / events.length : undefined,
    };
  } finally {
    writer?.close();
    await clients.close();
    await server.close();
  }
}
