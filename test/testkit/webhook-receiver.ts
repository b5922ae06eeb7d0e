import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request a receiver got, as it got it. */
export interface Received {
  headers: Record<string, string>;
  body: string;
  /** The status it answered. */
  status: number;
}

/** What a receiver answers a request with: a status, or `hang` (never answer: the sender times out). */
export type Answer = number | 'hang';

/**
 * A customer's webhook endpoint on loopback: a real HTTP server that records every POST and answers
 * what `answer` says (2xx by default). `verify` checks a request's signature with the Standard
 * Webhooks reference verifier, as a customer would.
 */
export async function startReceiver(answer: (request: Received, index: number) => Answer = () => 200) {
  const received: Received[] = [];
  const hanging = new Set<http.ServerResponse>();
  let respond = answer;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: Received = { headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8'), status: 0 };
      const reply = respond(request, received.length);
      if (reply === 'hang') {
        hanging.add(res);
        request.status = -1;
        received.push(request);
        return;
      }
      request.status = reply;
      received.push(request);
      res.writeHead(reply, { 'content-type': 'text/plain' });
      res.end(reply >= 200 && reply < 300 ? 'ok' : `failure ${reply}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Changes how later requests are answered (a receiver that comes back up). */
    answerWith(next: (request: Received, index: number) => Answer) {
      respond = next;
    },
    /** Requests that carried an event, by their envelope's `id`, in arrival order. */
    eventIds: () => received.map((r) => JSON.parse(r.body).id as string),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** The verified payload, or the verifier's error: the customer's check of one request. */
export function verifyWith(secret: string, request: Received): unknown {
  return new Webhook(secret).verify(request.body, {
    'webhook-id': request.headers['webhook-id'],
    'webhook-timestamp': request.headers['webhook-timestamp'],
    'webhook-signature': request.headers['webhook-signature'],
  });
}
