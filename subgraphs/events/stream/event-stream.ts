import { and, asc, gt, lte, max } from 'drizzle-orm';
import type { Database } from '../../../platform/db.ts';
import type { Scope } from '../../../platform/scope.ts';
import { BoundedQueue } from '../../../platform/bounded-queue.ts';
import { events, type EventRow } from '../../../platform/event-log-table.ts';
import { eventSeq, filterSql } from '../data.ts';
import { typeMatches } from '../type-filter.ts';
import { READ_BATCH, type EventSource } from './database-source.ts';
import { eventStreamEvents } from '../../../platform/metrics/instruments.ts';
import { trackEventStream } from '../../../platform/metrics/sources.ts';

/** What one subscriber wants: its organization (always), and the optional narrowing filters. */
export interface ActivityFilter {
  organizationId: string;
  workspaceId?: string | null;
  /** Exact types and prefixes ending in a dot. */
  types?: readonly string[];
  subjectId?: string;
  actorId?: string;
}

export function matches(filter: ActivityFilter, event: EventRow): boolean {
  if (event.organizationId !== filter.organizationId) return false;
  if (filter.workspaceId && event.workspaceId !== filter.workspaceId) return false;
  if (filter.subjectId && event.subjectId !== filter.subjectId) return false;
  if (filter.actorId && event.actorId !== filter.actorId) return false;
  return typeMatches(filter.types, event.type);
}

/** Events a subscriber may have queued before it counts as lagging (it then reads the log itself). */
const BUFFER_LIMIT = 1000;

/** What a full queue ends with inside the hub: not an error for the client, a cue to read the log. */
const LAGGING = Symbol('lagging');

interface Subscriber {
  filter: ActivityFilter;
  queue: BoundedQueue<EventRow>;
}

/**
 * The live event stream of one process: ONE reader follows the log by seq (woken by NOTIFY, or fed
 * by a bus) and fans every event out in memory to the subscribers whose filter it matches, so the
 * database work per event does not grow with the number of subscribers. A subscriber that resumes
 * from a cursor first reads its own history, up to the position the reader had reached when it
 * registered, then continues with the live events queued since: no gap and no duplicate.
 */
export class EventStream {
  private at = 0;
  private readonly subscribers = new Set<Subscriber>();
  private readonly listeners = new Set<(rows: EventRow[]) => void>();
  private started: Promise<void> | null = null;
  private stopped = false;
  /** Stops reporting this stream's position and lag (platform/metrics). */
  private untrack = () => {};

  /** `source` is the one reader of this process: the database (database-source.ts) or NATS (nats-source.ts). */
  constructor(
    private readonly database: Database,
    private readonly source: EventSource,
  ) {}

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Rows per read of the log (database-source.ts), of the live stream and of a catch-up. */
  get batchSize(): number {
    return READ_BATCH;
  }

  /**
   * The seq of the last event dispatched. Read in the same synchronous step as a registration, it
   * splits the log exactly: every later event is dispatched after it, every earlier one is history.
   */
  get position(): number {
    return this.at;
  }

