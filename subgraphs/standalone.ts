import { loadConfig } from '../platform/config.ts';
import { openDatabase, migrateDatabase } from '../platform/db.ts';
import { principalHeaderKey } from '../platform/auth/principal-header.ts';
import { sealingKey } from '../platform/secrets.ts';
import { createSubgraph, type SubgraphDefinition } from '../platform/subgraph/server.ts';
import { SUBGRAPHS, type SubgraphName } from './registry.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db.ts';

/**
 * Runs one subgraph as its own process (docker-compose lays them out this way). It needs the
 * shared PostgreSQL (DATABASE_URL) and the same AUTH_SECRET as the gateway; PORT overrides its
 * default port, HOST its interface (127.0.0.1).
 */
export async function runStandalone(
  definition: SubgraphDefinition,
  /** Background work of the subgraph's process (the events subgraph's retention sweep), stopped before the database closes. */
  background?: (database: Database, config: Config) => { stop(): Promise<void> } | null,
) {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error(`${definition.name}: a standalone subgraph needs DATABASE_URL (PGlite serves one process only)`);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, waitSeconds: config.databaseWaitSeconds });
  await migrateDatabase(database);
  const subgraph = await createSubgraph(definition, {
    database,
    principalKey: principalHeaderKey(config.authSecret),
    sealingKey: sealingKey(config.credentialsKey, config.authSecret),
    natsUrl: config.natsUrl,
    natsNamespace: config.natsNamespace,
  });
  const port = process.env.PORT ? config.port : SUBGRAPHS.find((s) => s.name === (definition.name as SubgraphName))!.port;
  // Loopback unless HOST says otherwise (containers set 0.0.0.0): a subgraph answers the gateway only.
  const server = await subgraph.listen(port, config.host);
  console.log(`${definition.name} subgraph on ${server.url}`);
  const work = background?.(database, config) ?? null;
  const stop = async () => {
    await server.close();
    await work?.stop();
    await subgraph.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
