import type http from 'node:http';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { getGraphQLWSOptions, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { BoundedQueue } from '../platform/bounded-queue.ts';
import { callerError } from '../platform/unavailable.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import type { Authenticated, Authenticator } from './auth.ts';
import { GoingAway, type LiveSession, type LiveSessions } from './sessions.ts';
import { GOING_AWAY } from '../platform/process.ts';
import type { GraphContext } from './graph.ts';
import type { RateLimit } from './limits/rate-limit.ts';
import { withOrigin } from './origin.ts';
import { isGrouped } from './live/plugin.ts';
import { sessionEnded, slowConsumer } from './live/member.ts';
import { slowConsumerCutoffs } from '../platform/metrics/instruments.ts';
import { watchSockets } from './socket-watch.ts';

/**
 * graphql-ws on the gateway's /graphql: the client authenticates once per connection, with
 * `{"authorization": "Bearer ..."}` in the connection parameters (browsers cannot set headers on a
 * WebSocket) or the upgrade request's Authorization header, and spends one request of its rate
 * budget. A refused connection closes with 4401 (unauthorized) or 4429 (rate limited: the caller's
 * budget, or its address's budget of refused credentials, which a refused connection spends from).
 * The connection lives as a session (gateway/sessions.ts): once its credential expires or is
 * revoked, it closes with 4401, so a revoked API key stops receiving events at once.
 */
export function serveGraphQLOverWebSocket(
  server: http.Server,
  runtime: GatewayRuntime<GraphContext>,
  authenticator: Authenticator,
  rateLimit: RateLimit,
  sessions: LiveSessions,
): WebSocketServer {
  const sockets = new WebSocketServer({ server, path: '/graphql' });
  type Extra = { principal?: Principal; request: http.IncomingMessage; session?: LiveSession; socket?: WebSocket };
  const options = getGraphQLWSOptions<Record<string, unknown>, Extra>(runtime, (ctx) => ({ principal: ctx.extra.principal, ended: ctx.extra.session?.signal }));
  // The connection_init wait (3 s) and the keep-alive (a ping every 12 s) as graphql-ws keeps them,
  // with one timer for every socket instead of two per socket (socket-watch.ts).
  const watch = watchSockets(sockets);
  useServer<Record<string, unknown>, Extra>(
    {
      ...options,
      connectionInitWaitTimeout: 0,
      // The socket and the subscription's id: a grouped `activity` writes its events to them (gateway/live/).
      onSubscribe(ctx, id, payload) {
        const args = options.onSubscribe!(ctx, id, payload);
        const withSocket = (execArgs: Awaited<typeof args>) => {
          const contextValue = (execArgs as { contextValue?: Partial<GraphContext> } | undefined)?.contextValue;
          if (contextValue && ctx.extra.socket) contextValue.liveSocket = { socket: ctx.extra.socket, connection: ctx.extra.request.socket, id };
          return execArgs;
        };
        return args instanceof Promise ? args.then(withSocket) : withSocket(args as Awaited<typeof args>);
      },
      async onConnect(ctx) {
        if (ctx.extra.socket) watch.initialised(ctx.extra.socket);
        const given = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization ?? ctx.extra.request.headers.authorization;
        const authorization = typeof given === 'string' ? given : undefined;
        const blocked = await rateLimit.admitClient(ctx.extra.request);
        if (blocked) {
          closeWith(ctx, 4429, blocked.message);
          return false;
        }
        let authenticated: Authenticated;
        try {
          authenticated = await authenticator.authenticate(authorization);
        } catch (error) {
          const known = callerError(error);
          if (!known) throw error;
          if (known.code !== 'unauthorized') {
            // The credential could not be checked (the database away): 1013, "try again later".
            closeWith(ctx, 1013, known.message);
            return false;
          }
          await rateLimit.authenticationFailed(ctx.extra.request);
          closeWith(ctx, 4401, known.message);
          return false;
        }
        const limited = await rateLimit.take(authenticated.principal);
        if (limited) {
          closeWith(ctx, 4429, limited.message);
          return false;
        }
        ctx.extra.principal = withOrigin(authenticated.principal, ctx.extra.request, rateLimit.clientAddress(ctx.extra.request), 'graphql');
        ctx.extra.session = sessions.open(authorization, authenticated, (reason) => {
          // Shutting down: 1001 (going away), the client resumes with its cursor elsewhere or after the restart.
          if (reason instanceof GoingAway) closeWith(ctx, GOING_AWAY, reason.message);
          else closeWith(ctx, 4401, String(reason));
        });
        return true;
      },
      onClose(ctx) {
        ctx.extra.session?.close();
      },
    },
    sockets,
    0,
  );
  return sockets;
}

function closeWith(ctx: { extra: unknown }, code: number, reason: string) {
  const socket = (ctx.extra as { socket?: { close(code: number, reason: string): void } }).socket;
  // WebSocket close reasons are at most 123 bytes.
  socket?.close(code, Buffer.from(reason).subarray(0, 123).toString());
}

const OVERFLOW = Symbol('overflow');
const ENDED = Symbol('session ended');

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** The cursor of a result's root edge (`{ activity: { cursor, node } }`), if it has one. */
function cursorOf(result: ExecutionResult): string | null {
  const root = result.data ? Object.values(result.data)[0] : undefined;
  const cursor = (root as { cursor?: unknown } | undefined)?.cursor;
  return typeof cursor === 'string' ? cursor : null;
}

/**
 * Every subscription gets a bounded buffer between the subgraph and its client: results are read
 * from upstream while there is room and wait here until the client's connection takes them. A
 * client that leaves the buffer full for `graceMs` (it stopped reading, or reads slower than events
 * are written) is too slow: it gets one last result with a SLOW_CONSUMER error carrying the cursor
 * of the last event it was sent (`extensions.resumeAfter`), and the subscription ends. A burst or a
 * replay of history that a healthy client drains within the grace period never cuts it off.
 * When the connection's session ends (`context.ended`: its credential expired or was revoked), what
 * is still buffered is dropped and the subscription ends at once with a last UNAUTHENTICATED result;
 * when it ends because the gateway shuts down, with a last SERVICE_UNAVAILABLE result whose
 * `resumeAfter` is the cursor of the last event sent.
 */
export function useBoundedSubscriptions(limit: number, graceMs: number) {
  return {
    onSubscribe({ args }: { args: { contextValue: Partial<GraphContext> } }) {
      const ended = args.contextValue.ended;
      return {
        onSubscribeResult({ result, setResult }: { result: unknown; setResult(result: AsyncIterableIterator<ExecutionResult>): void }) {
          // A grouped subscription has its own bounded buffer (gateway/live/member.ts).
          if (!isAsyncIterable<ExecutionResult>(result) || isGrouped(args.contextValue)) return;
          let lastCursor: string | null = null;
          // The queue ends with OVERFLOW after delivering what it holds; the error is made then, so
          // its cursor is that of the last result the client was actually sent.
          const queue = new BoundedQueue<ExecutionResult>(limit, () => OVERFLOW);
          const upstream = result[Symbol.asyncIterator]();
          queue.closed = () => void upstream.return?.();
          // Wakes a consumer waiting on an empty queue; one with results waiting checks `ended` first.
          const onEnded = () => queue.fail(ENDED);
          ended?.addEventListener('abort', onEnded, { once: true });
          void (async () => {
            try {
              for (;;) {
                const next = await upstream.next();
                if (next.done) break;
                if (!(await queue.offer(next.value, graceMs))) break;
              }
              queue.end();
            } catch (error) {
              queue.fail(error);
            }
          })();
          setResult((async function* bounded() {
            try {
              for await (const value of queue) {
                if (ended?.aborted) break;
                const cursor = cursorOf(value);
                if (cursor) lastCursor = cursor;
                yield value.errors ? { ...value, errors: value.errors.map(asGraphQLError) } : value;
              }
            } catch (error) {
              if (error === OVERFLOW) slowConsumerCutoffs.inc();
              if (error === OVERFLOW) yield { errors: [slowConsumer(lastCursor)] };
              else if (error !== ENDED) throw error;
            } finally {
              ended?.removeEventListener('abort', onEnded);
              await queue.return();
            }
            if (ended?.aborted) yield { errors: [ended.reason instanceof GoingAway ? goingAway(ended.reason, lastCursor) : sessionEnded(ended.reason)] };
          })());
        },
      };
    },
  };
}

/**
 * A subgraph's error inside a subscription result arrives as a plain object (queries get real
 * GraphQLErrors from the runtime); as such the error masking would hide it as "Unexpected error".
 * Made a GraphQLError again, it keeps its message and code (NOT_FOUND, BAD_USER_INPUT) as a query's would.
 */
function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const { message, path, extensions } = error as { message?: unknown; path?: readonly (string | number)[]; extensions?: Record<string, unknown> };
  return new GraphQLError(typeof message === 'string' ? message : 'Subscription failed.', { path, extensions });
}

/** The last result of a stream ended by its gateway shutting down: resume from `resumeAfter`, as after SLOW_CONSUMER. */
function goingAway(reason: GoingAway, resumeAfter: string | null): GraphQLError {
  return new GraphQLError(reason.message, { extensions: { code: 'SERVICE_UNAVAILABLE', resumeAfter } });
}
