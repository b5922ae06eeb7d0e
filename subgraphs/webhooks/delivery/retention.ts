import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { rowsOf } from './queue.ts';

/**
 * Deliveries and their attempts are retained like events (EVENT_RETENTION_DAYS): a finished
 * delivery older than the window is deleted, attempts with it, in bounded batches (one short
 * statement each, as the event sweep does). A delivery still pending is never deleted.
 */
const DAY_MS = 24 * 3600 * 1000;

export async function purgeExpiredDeliveries(db: Db, days: number, now = new Date(), batchSize = 10_000): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  let deleted = 0;
  for (;;) {
    const [{ n }] = rowsOf(await db.execute(sql`
      with doomed as (
        select id from webhooks.deliveries where created_at < ${cutoff}::timestamptz and status <> 'pending' limit ${batchSize}
      ), gone as (
        delete from webhooks.deliveries where id in (select id from doomed) returning 1
      )
      select count(*)::int as n from gone`)) as Array<{ n: number }>;
    deleted += Number(n);
    if (Number(n) < batchSize) return deleted;
  }
}
