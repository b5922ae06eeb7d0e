import { loadConfig, type Config } from '../platform/config.ts';
import { openDatabase, migrateDatabase } from '../platform/db.ts';
import { principalHeaderKey } from '../platform/auth/principal-header.ts';
import { runProcess, shutdownBudgetMs } from '../platform/process.ts';
import { startMetricsServer } from '../platform/metrics/serve.ts';
import { createSubgraph, type SubgraphDefinition } from '../platform/subgraph/server.ts';
import { portOf, type SubgraphName } from './registry.ts';
import { auditLogWrites } from './audit-logs/public.ts';

/**
 * Runs one subgraph as its own process (docker-compose lays them out this way): each
 * subgraphs/<name>/index.ts calls this with its definition. It needs the shared PostgreSQL
 * (DATABASE_URL) and the same AUTH_SECRET as the gateway; PORT overrides its registered port, HOST
 * its interface (127.0.0.1). `describe` prints a line about the subgraph's own settings.
 */
export async function runStandalone(definition: SubgraphDefinition, describe?: (config: Config) => string): Promise<void> {
  await runProcess(async () => {
    const config = loadConfig();
    if (!config.databaseUrl) throw new Error(`${definition.name}: a standalone subgraph needs DATABASE_URL (PGlite serves one process only)`);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, waitSeconds: config.databaseWaitSeconds, pipelined: config.databasePipelinedConnections });
    await migrateDatabase(database);
    // Its mutations are audited like every subgraph's (subgraphs/audit-logs), in the shared database.
    const subgraph = await createSubgraph(definition, { database, principalKey: principalHeaderKey(config.authSecret), config, recordWrite: auditLogWrites.recordWriteAttempt });
    const port = process.env.PORT ? config.port : portOf(definition.name as SubgraphName);
    // Loopback unless HOST says otherwise (containers set 0.0.0.0): a subgraph answers the gateway only.
    const server = await subgraph.listen(port, config.host);
    const metrics = await startMetricsServer(config.metrics, config.host, config.production);
    console.log(`${definition.name} subgraph on ${server.url}`);
    if (metrics) console.log(`metrics on port ${metrics.port}`);
    if (describe) console.log(describe(config));
    return {
      stopWithinMs: shutdownBudgetMs(config),
      async stop() {
        // In-flight requests (the gateway's fetches) finish; its subscription WebSockets close with 1001.
        await server.close({ graceMs: config.shutdownGraceSeconds * 1000 });
        await subgraph.stop();
        await metrics?.close();
        await database.close();
      },
    };
  }, { serviceName: `scrums-${definition.name}` });
}
