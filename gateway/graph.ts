import fs from 'node:fs';
import type http from 'node:http';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { Logger as HiveLogger } from '@graphql-hive/logger';
import { PinoLogWriter } from '@graphql-hive/logger/writers/pino';
import { log, type LogLevel } from '../platform/log.ts';
import { signPrincipal, PRINCIPAL_HEADER } from '../platform/auth/principal-header.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import type { SubgraphContext } from '../platform/subgraph/context.ts';
import { SUPERGRAPH_FILE } from '../schema/supergraph.ts';
import { useBadInputCodes, useBoundedVariables, useRefusalBodies } from './bad-input.ts';
import { useUnavailableSubgraphs } from './unavailable.ts';
import { useBoundedSubscriptions } from './subscriptions.ts';
import { limitPlugins, type LimitsConfig } from './limits/index.ts';
import type { EventStream } from '../subgraphs/events/public.ts';
import { ActivityFeed } from './live/feed.ts';
import { BatchExecutor } from './live/execute.ts';
import { useGroupedActivity } from './live/plugin.ts';
import type { LiveSocket } from './live/drivers.ts';
import { usePersistedDocuments } from './persisted/plugin.ts';
import { useIncrementalDeliveryRefusal } from './incremental.ts';
import type { PersistedDocumentsSettings } from '../platform/config.ts';
import { runtimeRequestIds, useRequestIds } from './access-log.ts';
import { tracingPlugins } from './tracing.ts';
import { LOCAL_KIND, localTransport, type LocalSubgraph, type SubgraphRequest } from './local-transport.ts';
import { gatewayMetricsPlugins } from './metrics.ts';
import { useDirectEventPages } from './direct-pages.ts';
import type { Database } from '../platform/db.ts';

/** What a request to the graph carries besides the HTTP request itself. */
export interface GraphContext {
  principal: Principal;
  /** The principal signed for the subgraphs; a subscription's WebSocket to the events subgraph sends it as a connection parameter. */
  principalHeader?: string;
  /**
   * Aborts, its reason the message for the client, when the credential of a streaming connection
   * (WebSocket, SSE) stops being valid: its subscriptions then end with UNAUTHENTICATED (gateway/sessions.ts).
   */
  ended?: AbortSignal;
  /** The graphql-ws socket and subscription id of a subscription over WebSocket (gateway/subscriptions.ts). */
  liveSocket?: LiveSocket;
  /**
   * The operation was priced by whoever made it, and the cost check leaves it alone: a live activity
   * batch, whose size BatchExecutor.batchSize holds within MAX_NODES (gateway/live/execute.ts).
   */
  prepriced?: boolean;
  /**
   * What the operation's caller has already read, by subgraph: a co-located subgraph's request gets
   * it before it executes (its loaders primed; platform/subgraph/local.ts). A live activity batch
   * hands the events subgraph the batch's events, read from the log by the stream.
   */
  primed?: Readonly<Record<string, (context: SubgraphContext) => void>>;
}

export interface GraphStats {
  /** Subgraph fetches since start; tests assert exact counts per query with it. */
  subgraphFetches: number;
}

export interface GraphOptions {
  subgraphUrls: Record<string, string>;
  principalKey: Buffer;
  production: boolean;
  /** Depth, aliases, tokens, directives and cost (gateway/limits). */
  limits: LimitsConfig;
  supergraph?: string;
  /**
   * The event stream this process follows for `activity` (SUBSCRIPTION_FANOUT=grouped, the default):
   * subscribers are served from it in audiences (gateway/live/). Without it, or with
   * SUBSCRIPTION_FANOUT=per-subscriber, each subscription is its own upstream subscription to the events subgraph.
   */
  eventStream?: () => Promise<EventStream>;
  /**
   * Development only (ignored in production): the bearer token GraphiQL's Headers tab starts with,
   * minted for each page load (`npm start` gives the demo organization's admin).
   */
  graphiqlToken?: () => Promise<string>;
  /** Automatic persisted queries, trusted documents and the safelist (gateway/persisted/). */
  persistedDocuments?: PersistedDocumentsSettings;
  /**
   * Subgraphs served in this process (`npm start`): executed in-process rather than over HTTP
   * (local-transport.ts); the others, and these while not serving, are fetched from their URL.
   */
  localSubgraphs?: Record<string, LocalSubgraph>;
  /** Prometheus metrics of the graph (gateway/metrics.ts); off with METRICS=off. */
  metrics?: boolean;
  /** The database the event log is in: pages of the root `events` list are read from it directly (direct-pages.ts). */
  eventLog?: Database;
}

/** A principal header is signed once per request and reused for this long (its TTL is 60 s). */
const REUSE_SIGNATURE_MS = 30_000;

/**
 * The events subgraph serves subscriptions over graphql-ws (an @apollo/server subgraph cannot
 * stream over HTTP); the socket authenticates with the signed principal as a connection parameter.
 * Sockets are shared by subscriptions with the same parameters.
 */
