import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../subgraphs/kit/config.ts';
import type { Database } from '../subgraphs/kit/db.ts';
import { principalHeaderKey } from '../subgraphs/kit/auth/principal-header.ts';
import { sealingKey } from '../subgraphs/kit/secrets.ts';
import { createSubgraph, type Subgraph } from '../subgraphs/kit/subgraph-server.ts';
import type { SubgraphDeps } from '../subgraphs/kit/context.ts';
import { DEFINITIONS } from '../subgraphs/index.ts';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/registry.ts';
import { createGraph, type GraphStats } from './graph.ts';
import type { ActivityFeed } from './live/feed.ts';
import { gatewayAuthenticator } from './auth.ts';
import { createGatewayHandler } from './server.ts';
import { serveGraphQLOverWebSocket } from './subscriptions.ts';
import { LiveSessions } from './sessions.ts';
import { createExportWorker } from './exports/worker.ts';
import { startEventRetention } from '../subgraphs/events/retention.ts';
import { streamOf } from '../subgraphs/events/stream/registry.ts';
import { createRateLimit, loadLimitsConfig, type LimitsConfig } from './limits/index.ts';

export interface RunningSystem {
  url: string;
  server: http.Server;
  stats: GraphStats;
  subgraphUrls: Record<SubgraphName, string>;
  /** What the subgraphs of this process share (tests and benchmarks reach the event stream through it). */
  deps: SubgraphDeps;
  /** Live activity's grouped fan-out (undefined with SUBSCRIPTION_FANOUT=per-subscriber); tests and benchmarks read its stats. */
  feed: ActivityFeed | undefined;
  /**
   * Stops answering on one subgraph's port, as if its process had died, and starts again on the
   * same port: fault tests take a part of the graph away from a running gateway with these.
   */
  stopSubgraph(name: SubgraphName): Promise<void>;
  startSubgraph(name: SubgraphName): Promise<void>;
  close(): Promise<void>;
}

/** The six subgraphs of this process, each on a loopback port of its own (free ports). */
export async function startSubgraphs(config: Config, database: Database) {
  const deps: SubgraphDeps = {
    database,
    principalKey: principalHeaderKey(config.authSecret),
    sealingKey: sealingKey(config.credentialsKey, config.authSecret),
    natsUrl: config.natsUrl,
    natsNamespace: config.natsNamespace,
  };
  const subgraphs = {} as Record<SubgraphName, Subgraph>;
  const listeners = new Map<SubgraphName, { url: string; close(): Promise<void> }>();
  const subgraphUrls = {} as Record<SubgraphName, string>;
  for (const { name } of SUBGRAPHS) {
    const subgraph = await createSubgraph(DEFINITIONS[name], deps);
    const listener = await subgraph.listen(0, '127.0.0.1');
    subgraphs[name] = subgraph;
    listeners.set(name, listener);
    subgraphUrls[name] = listener.url;
  }
  return {
    deps,
    subgraphs,
    listeners,
    subgraphUrls,
    async close() {
      for (const listener of listeners.values()) await listener.close();
      for (const subgraph of Object.values(subgraphs)) await subgraph.stop();
    },
  };
}

/**
 * The whole system in one process: every subgraph on its own loopback port and the gateway on
 * `config.port` (0 picks a free one, as tests do). Subgraphs are reached over real HTTP, exactly as
 * when each runs as its own process. `limits` come from the environment unless given (tests lower them).
 */
export async function startSystem(
  config: Config,
  database: Database,
  limits: LimitsConfig = loadLimitsConfig(),
  /** `exportWorker: false` leaves bulk exports queued (tests run a worker of their own, page by page). */
  options: { exportWorker?: boolean } = {},
): Promise<RunningSystem> {
  const { deps, subgraphs, listeners, subgraphUrls } = await startSubgraphs(config, database);

  // Live activity follows the events subgraph's own stream of this process: one reader for both.
  const graph = createGraph({ subgraphUrls, principalKey: deps.principalKey, production: config.production, limits, eventStream: () => streamOf(deps) });
  // Load the supergraph before accepting connections, so the first request never races it.
  await graph.runtime.getSchema();
  const rateLimit = await createRateLimit(limits);
  const authenticator = gatewayAuthenticator(config, database);
  const sessions = new LiveSessions(authenticator, limits.subscriptionRecheckSeconds);
  await sessions.listen(database);
  const handler = createGatewayHandler({ graph, authenticator, database, rateLimit, sessions });
  // One export worker per gateway process (gateway/exports/worker.ts), stopped before the graph.
  const exportWorker = options.exportWorker === false ? null : createExportWorker({ runtime: graph.runtime, database });
  exportWorker?.start();
  // The events subgraph's retention sweep (EVENT_RETENTION_DAYS; off when null), stopped on close.
  const retention = config.eventRetentionDays ? startEventRetention(database, { days: config.eventRetentionDays }) : null;
  const server = http.createServer(handler);
  server.keepAliveTimeout = 65_000;
  const sockets = serveGraphQLOverWebSocket(server, graph.runtime, authenticator, rateLimit, sessions);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;

  let closed = false;
  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    server,
    stats: graph.stats,
    subgraphUrls,
    deps,
    feed: graph.feed,
    async stopSubgraph(name) {
      await listeners.get(name)?.close();
      listeners.delete(name);
    },
    async startSubgraph(name) {
      if (listeners.has(name)) return;
      listeners.set(name, await subgraphs[name].listen(Number(new URL(subgraphUrls[name]).port), '127.0.0.1'));
    },
    async close() {
      if (closed) return;
      closed = true;
      graph.feed?.close();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sessions.close();
      await exportWorker?.stop();
      await retention?.stop();
      await graph.runtime.dispose();
      await rateLimit.close();
      for (const listener of listeners.values()) await listener.close();
      for (const subgraph of Object.values(subgraphs)) await subgraph.stop();
    },
  };
}
