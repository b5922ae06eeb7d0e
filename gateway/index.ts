import http from 'node:http';
import { loadConfig } from '../platform/config.ts';
import { openDatabase, migrateDatabase } from '../platform/db.ts';
import { principalHeaderKey } from '../platform/auth/principal-header.ts';
import fs from 'node:fs';
import { SUPERGRAPH_FILE } from '../schema/supergraph.ts';
import { subgraphUrls as urlsOf } from './subgraph-urls.ts';
import { createGraph } from './graph.ts';
import { gatewayAuthenticator } from './auth.ts';
import { createGatewayHandler } from './server.ts';
import { createExportWorker } from './exports/worker.ts';
import { serveGraphQLOverWebSocket } from './subscriptions.ts';
import { LiveSessions } from './sessions.ts';
import { createRateLimit, loadLimitsConfig } from './limits/index.ts';

/**
 * The gateway as its own process, in front of subgraphs running as their own processes
 * (SUBGRAPH_<NAME>_URL, default localhost:4001..4006). `npm start` runs everything in one process
 * instead (scripts/start.ts).
 */
const config = loadConfig();
if (!config.databaseUrl) throw new Error('the standalone gateway needs DATABASE_URL (readiness checks it; API keys are looked up in it)');
// The gateway reads the database for readiness and for every API-key request.
const database = await openDatabase({ databaseUrl: config.databaseUrl, max: 10, waitSeconds: config.databaseWaitSeconds });
await migrateDatabase(database);
const subgraphUrls = urlsOf(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
const limits = loadLimitsConfig();
const rateLimit = await createRateLimit(limits);
const graph = createGraph({ subgraphUrls, principalKey: principalHeaderKey(config.authSecret), production: config.production, limits });
await graph.runtime.getSchema();
const authenticator = gatewayAuthenticator(config, database);
// Open subscriptions end when their credential expires or is revoked (on any replica).
const sessions = new LiveSessions(authenticator, limits.subscriptionRecheckSeconds);
await sessions.listen(database);
const server = http.createServer(createGatewayHandler({ graph, authenticator, database, rateLimit, sessions }));
const sockets = serveGraphQLOverWebSocket(server, graph.runtime, authenticator, rateLimit, sessions);
// Each gateway process runs one export worker; several processes share the queue (FOR UPDATE SKIP LOCKED).
const exportWorker = createExportWorker({ runtime: graph.runtime, database });
exportWorker.start();
server.listen(config.port, config.host, () => console.log(`gateway on http://${config.host}:${config.port}/graphql`));

async function shutdown() {
  for (const client of sockets.clients) client.terminate();
  sockets.close();
  server.close();
  server.closeAllConnections();
  await sessions.close();
  await exportWorker.stop();
  await graph.runtime.dispose();
  await rateLimit.close();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