function eventsTransport(location: string) {
  return {
    location,
    options: {
      subscriptions: { kind: 'ws', options: { connectionParams: { [PRINCIPAL_HEADER]: '{context.principalHeader}' } } },
    },
  };
}

/**
 * The federation gateway: Hive Gateway runtime with the Rust query planner over the committed
 * supergraph. Each subgraph fetch carries the caller's principal, signed, in its own header.
 */
export function createGraph(options: GraphOptions): { runtime: GatewayRuntime<GraphContext>; stats: GraphStats; subgraphUrls: Record<string, string>; graphiql: boolean; limits: LimitsConfig; feed: ActivityFeed | undefined; metrics?: { remove(): void } } {
  const stats: GraphStats = { subgraphFetches: 0 };
  const metrics = options.metrics ? gatewayMetricsPlugins(hiveLogger()) : undefined;
  const { limits } = options;
  const local = options.localSubgraphs && Object.keys(options.localSubgraphs).length ? options.localSubgraphs : undefined;
  // One signature per request (reused by its fetches), signed again once it is half its TTL old:
  // a long-lived subscription's entity fetches outlive a header signed at its start.
  const signed = new WeakMap<object, { header: string; at: number }>();
  const sign = (executionRequest: SubgraphRequest) => {
    const context = executionRequest.context as Partial<GraphContext> | undefined;
    const principal = context?.principal;
    if (!principal) return;
    const now = Date.now();
    let signature = signed.get(context);
    if (!signature || now - signature.at > REUSE_SIGNATURE_MS) signed.set(context, (signature = { header: signPrincipal(options.principalKey, principal, now), at: now }));
    const extensions = (executionRequest.extensions ||= {});
    extensions.headers = { ...(extensions.headers as Record<string, string> | undefined), [PRINCIPAL_HEADER]: signature.header };
  };
  const feed = options.eventStream && limits.subscriptionFanout === 'grouped'
    ? new ActivityFeed(options.eventStream, new BatchExecutor(() => runtime, { production: options.production, maxNodes: limits.maxNodes }), { bufferLimit: limits.subscriberBuffer, graceMs: limits.subscriberGraceSeconds * 1000 })
    : undefined;
  const runtime: GatewayRuntime<GraphContext> = createGatewayRuntime<GraphContext>({
    supergraph: options.supergraph ?? fs.readFileSync(SUPERGRAPH_FILE, 'utf8'),
    unifiedGraphHandler,
    transportEntries: Object.fromEntries(
      Object.entries(options.subgraphUrls).map(([name, location]) => {
        const entry = name === 'events' ? eventsTransport(location) : { location };
        return [name, local?.[name] ? { ...entry, kind: LOCAL_KIND } : entry];
      }),
    ),
    ...(local ? { transports: transportsWith(localTransport(local, sign)) } : {}),
    graphqlEndpoint: '/graphql',
    graphiql: options.production ? false : graphiqlOptions(options.graphiqlToken),
    // GraphiQL's script, styles and editor workers inlined in the page from the installed package,
    // so it works offline (the runtime's own page loads them from a CDN); loaded on first use.
    renderGraphiQL: async (graphiql) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiql),
    landingPage: false,
    // CORS is the HTTP server's, for /graphql and /v1 alike (gateway/cors.ts); left on, the runtime
    // would echo any Origin with Access-Control-Allow-Credentials.
    cors: false,
    logging: hiveLogger(),
    // X-Request-Id on answers and subgraph fetches: the checked ID of the request (gateway/access-log.ts).
    requestId: runtimeRequestIds,
    // Never a stack or an original message in an answer; in production not even which subgraph
    // an error came from (gateway/limits/production.ts hides the rest).
    maskedErrors: { isDev: false },
    subgraphErrors: options.production ? { subgraphNameProp: false } : undefined,
    plugins: (context) => [
      // Spans, when tracing is on (gateway/tracing.ts); then the request ID on fetches and the access line.
      ...tracingPlugins(context),
      useRequestIds(),
      // First: nothing may serialise a request's variables before their depth is known to be safe.
      useBoundedVariables(),
      // Then the metrics, so that they see every refusal below them (gateway/metrics.ts).
      ...(metrics?.plugins ?? []),
      // Then the document a persisted ID names, so every check after this one sees it whole.
      usePersistedDocuments(options.persistedDocuments ?? { manifests: [], safelist: false, apq: true, apqMaxDocuments: 1000 }),
      useAuthenticatedExecution(),
      // @defer and @stream: a clear refusal, not "Unknown directive" (the Rust planner cannot defer).
      useIncrementalDeliveryRefusal(),
      {
        // Signed for a subscription's socket to the events subgraph (its connection parameters), when
        // that socket is opened: most requests never open one (a grouped `activity` neither). Not
        // enumerable: plugins that copy the context (Prometheus' HTTP histogram spreads it into
        // every response's labels context) would otherwise sign it for every request.
        onContextBuilding({ context }: { context: Partial<GraphContext> }) {
          const principal = context.principal;
          if (!principal) return;
          let signed: string | undefined;
          Object.defineProperty(context, 'principalHeader', { configurable: true, enumerable: false, get: () => (signed ??= signPrincipal(options.principalKey, principal)) });
        },
        // Every subgraph request carries the principal, signed when it leaves: also the entity
        // fetches a long-lived subscription makes for each event, long after a header signed at
        // its start would have expired (Hive's header propagation skips those: no HTTP request).
        // Set as the request's extension headers, the principal is part of the executor's
        // in-flight de-duplication key, so identical requests of two callers are never merged.
        // A co-located subgraph needs none (its transport signs when it falls back to HTTP).
        onSubgraphExecute({ subgraphName, executionRequest }: { subgraphName: string; executionRequest: SubgraphRequest }) {
          if (!local?.[subgraphName]) sign(executionRequest);
        },
      },
      useBoundedSubscriptions(options.limits.subscriberBuffer, options.limits.subscriberGraceSeconds * 1000),
      useBadInputCodes(),
      useRefusalBodies(),
      useUnavailableSubgraphs(),
      // After bad-input: production's error filter must see the codes it gives.
      ...limitPlugins(options.limits, options.production),
      // Last of the subscription hooks: a subscription refused by the ones above never joins an audience.
      ...(feed ? [useGroupedActivity(feed)] : []),
      {
        onSubgraphExecute() {
          stats.subgraphFetches++;
        },
      },
      // Last of the execution hooks: every check above has passed when a page is read directly.
      ...(options.eventLog ? [useDirectEventPages(options.eventLog)] : []),
    ],
  });
  return { runtime, stats, subgraphUrls: options.subgraphUrls, graphiql: !options.production, limits: options.limits, feed, metrics };
}

