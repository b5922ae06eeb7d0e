import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';

/**
 * Every answer of the graph depends on its caller, so none may be kept by a shared cache or on a
 * browser's disk: GET queries, /v1 reads (lists, NDJSON streams), refusals and the GraphiQL page
 * answer `Cache-Control: private, no-store`; only the public OpenAPI document may be cached.
 */
describeEngines('Cache-Control', (ctx) => {
  let sys: TestSystem;
  let auth: { authorization: string };
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    auth = { authorization: `Bearer ${await bearer(principals.apexAdmin)}` };
  });
  afterAll(() => sys.close());

  async function cacheControl(path: string, headers: Record<string, string> = auth, method = 'GET') {
    const res = await fetch(`${sys.url}${path}`, { method, headers });
    await res.arrayBuffer();
    return { status: res.status, cacheControl: res.headers.get('cache-control') };
  }

  it('answers GET queries private, no-store, refusals included', async () => {
    const query = `/graphql?query=${encodeURIComponent('{ workspace(id: "WS-26-000021") { name } }')}`;
    expect(await cacheControl(query)).toEqual({ status: 200, cacheControl: 'private, no-store' });
    expect(await cacheControl(query, {})).toEqual({ status: 401, cacheControl: 'private, no-store' });
    expect(await cacheControl('/graphql?query=%7B__typename%7D&variables=%7B', auth)).toEqual({ status: 400, cacheControl: 'private, no-store' });
    const post = await fetch(`${sys.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(post.headers.get('cache-control')).toBe('private, no-store');
  });

  it('answers /v1 reads private, no-store, lists streamed as NDJSON and refusals included', async () => {
    expect(await cacheControl('/v1/workspaces/WS-26-000021')).toEqual({ status: 200, cacheControl: 'private, no-store' });
    expect(await cacheControl('/v1/tasks?workspace_id=WS-26-000021&limit=2')).toEqual({ status: 200, cacheControl: 'private, no-store' });
    expect(await cacheControl('/v1/tasks?workspace_id=WS-26-000021&limit=2', { ...auth, accept: 'application/x-ndjson' })).toEqual({ status: 200, cacheControl: 'private, no-store' });
    expect(await cacheControl('/v1/tasks', {})).toEqual({ status: 401, cacheControl: 'private, no-store' });
    expect(await cacheControl('/v1/tasks?limit=0')).toEqual({ status: 400, cacheControl: 'private, no-store' });
  });

  it('answers the GraphiQL page private, no-store, and the public OpenAPI document cacheable', async () => {
    expect(await cacheControl('/graphql', { accept: 'text/html' })).toEqual({ status: 200, cacheControl: 'private, no-store' });
    expect(await cacheControl('/v1/openapi.json', {})).toEqual({ status: 200, cacheControl: 'public, max-age=300' });
  });
});
