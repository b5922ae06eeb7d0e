import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Database, Db } from '../../../platform/db.ts';
import { EVENTS_CHANNEL } from '../../../platform/event-log.ts';
import { unseal, type SealingKey } from '../../../platform/secrets.ts';
import { log } from '../../../platform/log.ts';
import { isDatabaseUnavailable } from '../../../platform/unavailable.ts';
import { endpoints, secrets } from '../tables.ts';
import type { DeliveryRow } from '../models.ts';
import type { WebhookSettings } from '../../../platform/webhook-settings.ts';
import { signedHeaders } from '../signing.ts';
import { dispatchBatch } from './dispatcher.ts';
import { claimDeliveries, nextDueAt, WEBHOOKS_CHANNEL } from './queue.ts';
import { recordAttempt, recordLostAttempt, type Verdict } from './record.ts';
import { sendAttempt, type AttemptOutcome } from './sender.ts';
import { webhookAttempts } from '../../../platform/metrics/instruments.ts';

const logger = log.child({ component: 'webhooks' });

export interface WebhookWorkerOptions {
  database: Database;
  sealingKey: SealingKey;
  settings: WebhookSettings;
  /** Longest sleep without a notification (a lost NOTIFY costs at most this much delay). */
  pollMs?: number;
  /** Events the dispatcher reads per transaction. */
  batchSize?: number;
}

export interface WorkerStats {
  dispatched: number;
  attempts: number;
  verdicts: Record<Verdict, number>;
}

/**
 * One delivery worker per process (the webhooks subgraph's, or the whole system's under `npm
 * start`): it dispatches new events into deliveries, and keeps up to `settings.concurrency`
 * attempts in flight, each on a different endpoint's head, so a slow or dead endpoint occupies one
 * slot and holds back nobody else. It wakes on NOTIFY (a new event, a newly due delivery) and
 * otherwise sleeps until the next retry is due. Several processes share the queue: claims are
 * SKIP LOCKED and leased, so an attempt is made by one worker only. Its own statements go through
 * a handle outside the request statement counter (they are nobody's request).
 */
export function createWebhookWorker(options: WebhookWorkerOptions) {
  const { database, sealingKey, settings } = options;
  const pollMs = options.pollMs ?? 2_000;
  const batchSize = options.batchSize ?? 500;
  const leaseMs = settings.timeoutMs + 30_000;
  const inFlight = new Set<Promise<void>>();
  const stats: WorkerStats = { dispatched: 0, attempts: 0, verdicts: { succeeded: 0, retry: 0, failed: 0, stale: 0 } };
  let stopped = false;
  let loop: Promise<void> | null = null;
  let unlisten: Array<() => Promise<void>> = [];
  let sleeping: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  let woken = false;

  const wake = () => {
    woken = true;
    if (!sleeping) return;
    clearTimeout(sleeping.timer);
    sleeping.resolve();
    sleeping = null;
  };

  /** The endpoint's URL and the secrets that sign for it now (newest first), in one statement. */
  async function target(db: Db, endpointId: string): Promise<{ url: string; secrets: string[] } | undefined> {
    const rows = await db.select({ url: endpoints.url, keyId: secrets.keyId, sealed: secrets.sealed }).from(endpoints)
      .leftJoin(secrets, and(eq(secrets.endpointId, endpoints.id), or(isNull(secrets.expiresAt), gt(secrets.expiresAt, sql`now()`))))
      .where(eq(endpoints.id, endpointId))
      .orderBy(sql`${secrets.id} desc`);
    if (rows.length === 0) return undefined;
    return {
      url: rows[0].url,
      secrets: rows.filter((row) => row.sealed !== null).map((row) => {
        if (row.keyId !== sealingKey.id) throw new Error('the signing secret was sealed with another CREDENTIALS_KEY');
        return unseal(sealingKey, row.sealed!) as string;
      }),
    };
  }

  /** Signs and sends one claimed delivery, then records the outcome. */
  async function attempt(db: Db, delivery: DeliveryRow, lostAttempt: boolean): Promise<void> {
    if (lostAttempt) await recordLostAttempt(db, delivery);
    const startedAt = new Date();
    let headers: Record<string, string> = {};
    let outcome: AttemptOutcome;
    try {
      const endpoint = await target(db, delivery.endpointId);
      if (!endpoint) return;
      // Events are identified by their event ID (retries and redeliveries alike); pings by the delivery.
      headers = { ...signedHeaders(endpoint.secrets, delivery.eventId ?? delivery.id, startedAt, delivery.body) };
      outcome = await sendAttempt(endpoint.url, headers, delivery.body, settings);
    } catch (error) {
      outcome = { status: null, body: null, latencyMs: 0, error: (error as Error).message };
    }
    stats.attempts++;
    const verdict = await recordAttempt(db, settings, delivery, { startedAt, headers }, outcome);
    webhookAttempts.inc({ verdict, kind: delivery.kind });
    stats.verdicts[verdict]++;
  }

  /** Starts attempts until the slots are full or nothing is due. */
  async function fill(db: Db): Promise<void> {
    while (!stopped && inFlight.size < settings.concurrency) {
      const claimed = await claimDeliveries(db, leaseMs, settings.concurrency - inFlight.size);
      for (const { delivery, lostAttempt } of claimed) {
        const running: Promise<void> = attempt(db, delivery, lostAttempt)
          .catch((error) => logger.error({ err: error, delivery: delivery.id }, 'webhook attempt could not be recorded; its lease will expire and it is retried'))
          .finally(() => {
            inFlight.delete(running);
            wake();
          });
        inFlight.add(running);
      }
      if (claimed.length === 0) return;
    }
  }

  async function run(): Promise<void> {
    const { db } = database.uncounted;
    while (!stopped) {
      woken = false;
      let nextWake = pollMs;
      try {
        for (let read = batchSize; read === batchSize && !stopped; ) {
          read = await dispatchBatch(db, batchSize);
          stats.dispatched += read;
        }
        await fill(db);
        if (inFlight.size < settings.concurrency) {
          const due = await nextDueAt(db);
          if (due) nextWake = Math.max(0, Math.min(pollMs, due.getTime() - Date.now()));
        }
      } catch (error) {
        if (stopped) break;
        // An unreachable database is an outage, not a bug: the next pass retries it.
        if (isDatabaseUnavailable(error)) logger.warn({ err: error }, 'webhook worker: database unavailable; retrying');
        else logger.error({ err: error }, 'webhook worker pass failed; retrying');
      }
      if (stopped || woken) continue;
      await new Promise<void>((resolve) => {
        sleeping = { timer: setTimeout(() => { sleeping = null; resolve(); }, nextWake), resolve };
      });
    }
  }

  return {
    stats,
    wake,
    async start() {
      if (loop) return;
      unlisten = [await database.listen(EVENTS_CHANNEL, wake), await database.listen(WEBHOOKS_CHANNEL, wake)];
      loop = run();
    },
    /** Stops claiming, and waits for the attempts in flight to be recorded. */
    async stop() {
      stopped = true;
      wake();
      await loop;
      await Promise.allSettled([...inFlight]);
      for (const stop of unlisten) await stop().catch(() => undefined);
      unlisten = [];
      loop = null;
    },
  };
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;
