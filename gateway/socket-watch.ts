import type { WebSocket, WebSocketServer } from 'ws';

export interface SocketWatchOptions {
  /** A socket that has not sent connection_init this long after opening is closed with 4408 (graphql-ws's default: 3 s). */
  initWaitMs: number;
  /** Every socket is pinged this often, and terminated when the last ping is still unanswered (graphql-ws's default: 12 s). */
  keepAliveMs: number;
  /** How often the sockets are looked at: a deadline is kept to within this. */
  sweepMs: number;
}

export const SOCKET_WATCH: SocketWatchOptions = { initWaitMs: 3_000, keepAliveMs: 12_000, sweepMs: 1_000 };

/** graphql-ws's close code for a connection_init that did not come in time. */
const INIT_TIMEOUT = 4408;

interface KeepAlive {
  /** When the next ping is due (or, while one is unanswered, when it is too late). */
  due: number;
  awaiting: boolean;
}

function answered(this: WebSocket) {
  const state = watched.get(this);
  if (state) state.awaiting = false;
}

const watched = new WeakMap<WebSocket, KeepAlive>();

/**
 * graphql-ws's two deadlines of a socket, the connection_init wait and the keep-alive ping, kept by
 * one timer for the whole server instead of two timers per socket (graphql-ws's own, turned off
 * where this is used): setting up a timer is a good part of what a connection costs when a
 * thousand open in a second. Every `sweepMs` a socket still waiting for its connection_init past
 * `initWaitMs` is closed with 4408, and each socket whose ping is due is pinged, or terminated when
 * its previous ping, `keepAliveMs` ago, is still unanswered (the peer is gone). Deadlines hold to
 * within `sweepMs`. Call `initialised` when a socket's connection_init arrives.
 */
export function watchSockets(sockets: WebSocketServer, options: SocketWatchOptions = SOCKET_WATCH): { initialised(socket: WebSocket): void } {
  const waiting = new Map<WebSocket, number>();
  sockets.on('connection', (socket: WebSocket) => {
    const now = Date.now();
    waiting.set(socket, now + options.initWaitMs);
    watched.set(socket, { due: now + options.keepAliveMs, awaiting: false });
    socket.on('pong', answered);
  });
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [socket, deadline] of waiting) {
      if (socket.readyState !== socket.OPEN) waiting.delete(socket);
      else if (now >= deadline) {
        waiting.delete(socket);
        socket.close(INIT_TIMEOUT, 'Connection initialisation timeout');
      }
    }
    for (const socket of sockets.clients) {
      const state = watched.get(socket);
      if (!state || now < state.due || socket.readyState !== socket.OPEN) continue;
      if (state.awaiting) {
        socket.terminate();
        continue;
      }
      state.awaiting = true;
      state.due = now + options.keepAliveMs;
      socket.ping();
    }
  }, options.sweepMs);
  sweep.unref();
  sockets.once('close', () => clearInterval(sweep));
  return { initialised: (socket) => void waiting.delete(socket) };
}
