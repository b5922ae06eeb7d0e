import { describe, it, expect } from 'vitest';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';
import { Member, type MemberHost } from './member.ts';
import { SocketDriver } from './drivers.ts';
import type { LivePayload } from './execute.ts';

/** An event whose payload is `size` bytes of JSON. */
function payload(seq: number, size: number): LivePayload {
  const bare = JSON.stringify({ data: { activity: { cursor: `c${seq}`, pad: '' } } });
  const text = JSON.stringify({ data: { activity: { cursor: `c${seq}`, pad: 'x'.repeat(Math.max(0, size - bare.length)) } } });
  return { seq, cursor: `c${seq}`, text, bytes: Buffer.from(text) };
}

/** The socket driver over a real WebSocket, with and without compression negotiated: what the client reads. */
async function deliveredOver(perMessageDeflate: boolean, events: LivePayload[]): Promise<unknown[]> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate });
  await once(server, 'listening');
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate });
  const received: unknown[] = [];
  const all = new Promise<void>((resolve, reject) => {
    client.on('message', (data: Buffer, binary: boolean) => {
      received.push({ binary, message: JSON.parse(data.toString()) });
      if (received.length === events.length + 1) resolve();
    });
    // A frame the client cannot read closes the connection (1002, protocol error).
    client.on('close', (code) => reject(new Error(`closed with ${code} after ${received.length} messages`)));
  });
  const [socket, request] = (await once(server, 'connection')) as [WebSocket, IncomingMessage];
  await once(client, 'open');
  const host: MemberHost = { catchUp: () => {}, leave: () => {} };
  const member = new Member(host, { bufferLimit: 100, graceMs: 60_000 }, null);
  new SocketDriver(member, { socket, connection: request.socket, id: 'sub "1"' });
  // ws's own messages between the driver's: the frames stay whole and in order.
  member.deliver(events[0]);
  socket.send(JSON.stringify({ type: 'ping' }));
  for (const event of events.slice(1)) member.deliver(event);
  await all;
  client.close();
  server.close();
  return received;
}

describe('the graphql-ws socket driver (gateway/live/drivers.ts)', () => {
  // Around each length the frame header changes at (125 and 126, 65,535 and 65,536 bytes with the envelope), and beyond.
  const envelope = '{"id":"sub \\"1\\"","type":"next","payload":}'.length;
  const events = [payload(1, 60), payload(2, 125 - envelope), payload(3, 126 - envelope), payload(4, 300), payload(5, 65_535 - envelope), payload(6, 65_536 - envelope), payload(7, 70_000), payload(8, 10)];
  const expected = (event: LivePayload) => ({ binary: false, message: { id: 'sub "1"', type: 'next', payload: JSON.parse(event.text) } });

  for (const compression of [false, true]) {
    it(`writes each event as one text message with the subscription's id${compression ? ', compressed' : ''}`, async () => {
      const received = await deliveredOver(compression, events);
      expect(received).toEqual([expected(events[0]), { binary: false, message: { type: 'ping' } }, ...events.slice(1).map(expected)]);
      // The messages at the header's boundaries are the lengths meant.
      expect([1, 2, 4, 5].map((i) => events[i].bytes.length + envelope)).toEqual([125, 126, 65_535, 65_536]);
    });
  }
});
