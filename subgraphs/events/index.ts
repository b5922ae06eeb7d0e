import { runStandalone } from '../standalone.ts';
import { definition } from './server.ts';
import { startEventRetention } from './retention.ts';

// The events subgraph's process also sweeps expired events (EVENT_RETENTION_DAYS; off when null).
await runStandalone(definition, (database, config) => {
  console.log(`events retention: ${config.eventRetentionDays ? `${config.eventRetentionDays} days, swept hourly` : 'off (every event kept)'}`);
  return config.eventRetentionDays ? startEventRetention(database, { days: config.eventRetentionDays }) : null;
});
