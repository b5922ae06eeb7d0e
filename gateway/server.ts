import http from 'node:http';
import type { Database } from '../platform/db.ts';
import { badRequest, isPlatformError, type PlatformError } from '../platform/errors.ts';
import { callerError } from '../platform/unavailable.ts';
import { log } from '../platform/log.ts';
import { checkReadiness, type ReadinessProbe } from './readiness.ts';
import type { Authenticated, Authenticator } from './auth.ts';
import type { createGraph, GraphContext } from './graph.ts';
import type { RateLimit } from './limits/rate-limit.ts';
import type { LiveSessions } from './sessions.ts';
import { createRestRouter } from './rest/router.ts';
import { createIdempotency } from './rest/idempotency.ts';
import { checkRestBody, readRestBody } from './rest/request-body.ts';
import { OPENAPI_PATH, openApiDocument } from './rest/openapi.ts';
import { documentLimits } from './limits/index.ts';
import { createExportsApi, isExportsPath } from './exports/api.ts';
import { graphqlGetProblem } from './bad-input.ts';
import { createRestStreamer, wantsNdjson } from './exports/stream.ts';
import { createCors } from './cors.ts';
import type { CorsSettings } from '../platform/config.ts';
import { withOrigin } from './origin.ts';
import { noteCaller, withAccessLog } from './access-log.ts';
import { METRICS_PATH } from '../platform/metrics/serve.ts';

const logger = log.child({ component: 'gateway' });

export interface GatewayServerOptions {
  graph: ReturnType<typeof createGraph>;
  authenticator: Authenticator;
  database: Database;
  /** Per-caller request budget, spent right after authentication (gateway/limits/rate-limit.ts). */
  rateLimit: RateLimit;
  /** Streaming responses (SSE) end when their credential expires or is revoked. */
  sessions: LiveSessions;
  /** Which browser origins may call (gateway/cors.ts). */
  cors: CorsSettings;
  /** True once the process is shutting down: /ready answers 503 so load balancers stop sending requests. */
  stopping?: () => boolean;
  /** GET /metrics on this port, when it is served here (platform/metrics/serve.ts). */
  metrics?: http.RequestListener;
  /** SSE streams open now, counted here for the metrics (gateway/metrics.ts). */
  streams?: { open: number };
  /** What /ready probes besides the database and the subgraphs: NATS and Redis when configured (readiness.ts). */
  readinessProbes?: ReadinessProbe[];
}

/**
 * The gateway's one HTTP handler: /health and /ready, GraphiQL on GET /graphql from a browser,
 * and the graph itself for authenticated callers, over GraphQL or the REST shim under /v1/.
 * Authentication happens here, once; the principal travels to the subgraphs in the signed header.
 */