/**
 * Nothing executes without a principal: the HTTP and WebSocket handlers authenticate every request
 * before it reaches the runtime, and this holds even for one that slipped past them (a route that
 * forgot to). Introspection and `__typename` are executions too.
 */
function useAuthenticatedExecution() {
  const refuse = ({ args, setResultAndStopExecution }: { args: { contextValue: Partial<GraphContext> }; setResultAndStopExecution(result: ExecutionResult): void }) => {
    if (args.contextValue.principal) return;
    setResultAndStopExecution({
      errors: [new GraphQLError('Missing Authorization header: send "Authorization: Bearer <token>".', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } })],
    });
  };
  return { onExecute: refuse, onSubscribe: refuse };
}

/** The transports by kind: Hive Gateway's HTTP and WebSocket ones, and the co-located subgraphs'. */
function transportsWith(local: ReturnType<typeof localTransport>) {
  const kinds: Record<string, () => Promise<unknown>> = {
    http: () => import('@graphql-mesh/transport-http'),
    ws: () => import('@graphql-mesh/transport-ws'),
  };
  return (kind: string) => {
    if (kind === LOCAL_KIND) return local as never;
    const load = kinds[kind];
    if (!load) throw new Error(`no transport of kind "${kind}"`);
    return load() as never;
  };
}

/** Hive Gateway's own logs, at the project logger's level, written (and made safe) by it (platform/log.ts). */
function hiveLogger(): HiveLogger {
  const logger = log.child({ component: 'gateway' });
  return new HiveLogger({ level: logger.level as LogLevel, writers: [new PinoLogWriter(logger)] });
}

/**
 * GraphiQL's page: the example document, and the Headers tab with the development token when there
 * is one (so the schema loads at once), else with a placeholder to replace.
 */
function graphiqlOptions(token: (() => Promise<string>) | undefined) {
  const base = { title: 'Scrums platform graph', defaultQuery: EXAMPLE_QUERY, defaultEditorToolsVisibility: 'headers' as const };
  const placeholder = { ...base, headers: JSON.stringify({ Authorization: 'Bearer <token: npm run token -- --org ORG-26-090500>' }, null, 2) };
  if (!token) return placeholder;
  // Only a browser on this machine gets a token: with HOST on an outside interface, a page served
  // to the network must not hand out an admin's credential.
  return async (_request: Request, server: unknown) =>
    isLoopback((server as { req?: http.IncomingMessage }).req?.socket.remoteAddress)
      ? { ...base, headers: JSON.stringify({ Authorization: `Bearer ${await token()}` }, null, 2) }
      : placeholder;
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

const EXAMPLE_QUERY = `# Every request sends the token in the Headers tab below
# (npm start fills in the demo admin's; else: npm run token)
query Dashboard {
  workspace(id: "WS-26-000021") {
    name
    organization { name }
    serviceLines(status: [ACTIVE], first: 5) {
      nodes {
        id
        name
        usage(from: "2026-04-01", to: "2026-04-30") { totalCost metrics { metric quantity cost currency } }
        tasks(status: [IN_PROGRESS, BACKLOG], first: 3) { nodes { id title assignee { name } } }
      }
    }
  }
}
`;
