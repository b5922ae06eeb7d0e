import { beforeAll, afterAll } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import type { Database } from '../../platform/db.ts';
import { startSystem, type RunningSystem } from '../../scripts/system.ts';
import { createGraph } from '../../gateway/graph.ts';
import type { LimitsConfig } from '../../gateway/limits/index.ts';
import { TEST_AUTH_SECRET, TEST_PRINCIPAL_KEY } from './auth.ts';

export interface WorkerlessSystem {
  system: RunningSystem;
  /** A graph over the system's subgraphs, for the export worker a test runs itself. */
  graph: ReturnType<typeof createGraph>;
}

/**
 * The whole system with no export worker of its own (a test claims and runs each job itself),
 * started before the enclosing block's tests and closed after them.
 */
export function workerlessSystem(ctx: { database: Database }, limits: LimitsConfig): WorkerlessSystem {
  const started = {} as WorkerlessSystem;
  beforeAll(async () => {
    started.system = await startSystem({ ...loadConfig({ AUTH_SECRET: TEST_AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 }, ctx.database, limits, { exportWorker: false });
    started.graph = createGraph({ subgraphUrls: started.system.subgraphUrls, principalKey: TEST_PRINCIPAL_KEY, production: false, limits });
    await started.graph.runtime.getSchema();
  }, 60_000);
  afterAll(async () => {
    await started.graph?.runtime.dispose();
    await started.system?.close();
  });
  return started;
}
