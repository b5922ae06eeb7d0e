import { runStandalone } from '../kit/standalone.ts';
import { sealingKey } from '../kit/secrets.ts';
import { definition } from './server.ts';
import { loadWebhookSettings } from './settings.ts';
import { startWebhookDelivery } from './delivery/start.ts';

// The webhooks subgraph's process also runs a delivery worker (as many processes as run it share the queue).
await runStandalone(definition, (database, config) =>
  startWebhookDelivery(database, {
    sealingKey: sealingKey(config.credentialsKey, config.authSecret),
    settings: loadWebhookSettings(),
    retentionDays: config.eventRetentionDays,
  }));
