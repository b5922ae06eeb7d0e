import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { appendEvents } from '../../platform/event-log.ts';
import type { EventRow } from '../../platform/event-log-table.ts';
import { sealingKey } from '../../platform/secrets.ts';
import { attempts, deliveries, endpoints } from '../../subgraphs/webhooks/tables.ts';
import type { WebhookSettings } from '../../platform/webhook-settings.ts';
import { createWebhookWorker, type WebhookWorker } from '../../subgraphs/webhooks/delivery/worker.ts';
import { TEST_AUTH_SECRET } from './auth.ts';
import type { SubgraphClient } from './subgraph.ts';

/**
 * Webhook tests: receivers on loopback (allowed), a retry schedule in tens of milliseconds instead
 * of minutes (same shape: each retry waits three times the last), and few attempts.
 */
export const TEST_WEBHOOK_SETTINGS: WebhookSettings = { allowLoopback: true, timeoutMs: 2_000, retryBaseMs: 40, maxAttempts: 4, concurrency: 8 };
export const TEST_SEALING_KEY = sealingKey(undefined, TEST_AUTH_SECRET);

/** A delivery worker over the test database (stop it after the test). */
export async function startWorker(database: Database, settings: Partial<WebhookSettings> = {}): Promise<WebhookWorker> {
  const worker = createWebhookWorker({ database, sealingKey: TEST_SEALING_KEY, settings: { ...TEST_WEBHOOK_SETTINGS, ...settings }, pollMs: 50 });
  await worker.start();
  return worker;
}

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url eventTypes enabled verification } } }`;

/** Creates an endpoint through the subgraph; answers its ID and its secret (shown this once). */
export async function createEndpoint(subgraph: SubgraphClient, input: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const res = await subgraph.query(CREATE, { input });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.createWebhook.webhook.id, secret: res.data.createWebhook.secret };
}

/** Appends `count` events of `type` to an organization's log, as any write of the platform would. */
export async function emit(database: Database, organizationId: string, type: string, count = 1, workspaceId: string | null = null): Promise<EventRow[]> {
  return database.db.transaction((tx) => appendEvents(tx, Array.from({ length: count }, (_, i) => ({
    type, organizationId, workspaceId, actor: { type: 'system', id: null }, subject: { type: 'probe', id: `PRB-26-${String(i + 1).padStart(6, '0')}` }, payload: { n: i + 1 },
  }))));
}

export async function deliveriesOf(database: Database, endpointId: string) {
  return database.db.select().from(deliveries).where(eq(deliveries.endpointId, endpointId)).orderBy(asc(deliveries.id));
}

export async function attemptsOf(database: Database, deliveryIds: string[]) {
  if (deliveryIds.length === 0) return [];
  return database.db.select().from(attempts).where(inArray(attempts.deliveryId, deliveryIds)).orderBy(asc(attempts.deliveryId), asc(attempts.attempt));
}

export async function endpointRow(database: Database, id: string) {
  const [row] = await database.db.select().from(endpoints).where(eq(endpoints.id, id));
  return row;
}
