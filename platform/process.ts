import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { WebSocketServer } from 'ws';
import { startTracing } from './observability/tracing.ts';

/**
 * How every process of this project starts, serves and stops: `npm start` (the whole system in one
 * process), the standalone gateway and each standalone subgraph. One place, so they cannot drift
 * apart (a keep-alive timeout set for one server and not another, background work started twice).
 */

/** Longer than the idle timeout of the load balancers in front (60 s on AWS's), so they never reuse a socket the server just closed. */
const KEEP_ALIVE_MS = 65_000;
/** Beyond its delay and grace, how long stopping may take (closing pools, background work) before the process gives up and exits 1. */
const STOP_SLACK_MS = 10_000;
/** In-flight requests are waited for this long when a close gives no bound (tests, a subgraph taken down). */
const DEFAULT_GRACE_MS = 10_000;

/**
 * How long a closing server keeps idle kept-alive connections: a request arriving on one in that
 * time is refused (503, Connection: close) instead of meeting a connection closed under it, which a
 * client cannot tell from a request lost after it ran. Shorter than the shortest Retry-After of a
 * refusal (1 s), so the idle connections close between the refusals and the retries they ask for:
 * at a full second, a client retrying after 1 s on another kept-alive connection could send as it
 * closed, and meet "other side closed" instead of a refusal or a refused connection.
 */
const IDLE_LINGER_MS = 500;

/** WebSocket close code 1001, "going away": the client should reconnect, here with its last cursor. */
export const GOING_AWAY = 1001;
export const GOING_AWAY_REASON = 'Server is shutting down; reconnect and subscribe again with after: your last cursor.';

export interface CloseOptions {
  /** Longest in-flight requests are waited for before their connections are cut (SHUTDOWN_GRACE_SECONDS). */
  graceMs?: number;
  /** The close reason WebSocket clients get with code 1001 (at most 123 bytes). */
  reason?: string;
}

export interface Listening {
  server: http.Server;
  port: number;
  /** `http://host:port`, with 0.0.0.0 read as 127.0.0.1 so that it can be fetched from this machine. */
  origin: string;
  /** True once close() began: the server accepts no connection, and a request on a kept-alive one is refused. */
  readonly closing: boolean;
  /**
   * Graceful: stops accepting connections, closes idle kept-alive ones, closes WebSocket clients
   * with 1001 and `reason`, answers every request still arriving on an open connection with
   * `refuse` (503), and waits for in-flight requests to complete, up to `graceMs`; then cuts
   * whatever is still open.
   */
  close(options?: CloseOptions): Promise<void>;
}

/**
 * Serves `handler` on `host:port` (port 0 picks a free one); `websockets` attaches a WebSocket
 * server (graphql-ws) to the same HTTP server; `refuse` answers a request that arrives while the
 * server closes (default: 503 `service_unavailable` in the REST shape).
 */
