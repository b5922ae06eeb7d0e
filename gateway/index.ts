import http from 'node:http';
import { loadConfig } from '../subgraphs/kit/config.ts';
import { openDatabase, migrateDatabase } from '../subgraphs/kit/db.ts';
import { principalHeaderKey } from '../subgraphs/kit/auth/principal-header.ts';
import { SUBGRAPHS, defaultSubgraphUrl, type SubgraphName } from '../subgraphs/registry.ts';
import { createGraph } from './graph.ts';
import { gatewayAuthenticator } from './auth.ts';
import { createGatewayHandler } from './server.ts';
import { createExportWorker } from './exports/worker.ts';
import { serveGraphQLOverWebSocket } from './subscriptions.ts';
import { LiveSessions } from './sessions.ts';
import { createRateLimit, loadLimitsConfig } from './limits/index.ts';
import { createEventStream } from '../subgraphs/events/stream/registry.ts';

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
const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, defaultSubgraphUrl(name)])) as Record<SubgraphName, string>;
const limits = loadLimitsConfig();
const rateLimit = await createRateLimit(limits);
// Live activity: this process follows the event log itself (as a member of the NATS fan-out with
// NATS_URL) and serves its subscribers in audiences (gateway/live/).
const eventStream = createEventStream(database, config);
const graph = createGraph({
  subgraphUrls, principalKey: principalHeaderKey(config.authSecret), production: config.production, limits,
  eventStream: async () => (await eventStream.start(), eventStream),
});
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
  graph.feed?.close();
  for (const client of sockets.clients) client.terminate();
  sockets.close();
  server.close();
  server.closeAllConnections();
  await sessions.close();
  await exportWorker.stop();
  await graph.runtime.dispose();
  await eventStream.stop();
  await rateLimit.close();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
