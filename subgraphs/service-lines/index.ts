import { runStandalone } from '../kit/standalone.ts';
import { definition } from './server.ts';
import { startHealthEvaluation } from './health/evaluation.ts';

// The service-lines subgraph's process also evaluates Service Line health periodically
// (HEALTH_EVALUATION_SECONDS; off when null); with several replicas, one evaluates at a time.
await runStandalone(definition, (database, config) => {
  console.log(`service-lines health evaluation: ${config.healthEvaluationSeconds ? `every ${config.healthEvaluationSeconds} s` : 'off'}`);
  return config.healthEvaluationSeconds ? startHealthEvaluation(database, { intervalSeconds: config.healthEvaluationSeconds }) : null;
});
