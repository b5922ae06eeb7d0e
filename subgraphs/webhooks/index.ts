import { runStandalone } from '../standalone.ts';
import { definition } from './public.ts';

// The webhooks subgraph's process also runs a delivery worker (its definition starts it).
await runStandalone(definition);