export function createGatewayHandler({ graph, authenticator, database, rateLimit, sessions, cors, stopping = () => false, metrics, streams = { open: 0 }, readinessProbes = [] }: GatewayServerOptions): http.RequestListener {
  const { runtime } = graph;
  // What follows (req, res) is merged into the request's context: how the principal reaches the
  // subgraph fetches (graph.ts) and a streaming response its end (`ended`).
  const serve = (req: http.IncomingMessage, res: http.ServerResponse, context: Partial<GraphContext>) => runtime.handle(req, res, context);
  const serveRest = createRestRouter(runtime);
  const idempotency = createIdempotency(database);
  const openApi = openApiDocument();
  const serveExports = createExportsApi({ runtime, database, limits: { document: documentLimits(graph.limits), maxNodes: graph.limits.maxNodes } });
  const streamRest = createRestStreamer(runtime, undefined, database);
  const applyCors = createCors(cors);

  /**
   * Who is asking, or why they may not be served: an address past its budget of refused
   * credentials gets 429 before its credential is even looked at; a refused credential gets 401 and
   * counts against its address; a caller past its own request budget gets 429; a credential that
   * cannot be checked (the database away) 503.
   */
  async function admit(req: http.IncomingMessage, res: http.ServerResponse): Promise<Authenticated | PlatformError> {
    const blocked = await rateLimit.admitClient(req, res);
    if (blocked) return blocked;
    let authenticated: Authenticated;
    try {
      authenticated = await authenticator.authenticate(req.headers.authorization);
    } catch (error) {
      const known = callerError(error);
      if (!known) throw error;
      if (known.code === 'unauthorized') await rateLimit.authenticationFailed(req);
      return known;
    }
    return (await rateLimit.take(authenticated.principal, res)) ?? authenticated;
  }

  /** /v1: the same authentication and budgets as /graphql, with errors in the REST shape. */
  async function handleRest(req: http.IncomingMessage, res: http.ServerResponse) {
    try {
      const admitted = await admit(req, res);
      if (isPlatformError(admitted)) return sendJson(res, admitted.status, admitted.toRest(), refusalHeaders(admitted));
      const principal = withOrigin(admitted.principal, req, rateLimit.clientAddress(req), 'rest');
      noteCaller(principal);
      // At most 1 MiB of JSON, no field nested past 32 levels, before anything reads it (rest/request-body.ts).
      const body = req.method === 'GET' ? '' : await readRestBody(req);
      checkRestBody(req.headers['content-type'], body);
      // Bulk exports (gateway/exports/api.ts), and any list streamed as NDJSON (gateway/exports/stream.ts).
      if (isExportsPath((req.url ?? '/').split('?')[0])) {
        const exported = await serveExports(req, res, withOrigin(principal, req, rateLimit.clientAddress(req), 'export'), body);
        return exported ? sendJson(res, exported.status, exported.body) : undefined;
      }
      if (wantsNdjson(req) && (await streamRest(req, res, principal))) return;
      // Writes with an Idempotency-Key are replayed, refused or executed under the key (rest/idempotency.ts).
      const answer = await idempotency.serve(req, principal, body, (beforeExecute) => serveRest(req, principal, body, beforeExecute));
      return sendJson(res, answer.status, answer.body, answer.headers);
    } catch (error) {
      const known = callerError(error);
      if (known) return sendJson(res, known.status, known.toRest(), refusalHeaders(known));
      throw error;
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    // CORS first: a preflight carries no credential, so it is answered before authentication.
    if (await applyCors(req, res)) return;
    const path = (req.url ?? '/').split('?')[0];
    // Every answer of the graph depends on who asks (organization, workspace, role): no shared
    // cache may keep one, and no browser should keep one on disk. GET queries are cacheable by
    // HTTP's rules, so they say so; SSE sets its own `no-cache`, which keeps this meaning.
    if (path === '/graphql' || (path.startsWith('/v1/') && path !== OPENAPI_PATH)) res.setHeader('cache-control', PRIVATE);
    if (path === '/health') return sendJson(res, 200, { status: 'ok' });
    if (path === METRICS_PATH && metrics) return metrics(req, res);
    if (path === '/ready') {
      if (stopping()) return sendJson(res, 503, { status: 'stopping', database: database.engine });
      const readiness = await checkReadiness(database, graph.subgraphUrls, readinessProbes);
      return sendJson(res, readiness.status === 'ready' ? 200 : 503, readiness);
    }
    if (path === '/graphql') {
      // Development only: a browser gets the GraphiQL page without a token. Serving it runs nothing
      // (the runtime answers with the page before parsing anything, and refuses to execute without a
      // principal, gateway/graph.ts); the queries it sends carry the token the user sets.
      if (graph.graphiql && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) return serve(req, res, {});
      const admitted = await admit(req, res);
      if (isPlatformError(admitted)) return sendJson(res, admitted.status, admitted.toGraphQL(), refusalHeaders(admitted));
      const principal = withOrigin(admitted.principal, req, rateLimit.clientAddress(req), 'graphql');
      noteCaller(principal);
      const malformed = req.method === 'GET' ? graphqlGetProblem(new URL(req.url ?? '/', 'http://gateway').searchParams) : undefined;
      if (malformed) return sendJson(res, malformed.status, malformed.toGraphQL());
      // A response that may stream (SSE, incremental delivery) lives as a session, like a WebSocket:
      // its subscriptions end with UNAUTHENTICATED when its credential expires or is revoked.
      if (!STREAMING.test(req.headers.accept ?? '')) return serve(req, res, { principal });
      const session = sessions.open(req.headers.authorization, admitted);
      streams.open++;
      res.once('close', () => (streams.open--, session.close()));
      return serve(req, res, { principal, ended: session.signal });
    }
    // The API reference is public, like the docs it is generated from (rest/openapi.ts).
    if (path === OPENAPI_PATH && req.method === 'GET') return sendJson(res, 200, openApi, { 'cache-control': 'public, max-age=300' });
    if (path.startsWith('/v1/')) return handleRest(req, res);
    return sendJson(res, 404, { error: { code: 'not_found', message: `No route for ${req.method} ${path}.`, status: 404 } });
  }

  // A request ID on every answer and log line, and an access log line per request (access-log.ts).
  return withAccessLog((req, res) => {
    handle(req, res).catch((error) => {
      const known = callerError(error);
      if (!known) logger.error({ err: error, method: req.method, path: (req.url ?? '/').split('?')[0] }, 'request failed');
      if (res.headersSent) res.end();
      else if (known) sendJson(res, known.status, known.toRest(), refusalHeaders(known));
      else sendJson(res, 500, { error: { code: 'server_error', message: 'Internal error.', status: 500 } });
    });
  });
}

/**
 * `Retry-After` for a refusal that passes with time (service_unavailable, rate_limited);
 * `Connection: close` for a body refused as too large, whose unread rest is dropped with the connection.
 */
function refusalHeaders(error: PlatformError): Record<string, string> {
  return {
    ...(error.retryAfter === undefined ? {} : { 'retry-after': String(error.retryAfter) }),
    ...(error.code === 'payload_too_large' ? { connection: 'close' } : {}),
  };
}

const PRIVATE = 'private, no-store';

const STREAMING = /text\/event-stream|multipart\/mixed/i;

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
