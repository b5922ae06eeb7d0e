import { randomUUID } from 'node:crypto';
import { and, asc, gt, lte } from 'drizzle-orm';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { Database } from '../../../platform/db.ts';
import { events, type EventRow } from '../../../platform/event-log-table.ts';
import { DatabaseSource, READ_BATCH, type EventSource } from './database-source.ts';
import { log } from '../../../platform/log.ts';

const logger = log.child({ component: 'events' });

const LEASE_SECONDS = 10;
const SEQ_HEADER = 'Scrums-Seq';
/** The seq of the event published before this one: a reader that has not seen it reads the gap from the database. */
const PREV_HEADER = 'Scrums-Prev';

export interface NatsSourceOptions {
  url: string;
  /** Names the stream, subject and lease bucket, so deployments (and test runs) sharing a NATS server stay apart. */
  namespace?: string;
}

/**
 * Fan-out between replicas over NATS JetStream. One replica at a time holds a lease (a key in a
 * JetStream KV bucket with a TTL) and is the publisher: it follows the log by seq like a lone
 * process does and publishes every event, in order, with its seq and the seq published before it.
 * Every replica, the publisher included, reads the JetStream stream and fans out to its own
 * subscribers, so the database is read once per event for the whole cluster, not once per replica.
 *
 * Nothing is lost when the publisher changes or a replica starts late: each message names the seq
 * published before it, and a reader whose position is behind that reads the missing range from the
 * database before going on. Duplicates (a new publisher republishing) are dropped by seq.
 */
export class NatsSource implements EventSource {
  private nc: NatsConnection | null = null;
  private messages: ConsumerMessages | null = null;
  private position = 0;
  private deliver: (rows: EventRow[]) => void = () => {};
  private publisher: DatabaseSource | null = null;
  private lease: { kv: KV; revision: number } | null = null;
  private leaseTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private chain = Promise.resolve();
  private readonly id = randomUUID();
  private readonly streamName: string;
  private readonly subject: string;
  private readonly bucket: string;
  /** Whether this process publishes (tests and the benchmark read it). */
  get isPublisher(): boolean {
    return this.publisher !== null;
  }

  constructor(
    private readonly database: Database,
    private readonly options: NatsSourceOptions,
  ) {
    const ns = (options.namespace ?? 'scrums').replace(/[^A-Za-z0-9_-]/g, '_');
    this.streamName = `${ns.toUpperCase()}_EVENTS`;
    this.subject = `${ns}.events`;
    this.bucket = `${ns}_event_publisher`;
  }

  async start(after: number, deliver: (rows: EventRow[]) => void): Promise<void> {
    this.position = after;
    this.deliver = deliver;
    try {
      await this.open();
    } catch (error) {
      // Leave nothing half-open: the stream forgets a failed start and the next subscription retries it.
      if (this.leaseTimer) clearInterval(this.leaseTimer);
      this.leaseTimer = null;
      await this.messages?.close().catch(() => undefined);
      await this.nc?.close().catch(() => undefined);
      this.messages = null;
      this.nc = null;
      throw error;
    }
  }

  private async open(): Promise<void> {
    this.nc = await connect({ servers: this.options.url, name: `scrums-events-${this.id}` });
    const jsm = await jetstreamManager(this.nc);
    await jsm.streams.add({ name: this.streamName, subjects: [this.subject], max_age: 3600 * 1e9, duplicate_window: 120 * 1e9 }).catch(async (error) => {
      // Already there (another replica made it): keep it as it is.
      if (!(await jsm.streams.info(this.streamName).catch(() => null))) throw error;
    });
    const js = jetstream(this.nc);
    const consumer = await js.consumers.get(this.streamName, { deliver_policy: DeliverPolicy.New });
    // The consumer gets what is published from now on. An event published between reading the end
    // of the log (`after`) and now would otherwise wait for the next message, which names it as its
    // predecessor, however long that takes: it is read from the database first, as the database
    // source reads what was committed before its LISTEN took effect. Messages are handled after it,
    // on the same chain, and what comes twice is dropped by seq. (A failure fails the start.)
    const caughtUp = this.chain.then(() => this.readGap(Number.MAX_SAFE_INTEGER));
    this.chain = caughtUp.catch(() => undefined);
    await caughtUp;
    this.messages = await consumer.consume();
    void (async () => {
      for await (const message of this.messages!) {
        const seq = Number(message.headers?.get(SEQ_HEADER));
        const prev = Number(message.headers?.get(PREV_HEADER));
        const row = reviveRow(message.json<EventRow>());
        this.chain = this.chain.then(() => this.receive(seq, prev, row)).catch((error) => logger.error({ err: error }, 'NATS delivery failed'));
      }
    })();
    const kvm = new Kvm(this.nc);
    const kv = await kvm.create(this.bucket, { ttl: LEASE_SECONDS * 1000, history: 1 });
    await this.campaign(kv);
    this.leaseTimer = setInterval(() => void this.campaign(kv), (LEASE_SECONDS * 1000) / 3);
    this.leaseTimer.unref();
  }

