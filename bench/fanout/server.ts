import fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type WebSocket from 'ws';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db.ts';
import { startSubgraphs, startSystem } from '../../scripts/system.ts';
import { loadLimitsConfig, type LimitsConfig } from '../../gateway/limits/config.ts';
import type { SubgraphName } from '../../subgraphs/registry.ts';

/** The server side of a round: what the table reports is measured on every process of it. */
export interface BenchServer {
  url: string;
  /** How it runs, for the table. */
  layout: string;
  /** Subgraph fetches and (server) SQL statements so far; undefined where gateways run in processes of their own. */
  fetches(): number | undefined;
  /** CPU microseconds of every server process so far. */
  cpuMicros(): number;
  /** The same, user and system apart. */
  cpuSplit(): { user: number; system: number };
  /**
   * What a bare WebSocket send costs here and now: frames of `bytes` to the open sockets as `pattern`
   * says (bareSends), sent as the driver sends an event (ws.send of one Buffer). In-process only.
   */
  calibrate?(bytes: Buffer, pattern: SendPattern): Promise<{ user: number; system: number; sends: number }>;
  /** Resident memory of every server process now. */
  rssBytes(): number;
  /** The same, by process (the table sums them; the round's line shows each one's peak). */
  rssParts(): Array<{ name: string; bytes: number }>;
  /** Grouped fan-out stats of an in-process gateway. */
  feed(): { audiences: number; batches: number; members: number } | undefined;
  close(): Promise<void>;
}

export type Fanout = LimitsConfig['subscriptionFanout'];

/**
 * How bare sends are made: `events` times, one frame to each of `perEvent` sockets (taken in turn),
 * back to back (`rate` 0) or `rate` times a second, as a round's events reach its subscribers.
 */
export interface SendPattern {
  events: number;
  perEvent: number;
  rate: number;
}

/**
 * The server CPU of bare WebSocket sends of one frame, nothing else made or read: the floor of a
 * delivery on this machine now. Paced, it is charged what the round's deliveries are charged by the
 * kernel at the round's cadence (on loopback a write also runs the receiver's TCP input and wakes
 * its process, more often when the receiver idles between events), and the server's own background
 * (keep-alive pings, timers) over the same seconds.
 */
async function bareSends(sockets: WebSocket[], bytes: Buffer, pattern: SendPattern) {
  const perEvent = Math.min(sockets.length, Math.max(1, Math.round(pattern.perEvent)));
  const before = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  for (let n = 0; n < pattern.events; n++) {
    for (let j = 0; j < perEvent; j++) sockets[next++ % sockets.length].send(Buffer.from(bytes), { binary: false });
    const due = pattern.rate > 0 ? started + ((n + 1) * 1000) / pattern.rate : 0;
    await new Promise((resolve) => (due > performance.now() ? setTimeout(resolve, due - performance.now()) : setImmediate(resolve)));
  }
  const cpu = process.cpuUsage(before);
  return { user: cpu.user, system: cpu.system, sends: pattern.events * perEvent };
}

/** Each connection spends one request of its principal's budget: 10,000 sockets over 100 users must not run out. */
const limits = (fanout: Fanout): LimitsConfig => ({ ...loadLimitsConfig({}), rateLimitPoints: 1_000_000_000, subscriptionFanout: fanout });

/**
 * The whole system in this process (six subgraphs and one gateway), as `npm start` runs it; with
 * `webhookWorker` false, without the webhook worker (it wakes on every event: its share of the CPU).
 */
export async function inProcess(config: Config, database: Database, fanout: Fanout, webhookWorker = true): Promise<BenchServer> {
  const system = await startSystem(config, database, limits(fanout), { exportWorker: false, webhookWorker });
  return {
    url: system.url,
    layout: '1 process',
    fetches: () => system.stats.subgraphFetches,
    cpuMicros: () => {
      const cpu = process.cpuUsage();
      return cpu.user + cpu.system;
    },
    cpuSplit: () => process.cpuUsage(),
    calibrate: (bytes, pattern) => bareSends([...system.sockets.clients], bytes, pattern),
    rssBytes: () => process.memoryUsage.rss(),
    rssParts: () => [{ name: 'the system', bytes: process.memoryUsage.rss() }],
    feed: () => (system.feed ? { audiences: system.feed.audienceCount, batches: system.feed.stats.batches, members: system.feed.memberCount } : undefined),
    close: () => system.close(),
  };
}

/**
 * The subgraphs in this process and `count` gateway processes in front of them, sharing one port
 * (gateway/index.ts with GATEWAY_PROCESSES: node:cluster), each following the event log itself
 * (or as a member of the NATS fan-out with NATS_URL). PostgreSQL only, as the standalone gateway.
 */
export async function gatewayProcesses(config: Config, database: Database, databaseUrl: string, count: number, fanout: Fanout, webhookWorker = true): Promise<BenchServer> {
  const subgraphs = await startSubgraphs(config, database, { workers: webhookWorker });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    NODE_ENV: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: config.authSecret,
    GATEWAY_PROCESSES: String(count),
    RATE_LIMIT_POINTS: '1000000000',
    SUBSCRIPTION_FANOUT: fanout,
    LOG_LEVEL: 'error',
    EVENT_RETENTION_DAYS: 'off',
    ...Object.fromEntries(Object.entries(subgraphs.subgraphUrls).map(([name, url]) => [`SUBGRAPH_${(name as SubgraphName).toUpperCase().replace(/-/g, '_')}_URL`, url])),
  };
  const entry = fileURLToPath(new URL('../../gateway/index.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if ((output.match(/gateway on /g) ?? []).length >= count) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the gateway processes exited with code ${code}: ${output.slice(-2000)}`)));
  });
  child.stdout!.resume();
  const pids = () => [child.pid!, ...childrenOf(child.pid!)];
  return {
    url: `http://127.0.0.1:${port}`,
    layout: `${count} gateway process${count > 1 ? 'es' : ''} + subgraphs`,
    fetches: () => undefined,
    cpuMicros: () => {
      const own = process.cpuUsage();
      return own.user + own.system + pids().reduce((sum, pid) => sum + cpuOf(pid).user + cpuOf(pid).system, 0);
    },
    cpuSplit: () => {
      const split = process.cpuUsage();
      for (const pid of pids()) {
        const cpu = cpuOf(pid);
        split.user += cpu.user;
        split.system += cpu.system;
      }
      return split;
    },
    rssBytes: () => process.memoryUsage.rss() + pids().reduce((sum, pid) => sum + rssOf(pid), 0),
    rssParts: () => [
      { name: 'subgraphs (and the bench)', bytes: process.memoryUsage.rss() },
      { name: 'cluster primary', bytes: rssOf(child.pid!) },
      ...childrenOf(child.pid!).map((pid, i) => ({ name: `gateway ${i + 1}`, bytes: rssOf(pid) })),
    ],
    feed: () => undefined,
    async close() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      await subgraphs.close();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

const TICK_MICROS = 10_000; // CLK_TCK 100
const PAGE = 4096;

function childrenOf(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** utime and stime of a process (with its threads), from /proc, in µs. */
export function cpuOf(pid: number): { user: number; system: number } {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * TICK_MICROS, system: Number(fields[12]) * TICK_MICROS };
  } catch {
    return { user: 0, system: 0 };
  }
}

function rssOf(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
  } catch {
    return 0;
  }
}
