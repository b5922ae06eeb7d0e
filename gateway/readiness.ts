import { sql } from 'drizzle-orm';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Database } from '../platform/db.ts';

export interface Readiness {
  status: 'ready' | 'unavailable';
  database: string;
  /** The parts that do not answer: subgraph names, `database`, `nats`. */
  unavailable?: string[];
  /** Parts that do not answer but without which this gateway still serves correctly: `redis` (rate limits count in memory meanwhile). */
  degraded?: string[];
}

/** A part readiness probes besides the database and the subgraphs (NATS, Redis, when configured). */
export interface ReadinessProbe {
  name: string;
  check(): Promise<unknown>;
  /** Its failure leaves the gateway ready (listed under `degraded`), as Redis does: the rate limits fall back to memory. */
  degradesOnly?: boolean;
}

/** How long one part may take to answer a readiness probe. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * Whether this gateway can serve: its database answers a statement, every subgraph answers its
 * own /ready (the subgraph's process is up, not shutting down, and reaches its database), and
 * NATS answers a PING when NATS_URL is set, all probed in parallel; Redis (REDIS_URL) is probed too
 * but only degrades. /health stays the liveness check (the process is up); a load balancer takes a
 * replica out of rotation on /ready, and an operator reads there which part is down.
 */
export async function checkReadiness(database: Database, subgraphUrls: Record<string, string>, probes: ReadinessProbe[] = []): Promise<Readiness> {
  const all: ReadinessProbe[] = [
    { name: 'database', check: () => database.uncounted.rows(sql`select 1`) },
    ...Object.entries(subgraphUrls).map(([name, url]) => ({
      name,
      check: async () => {
        const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await response.body?.cancel();
        if (!response.ok) throw new Error(`ready answered ${response.status}`);
      },
    })),
    ...probes,
  ];
  const failed = (await Promise.all(all.map(probe))).filter((p): p is ReadinessProbe => p !== null);
  const unavailable = failed.filter((p) => !p.degradesOnly).map((p) => p.name);
  const degraded = failed.filter((p) => p.degradesOnly).map((p) => p.name);
  const database_ = unavailable.includes('database') ? 'unavailable' : database.engine;
  return {
    status: unavailable.length === 0 ? 'ready' : 'unavailable',
    database: database_,
    ...(unavailable.length ? { unavailable } : {}),
    ...(degraded.length ? { degraded } : {}),
  };
}

/** The probe when it fails or takes longer than the probe timeout, null when it answers. */
async function probe(part: ReadinessProbe): Promise<ReadinessProbe | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), PROBE_TIMEOUT_MS)));
  try {
    await Promise.race([part.check(), timeout]);
    return null;
  } catch {
    return part;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * NATS for readiness: one connection of its own, opened on the first probe and kept (reconnecting
 * by itself); each probe is a PING answered (flush). A server that is down fails the probe.
 */
export function natsProbe(url: string): ReadinessProbe & { close(): Promise<void> } {
  let connection: Promise<NatsConnection> | null = null;
  let closed = false;
  const open = () =>
    (connection ??= connect({ servers: url, name: 'gateway-readiness', timeout: PROBE_TIMEOUT_MS, maxReconnectAttempts: -1, reconnectTimeWait: 500 }).catch((error: unknown) => {
      connection = null;
      throw error;
    }));
  return {
    name: 'nats',
    async check() {
      if (closed) throw new Error('closed');
      const nc = await open();
      if (nc.isClosed()) {
        connection = null;
        throw new Error('nats connection closed');
      }
      await nc.flush();
    },
    async close() {
      closed = true;
      const pending = connection;
      connection = null;
      await (await pending?.catch(() => null))?.close().catch(() => undefined);
    },
  };
}
