import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';

const INTROSPECTION = '{ __schema { types { name } } }';

/** Nothing runs for an anonymous caller, in any mode; introspection is for authenticated callers, or nobody. */
describeEngines('anonymous callers and introspection', (ctx) => {
  let production: TestSystem;
  let development: TestSystem;
  beforeAll(async () => {
    production = await startTestSystem(ctx.database, principals.apexAdmin, { production: true });
    development = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(async () => {
    await production?.close();
    await development?.close();
  });

  /** A browser's GET of /graphql?query=..., as the issue sent it. */
  const browserGet = (sys: TestSystem, headers: Record<string, string> = {}) =>
    sys.measure(() => fetch(`${sys.url}/graphql?query=${encodeURIComponent(INTROSPECTION)}`, { headers: { accept: 'text/html, application/json', ...headers } }));

  it('in production, answers a GET from a browser without a token 401, executing nothing', async () => {
    const { result: res, fetches, statements } = await browserGet(production);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errors: [{ message: 'Missing Authorization header: send "Authorization: Bearer <token>".', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect({ fetches, statements }).toEqual({ fetches: 0, statements: 0 });
  });

  it('in production, serves introspection to an authenticated caller, over GET and POST', async () => {
    const { result: res } = await browserGet(production, { authorization: `Bearer ${await bearer(principals.apexViewer)}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).not.toBeNull();
    const body = await res.json();
    expect(body.data.__schema.types.map((t: { name: string }) => t.name)).toContain('Task');
    expect((await production.graphql(INTROSPECTION)).data.__schema.types.length).toBeGreaterThan(10);
  });

  it('in development, serves the GraphiQL page without a token and executes nothing to do so', async () => {
    const { result: res, fetches, statements } = await browserGet(development);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('<html');
    expect(page).not.toContain('"__schema":');
    expect({ fetches, statements }).toEqual({ fetches: 0, statements: 0 });
    // Anything but the page still needs a token.
    const json = await fetch(`${development.url}/graphql?query=${encodeURIComponent(INTROSPECTION)}`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(401);
  });

  it('with INTROSPECTION=off refuses introspection to everyone, and keeps __typename', async () => {
    const closed = await startTestSystem(ctx.database, principals.apexAdmin, { production: true, limits: { introspection: false } });
    try {
      for (const query of [INTROSPECTION, '{ __type(name: "Task") { fields { name } } }', '{ viewer { role } __schema { queryType { name } } }']) {
        const { result, fetches } = await closed.measure(() => closed.graphql(query));
        expect(result.data ?? null).toBeNull();
        expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INTROSPECTION_DISABLED' });
        expect(result.errors?.[0].message).toMatch(/^Introspection is disabled on this graph \(INTROSPECTION=off\); the query asks for __(schema|type)\.$/);
        expect(fetches).toBe(0);
      }
      expect((await closed.graphql('{ __typename viewer { __typename role } }')).data).toEqual({ __typename: 'Query', viewer: { __typename: 'Viewer', role: 'ADMIN' } });
    } finally {
      await closed.close();
    }
  });
});
