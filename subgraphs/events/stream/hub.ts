import { and, asc, eq, gt, lte, max } from 'drizzle-orm';
import type { Database } from '../../kit/db.ts';
import { BoundedQueue } from '../../kit/bounded-queue.ts';
import { EVENTS_CHANNEL } from '../../kit/event-log.ts';
import { events } from '../tables.ts';
import type { EventRow } from '../models.ts';
import { filterSql } from '../data.ts';
import { eventScope } from '../lookups.ts';
import { log } from '../../kit/log.ts';

const logger = log.child({ component: 'events' });

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
  if (filter.types?.length && !filter.types.some((t) => (t.endsWith('.') ? event.type.startsWith(t) : event.type === t))) return false;
  return true;
}

/** Where new events come from: the database itself, or a bus another process feeds (stream/nats.ts). */
export interface EventSource {
  /** Starts delivering every event with seq > `after`, in seq order, to `deliver`. */
  start(after: number, deliver: (rows: EventRow[]) => void): Promise<void>;
  stop(): Promise<void>;
}

export interface EventStreamOptions {
  /** Events a subscriber may have queued before it counts as too slow. */
  bufferLimit?: number;
  /** Rows per read, of the live log and of a subscriber's catch-up. */
  batchSize?: number;
  /** Reads the log this often even without a NOTIFY, in case one was lost with a dropped connection. */
  pollMs?: number;
}

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
  private readonly bufferLimit: number;
  readonly batchSize: number;
  readonly pollMs: number;
  private source: EventSource | null = null;
  /** Statements the reader itself has sent (the benchmark reports them per event). */
  readonly stats = { reads: 0, delivered: 0 };

  constructor(
    private readonly database: Database,
    options: EventStreamOptions = {},
    private readonly sourceFactory?: (stream: EventStream) => EventSource,
  ) {
    this.bufferLimit = options.bufferLimit ?? 1000;
    this.batchSize = options.batchSize ?? 500;
    this.pollMs = options.pollMs ?? 2000;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
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
  history(filter: ActivityFilter, after: number, upTo: number, limit = this.batchSize): Promise<EventRow[]> {
    return readRange(this.database, filter, after, upTo, limit);
  }

  /** Starts the reader at the log's current end (idempotent; the first subscription calls it). */
  start(): Promise<void> {
    this.started ??= (async () => {
      const [{ last }] = await this.database.db.select({ last: max(events.seq) }).from(events);
      this.at = Number(last ?? 0);
      this.source = this.sourceFactory ? this.sourceFactory(this) : new DatabaseSource(this.database, this.batchSize, this.pollMs, this.stats);
      await this.source.start(this.at, (rows) => this.dispatch(rows));
    })();
    return this.started;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.started) await this.started.catch(() => undefined);
    await this.source?.stop();
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
        if (matches(subscriber.filter, row)) {
          this.stats.delivered++;
          subscriber.queue.push(row);
        }
      }
    }
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
            const rows = await readRange(stream.database, filter, last, target, stream.batchSize);
            for (const row of rows) {
              last = row.seq;
              yield row;
            }
            if (rows.length < stream.batchSize) last = target;
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
            stream.lagged++;
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

  /** Subscribers that fell behind a burst and went back to reading the log (the benchmark reports it). */
  lagged = 0;

  private lagMarker(): BoundedQueue<EventRow> {
    return new BoundedQueue<EventRow>(this.bufferLimit, () => LAGGING);
  }

  /**
   * The seq of the event a cursor names, if the subscriber's scope may see it: its organization,
   * and its workspace when the token is narrowed (undefined otherwise, exactly as for no event).
   */
  async seqOf(scope: { organizationId: string; workspaceId: string | null }, eventId: string): Promise<number | undefined> {
    const rows = await this.database.db
      .select({ seq: events.seq })
      .from(events)
      .where(and(eq(events.id, eventId), eventScope(scope)))
      .limit(1);
    return rows[0]?.seq;
  }

}

function readRange(database: Database, filter: ActivityFilter, after: number, upTo: number, limit: number): Promise<EventRow[]> {
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

/**
 * The reader on the database: LISTEN wakes it, it reads everything after its position in seq order
 * (one statement per batch, whatever the number of subscribers), and a slow poll covers a lost NOTIFY.
 */
export class DatabaseSource implements EventSource {
  private position = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private unlisten: (() => Promise<void>) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private deliver: (rows: EventRow[]) => void = () => {};
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly batchSize: number,
    private readonly pollMs: number,
    private readonly stats: { reads: number },
  ) {}

  async start(after: number, deliver: (rows: EventRow[]) => void): Promise<void> {
    this.position = after;
    this.deliver = deliver;
    this.unlisten = await this.database.listen(EVENTS_CHANNEL, () => this.wake());
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    // Anything committed between reading the end of the log and LISTEN taking effect.
    this.wake();
  }

  /** Reads now, or once more right after the read in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.drain()
      .catch((error) => logger.error({ err: error }, 'stream read failed; retrying on the next wake-up'))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain() {
    for (;;) {
      this.stats.reads++;
      const rows = await this.database.db.select().from(events).where(gt(events.seq, this.position)).orderBy(asc(events.seq)).limit(this.batchSize);
      if (rows.length === 0 || this.stopped) return;
      this.position = rows[rows.length - 1].seq;
      this.deliver(rows);
      if (rows.length < this.batchSize) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.reading;
    await this.unlisten?.().catch(() => undefined);
  }
}
