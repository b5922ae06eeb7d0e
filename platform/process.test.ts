import net from 'node:net';
import { describe, it, expect } from 'vitest';
import { listen } from './process.ts';

/** A socket connected to `port`, with all the server sent and how the connection ended. */
async function rawClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  const ended = new Promise<string>((resolve) => {
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    socket.on('close', () => resolve('closed'));
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, received: () => received, ended };
}

describe('listen: a request that arrives while the server closes', () => {
  it('is refused (503) once its body has arrived, so its connection closes cleanly instead of being reset under the body', async () => {
    // One request held in flight keeps the server closing while the test sends another.
    let inFlight!: () => void;
    const held = new Promise<void>((resolve) => (inFlight = resolve));
    let release!: () => void;
    const listening = await listen((req, res) => {
      if (req.url === '/hold') {
        release = () => res.end('held');
        return inFlight();
      }
      res.end('ok');
    }, { port: 0, host: '127.0.0.1' });
    const kept = await rawClient(listening.port);
    const heldResponse = fetch(`${listening.origin}/hold`);
    await held;
    const closing = listening.close({ graceMs: 5000 });
    // The head of a request arrives on the kept-alive connection, its body only later (fetch sends
    // a body after the head, from a stream).
    const body = '{"query":"{ __typename }"}';
    kept.socket.write(`POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Not answered yet: a refusal now, and the close after it, would meet the body on its way and
    // reset the connection, and the client could lose the refusal.
    expect(kept.received()).toBe('');
    kept.socket.write(body);
    expect(await kept.ended).toBe('closed');
    expect(kept.received()).toMatch(/^HTTP\/1\.1 503 [\s\S]*connection: close[\s\S]*"service_unavailable"/i);
    release();
    expect(await (await heldResponse).text()).toBe('held');
    await closing;
  });

  it('without a body is refused at once', async () => {
    let release!: () => void;
    const listening = await listen((req, res) => (release = () => res.end('held')), { port: 0, host: '127.0.0.1' });
    const kept = await rawClient(listening.port);
    const heldResponse = fetch(listening.origin);
    await expect.poll(() => typeof release).toBe('function');
    const closing = listening.close({ graceMs: 5000 });
    kept.socket.write('GET /graphql HTTP/1.1\r\nhost: x\r\n\r\n');
    expect(await kept.ended).toBe('closed');
    expect(kept.received()).toMatch(/^HTTP\/1\.1 503 [\s\S]*retry-after: 1/i);
    release();
    await (await heldResponse).text();
    await closing;
  });

  it('that waited in the listen backlog is accepted and refused, not reset', async () => {
    const listening = await listen((_req, res) => res.end('ok'), { port: 0, host: '127.0.0.1' });
    const socket = net.connect(listening.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.on('connect', () => socket.write('GET /graphql HTTP/1.1\r\nhost: x\r\n\r\n'));
    const ended = new Promise<string>((resolve) => {
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      socket.on('close', () => resolve('closed'));
    });
    // The socket connects on the next tick, and the kernel completes the connection; the server has
    // not accepted it (its event loop has not polled since), as with a connection made while a busy
    // server handles a signal.
    await new Promise((resolve) => process.nextTick(resolve));
    const until = Date.now() + 20;
    while (Date.now() < until);
    const closing = listening.close({ graceMs: 5000 });
    expect(await ended).toBe('closed');
    expect(received).toMatch(/^HTTP\/1\.1 503 [\s\S]*connection: close/i);
    await closing;
  });
});
