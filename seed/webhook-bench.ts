import type { Database } from '../platform/db.ts';
import { seal, sealingKey } from '../platform/secrets.ts';
import { DEFAULT_WEBHOOK_SETTINGS } from '../platform/webhook-settings.ts';
import { endpoints, secrets } from '../subgraphs/webhooks/tables.ts';
import { mintSecret } from '../subgraphs/webhooks/signing.ts';
import { createWebhookWorker, type WebhookWorker } from '../subgraphs/webhooks/delivery/worker.ts';

/**
 * The webhook delivery benchmark's data (bench/webhooks.ts): one verified endpoint per loopback
 * port, endpoint i subscribed to `bench.e<i>.`, each with a sealed signing secret; and a delivery
 * worker over them as it runs in production (default settings, loopback allowed), started.
 */
export async function seedBenchWebhooks(database: Database, organizationId: string, ports: number[]): Promise<WebhookWorker> {
  const key = sealingKey(undefined, 'bench-secret-for-webhooks-0123456789abcdef');
  const rows = await database.db.insert(endpoints).values(ports.map((port, i) => ({
    organizationId, url: `http://127.0.0.1:${port}/hooks`, eventTypes: [`bench.e${i}.`], verification: 'verified' as const,
  }))).returning({ id: endpoints.id });
  await database.db.insert(secrets).values(rows.map((r) => ({ endpointId: r.id, keyId: key.id, sealed: seal(key, mintSecret()) })));
  const worker = createWebhookWorker({ database, sealingKey: key, settings: { ...DEFAULT_WEBHOOK_SETTINGS, allowLoopback: true } });
  await worker.start();
  return worker;
}
