import { runStandalone } from '../standalone.ts';
import { definition } from './public.ts';

await runStandalone(definition, (config) => `events retention: ${config.eventRetentionDays ? `${config.eventRetentionDays} days, swept hourly` : 'off (every event kept)'}`);
