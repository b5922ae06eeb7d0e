import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db.ts';
import { appendEvents } from '../../../platform/event-log.ts';
import { attempts, deliveries, endpoints } from '../tables.ts';
import type { DeliveryRow, EndpointRow } from '../models.ts';
import type { WebhookSettings } from '../../../platform/webhook-settings.ts';
import { retryDelayMs } from './schedule.ts';
import type { AttemptOutcome } from './sender.ts';
import { lockEndpoints, parkQueue, promoteHeads } from './queue.ts';

/**
 * Records one attempt and moves its delivery on, in ONE transaction with the endpoint's lock held:
 * the attempt row, the delivery's new state, the endpoint's (verified, or disabled) and the events
 * that says so (`webhook.delivery_failed`, `webhook.verification_failed`) commit together.
 *
 * - 2xx: succeeded; the endpoint's next queued event becomes due at once.
 * - 410 Gone: the receiver says the endpoint is gone: the delivery fails and the endpoint is disabled.
 * - anything else (another status, a timeout, a refused address): an event delivery retries on the
 *   schedule, until its last attempt fails: then it has failed and the endpoint is disabled. A ping
 *   or a redelivery is one attempt.
 *
 * The delivery is moved only if it is still this worker's (its attempt count is the one claimed): a
 * worker that outlived its lease records its attempt, and leaves the row to the one that took over.
 */
export type Verdict = 'succeeded' | 'retry' | 'failed' | 'stale';

export async function recordAttempt(
  db: Db,
  settings: WebhookSettings,
  delivery: DeliveryRow,
  sent: { startedAt: Date; headers: Record<string, string> },
  outcome: AttemptOutcome,
  notifier = '',
): Promise<Verdict> {
  const ok = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  const gone = outcome.status === 410;
  const delay = ok || gone || delivery.kind !== 'event' ? null : retryDelayMs(settings, delivery.attempts);
  return db.transaction(async (tx) => {
    await lockEndpoints(tx, [delivery.endpointId]);
    // Measured from the end of the failed attempt, so the wait is the schedule's whatever recording costs.
    const nextAttemptAt = delay === null ? null : new Date(sent.startedAt.getTime() + outcome.latencyMs + delay);
    await tx.insert(attempts).values({
      deliveryId: delivery.id, attempt: delivery.attempts, organizationId: delivery.organizationId, startedAt: sent.startedAt,
      requestHeaders: sent.headers, responseStatus: outcome.status, responseBody: outcome.body, latencyMs: outcome.latencyMs,
      error: outcome.error, nextAttemptAt,
    }).onConflictDoNothing();
    const [endpoint] = await tx.select().from(endpoints).where(eq(endpoints.id, delivery.endpointId));
    const mine = and(eq(deliveries.id, delivery.id), eq(deliveries.attempts, delivery.attempts), eq(deliveries.status, 'pending'));
    if (!endpoint) return 'stale';

    if (delay !== null) {
      // A retry waits its turn only while the endpoint is enabled; a disabled one parks it.
      const [moved] = await tx.update(deliveries).set({ nextAttemptAt: endpoint.enabled ? nextAttemptAt : null, leaseUntil: null }).where(mine).returning({ id: deliveries.id });
      return moved ? 'retry' : 'stale';
    }
    const status = ok ? 'succeeded' : 'failed';
    const [moved] = await tx.update(deliveries).set({ status, nextAttemptAt: null, leaseUntil: null, finishedAt: sql`now()` }).where(mine).returning({ id: deliveries.id });
    if (!moved) return 'stale';

    if (delivery.kind === 'ping' && endpoint.verification === 'pending') await settleVerification(tx, endpoint, delivery, outcome, ok);
    if (!ok && delivery.kind === 'event') await disableFailing(tx, endpoint, delivery, outcome, gone ? 'gone' : 'failing');
    // The next event of the endpoint is due now; the notification (with the recording worker's ID) wakes the others.
    if (ok && delivery.kind === 'event') await promoteHeads(tx, [endpoint.id], notifier);
    return status;
  });
}

const SYSTEM = { type: 'system', id: null };

/** The verification ping at creation answered: the endpoint is verified, or `webhook.verification_failed`. */
async function settleVerification(tx: Tx, endpoint: EndpointRow, delivery: DeliveryRow, outcome: AttemptOutcome, ok: boolean) {
  await tx.update(endpoints).set({ verification: ok ? 'verified' : 'failed', updatedAt: sql`now()` }).where(eq(endpoints.id, endpoint.id));
  if (ok) return;
  await appendEvents(tx, [{
    type: 'webhook.verification_failed', organizationId: endpoint.organizationId, workspaceId: endpoint.workspaceId, actor: SYSTEM,
    subject: { type: 'webhook', id: endpoint.id },
    payload: { endpoint_url: endpoint.url, delivery_id: delivery.id, status_code: outcome.status, error: outcome.error },
  }]);
}

/**
 * An event delivery that failed for good (410, or its last attempt) disables its endpoint: the
 * queue behind it waits, kept, until someone enables the endpoint again (it then resumes in order).
 */
async function disableFailing(tx: Tx, endpoint: EndpointRow, delivery: DeliveryRow, outcome: AttemptOutcome, reason: 'gone' | 'failing') {
  if (endpoint.enabled) {
    await tx.update(endpoints).set({ enabled: false, disabledReason: reason, updatedAt: sql`now()` }).where(eq(endpoints.id, endpoint.id));
    await parkQueue(tx, endpoint.id);
  }
  await appendEvents(tx, [{
    type: 'webhook.delivery_failed', organizationId: endpoint.organizationId, workspaceId: endpoint.workspaceId, actor: SYSTEM,
    subject: { type: 'webhook', id: endpoint.id },
    payload: {
      endpoint_url: endpoint.url, delivery_id: delivery.id, event_id: delivery.eventId, event_type: delivery.eventType,
      attempts: delivery.attempts, status_code: outcome.status, error: outcome.error, reason, endpoint_disabled: true,
    },
  }]);
}

/** The attempt a vanished worker was making: its outcome is unknown, and it says so. */
export async function recordLostAttempt(db: Db, delivery: DeliveryRow): Promise<void> {
  await db.insert(attempts).values({
    deliveryId: delivery.id, attempt: delivery.attempts - 1, organizationId: delivery.organizationId, startedAt: new Date(),
    requestHeaders: {}, latencyMs: 0, error: 'lost: the worker making this attempt stopped before recording its outcome (it may have been delivered)',
  }).onConflictDoNothing();
}
