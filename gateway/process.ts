import http from 'node:http';
import type { Config } from '../subgraphs/kit/config.ts';
import { openDatabase, migrateDatabase } from '../subgraphs/kit/db.ts';
import { principalHeaderKey } from '../subgraphs/kit/auth/principal-header.ts';
import type { SubgraphName } from '../subgraphs/registry.ts';
import { createEventStream } from '../subgraphs/events/stream/registry.ts';
import { createGraph } from './graph.ts';
import { gatewayAuthenticator } from './auth.ts';
import { createGatewayHandler } from './server.ts';
import { createExportWorker } from './exports/worker.ts';
import { serveGraphQLOverWebSocket } from './subscriptions.ts';
import { LiveSessions } from './sessions.ts';
import { createRateLimit, loadLimitsConfig } from './limits/index.ts';

/**
 * One gateway process in front of subgraphs that run elsewhere (their own processes, or the
 * primary under `npm start` with GATEWAY_PROCESSES): PostgreSQL for API keys, readiness and the
 * event log live activity follows. Stops on SIGTERM/SIGINT.
 */
export async function serveGateway(config: Config, subgraphUrls: Record<SubgraphName, string>): Promise<void> {
  if (!config.databaseUrl) throw new Error('the standalone gateway needs DATABASE_URL (readiness checks it; API keys are looked up in it)');
  // The gateway reads the database for readiness and for every API-key request.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, max: 10, waitSeconds: config.databaseWaitSeconds });
  await migrateDatabase(database);
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
  server.listen(config.port, config.host, () => console.log(`gateway on http://${config.host}:${config.port}/graphql (pid ${process.pid})`));

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
}
