import { loadConfig } from '../subgraphs/kit/config.ts';
import { openDatabase, migrateDatabase } from '../subgraphs/kit/db.ts';
import { describeDatabase } from './database.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateDatabase(database);
await database.close();
console.log(`migrations applied to ${describeDatabase(config)}`);
