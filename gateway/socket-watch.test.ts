import { once } from 'node:events';
import { describe, it, expect, afterEach } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { watchSockets } from './socket-watch.ts';

describe('socket watch', () => {
  let server: WebSocketServer | undefined;
  const open: WebSocket[] = [];

  afterEach(async () => {
    for (const socket of open.splice(0)) socket.terminate();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function start() {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(server, 'listening');
    const watch = watchSockets(server, { initWaitMs: 100, keepAliveMs: 150, sweepMs: 20 });
    // connection_init: any message, here.
    server.on('connection', (socket: WebSocket) => socket.on('message', () => watch.initialised(socket)));
    return `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  async function connect(url: string, options: { autoPong?: boolean } = {}) {
    const socket = new WebSocket(url, options);
    open.push(socket);
    await once(socket, 'open');
    return socket;
  }

  it('closes a socket without connection_init in time with 4408, not one that sent it', async () => {
    const url = await start();
    const silent = await connect(url);
    const initialised = await connect(url);
    initialised.send('{"type":"connection_init"}');
    const [code, reason] = await once(silent, 'close');
    expect(code).toBe(4408);
    expect(String(reason)).toBe('Connection initialisation timeout');
    expect(initialised.readyState).toBe(WebSocket.OPEN);
  });

  it('pings every socket, and terminates one that leaves a ping unanswered', async () => {
    const url = await start();
    const healthy = await connect(url);
    const gone = await connect(url, { autoPong: false });
    for (const socket of [healthy, gone]) socket.send('{"type":"connection_init"}');
    let pings = 0;
    healthy.on('ping', () => pings++);
    const [code] = await once(gone, 'close');
    // Terminated, not closed: no close frame (1006 at the client).
    expect(code).toBe(1006);
    expect(pings).toBeGreaterThan(0);
    expect(healthy.readyState).toBe(WebSocket.OPEN);
  });
});
