import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db.ts';

export interface Readiness {
  status: 'ready' | 'unavailable';
  database: string;
  /** The parts that do not answer: subgraph names, and `database`. */
  unavailable?: string[];
}

/** How long one part may take to answer a readiness probe. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * Whether this gateway can serve: its database answers a statement and every subgraph answers
 * its /health, probed in parallel. /health stays the liveness check (the process is up); a load
 * balancer takes a replica out of rotation on /ready, and an operator reads there which part is down.
 */
export async function checkReadiness(database: Database, subgraphUrls: Record<string, string>): Promise<Readiness> {
  const probes = [
    probe('database', () => database.rows(sql`select 1`)),
    ...Object.entries(subgraphUrls).map(([name, url]) =>
      probe(name, async () => {
        const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await response.body?.cancel();
        if (!response.ok) throw new Error(`health answered ${response.status}`);
      }),
    ),
  ];
  const unavailable = (await Promise.all(probes)).filter((name): name is string => name !== null);
  if (unavailable.length === 0) return { status: 'ready', database: database.engine };
  return { status: 'unavailable', database: unavailable.includes('database') ? 'unavailable' : database.engine, unavailable };
}

/** The part's name when it fails or takes longer than the probe timeout, null when it answers. */
async function probe(name: string, check: () => Promise<unknown>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), PROBE_TIMEOUT_MS)));
  try {
    await Promise.race([check(), timeout]);
    return null;
  } catch {
    return name;
  } finally {
    clearTimeout(timer);
  }
}
