import { it, expect } from 'vitest';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem, type TestSystemOptions } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { collect, type SubscriptionResult } from './testkit/subscriptions.ts';

const VIEWER = '{ viewer { role } }';

/** Refused credentials are budgeted per client address: past the budget, 429 whatever is sent. */
describeEngines('refused credentials, per client address', (ctx) => {
  async function withSystem(limits: TestSystemOptions['limits'], body: (sys: TestSystem) => Promise<void>) {
    const sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits });
    try {
      await body(sys);
    } finally {
      await sys.close();
    }
  }

  /** Opens a graphql-ws connection and subscribes; resolves with the close code once the server ends it. */
  async function wsCloseCode(sys: TestSystem, authorization: string): Promise<number | undefined> {
    const client = createClient({ url: sys.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0 });
    try {
      const stream = collect(client.iterate({ query: 'subscription { activity { cursor } }' }) as AsyncIterator<SubscriptionResult>);
      await stream.end();
      return (stream.failure as { code?: number } | undefined)?.code;
    } finally {
      await client.dispose();
    }
  }

  it('answers 429 with Retry-After past AUTH_FAILURE_LIMIT refused credentials, over GraphQL, REST and WebSocket, even to a valid token', async () => {
    await withSystem({ authFailureLimit: 3, authFailureWindowSeconds: 60 }, async (sys) => {
      expect((await sys.graphqlWith('Bearer not-a-token', VIEWER)).status).toBe(401);
      expect((await fetch(`${sys.url}/v1/workspaces?organization_id=ORG-26-090500`)).status).toBe(401);
      expect(await wsCloseCode(sys, `Bearer sk_${'A'.repeat(10)}_${'b'.repeat(43)}`)).toBe(4401);

      const token = `Bearer ${await bearer(principals.apexAdmin)}`;
      const { result: graphql, statements, fetches } = await sys.measure(() => sys.graphqlWith(token, VIEWER));
      expect(graphql.status).toBe(429);
      const retryAfter = Number(graphql.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(graphql.errors).toEqual([{
        message: `Too many refused credentials from this address (3 per 60 seconds); retry in ${retryAfter} seconds.`,
        extensions: { code: 'RATE_LIMITED', retryAfter },
      }]);
      expect({ statements, fetches }).toEqual({ statements: 0, fetches: 0 });

      const rest = await fetch(`${sys.url}/v1/workspaces?organization_id=ORG-26-090500`, { headers: { authorization: token } });
      expect(rest.status).toBe(429);
      expect(rest.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await rest.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining('Too many refused credentials'), status: 429 } });
      expect(await wsCloseCode(sys, token)).toBe(4429);

      // A client claiming another address is not believed without TRUST_PROXY.
      expect((await fetch(`${sys.url}/graphql`, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify({ query: VIEWER }) })).status).toBe(429);
    });
  });

  it('counts per forwarded address behind a trusted proxy (TRUST_PROXY), and leaves the others alone', async () => {
    await withSystem({ authFailureLimit: 2, trustProxy: 'loopback' }, async (sys) => {
      const from = (address: string, authorization: string) => fetch(`${sys.url}/graphql`, {
        method: 'POST', headers: { authorization, 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ query: VIEWER }),
      });
      const token = `Bearer ${await bearer(principals.apexAdmin)}`;
      for (let i = 0; i < 2; i++) expect((await from('198.51.100.7', 'Bearer forged')).status).toBe(401);
      expect((await from('198.51.100.7', token)).status).toBe(429);
      // The proxy appends the address it saw: what the client claimed before it is not believed.
      expect((await from('198.51.100.7, 198.51.100.8', token)).status).toBe(200);
      expect((await from('198.51.100.9', token)).status).toBe(200);
      expect((await sys.graphqlWith(token, VIEWER)).status).toBe(200);
    });
  });
});
