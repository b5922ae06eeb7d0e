import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { log } from '../../platform/log.ts';

const logger = log.child({ component: 'events' });

/**
 * Event retention (events.txt: "Events are retained for 90 days"). Events older than the window
 * are deleted in bounded batches: each batch is one short statement of its own (autocommitted, no
 * surrounding transaction), so a sweep over millions of expired rows never holds a long
 * transaction or locks many rows at once, and appends and stream readers go on between batches.
 * Deleting is idempotent, so replicas that sweep at the same time only repeat each other's work.
 * The cutoff index (events_created_idx) finds each batch; the primary key deletes it.
 */
export const DEFAULT_BATCH_SIZE = 10_000;
export const DEFAULT_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgeOptions {
  /** Events created more than this many days before `now` are removed. */
  days: number;
  /** The clock the window is measured from; tests pass one. */
  now?: Date;
  /** Rows one statement deletes at most. */
  batchSize?: number;
  /** Checked between batches: a stopping process ends the sweep at the next batch boundary. */
  shouldStop?: () => boolean;
}

export interface PurgeResult {
  /** Rows deleted in all. */
  deleted: number;
  /** Statements that deleted them: the last one deletes fewer than a batch (possibly none). */
  batches: number;
  cutoff: Date;
}

/** Deletes every event created before `now - days`, `batchSize` rows per statement. */
export async function purgeExpiredEvents(database: Database, options: PurgeOptions): Promise<PurgeResult> {
  const { days, batchSize = DEFAULT_BATCH_SIZE } = options;
  if (!Number.isInteger(days) || days < 1) throw new Error(`retention days must be a positive integer, got ${days}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive integer, got ${batchSize}`);
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * DAY_MS);
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const [{ n }] = await database.rows<{ n: number }>(sql`
      with doomed as (
        select seq from events.events where created_at < ${cutoff.toISOString()}::timestamptz limit ${batchSize}
      ), gone as (
        delete from events.events where seq in (select seq from doomed) returning 1
      )
      select count(*)::int as n from gone`);
    deleted += n;
    batches += 1;
    if (n < batchSize || options.shouldStop?.()) break;
  }
  return { deleted, batches, cutoff };
}

export interface EventRetention {
  /** One sweep now, after any sweep already running (the timer and callers never overlap). */
  sweep(): Promise<PurgeResult>;
  /** Stops the timer and waits for a running sweep to reach its next batch boundary. */
  stop(): Promise<void>;
}

export interface RetentionSchedule {
  days: number;
  /** Time between sweeps; the first one starts right away. */
  intervalMs?: number;
  batchSize?: number;
  /** Where a failed sweep is reported; the next one runs on schedule all the same. */
  onError?: (error: unknown) => void;
}

/**
 * Sweeps periodically in this process (the events subgraph's, or the whole system's under
 * `npm start`). The timer is unref'd: it never keeps a process alive on its own.
 */
export function startEventRetention(database: Database, schedule: RetentionSchedule): EventRetention {
  const { days, intervalMs = DEFAULT_INTERVAL_MS, batchSize } = schedule;
  const onError = schedule.onError ?? ((error) => logger.error({ err: error }, 'event retention sweep failed'));
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const sweep = (): Promise<PurgeResult> => {
    const next = running.then(() => purgeExpiredEvents(database, { days, batchSize, shouldStop: () => stopped }));
    running = next.catch(() => undefined);
    return next;
  };
  const tick = () => {
    if (!stopped) sweep().catch(onError);
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