export async function listen(
  handler: http.RequestListener,
  options: {
    port: number;
    host: string;
    websockets?: (server: http.Server) => WebSocketServer;
    refuse?: http.RequestListener;
    /** In a node:cluster worker, a port of this process's own rather than one shared with the other workers. */
    exclusive?: boolean;
  },
): Promise<Listening> {
  let closing = false;
  const refuse = options.refuse ?? refuseWhileClosing;
  // Requests being served: once closing, each is answered with Connection: close.
  const serving = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    if (!closing) {
      serving.add(res);
      res.once('close', () => {
        serving.delete(res);
        // Its connection, kept alive when its headers went out before closing began, is idle now.
        if (closing && serving.size === 0) setTimeout(closeIdle, IDLE_LINGER_MS).unref();
      });
      return handler(req, res);
    }
    // The connection is not kept for another request, and this one is not started. It is refused
    // once its body has arrived (read and dropped): a client sends a body after the head (fetch,
    // from a stream), and a connection closed while some of it is still on the way is reset, which
    // can lose the refusal and cut the client's write ("ECONNRESET" instead of a 503). The grace
    // period bounds a body that never ends.
    res.setHeader('connection', 'close');
    if (req.complete) return refuse(req, res);
    req.once('end', () => refuse(req, res));
    req.resume();
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // From a timer, after the next poll phase: a request already received on a kept-alive connection
  // is read first (its connection is then busy, and refused), so only connections really idle close.
  const closeIdle = () => setImmediate(() => server.closeIdleConnections());
  const sockets = options.websockets?.(server);
  await new Promise<void>((resolve) => server.listen({ port: options.port, host: options.host, exclusive: options.exclusive }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    origin: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    get closing() {
      return closing;
    },
    async close({ graceMs = DEFAULT_GRACE_MS, reason = GOING_AWAY_REASON }: CloseOptions = {}) {
      closing = true;
      const closed = stopAccepting(server);
      // A response finishing on a kept-alive connection ends it (Connection: close); an idle one ends
      // after IDLE_LINGER_MS, or at its next request, refused.
      for (const res of serving) if (!res.headersSent) res.setHeader('connection', 'close');
      const linger = setTimeout(closeIdle, Math.min(IDLE_LINGER_MS, graceMs));
      if (sockets) {
        for (const client of sockets.clients) client.close(GOING_AWAY, Buffer.from(reason).subarray(0, 123).toString());
        sockets.close();
      }
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
      const outcome = await Promise.race([closed, bound]);
      clearTimeout(timer);
      clearTimeout(linger);
      if (outcome === 'timeout') {
        for (const client of sockets?.clients ?? []) client.terminate();
        server.closeAllConnections();
        await closed;
      }
    },
  };
}

/** Event-loop turns a closing server keeps accepting while connections keep arriving in its backlog. */
const MAX_DRAIN_TURNS = 20;

/**
 * Closes the listening socket once the connections waiting in its backlog have been accepted, and
 * resolves when every connection has ended. Closing it at once would reset those: the kernel
 * completed them while the event loop was busy (with the requests in flight, with the signal), so
 * their clients connected and sent a request that meets ECONNRESET instead of a refusal. Accepted,
 * their requests are refused (503) like any arriving while the server closes. The listener closes
 * after an event-loop turn whose poll accepted nothing (or MAX_DRAIN_TURNS), in the check phase
 * right after that poll, so only a connection completed within that turn can still be reset.
 *
 * net.Server's close, not http.Server's, which would also close idle kept-alive connections at
 * once, under a request the client may just have sent on one.
 */
function stopAccepting(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    let accepted = 0;
    const onConnection = () => accepted++;
    server.on('connection', onConnection);
    let turns = 0;
    // An immediate set now runs before the loop polls again, so the first turn always waits for one more.
    const turn = () => {
      turns++;
      if (turns === 1 || (accepted > 0 && turns < MAX_DRAIN_TURNS)) {
        accepted = 0;
        setImmediate(turn);
        return;
      }
      server.off('connection', onConnection);
      net.Server.prototype.close.call(server, () => resolve());
    };
    setImmediate(turn);
  });
}

function refuseWhileClosing(_req: http.IncomingMessage, res: http.ServerResponse) {
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
  res.end(JSON.stringify({ error: { code: 'service_unavailable', message: 'The server is shutting down; retry shortly.', status: 503 } }));
}

/** What a started process holds: stopping it releases everything it started, in reverse order. */
export interface Running {
  stop(): Promise<void>;
  /** How long stop() may take on purpose (its shutdown delay and grace), beyond which the process exits 1. */
  stopWithinMs?: number;
}

/** The time a process's stop() is given on purpose: SHUTDOWN_DELAY_SECONDS + SHUTDOWN_GRACE_SECONDS. */
export function shutdownBudgetMs(config: { shutdownDelaySeconds: number; shutdownGraceSeconds: number }): number {
  return (config.shutdownDelaySeconds + config.shutdownGraceSeconds) * 1000;
}

/**
 * Runs a process: `start` brings its parts up (a failure to start is thrown, and the process exits
 * with it); on SIGTERM or SIGINT they are stopped once and the process exits 0, or 1 if stopping
 * fails or takes longer than its `stopWithinMs` and some slack.
 */
export async function runProcess(start: () => Promise<Running>, options: { serviceName?: string } = {}): Promise<void> {
  // OpenTelemetry, when the OTEL_* variables ask for it (observability/tracing.ts), before anything serves.
  const tracing = await startTracing({ serviceName: options.serviceName });
  const running = await start();
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => {
      console.error(`${signal}: stopping took too long, exiting`);
      process.exit(1);
    }, (running.stopWithinMs ?? DEFAULT_GRACE_MS) + STOP_SLACK_MS);
    force.unref();
    try {
      await running.stop();
      // The spans still buffered are exported before the process exits.
      await tracing?.shutdown();
      console.log(`${signal}: stopped`);
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
