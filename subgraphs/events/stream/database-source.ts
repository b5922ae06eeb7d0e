import { asc, gt } from 'drizzle-orm';
import type { Database } from '../../../platform/db.ts';
import { EVENTS_CHANNEL } from '../../../platform/event-log.ts';
import { events, type EventRow } from '../../../platform/event-log-table.ts';
import { log } from '../../../platform/log.ts';

const logger = log.child({ component: 'events' });

/** Rows per read, of the live log and of a subscriber's catch-up. */
export const READ_BATCH = 500;
/** The log is read this often even without a NOTIFY, in case one was lost with a dropped connection. */
const POLL_MS = 2000;

/** Where new events come from: the database itself, or a bus another process feeds (nats-source.ts). */
export interface EventSource {
  /** Starts delivering every event with seq > `after`, in seq order, to `deliver`. */
  start(after: number, deliver: (rows: EventRow[]) => void): Promise<void>;
  stop(): Promise<void>;
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

  constructor(private readonly database: Database) {}

  async start(after: number, deliver: (rows: EventRow[]) => void): Promise<void> {
    this.position = after;
    this.deliver = deliver;
    this.unlisten = await this.database.listen(EVENTS_CHANNEL, () => this.wake());
    this.timer = setInterval(() => this.wake(), POLL_MS);
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
      const rows = await this.database.db.select().from(events).where(gt(events.seq, this.position)).orderBy(asc(events.seq)).limit(READ_BATCH);
      if (rows.length === 0 || this.stopped) return;
      this.position = rows[rows.length - 1].seq;
      this.deliver(rows);
      if (rows.length < READ_BATCH) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.reading;
    await this.unlisten?.().catch(() => undefined);
  }
}
