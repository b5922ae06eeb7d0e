import { runStandalone } from '../standalone.ts';
import { definition } from './public.ts';

// The service-lines subgraph's process also evaluates Service Line health periodically
// (HEALTH_EVALUATION_SECONDS; off when null; the definition starts it); with several replicas, one evaluates at a time.
await runStandalone(definition, (config) => `service-lines health evaluation: ${config.healthEvaluationSeconds ? `every ${config.healthEvaluationSeconds} s` : 'off'}`);
