import { it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { sql } from 'drizzle-orm';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { collect, type Collected, type SubscriptionResult } from './testkit/subscriptions.ts';
import { appendEvents } from '../platform/event-log.ts';
import { DEMO } from '../seed/demo.ts';

const ACTIVITY = 'subscription($after: String) { activity(after: $after) { cursor node { id type } } }';

/**
 * An open subscription is held to its credential for as long as it lives, over WebSocket and SSE
 * alike: it ends when the credential expires or its API key is revoked, at that moment, on every
 * gateway replica. The periodic re-check is set to an hour where a test shows an end that must not
 * wait for it.
 */
describeEngines('subscriptions end with their credential', (ctx) => {
  let sys: TestSystem;
  const clients: Array<WsClient | SseClient> = [];
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { subscriptionRecheckSeconds: 3600 } });
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await sys?.close();
  });

  async function createKey(input: Record<string, unknown> = {}, system = sys) {
    const res = await system.graphql('mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }', { input: { name: 'live feed', ...input } });
    expect(res.errors).toBeUndefined();
    return { id: res.data.createApiKey.apiKey.id as string, authorization: `Bearer ${res.data.createApiKey.secret}` };
  }

  const latestCursor = async () => (await sys.graphql('{ events(first: 1) { edges { cursor } } }')).data.events.edges[0].cursor as string;
  const appendOne = () => ctx.database.db.transaction((tx) => appendEvents(tx, [{
    type: 'capacity.utilisation_warning', organizationId: DEMO.organizationId, workspaceId: null,
    actor: { type: 'system', id: null }, subject: { type: 'service_line', id: DEMO.serviceLineId }, payload: {},
  }]));

  async function overSse(authorization: string, system = sys): Promise<Collected> {
    const client = createSseClient({ url: `${system.url}/graphql`, headers: { authorization }, retryAttempts: 0 });
    clients.push(client);
    return collect(client.iterate({ query: ACTIVITY, variables: { after: await latestCursor() } }) as AsyncIterator<SubscriptionResult>);
  }

  async function overWebSocket(authorization: string, system = sys): Promise<Collected> {
    const client = createWsClient({ url: system.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization }, retryAttempts: 0 });
    clients.push(client);
    // Resolves once the server accepted the connection: a close after that is the session's end.
    const accepted = new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      client.on('closed', reject);
    });
    const stream = collect(client.iterate({ query: ACTIVITY, variables: { after: await latestCursor() } }) as AsyncIterator<SubscriptionResult>);
    await accepted;
    return stream;
  }

  /** Waits until every stream has an event, so each is live before the credential changes. */
  async function live(...streams: Collected[]) {
    const seen = streams.map((stream) => stream.results.length);
    await appendOne();
    await Promise.all(streams.map((stream, i) => stream.take(seen[i] + 1)));
  }

  /** The last result of an SSE stream the server ended for `message`. */
  async function endedOverSse(stream: Collected, message: string) {
    const results = await stream.end();
    expect(stream.failure).toBeUndefined();
    expect(results.at(-1)).toEqual({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
  }

  async function closedWebSocket(stream: Collected, message: string) {
    await stream.end();
    expect(stream.failure).toMatchObject({ code: 4401, reason: message });
  }

  it("ends a revoked API key's SSE and WebSocket subscriptions at once, and no one else's", async () => {
    const revoked = await createKey();
    const other = await createKey();
    const sse = await overSse(revoked.authorization);
    const ws = await overWebSocket(revoked.authorization);
    const unaffected = await overSse(other.authorization);
    await live(sse, ws, unaffected);

    expect((await sys.graphql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: revoked.id })).errors).toBeUndefined();
    await endedOverSse(sse, 'API key has been revoked.');
    await closedWebSocket(ws, 'API key has been revoked.');
    await live(unaffected);
    expect(unaffected.ended).toBe(false);
    await unaffected.stop();
  });

  it('ends them on every replica when the key is revoked through REST on another', async () => {
    const replica = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { subscriptionRecheckSeconds: 3600 } });
    try {
      const key = await createKey();
      const sse = await overSse(key.authorization, replica);
      const ws = await overWebSocket(key.authorization, replica);
      await live(sse, ws);
      const res = await fetch(`${sys.url}/v1/api-keys/${key.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${await bearer(principals.apexAdmin)}` } });
      expect(res.status).toBe(200);
      await endedOverSse(sse, 'API key has been revoked.');
      await closedWebSocket(ws, 'API key has been revoked.');
    } finally {
      await replica.close();
    }
  });

  it("ends them when the token or the key expires, at its own expiry", async () => {
    const soon = Math.floor(Date.now() / 1000) + 5;
    const token = `Bearer ${await bearer(principals.apexViewer, soon)}`;
    const key = await createKey({ expiresAt: new Date(soon * 1000).toISOString() });
    // Each ends with a result (SSE) or a close (WebSocket) of an open stream: a refused connection
    // would fail differently.
    const streams = [await overSse(token), await overWebSocket(token), await overSse(key.authorization), await overWebSocket(key.authorization)];
    await endedOverSse(streams[0], 'Token has expired.');
    await closedWebSocket(streams[1], 'Token has expired.');
    await endedOverSse(streams[2], 'API key has expired.');
    await closedWebSocket(streams[3], 'API key has expired.');
  });

  it('checks an SSE subscription again periodically, as a WebSocket, for what no notification told', async () => {
    const quick = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { subscriptionRecheckSeconds: 1 } });
    try {
      const key = await createKey({}, quick);
      const sse = await overSse(key.authorization, quick);
      await live(sse);
      // Revoked behind the gateway's back: no NOTIFY, only the re-check can find it.
      await ctx.database.rows(sql`update organizations.api_keys set revoked_at = now() where id = ${key.id}`);
      await endedOverSse(sse, 'API key has been revoked.');
    } finally {
      await quick.close();
    }
  });
});
