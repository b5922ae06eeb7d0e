import { loadConfig, type Config } from '../platform/config.ts';
import { openDatabase, migrateDatabase, type Database } from '../platform/db.ts';
import { seedDemo } from '../seed/demo.ts';

/**
 * Opens the configured database and brings its schema up to date. The embedded database also gets
 * the demo data on its first start; a PostgreSQL server gets it from `npm run seed`.
 */
export async function openConfiguredDatabase(config: Config = loadConfig()): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, waitSeconds: config.databaseWaitSeconds, pipelined: config.databasePipelinedConnections });
  await migrateDatabase(database);
  if (database.engine === 'pglite') await seedDemo(database);
  return database;
}

export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `embedded PGlite in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}
