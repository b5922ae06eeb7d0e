import { it, expect, beforeAll, afterAll } from 'vitest';
import WebSocket from 'ws';
import { createClient as createWsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { collect, type SubscriptionResult } from './testkit/subscriptions.ts';

/**
 * Issue 15, point 3: the Rust planner cannot deliver incrementally (gateway/incremental.ts), so
 * @defer and @stream get a clear refusal (BAD_USER_INPUT, reason INCREMENTAL_DELIVERY_UNSUPPORTED, 400 as any invalid document),
 * never "Unknown directive" nor a 500, over every transport, before any subgraph is asked; an
 * incremental-delivery client (Apollo Client with its @defer handler) sees that error.
 */

// A dashboard deferring its slow panel: usage is the service-lines subgraph's, the workspace organizations'.
const DEFERRED = `query Dashboard {
  workspace(id: "WS-26-000021") {
    name
    ... @defer(label: "usage") { serviceLines(first: 2) { nodes { name usage(from: "2026-04-01", to: "2026-04-30") { totalCost } } } }
  }
}`;
const STREAMED = `query { tasks(workspaceId: "WS-26-000021", first: 3) { nodes @stream(initialCount: 1) { title } } }`;
const PLAIN = DEFERRED.replace('... @defer(label: "usage") {', '... {');

type Result = SubscriptionResult;

describeEngines('@defer and @stream', (ctx) => {
  let sys: TestSystem;
  let token: string;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    token = await bearer(principals.apexAdmin);
  });
  afterAll(() => sys.close());

  const post = (query: string, accept: string) =>
    fetch(`${sys.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept }, body: JSON.stringify({ query }) });

  function expectRefusal(errors: Result['errors'], directive: string) {
    expect(errors).toHaveLength(1);
    expect(errors![0].message).toContain(`@${directive} is not supported`);
    expect(errors![0].message).not.toMatch(/Unknown directive/);
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INCREMENTAL_DELIVERY_UNSUPPORTED' });
  }

  it('refuses over HTTP POST and GET with the documented reason, as every invalid document (GraphQL over HTTP status), asking no subgraph', async () => {
    // application/json answers a refused document 200 (GraphQL over HTTP's legacy type); the others 400.
    const statuses: Record<string, number> = {
      'multipart/mixed': 400,
      'multipart/mixed;deferSpec=20220824, application/json': 200,
      'application/graphql-response+json': 400,
      'application/json': 200,
    };
    for (const [query, directive] of [[DEFERRED, 'defer'], [STREAMED, 'stream']]) {
      for (const [accept, status] of Object.entries(statuses)) {
        const { result: res, fetches } = await sys.measure(() => post(query, accept));
        expect(res.status, accept).toBe(status);
        const text = await res.text();
        // A multipart answer has the JSON in its one part.
        const body = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
        expectRefusal(body.errors, directive);
        expect(fetches).toBe(0);
      }
    }
    const get = await fetch(`${sys.url}/graphql?query=${encodeURIComponent(DEFERRED)}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json' } });
    expect(get.status).toBe(400);
    expectRefusal((await get.json()).errors, 'defer');
    // Without the directive the same document runs, across both subgraphs.
    const plain = await (await post(PLAIN, 'application/json')).json();
    expect(plain.errors).toBeUndefined();
    expect(plain.data.workspace.serviceLines.nodes[0].usage.totalCost).toEqual(expect.any(Number));
  });

  it('refuses over graphql-ws and SSE the same way', async () => {
    const ws = createWsClient({ url: sys.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: true });
    const sse = createSseClient({ url: `${sys.url}/graphql`, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    try {
      for (const client of [ws, sse]) {
        const stream = collect(client.iterate({ query: DEFERRED }) as AsyncIterator<Result>);
        await stream.end();
        const errors = stream.results.at(-1)?.errors ?? (Array.isArray(stream.failure) ? stream.failure : (stream.failure as { errors?: Result['errors'] })?.errors);
        expectRefusal(errors as Result['errors'], 'defer');
      }
    } finally {
      await ws.dispose();
      sse.dispose();
    }
  });

  it('an incremental-delivery client (Apollo Client, @defer handler, multipart Accept) gets the refusal as a GraphQL error', async () => {
    const accepts: string[] = [];
    const client = new ApolloClient({
      link: new HttpLink({
        uri: `${sys.url}/graphql`,
        headers: { authorization: `Bearer ${token}` },
        fetch: (input, init) => {
          accepts.push(new Headers(init?.headers).get('accept') ?? '');
          return fetch(input, init);
        },
      }),
      cache: new InMemoryCache(),
      incrementalHandler: new Defer20220824Handler(),
    });
    const answer = await client.query({ query: gql(DEFERRED), fetchPolicy: 'network-only', errorPolicy: 'all' });
    expect(accepts[0]).toMatch(/multipart\/mixed/);
    expect(CombinedGraphQLErrors.is(answer.error)).toBe(true);
    expectRefusal((answer.error as CombinedGraphQLErrors).errors as Result['errors'], 'defer');
  });
});
