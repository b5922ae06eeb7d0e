import type http from 'node:http';
import type { WebSocketServer } from 'ws';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db.ts';
import { principalHeaderKey } from '../platform/auth/principal-header.ts';
import { GOING_AWAY_REASON, listen } from '../platform/process.ts';
import { serviceUnavailable } from '../platform/errors.ts';
import { createEventStream, type EventStream } from '../subgraphs/events/public.ts';
import { createGraph, type GraphStats } from './graph.ts';
import type { LocalSubgraph } from './local-transport.ts';
import type { ActivityFeed } from './live/feed.ts';
import { gatewayAuthenticator } from './auth.ts';
import { createGatewayHandler, sendJson } from './server.ts';
import { serveGraphQLOverWebSocket } from './subscriptions.ts';
import { LiveSessions } from './sessions.ts';
import { createExportWorker } from './exports/worker.ts';
import { DEFAULT_RETRY_POLICY } from './exports/retry.ts';
import { createRateLimit, loadLimitsConfig, type LimitsConfig } from './limits/index.ts';
import { requestIdOnUpgrade } from './access-log.ts';
import { measured } from '../platform/metrics/http.ts';
import { servicePortMetrics } from '../platform/metrics/serve.ts';
import { gatewayRouteOf, trackGateway } from './metrics.ts';
import { natsProbe, type ReadinessProbe } from './readiness.ts';

export interface GatewayOptions {
  config: Config;
  /** Readiness checks it, API keys are looked up in it, export jobs and idempotency keys live in it. */
  database: Database;
  /** Where each subgraph of the supergraph answers (subgraph-urls.ts, or the in-process system's ports). */
  subgraphUrls: Record<string, string>;
  /** From the environment unless given (tests lower them). */
  limits?: LimitsConfig;
  /** `false` leaves bulk exports queued (tests run a worker of their own, page by page). */
  exportWorker?: boolean;
  /**
   * The event stream live activity follows (gateway/live/): the events subgraph's own stream when
   * both run in one process (one reader for both). Without it the gateway follows the event log
   * itself (a member of the NATS fan-out with NATS_URL), and stops that stream when it closes.
   */
  eventStream?: () => Promise<EventStream>;
  /** Development only: the token GraphiQL's Headers tab starts with (gateway/graph.ts). */
  graphiqlToken?: () => Promise<string>;
  /** Subgraphs of this process, executed without HTTP (gateway/local-transport.ts). */
  localSubgraphs?: Record<string, LocalSubgraph>;
}

export interface RunningGateway {
  server: http.Server;
  port: number;
  /** `http://host:port` of the gateway, fetchable from this machine. */
  origin: string;
  stats: GraphStats;
  /** Live activity's grouped fan-out (undefined with SUBSCRIPTION_FANOUT=per-subscriber); tests and benchmarks read its stats. */
  feed: ActivityFeed | undefined;
  /** The graphql-ws server on /graphql (the fan-out benchmark measures a bare send on its sockets). */
  sockets: WebSocketServer;
  close(): Promise<void>;
}

/**
 * The gateway, serving on `config.host:config.port` (0 picks a free port): the graph over HTTP,
 * SSE and WebSocket, the REST shim, readiness, and this process's bulk-export worker (several
 * gateway processes share the queue, FOR UPDATE SKIP LOCKED). The same for the standalone gateway
 * (index.ts) and the whole system in one process (scripts/system.ts).
 */
export async function startGateway({ config, database, subgraphUrls, limits = loadLimitsConfig(), exportWorker = true, eventStream, graphiqlToken, localSubgraphs }: GatewayOptions): Promise<RunningGateway> {
  // Live activity: this process serves its subscribers in audiences (gateway/live/) from the stream given,
  // or from one it follows itself.
  const ownStream = eventStream ? undefined : createEventStream(database, config);
  const graph = createGraph({
    subgraphUrls, principalKey: principalHeaderKey(config.authSecret), production: config.production, limits,
    graphiqlToken, persistedDocuments: config.persistedDocuments, localSubgraphs,
    eventStream: eventStream ?? (async () => (await ownStream!.start(), ownStream!)),
    metrics: config.metrics.enabled,
    eventLog: database,
  });
  // Load the supergraph before accepting connections, so the first request never races it.
  await graph.runtime.getSchema();
  const rateLimit = await createRateLimit(limits);
  const authenticator = gatewayAuthenticator(config, database);
  // Open subscriptions end when their credential expires or is revoked (on any replica).
  const sessions = new LiveSessions(authenticator, limits.subscriptionRecheckSeconds);
  await sessions.listen(database);
  let stopping = false;
  const streams = { open: 0 };
  // /ready also probes NATS (NATS_URL) and, degrading only, Redis (REDIS_URL) (readiness.ts).
  const nats = config.natsUrl ? natsProbe(config.natsUrl) : undefined;
  const readinessProbes: ReadinessProbe[] = [...(nats ? [nats] : []), ...(limits.redisUrl ? [{ name: 'redis', check: () => rateLimit.ping(), degradesOnly: true }] : [])];
  const metrics = servicePortMetrics(config.metrics, config.production);
  const handler = measured(config.metrics.enabled, 'gateway', gatewayRouteOf, createGatewayHandler({ graph, authenticator, database, rateLimit, sessions, stopping: () => stopping, cors: config.cors, metrics, streams, readinessProbes }));
  const retry = { ...DEFAULT_RETRY_POLICY, maxSeconds: config.exportRetrySeconds };
  const worker = exportWorker ? createExportWorker({ runtime: graph.runtime, database, retry }) : null;
  worker?.start();
  let sockets: WebSocketServer | undefined;
  const listening = await listen(handler, {
    port: config.port,
    host: config.host,
    websockets: (server) => {
      sockets = serveGraphQLOverWebSocket(server, graph.runtime, authenticator, rateLimit, sessions);
      requestIdOnUpgrade(sockets);
      return sockets;
    },
    refuse: (req, res) => {
      const refused = serviceUnavailable('The gateway is shutting down; retry shortly.');
      const body = (req.url ?? '/').startsWith('/v1/') ? refused.toRest() : refused.toGraphQL();
      sendJson(res, 503, body, { 'retry-after': String(refused.retryAfter) });
    },
  });
  const untrack = trackGateway({ webSockets: () => sockets?.clients.size ?? 0, sseStreams: () => streams.open, feed: graph.feed, database });
  return {
    server: listening.server,
    port: listening.port,
    origin: listening.origin,
    stats: graph.stats,
    feed: graph.feed,
    sockets: sockets!,
    /**
     * Graceful: /ready answers 503 at once; SHUTDOWN_DELAY_SECONDS later the gateway stops
     * accepting, ends live subscriptions (WebSockets close with 1001, SSE streams end with a last
     * SERVICE_UNAVAILABLE result naming their resume cursor), refuses requests arriving on open
     * connections (503) and waits up to SHUTDOWN_GRACE_SECONDS for in-flight ones; then the export
     * worker hands its job back to the queue (another gateway, or this one restarted, resumes it).
     */
    async close() {
      stopping = true;
      if (config.shutdownDelaySeconds > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelaySeconds * 1000));
      sessions.shutdown(GOING_AWAY_REASON);
      graph.feed?.close();
      await listening.close({ graceMs: config.shutdownGraceSeconds * 1000 });
      await sessions.close();
      // Stopped before the graph it runs exports through.
      await worker?.stop();
      await graph.runtime.dispose();
      await ownStream?.stop();
      await rateLimit.close();
      await nats?.close();
      untrack();
      graph.metrics?.remove();
    },
  };
}
