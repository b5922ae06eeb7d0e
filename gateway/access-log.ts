import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { WebSocketServer } from 'ws';
import { context, propagation } from '@opentelemetry/api';
import { activeTracer } from '../platform/observability/tracing.ts';
import { log } from '../platform/log.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { currentRequest, endRequest, noteRequester, REQUEST_ID_HEADER, requestIdOf, traceIdOfActiveSpan, withRequest, type RequestState } from '../platform/request-id.ts';

/**
 * Every HTTP request to the gateway gets an ID (the caller's well-formed `X-Request-Id`, or a fresh
 * one: platform/request-id.ts), answered in `X-Request-Id` on every answer, carried by every log
 * line written while it is served and by its subgraph fetches (`useRequestIds`), and one access log
 * line at `info` once it is answered: method, route template, status, duration, the caller's
 * organization and actor (never the credential), the GraphQL operation's name, the trace ID when
 * tracing is on. `/health` and `/ready` (probes, every few seconds) are logged at `debug`.
 */
export function withAccessLog(handler: http.RequestListener): http.RequestListener {
  return (req, res) => {
    const state: RequestState = { requestId: requestIdOf(req) };
    // What the runtime's own request-ID handling reads (and echoes, and sends upstream): the checked
    // ID, never a caller's malformed one.
    req.headers[REQUEST_ID_HEADER] = state.requestId;
    res.setHeader(REQUEST_ID_HEADER, state.requestId);
    const started = performance.now();
    res.once('close', () => {
      endRequest(state);
      writeAccessLine(req, res, state, performance.now() - started);
    });
    const serve = () => withRequest(state, () => handler(req, res));
    // With tracing on, the caller's W3C trace context is the active one, so what runs without this
    // HTTP request (the documents REST runs through runtime.fetch) continues the caller's trace too.
    if (activeTracer()) context.with(propagation.extract(context.active(), req.headers), serve);
    else serve();
  };
}

function writeAccessLine(req: http.IncomingMessage, res: http.ServerResponse, state: RequestState, ms: number) {
  const path = (req.url ?? '/').split('?')[0];
  const line = {
    component: 'access',
    requestId: state.requestId,
    method: req.method,
    route: state.route ?? routeTemplate(path),
    status: res.statusCode,
    durationMs: Math.round(ms * 10) / 10,
    ...(state.organizationId ? { organizationId: state.organizationId, actorType: state.actorType, actorId: state.actorId } : {}),
    ...(state.operationName ? { operationName: state.operationName } : {}),
    ...(state.traceId ? { traceId: state.traceId } : {}),
    // The client went away before the answer was sent in full.
    ...(res.writableFinished ? {} : { aborted: true }),
  };
  // The project logger itself (not a child made at import), so a level set on it later applies.
  if (path === '/health' || path === '/ready') log.debug(line, 'request');
  else log.info(line, 'request');
}

const FIXED_ROUTES = new Set(['/graphql', '/health', '/ready', '/v1/openapi.json']);

/**
 * The route of a path the REST router did not name (exports, unknown routes): IDs (any segment with
 * a digit) become `{id}`, so a line never carries an object's ID as its route; outside `/v1` and the
 * fixed paths, `(unmatched)`.
 */
export function routeTemplate(path: string): string {
  if (FIXED_ROUTES.has(path)) return path;
  if (!path.startsWith('/v1/')) return '(unmatched)';
  return `/v1/${path.slice(4, 200).split('/').map((segment) => (/\d/.test(segment) ? '{id}' : segment)).join('/')}`;
}

/** Who the request is for, on its access line: organization and actor only. */
export function noteCaller(principal: Principal): void {
  noteRequester(principal);
}

/** The route template a REST request matched (gateway/rest/router.ts). */
export function noteRoute(route: string): void {
  const state = currentRequest();
  if (state) state.route = route;
}

/**
 * The runtime's part: the operation's name (and trace ID) on the access line. The request ID reaches
 * every upstream fetch (`X-Request-Id`) through the runtime's own request-ID handling, which sets it
 * on the fetch after the executor's in-flight de-duplication has keyed the request (a header in the
 * execution request would make every request's fetches distinct); `runtimeRequestIds` gives it this
 * request's ID for the documents REST runs through `runtime.fetch`, whose requests carry none.
 */
export function useRequestIds() {
  const noteOperation = ({ args }: { args: { document: DocumentNode; operationName?: string | null } }) => {
    const state = currentRequest();
    if (!state) return;
    state.operationName ??= getOperationAST(args.document, args.operationName)?.name?.value;
    state.traceId ??= traceIdOfActiveSpan();
  };
  return { onExecute: noteOperation, onSubscribe: noteOperation };
}

/** The runtime's `requestId` option: the header (the checked ID, withAccessLog), else the current request's, else a fresh one. */
export const runtimeRequestIds = {
  headerName: REQUEST_ID_HEADER,
  generateRequestId: () => currentRequest()?.requestId ?? randomUUID(),
};

/** The WebSocket upgrade's answer (101) carries an `X-Request-Id` too. */
export function requestIdOnUpgrade(sockets: WebSocketServer): void {
  sockets.on('headers', (headers: string[], req: http.IncomingMessage) => {
    headers.push(`X-Request-Id: ${requestIdOf(req)}`);
  });
}
