import { runStandalone } from '../standalone.ts';
import { definition } from './public.ts';

// The audit-logs subgraph's process also sweeps entries older than 12 months (its definition starts it).
await runStandalone(definition);
