import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import { log } from '../log.ts';
import { currentRequest, endRequest, REQUEST_ID_HEADER, requestIdOf, withRequest, type RequestState } from '../request-id.ts';
import { activeTracer } from './tracing.ts';

/**
 * A subgraph's side of a request: the ID the gateway sent in `X-Request-Id` (or a fresh one), on
 * the answer and on every line logged while it is served; its access log line (`info`; probes at
 * `debug`); and, when tracing is on, its HTTP server span, continuing the gateway's `traceparent`,
 * with the statements it sends (sql-spans.ts) beneath it.
 */
export function observeSubgraphRequest(subgraph: string, req: http.IncomingMessage, res: http.ServerResponse, serve: () => Promise<void>): Promise<void> {
  const state: RequestState = { requestId: requestIdOf(req) };
  res.setHeader(REQUEST_ID_HEADER, state.requestId);
  const path = (req.url ?? '/').split('?')[0];
  const started = performance.now();
  const tracer = activeTracer();
  let span: Span | undefined;
  res.once('close', () => {
    endRequest(state);
    const line = {
      ...accessLine(subgraph, state, req.method, path === '/graphql' || path === '/health' || path === '/ready' ? path : '(unmatched)', res.statusCode, started),
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    if (path === '/graphql') log.info(line, 'request');
    else log.debug(line, 'request');
    if (span) {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  });
  if (!tracer || path !== '/graphql') return withRequest(state, serve);
  // W3C traceparent (and baggage) from the gateway's fetch, or a caller that reached the subgraph directly.
  const parent = propagation.extract(context.active(), req.headers);
  span = tracer.startSpan(`${req.method} /graphql`, {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path, 'http.route': '/graphql', 'graphql.subgraph.name': subgraph },
  }, parent);
  state.traceId = span.spanContext().traceId;
  const active = trace.setSpan(parent, span);
  return context.with(active, () => withRequest(state, serve));
}

/**
 * The Apollo side: the operation's name on the access line, and when tracing is on a span for the
 * GraphQL execution, a child of the HTTP span.
 */
export function subgraphRequestPlugin(subgraph: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName }) {
          const state = currentRequest();
          if (state && operationName) state.operationName = operationName;
        },
        async executionDidStart({ operationName, operation }) {
          const tracer = activeTracer();
          if (!tracer) return;
          const span = tracer.startSpan(`graphql.execute${operationName ? ` ${operationName}` : ''}`, {
            attributes: { 'graphql.operation.type': operation.operation, ...(operationName ? { 'graphql.operation.name': operationName } : {}), 'graphql.subgraph.name': subgraph },
          });
          return {
            async executionDidEnd(error) {
              if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
              span.end();
            },
          };
        },
      };
    },
  };
}

/**
 * The same for an operation a gateway in this process hands its co-located subgraph without HTTP
 * (platform/subgraph/local.ts): the request's ID and the caller on the subgraph's lines, an access
 * line (`route: '(in-process)'`), and when tracing is on a server span for the subgraph (a child of
 * the gateway's subgraph execution, the active span here) with a GraphQL execution span and the
 * statements beneath, as over HTTP.
 */
export function observeLocalSubgraphRequest<T>(
  subgraph: string,
  operation: { operationName?: string; type: string; organizationId: string; actorId: string; actorType: string },
  run: () => Promise<T>,
): Promise<T> {
  const gateway = currentRequest();
  const state: RequestState = {
    requestId: gateway?.requestId ?? randomUUID(),
    organizationId: operation.organizationId, actorId: operation.actorId, actorType: operation.actorType,
    ...(operation.operationName ? { operationName: operation.operationName } : {}),
  };
  const started = performance.now();
  const tracer = activeTracer();
  const finish = (failed: boolean, spans: Span[]) => {
    endRequest(state);
    for (const span of spans) {
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    log.info(accessLine(subgraph, state, 'LOCAL', '(in-process)', failed ? 500 : 200, started), 'request');
  };
  const observed = async (spans: Span[]) => {
    try {
      const result = await run();
      finish(false, spans);
      return result;
    } catch (error) {
      finish(true, spans);
      throw error;
    }
  };
  if (!tracer) return withRequest(state, () => observed([]));
  const server = tracer.startSpan(`subgraph ${subgraph} (in-process)`, {
    kind: SpanKind.SERVER,
    attributes: { 'graphql.subgraph.name': subgraph, 'scrums.subgraph.in_process': true },
  });
  state.traceId = server.spanContext().traceId;
  const execution = tracer.startSpan(`graphql.execute${operation.operationName ? ` ${operation.operationName}` : ''}`, {
    attributes: { 'graphql.operation.type': operation.type, ...(operation.operationName ? { 'graphql.operation.name': operation.operationName } : {}), 'graphql.subgraph.name': subgraph },
  }, trace.setSpan(context.active(), server));
  const active = trace.setSpan(context.active(), execution);
  return context.with(active, () => withRequest(state, () => observed([execution, server])));
}

/** A subgraph's access log line for a request it answered (over HTTP, or in-process). */
function accessLine(subgraph: string, state: RequestState, method: string | undefined, route: string, status: number, started: number) {
  return {
    component: 'subgraph-access',
    subgraph,
    requestId: state.requestId,
    method,
    route,
    status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    ...(state.organizationId ? { organizationId: state.organizationId, actorType: state.actorType, actorId: state.actorId } : {}),
    ...(state.operationName ? { operationName: state.operationName } : {}),
    ...(state.traceId ? { traceId: state.traceId } : {}),
  };
}