  /**
   * Calls `listener` with every batch of new events, in seq order, in the same synchronous step that
   * advances `position` (the gateway's grouped fan-out follows the stream this way). Returns the
   * function that stops it.
   */
  listen(listener: (rows: EventRow[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The events matching `filter` with `after` < seq <= `upTo`, oldest first, at most `limit`. */
  history(filter: ActivityFilter, after: number, upTo: number, limit = READ_BATCH): Promise<EventRow[]> {
    return readRange(this.database, filter, after, upTo, limit);
  }

  /**
   * The seq of the event a cursor names, if `scope` may see it: its organization, and its workspace
   * when the token is narrowed (undefined otherwise, exactly as for no event).
   */
  seqOf(scope: Scope, eventId: string): Promise<number | undefined> {
    return eventSeq(this.database.db, scope, eventId);
  }

  /**
   * Starts the reader at the log's current end (idempotent; the first subscription calls it). A
   * start that fails (the database or NATS unreachable at that moment) is forgotten, so the next
   * subscription tries again: live activity must not stay down for the process's life after a blip.
   */
  start(): Promise<void> {
    this.started ??= (async () => {
      const [{ last }] = await this.database.db.select({ last: max(events.seq) }).from(events);
      this.at = Number(last ?? 0);
      await this.source.start(this.at, (rows) => this.dispatch(rows));
      this.untrack();
      this.untrack = trackEventStream(this);
    })().catch((error: unknown) => {
      this.started = null;
      throw error;
    });
    return this.started;
  }

  /** The seq of the log's newest event (its lag, for metrics, is this minus `position`). */
  async head(): Promise<number> {
    const [{ last }] = await this.database.uncounted.db.select({ last: max(events.seq) }).from(events);
    return Number(last ?? 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.untrack();
    if (this.started) {
      await this.started.catch(() => undefined);
      await this.source.stop();
    }
    for (const subscriber of this.subscribers) subscriber.queue.end();
    this.subscribers.clear();
    this.listeners.clear();
  }

  private dispatch(rows: EventRow[]) {
    const fresh: EventRow[] = [];
    for (const row of rows) {
      if (row.seq <= this.at) continue;
      this.at = row.seq;
      fresh.push(row);
      for (const subscriber of this.subscribers) {
        if (matches(subscriber.filter, row)) subscriber.queue.push(row);
      }
    }
    if (fresh.length) eventStreamEvents.inc(fresh.length);
    if (fresh.length) for (const listener of this.listeners) listener(fresh);
  }

  /**
   * The events matching `filter` with seq > `afterSeq` (history first, then live), or only the live
   * ones when `afterSeq` is null. A subscriber that lets more than the buffer limit pile up (a burst
   * bigger than the buffer, or a consumer slower than the writers) is not cut off here: its queue
   * stops taking live events, it reads on from the log at its own pace, and rejoins the live
   * stream once it has caught up. Memory stays bounded and nothing is skipped; only lagging
   * subscribers cost reads. Cutting off clients that never catch up is the gateway's job.
   */
  async subscribe(filter: ActivityFilter, afterSeq: number | null): Promise<AsyncIterableIterator<EventRow>> {
    await this.start();
    if (this.stopped) throw new Error('the event stream is stopped');
    const stream = this;
    const subscriber: Subscriber = { filter, queue: this.lagMarker() };
    // Registration and reading `position` happen in one synchronous step: every event after the
    // returned position reaches the queue, every event up to it is read from the log.
    const join = (): number => {
      subscriber.queue = this.lagMarker();
      subscriber.queue.closed = () => this.subscribers.delete(subscriber);
      this.subscribers.add(subscriber);
      return this.at;
    };
    let target = join();
    let last = afterSeq ?? target;

    async function* run(): AsyncGenerator<EventRow> {
      try {
        for (;;) {
          while (last < target) {
            const rows = await readRange(stream.database, filter, last, target);
            for (const row of rows) {
              last = row.seq;
              yield row;
            }
            if (rows.length < READ_BATCH) last = target;
          }
          try {
            for await (const row of subscriber.queue) {
              last = row.seq;
              yield row;
            }
            return;
          } catch (error) {
            if (error !== LAGGING) throw error;
            // The queue overflowed: everything up to `last` was delivered; read on from the log.
            target = join();
          }
        }
      } finally {
        stream.subscribers.delete(subscriber);
        await subscriber.queue.return();
      }
    }
    return run();
  }

  private lagMarker(): BoundedQueue<EventRow> {
    return new BoundedQueue<EventRow>(BUFFER_LIMIT, () => LAGGING);
  }

}

function readRange(database: Database, filter: ActivityFilter, after: number, upTo: number, limit = READ_BATCH): Promise<EventRow[]> {
  const where = and(
    filterSql({ organizationId: filter.organizationId, workspaceId: filter.workspaceId ?? null }, {
      types: filter.types,
      subjectId: filter.subjectId,
      actorId: filter.actorId,
    }),
    gt(events.seq, after),
    lte(events.seq, upTo),
  );
  return database.db.select().from(events).where(where).orderBy(asc(events.seq)).limit(limit);
}
