import type { Database } from '../../../platform/db.ts';
import type { SealingKey } from '../../../platform/secrets.ts';
import { log } from '../../../platform/log.ts';
import type { WebhookSettings } from '../../../platform/webhook-settings.ts';
import { createWebhookWorker, type WebhookWorker } from './worker.ts';
import { purgeExpiredDeliveries } from './retention.ts';

const logger = log.child({ component: 'webhooks' });
const SWEEP_EVERY_MS = 3600 * 1000;

export interface WebhookDelivery {
  worker: WebhookWorker;
  stop(): Promise<void>;
}

/**
 * The webhook delivery of one process: its worker, and (with EVENT_RETENTION_DAYS) the hourly
 * sweep of deliveries older than events are kept. Stopped before the database closes.
 */
export function startWebhookDelivery(
  database: Database,
  options: { sealingKey: SealingKey; settings: WebhookSettings; retentionDays: number | null; pollMs?: number },
): WebhookDelivery {
  const worker = createWebhookWorker({ database, sealingKey: options.sealingKey, settings: options.settings, pollMs: options.pollMs });
  const started = worker.start().catch((error) => logger.error({ err: error }, 'webhook worker failed to start'));
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    // Hourly, on the worker's own time: uncounted, like its polling.
    sweeping = purgeExpiredDeliveries(database.uncounted.db, options.retentionDays!)
      .catch((error) => logger.error({ err: error }, 'webhook delivery retention sweep failed'));
  };
  const timer = options.retentionDays ? setInterval(sweep, SWEEP_EVERY_MS) : null;
  timer?.unref();
  if (options.retentionDays) sweep();
  return {
    worker,
    async stop() {
      if (timer) clearInterval(timer);
      await started;
      await sweeping;
      await worker.stop();
    },
  };
}
