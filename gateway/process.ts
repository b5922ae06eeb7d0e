import cluster from 'node:cluster';
import fs from 'node:fs';
import { loadConfig } from '../platform/config.ts';
import { openDatabase, migrateDatabase } from '../platform/db.ts';
import { runProcess, shutdownBudgetMs } from '../platform/process.ts';
import { startMetricsServer } from '../platform/metrics/serve.ts';
import { SUPERGRAPH_FILE } from '../schema/supergraph.ts';
import { subgraphUrls } from './subgraph-urls.ts';
import { startGateway } from './start.ts';

/**
 * One gateway process in front of subgraphs that run elsewhere (their own processes, or the
 * primary under `npm start` with GATEWAY_PROCESSES; SUBGRAPH_<NAME>_URL): PostgreSQL for API keys,
 * readiness and the event log live activity follows. Stops on SIGTERM/SIGINT.
 */
export function serveGateway(): Promise<void> {
  return runProcess(async () => {
    const config = loadConfig();
    if (!config.databaseUrl) throw new Error('the standalone gateway needs DATABASE_URL (readiness checks it; API keys are looked up in it)');
    const database = await openDatabase({ databaseUrl: config.databaseUrl, max: 10, waitSeconds: config.databaseWaitSeconds, pipelined: config.databasePipelinedConnections });
    await migrateDatabase(database);
    const gateway = await startGateway({ config, database, subgraphUrls: subgraphUrls(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')) });
    // One metrics listener per process; gateway processes forked on one port (cluster) serve /metrics on it instead.
    const metrics = cluster.isWorker ? null : await startMetricsServer(config.metrics, config.host, config.production);
    console.log(`gateway on http://${config.host}:${gateway.port}/graphql (pid ${process.pid})`);
    if (metrics) console.log(`metrics on port ${metrics.port}`);
    return {
      stopWithinMs: shutdownBudgetMs(config),
      async stop() {
        await gateway.close();
        await metrics?.close();
        await database.close();
      },
    };
  }, { serviceName: 'scrums-gateway' });
}
