import http from 'node:http';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { createContext, type SubgraphContext, type SubgraphDeps } from './context.ts';
import { verifyPrincipal, PRINCIPAL_HEADER } from '../auth/principal-header.ts';
import { formatSubgraphError } from './format-error.ts';
import { scalarResolvers } from './scalars.ts';
import { enumInternalValues } from './enums.ts';
import { log } from '../log.ts';
import { subgraphSdl } from './sdl.ts';
import { listen, type CloseOptions } from '../process.ts';
import { readBody } from '../http.ts';
import { writeAuditPlugin } from './write-audit.ts';
import { localExecutor, type LocalExecute } from './local.ts';
import { sql } from 'drizzle-orm';
import { observeSubgraphRequest, subgraphRequestPlugin } from '../observability/subgraph-requests.ts';
import { noteRequester } from '../request-id.ts';
import { measured, routeTemplates } from '../metrics/http.ts';
import { METRICS_PATH, servicePortMetrics } from '../metrics/serve.ts';

const SUBGRAPH_ROUTES = routeTemplates([], ['/graphql', '/health', '/ready', METRICS_PATH]);

/** How long the database may take to answer a readiness probe. */
const READY_TIMEOUT_MS = 2000;

/** The resolver map buildSubgraphSchema takes, named through its public signature. */
type ResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']>;

export interface SubgraphDefinition {
  name: string;
  /** Absolute path of the subgraph's schema.graphql. */
  schemaFile: string;
  /**
   * The resolvers, loaded when the subgraph is built rather than when the module holding this
   * definition is imported: other subgraphs import that module (the subgraph's public one) for its
   * lookups, and the resolvers import other subgraphs' public modules in turn.
   */
  loadResolvers: () => Promise<object>;
  /**
   * What the subgraph runs beside serving requests (the events subgraph's retention sweep), or checks
   * before serving (the integrations subgraph's credentials key); stopped with the subgraph.
   */
  start?: (deps: SubgraphDeps) => { stop(): Promise<void> } | void;
}

export interface Subgraph {
  name: string;
  typeDefs: DocumentNode;
  schema: GraphQLSchema;
  /** The node HTTP handler: POST /graphql (principal required), GET /health, GET /ready. */
  handler: http.RequestListener;
  /** The same subgraph for a gateway in this process, without HTTP (local.ts). */
  execute: LocalExecute;
  listen(port?: number, host?: string): Promise<{ url: string; close(options?: CloseOptions): Promise<void> }>;
  stop(): Promise<void>;
}

export async function createSubgraph(definition: SubgraphDefinition, deps: SubgraphDeps): Promise<Subgraph> {
  const typeDefs = parse(subgraphSdl(definition.schemaFile));
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: { ...scalarResolvers, ...enumInternalValues(typeDefs), ...(await definition.loadResolvers()) } as ResolverMap,
  });
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError: formatSubgraphError,
    includeStacktraceInErrorResponses: false,
    logger: log.child({ component: 'subgraph', subgraph: definition.name }),
    // Every write is recorded (deps.recordWrite: the audit trail), in its own transaction when it succeeds.
    // Only the plugins a subgraph needs: none of Apollo's defaults (cache-control hints resolved per
    // field, which instruments every resolver; inline traces; usage and schema reporting; a landing page).
    plugins: [
      ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled(),
      writeAuditPlugin(deps.recordWrite), subgraphRequestPlugin(definition.name),
    ],
    // The process stops the subgraph (platform/process.ts), once; Apollo's own handler would stop it
    // a second time and raise the signal again.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const work = definition.start?.(deps);

  // /metrics on this port, unless METRICS_PORT gives the process's metrics a port of their own (platform/metrics/).
  const metrics = deps.config.metrics ? servicePortMetrics(deps.config.metrics, deps.config.production) : undefined;
  // Counted (platform/metrics/http.ts), then the request ID, access log line and spans of each
  // request (observability/subgraph-requests.ts).
  const handler: http.RequestListener = measured(deps.config.metrics?.enabled !== false, definition.name, SUBGRAPH_ROUTES, (req, res) => {
    void observeSubgraphRequest(definition.name, req, res, () => handle(req, res).catch((error) => {
      log.error({ err: error, subgraph: definition.name }, 'request failed');
      if (!res.headersSent) send(res, 500, { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname === '/health') return send(res, 200, { status: 'ok', subgraph: definition.name });
    if (url.pathname === METRICS_PATH && metrics) return metrics(req, res);
    // Ready when its database answers (a process shutting down refuses every request, /ready included: platform/process.ts).
    if (url.pathname === '/ready') {
      const ready = await Promise.race([deps.database.rows(sql`select 1`).then(() => true, () => false), new Promise<false>((resolve) => setTimeout(resolve, READY_TIMEOUT_MS, false).unref())]);
      return send(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', subgraph: definition.name, database: ready ? deps.database.engine : 'unavailable' });
    }
    if (url.pathname !== '/graphql') return send(res, 404, { errors: [{ message: 'Not found.' }] });
    const principal = verifyPrincipal(deps.principalKey, headerValue(req.headers[PRINCIPAL_HEADER]));
    if (!principal) {
      return send(res, 401, { errors: [{ message: 'This subgraph only answers the gateway: missing or invalid principal.', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    noteRequester(principal);
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    if (body === INVALID) return send(res, 400, { errors: [{ message: 'Malformed JSON body.', extensions: { code: 'BAD_USER_INPUT' } }] });
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      const v = headerValue(value);
      if (v !== undefined) headers.set(key, v);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => createContext(deps, principal),
    });
    res.statusCode = response.status ?? 200;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    name: definition.name,
    typeDefs,
    schema,
    handler,
    execute: localExecutor(definition.name, schema, apollo, deps),
    async listen(port = 0, host = '127.0.0.1') {
      // Its own port in each process, also in a node:cluster worker (npm start with GATEWAY_PROCESSES).
      const listening = await listen(handler, { port, host, exclusive: true, websockets: schema.getSubscriptionType() ? (server) => serveSubscriptions(server, schema, deps) : undefined });
      return { url: `${listening.origin}/graphql`, close: listening.close };
    },
    async stop() {
      await work?.stop();
      await apollo.stop();
    },
  };
}

/**
 * Subscriptions over graphql-ws on the same /graphql path: the gateway connects with the signed
 * principal in the connection parameters (a WebSocket has no per-operation headers), and the
 * connection is refused without a valid one, exactly like a query without the header.
 */
function serveSubscriptions(server: http.Server, schema: GraphQLSchema, deps: SubgraphDeps): WebSocketServer {
  const sockets = new WebSocketServer({ server, path: '/graphql' });
  useServer<Record<string, unknown>, { principal?: ReturnType<typeof verifyPrincipal> }>(
    {
      schema,
      onConnect(ctx) {
        const principal = verifyPrincipal(deps.principalKey, String(ctx.connectionParams?.[PRINCIPAL_HEADER] ?? ''));
        if (!principal) return false;
        ctx.extra.principal = principal;
        return true;
      },
      context: (ctx) => createContext(deps, ctx.extra.principal!),
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((error) => formatSubgraphError(error.toJSON(), error)) };
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((error) => formatSubgraphError(error.toJSON(), error));
      },
    },
    sockets,
  );
  return sockets;
}

const INVALID = Symbol('invalid');

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text === undefined) return INVALID;
  try {
    return JSON.parse(text || '{}');
  } catch {
    return INVALID;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
