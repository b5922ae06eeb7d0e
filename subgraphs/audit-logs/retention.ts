import { sql } from 'drizzle-orm';
import type { Database, Handle } from '../../platform/db.ts';
import { log } from '../../platform/log.ts';
import { isDatabaseUnavailable } from '../../platform/unavailable.ts';

const logger = log.child({ component: 'audit' });

/**
 * Audit logs are kept 12 months (events.txt), then deleted by an hourly sweep in bounded batches,
 * each one short statement of its own, as the event sweep does (subgraphs/events/retention.ts).
 * Deleting is idempotent, so replicas that sweep at once only repeat each other's work.
 */
export const AUDIT_RETENTION_DAYS = 365;
const DAY_MS = 24 * 3600 * 1000;
const SWEEP_EVERY_MS = 3600 * 1000;

/** Deletes every entry recorded more than AUDIT_RETENTION_DAYS before `now`; returns how many. */
export async function purgeExpiredAuditLogs(database: Handle, now = new Date(), batchSize = 10_000): Promise<number> {
  const cutoff = new Date(now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS).toISOString();
  let deleted = 0;
  for (;;) {
    const [{ n }] = await database.rows<{ n: number }>(sql`
      with doomed as (select id from audit.audit_logs where created_at < ${cutoff}::timestamptz limit ${batchSize}),
      gone as (delete from audit.audit_logs where id in (select id from doomed) returning 1)
      select count(*)::int as n from gone`);
    deleted += Number(n);
    if (Number(n) < batchSize) return deleted;
  }
}

/** The hourly sweep of the process serving the subgraph; the first runs at once. Stopped with the subgraph. */
export function startAuditRetention(database: Database, intervalMs = SWEEP_EVERY_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    // On the sweep's own time: uncounted, like the other background work.
    running = running.then(() => purgeExpiredAuditLogs(database.uncounted)).catch((error) => {
      // An unreachable database is an outage: the next sweep retries it.
      if (isDatabaseUnavailable(error)) logger.warn({ err: error }, 'audit log retention sweep: database unavailable');
      else logger.error({ err: error }, 'audit log retention sweep failed');
    });
  };
  const first = setTimeout(sweep, 0);
  const timer = setInterval(sweep, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
