import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocketServer } from 'ws';

/**
 * How every process of this project starts, serves and stops: `npm start` (the whole system in one
 * process), the standalone gateway and each standalone subgraph. One place, so they cannot drift
 * apart (a keep-alive timeout set for one server and not another, background work started twice).
 */

/** Longer than the idle timeout of the load balancers in front (60 s on AWS's), so they never reuse a socket the server just closed. */
const KEEP_ALIVE_MS = 65_000;
/** How long stopping may take before the process gives up on it and exits 1. */
const STOP_GRACE_MS = 10_000;

export interface Listening {
  server: http.Server;
  port: number;
  /** `http://host:port`, with 0.0.0.0 read as 127.0.0.1 so that it can be fetched from this machine. */
  origin: string;
  /** Terminates WebSocket clients, then closes the server and every connection still open. */
  close(): Promise<void>;
}

/**
 * Serves `handler` on `host:port` (port 0 picks a free one); `websockets` attaches a WebSocket
 * server (graphql-ws) to the same HTTP server.
 */
export async function listen(
  handler: http.RequestListener,
  options: { port: number; host: string; websockets?: (server: http.Server) => WebSocketServer },
): Promise<Listening> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  const sockets = options.websockets?.(server);
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    origin: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    async close() {
      if (sockets) {
        for (const client of sockets.clients) client.terminate();
        await new Promise<void>((resolve) => sockets.close(() => resolve()));
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** What a started process holds: stopping it releases everything it started, in reverse order. */
export interface Running {
  stop(): Promise<void>;
}

/**
 * Runs a process: `start` brings its parts up (a failure to start is thrown, and the process exits
 * with it); on SIGTERM or SIGINT they are stopped once and the process exits 0, or 1 if stopping
 * fails or takes longer than STOP_GRACE_MS.
 */
export async function runProcess(start: () => Promise<Running>): Promise<void> {
  const running = await start();
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), STOP_GRACE_MS);
    force.unref();
    try {
      await running.stop();
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
