import fs from 'node:fs';
import { loadConfig } from '../platform/config.ts';
import { openDatabase, migrateDatabase } from '../platform/db.ts';
import { runProcess, shutdownBudgetMs } from '../platform/process.ts';
import { SUPERGRAPH_FILE } from '../schema/supergraph.ts';
import { subgraphUrls } from './subgraph-urls.ts';
import { startGateway } from './start.ts';

/**
 * The gateway as its own process, in front of subgraphs running as their own processes
 * (SUBGRAPH_<NAME>_URL, default localhost:4001..4006). `npm start` runs everything in one process
 * instead (scripts/start.ts).
 */
await runProcess(async () => {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('the standalone gateway needs DATABASE_URL (readiness checks it; API keys are looked up in it)');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, max: 10, waitSeconds: config.databaseWaitSeconds });
  await migrateDatabase(database);
  const gateway = await startGateway({ config, database, subgraphUrls: subgraphUrls(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')) });
  console.log(`gateway on http://${config.host}:${gateway.port}/graphql`);
  return {
    stopWithinMs: shutdownBudgetMs(config),
    async stop() {
      await gateway.close();
      await database.close();
    },
  };
});