  /** Takes the lease when it is free, renews it when held; publishes only while it holds it. */
  private async campaign(kv: KV): Promise<void> {
    if (this.stopped) return;
    if (this.lease) {
      try {
        this.lease.revision = await kv.update('publisher', this.id, this.lease.revision);
      } catch {
        // Lost (expired while we were stalled, or taken over): stop publishing.
        this.lease = null;
        const publisher = this.publisher;
        this.publisher = null;
        await publisher?.stop();
        return;
      }
      if (!this.publisher) await this.startPublishing();
      return;
    }
    try {
      this.lease = { kv, revision: await kv.create('publisher', this.id) };
    } catch {
      // Held by someone: unless it is us (a create whose answer was lost), wait for the next round.
      const entry = await kv.get('publisher').catch(() => null);
      if (entry?.string() !== this.id) return;
      this.lease = { kv, revision: entry.revision };
    }
    await this.startPublishing();
  }

  private async startPublishing() {
    try {
      await this.publish();
    } catch (error) {
      // Keep the lease and try again on the next round; readers cover any gap from the database.
      const publisher = this.publisher;
      this.publisher = null;
      await publisher?.stop().catch(() => undefined);
      logger.error({ err: error }, 'could not start publishing to NATS; retrying');
    }
  }

  private async publish() {
    const js = jetstream(this.nc!);
    const jsm = await jetstreamManager(this.nc!);
    // Carry on after the last event any publisher put on the stream, or from here when it is empty.
    const info = await jsm.streams.info(this.streamName);
    let prev = this.position;
    if (info.state.messages > 0) {
      const last = await jsm.streams.getMessage(this.streamName, { seq: info.state.last_seq });
      const lastSeq = Number(last?.header?.get(SEQ_HEADER));
      if (Number.isFinite(lastSeq)) prev = lastSeq;
    }
    const publisher = new DatabaseSource(this.database);
    this.publisher = publisher;
    let publishing = Promise.resolve();
    // Each message names the event READ before it, not the one last published: when a publish
    // fails, the next message that goes out still tells readers what they missed, and they read it
    // from the database.
    let read = prev;
    await publisher.start(prev, (rows) => {
      const batch = rows.map((row) => {
        const before = read;
        read = row.seq;
        return { row, before };
      });
      publishing = publishing.then(async () => {
        for (const { row, before } of batch) {
          const h = natsHeaders();
          h.set(SEQ_HEADER, String(row.seq));
          h.set(PREV_HEADER, String(before));
          await js.publish(this.subject, JSON.stringify(row), { msgID: row.id, headers: h });
        }
      }).catch(async (error) => {
        logger.error({ err: error }, 'NATS publish failed; publishing restarts from the stream\'s last event');
        // Start over from what the stream holds (the lease's next round), so an event whose publish
        // failed goes out again even if no later event comes to name it.
        if (this.publisher === publisher) {
          this.publisher = null;
          await publisher.stop().catch(() => undefined);
        }
      });
    });
  }

  private async receive(seq: number, prev: number, row: EventRow) {
    if (this.stopped || seq <= this.position) return;
    if (prev > this.position) {
      // Published before this reader was listening, or by a publisher it never heard: read the gap.
      // Until the database answers, this event (and the ones behind it) wait: delivering it first
      // would skip the gap for good, since positions only move forward.
      for (let attempt = 0; ; attempt++) {
        try {
          await this.readGap(prev);
          break;
        } catch (error) {
          if (this.stopped) return;
          if (attempt === 0) logger.warn({ err: error }, 'could not read a gap in the NATS stream from the database; retrying');
          await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5000)));
        }
      }
      if (this.stopped) return;
    }
    this.position = seq;
    this.deliver([row]);
  }

  /** Delivers the events after this reader's position up to `upTo` from the database, a batch at a time. */
  private async readGap(upTo: number) {
    for (;;) {
      const gap = await this.database.db.select().from(events)
        .where(and(gt(events.seq, this.position), lte(events.seq, upTo))).orderBy(asc(events.seq)).limit(READ_BATCH);
      if (this.stopped || gap.length === 0) break;
      this.position = gap[gap.length - 1].seq;
      this.deliver(gap);
      if (gap.length < READ_BATCH) break;
    }
    if (upTo !== Number.MAX_SAFE_INTEGER) this.position = Math.max(this.position, upTo);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    await this.publisher?.stop();
    if (this.lease) await this.lease.kv.delete('publisher').catch(() => undefined);
    await this.messages?.close().catch(() => undefined);
    await this.nc?.drain().catch(() => undefined);
  }
}

/** JSON carries dates as strings; the stream's rows have them as Dates, as read from the database. */
function reviveRow(row: EventRow): EventRow {
  return { ...row, createdAt: new Date(row.createdAt as unknown as string) };
}
