import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type http from 'node:http';

/**
 * The request a piece of work belongs to: its ID (the `X-Request-Id` every answer carries, and every
 * log line written while it runs: platform/log.ts reads it here), and what its access log line
 * reports once it is answered (gateway/access-log.ts, platform/subgraph/server.ts).
 */
export interface RequestState {
  requestId: string;
  /** The route template (`/v1/tasks/{id}`), once the request is matched to one. */
  route?: string;
  /** The GraphQL operation's name, once the document is known. */
  operationName?: string;
  /** Who asks, once authenticated: never the credential. */
  organizationId?: string;
  actorId?: string;
  actorType?: string;
  /** The trace this request is part of, when tracing is on (platform/observability/tracing.ts). */
  traceId?: string;
  /** Answered: work that outlives it (a stream it started) no longer speaks for it. */
  ended?: boolean;
}

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A caller's ID is kept when it is 1 to 128 characters of letters, digits and `-_.:@/+=` (UUIDs,
 * ULIDs, a proxy's `Root=1-5e6f...` or base64 IDs fit); anything else is replaced by a fresh one,
 * so a log line can never carry a caller's control characters, JSON or a megabyte of text.
 */
const WELL_FORMED = /^[A-Za-z0-9\-_.:@/+=]{1,128}$/;

export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED.test(value);
}

/** The caller's `X-Request-Id` when well-formed, else a fresh UUID. */
export function requestIdOf(req: Pick<http.IncomingMessage, 'headers'>): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return isWellFormedRequestId(given) ? given : randomUUID();
}

const storage = new AsyncLocalStorage<RequestState>();

/** Runs `fn` as part of the request `state` describes: every log line written meanwhile carries its ID. */
export function withRequest<T>(state: RequestState, fn: () => T): T {
  return storage.run(state, fn);
}

/** The request the current work belongs to, if any. */
export function currentRequest(): RequestState | undefined {
  const state = storage.getStore();
  return state && !state.ended ? state : undefined;
}

/**
 * Marks the request answered. Work a request started that lives on (the event stream's reader, begun
 * by the first subscriber) inherits its async context; from now on its lines carry no request ID.
 */
export function endRequest(state: RequestState): void {
  state.ended = true;
}

let activeTraceId: (() => string | undefined) | undefined;

/** Set by the tracing setup when tracing is on (platform/observability/tracing.ts): the active span's trace ID. */
export function setTraceIdSource(source: (() => string | undefined) | undefined): void {
  activeTraceId = source;
}

/** The trace ID of the active span, when tracing is on; nothing to compute when it is off. */
export function traceIdOfActiveSpan(): string | undefined {
  return activeTraceId?.();
}

/** Who the current request is for, on its access line: organization and actor only, never a credential. */
export function noteRequester(who: { organizationId: string; actorId: string; actorType: string }): void {
  const state = currentRequest();
  if (!state) return;
  state.organizationId = who.organizationId;
  state.actorId = who.actorId;
  state.actorType = who.actorType;
}
