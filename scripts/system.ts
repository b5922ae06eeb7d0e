import type http from 'node:http';
import { loadConfig, type Config } from '../platform/config.ts';
import { openDatabase, type Database } from '../platform/db.ts';
import { runProcess, shutdownBudgetMs } from '../platform/process.ts';
import { principalHeaderKey } from '../platform/auth/principal-header.ts';
import { createSubgraph, type Subgraph } from '../platform/subgraph/server.ts';
import type { SubgraphDeps } from '../platform/subgraph/context.ts';
import { DEFINITIONS } from '../subgraphs/definitions.ts';
import { auditLogWrites } from '../subgraphs/audit-logs/public.ts';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/registry.ts';
import type { GraphStats } from '../gateway/graph.ts';
import { startGateway } from '../gateway/start.ts';
import type { ActivityFeed } from '../gateway/live/feed.ts';
import type { WebSocketServer } from 'ws';
import { streamOf } from '../subgraphs/events/public.ts';
import { loadLimitsConfig, type LimitsConfig } from '../gateway/limits/index.ts';

export interface RunningSystem {
  url: string;
  server: http.Server;
  stats: GraphStats;
  subgraphUrls: Record<SubgraphName, string>;
  /** What the subgraphs of this process share (tests and benchmarks reach the event stream through it). */
  deps: SubgraphDeps;
  /** Live activity's grouped fan-out (undefined with SUBSCRIPTION_FANOUT=per-subscriber); tests and benchmarks read its stats. */
  feed: ActivityFeed | undefined;
  /** The graphql-ws server on /graphql (the fan-out benchmark measures a bare send on its sockets). */
  sockets: WebSocketServer;
  /**
   * Stops answering on one subgraph's port, as if its process had died, and starts again on the
   * same port: fault tests take a part of the graph away from a running gateway with these.
   */
  stopSubgraph(name: SubgraphName): Promise<void>;
  startSubgraph(name: SubgraphName): Promise<void>;
  close(): Promise<void>;
}

/** The subgraphs of this process, each on a loopback port of its own (free ports). */
export async function startSubgraphs(config: Config, database: Database, options: { workers?: boolean } = {}) {
  const deps: SubgraphDeps = {
    database, principalKey: principalHeaderKey(config.authSecret), config, workers: options.workers !== false,
    // Every subgraph's mutations are audited (subgraphs/audit-logs).
    recordWrite: auditLogWrites.recordWriteAttempt,
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
 * `config.port` (0 picks a free one, as tests do). The gateway executes the subgraphs in-process
 * (gateway/local-transport.ts); their ports answer direct callers, and the gateway too whenever a
 * subgraph is not serving (stopSubgraph) or for a subscription. `limits` come from the environment unless given (tests lower them).
 */
export async function startSystem(
  config: Config,
  database: Database,
  limits: LimitsConfig = loadLimitsConfig(),
  /**
   * `exportWorker: false` leaves bulk exports queued (tests run a worker of their own, page by page);
   * `webhookWorker: false` leaves webhook deliveries queued (the webhooks subgraph starts no worker)
   * and starts no background work of any subgraph (the audit trail's sweep); `graphiqlToken`
   * (development only) is the token GraphiQL's Headers tab starts with; `colocated: false` makes
   * the gateway fetch every subgraph over HTTP, as when they run in processes of their own.
   */
  options: { exportWorker?: boolean; webhookWorker?: boolean; graphiqlToken?: () => Promise<string>; colocated?: boolean } = {},
): Promise<RunningSystem> {
  const { deps, subgraphs, listeners, subgraphUrls } = await startSubgraphs(config, database, { workers: options.webhookWorker !== false });
  // The gateway executes this process's subgraphs in-process (no HTTP hop, no JSON, no principal
  // signed); each still listens on its port for direct callers and for a gateway elsewhere.
  const localSubgraphs = options.colocated === false ? undefined : Object.fromEntries(
    SUBGRAPHS.map(({ name }) => [name, { execute: subgraphs[name].execute, serving: () => listeners.has(name) }]),
  );
  // Live activity follows the events subgraph's own stream of this process: one reader for both.
  const gateway = await startGateway({ config, database, subgraphUrls, limits, exportWorker: options.exportWorker, eventStream: () => streamOf(deps), graphiqlToken: options.graphiqlToken, localSubgraphs });

  let closed = false;
  return {
    url: gateway.origin,
    server: gateway.server,
    stats: gateway.stats,
    subgraphUrls,
    deps,
    feed: gateway.feed,
    sockets: gateway.sockets,
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
      await gateway.close();
      await Promise.all([...listeners.values()].map((listener) => listener.close()));
      for (const subgraph of Object.values(subgraphs)) await subgraph.stop();
    },
  };
}

/**
 * One of `npm start`'s processes with GATEWAY_PROCESSES on PostgreSQL (a node:cluster worker): the
 * whole system, the gateway on the shared PORT executing this process's own subgraphs in-process,
 * so each process uses a core for everything a request needs. The primary migrated the database.
 */
export function serveSystem(): Promise<void> {
  return runProcess(async () => {
    const config = loadConfig();
    if (!config.databaseUrl) throw new Error('a process of several needs DATABASE_URL: the embedded database (PGlite) serves one process only');
    const database = await openDatabase({ databaseUrl: config.databaseUrl, max: 10, waitSeconds: config.databaseWaitSeconds, pipelined: config.databasePipelinedConnections });
    const system = await startSystem(config, database);
    console.log(`gateway on ${system.url}/graphql (pid ${process.pid}), its subgraphs in-process`);
    return {
      stopWithinMs: shutdownBudgetMs(config),
      async stop() {
        await system.close();
        await database.close();
      },
    };
  });
}
