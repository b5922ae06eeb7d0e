import { randomUUID } from 'node:crypto';
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
  /** Passes made, and of those the ones that dispatched and the ones that claimed. */
  passes: number;
  dispatchPasses: number;
  claimPasses: number;
}

/**
 * One delivery worker per process (the webhooks subgraph's, or the whole system's under `npm
 * start`): it dispatches new events into deliveries, and keeps up to `settings.concurrency`
 * attempts in flight, each on a different endpoint's head, so a slow or dead endpoint occupies one
 * slot and holds back nobody else. Several processes share the queue: claims are SKIP LOCKED and
 * leased, so an attempt is made by one worker only. Its own statements go through a handle outside
 * the request statement counter (they are nobody's request).
 *
 * A pass does only what its wake asks for. An event's NOTIFY asks for a dispatch, which is one
 * statement when the events concern no endpoint; nothing new can be claimed then, since the next due
 * time is already known. A claim (and the next due time) follows a dispatch that made a head due, a
 * WEBHOOKS_CHANNEL notification from elsewhere (a ping, a redelivery, an endpoint enabled, another
 * process's dispatch), an attempt of this worker ending, and the next due time. Both happen at
 * least every `pollMs` whatever else wakes the worker, so a lost NOTIFY costs at most that.
 */
export function createWebhookWorker(options: WebhookWorkerOptions) {
  const { database, sealingKey, settings } = options;
  const pollMs = options.pollMs ?? 2_000;
  const batchSize = options.batchSize ?? 500;
  const leaseMs = settings.timeoutMs + 30_000;
  // Its own WEBHOOKS_CHANNEL notifications carry it: the pass that sent one claims afterwards anyway.
  const notifier = `worker-${randomUUID()}`;
  const inFlight = new Set<Promise<void>>();
  const stats: WorkerStats = { dispatched: 0, attempts: 0, verdicts: { succeeded: 0, retry: 0, failed: 0, stale: 0 }, passes: 0, dispatchPasses: 0, claimPasses: 0 };
  let stopped = false;
  let loop: Promise<void> | null = null;
  let unlisten: Array<() => Promise<void>> = [];
  let sleeping: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  let woken = false;
  // What the next pass is asked for, and the times by which each must run regardless (epoch ms).
  let wantDispatch = true;
  let wantClaim = true;
  let dispatchBy = 0;
  let claimBy = 0;

  const wakeFor = (dispatch: boolean, claim: boolean) => {
    if (dispatch) wantDispatch = true;
    if (claim) wantClaim = true;
    woken = true;
    if (!sleeping) return;
    clearTimeout(sleeping.timer);
    sleeping.resolve();
    sleeping = null;
  };
  const wake = () => wakeFor(true, true);

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
    const verdict = await recordAttempt(db, settings, delivery, { startedAt, headers }, outcome, notifier);
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
            wakeFor(false, true);
          });
        inFlight.add(running);
      }
      if (claimed.length === 0) return;
    }
  }

  async function run(): Promise<void> {
    const { db } = database.uncounted;
    while (!stopped) {
      const now = Date.now();
      const dispatch = wantDispatch || now >= dispatchBy;
      let claim = wantClaim || now >= claimBy;
      wantDispatch = wantClaim = woken = false;
      try {
        if (dispatch) {
          stats.dispatchPasses++;
          dispatchBy = now + pollMs;
          for (let read = batchSize; read === batchSize && !stopped; ) {
            const batch = await dispatchBatch(db, batchSize, notifier);
            read = batch.read;
            stats.dispatched += batch.read;
            if (batch.promoted > 0) claim = true;
          }
        }
        if (claim && !stopped) {
          stats.claimPasses++;
          await fill(db);
          let next = Date.now() + pollMs;
          if (inFlight.size < settings.concurrency) {
            const due = await nextDueAt(db);
            if (due) next = Math.min(next, due.getTime());
          }
          claimBy = next;
        }
      } catch (error) {
        if (stopped) break;
        // An unreachable database is an outage, not a bug: a whole pass retries it after pollMs.
        dispatchBy = claimBy = Date.now() + pollMs;
        if (isDatabaseUnavailable(error)) logger.warn({ err: error }, 'webhook worker: database unavailable; retrying');
        else logger.error({ err: error }, 'webhook worker pass failed; retrying');
      }
      stats.passes++;
      if (stopped || woken) continue;
      const wait = Math.max(0, Math.min(dispatchBy, claimBy) - Date.now());
      await new Promise<void>((resolve) => {
        sleeping = { timer: setTimeout(() => { sleeping = null; resolve(); }, wait), resolve };
      });
    }
  }

  return {
    stats,
    wake,
    async start() {
      if (loop) return;
      unlisten = [
        await database.listen(EVENTS_CHANNEL, () => wakeFor(true, false)),
        await database.listen(WEBHOOKS_CHANNEL, (payload) => {
          if (payload !== notifier) wakeFor(false, true);
        }),
      ];
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
