import { createHash } from 'node:crypto';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { gql } from '@apollo/client';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer, otherTenant } from './testkit/auth.ts';
import { apolloClient } from './testkit/apollo.ts';
import { DEMO } from '../seed/demo.ts';
import { loadConfig } from '../platform/config.ts';
import { startGateway } from '../gateway/start.ts';
import { loadLimitsConfig } from '../gateway/limits/index.ts';
import { TEST_AUTH_SECRET } from './testkit/auth.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Automatic persisted queries with Apollo Client's persisted-query link over real HTTP: a miss is
 * answered PersistedQueryNotFound, the link registers the document, and from then on any client
 * runs it by its hash with a GET. Limits, cost and tenancy apply to it as to a document sent whole.
 */
describeEngines('automatic persisted queries', (ctx) => {
  let sys: TestSystem;
  let token: string;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { maxDepth: 6 } });
    token = await bearer(principals.apexAdmin);
  });
  afterAll(() => sys.close());

  async function post(body: unknown, authorization = `Bearer ${token}`) {
    const res = await fetch(`${sys.url}/graphql`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json(), cacheControl: res.headers.get('cache-control') };
  }
  const hashOnly = (query: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });

  it('registers on a miss through Apollo Client, then serves the hash by GET to another client', async () => {
    const query = gql`
      query ApqWorkspace($id: ID!) {
        workspace(id: $id) {
          name
          organization { name }
        }
      }
    `;
    const first = apolloClient(sys.url, token);
    const { data, error } = await first.client.query({ query, variables: { id: 'WS-26-000021' } });
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ workspace: { name: 'Payments Engineering', organization: { name: 'Apex Digital' } } });
    // The hash alone by GET, PersistedQueryNotFound; then the document with its hash by POST.
    expect(first.sent.map((r) => [r.method, r.status])).toEqual([['GET', 200], ['POST', 200]]);
    expect(first.sent[0].url).toContain('extensions=');
    expect(first.sent[0].url).not.toContain('query=');
    expect(first.sent[1].body).toContain('ApqWorkspace');

    const second = apolloClient(sys.url, token);
    const again = await second.client.query({ query, variables: { id: 'WS-26-000021' } });
    expect(again.error).toBeUndefined();
    expect(again.data).toEqual(data);
    expect(second.sent.map((r) => [r.method, r.status, r.cacheControl])).toEqual([['GET', 200, 'private, no-store']]);
  });

  it('answers a hash it does not know PersistedQueryNotFound, as Apollo Server does', async () => {
    const answer = await post(hashOnly('{ __typename never_sent: __typename }'));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    expect(answer.cacheControl).toBe('private, no-store');
  });

  it('never registers a document under a hash that is not its own, and refuses a bad version or a caller without a token', async () => {
    // Someone sends a harmful document under the hash of a harmless one: it runs for them (as it
    // would sent whole), and the hash still names nothing.
    const harmless = '{ harmless: __typename }';
    const mismatch = await post({ query: '{ other: __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256(harmless) } } });
    expect(mismatch.body).toMatchObject({ data: { other: 'Query' } });
    expect((await post(hashOnly(harmless))).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // The `sha256:` prefix GraphQL Code Generator's client preset puts on its IDs is understood.
    const prefixed = '{ prefixed: __typename }';
    await post({ query: prefixed, extensions: { persistedQuery: { version: 1, sha256Hash: `sha256:${sha256(prefixed)}` } } });
    expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash: `sha256:${sha256(prefixed)}` } } })).body).toMatchObject({ data: { prefixed: 'Query' } });
    const version = await post({ extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } } });
    expect(version.status).toBe(400);
    expect(version.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'PERSISTED_QUERY_VERSION' });
    const anonymous = await post(hashOnly('{ __typename }'), '');
    expect(anonymous.status).toBe(401);
  });

  it('applies the limits to a document being registered, and never registers one they refuse', async () => {
    const deep = '{ workspace(id: "WS-26-000021") { organization { workspaces(first: 1) { nodes { organization { workspaces(first: 1) { nodes { name } } } } } } } }';
    const refused = await post({ query: deep, ...hashOnly(deep) });
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MAX_DEPTH' });
    expect((await post(hashOnly(deep))).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('runs a registered document with the caller\'s tenancy and cost, whoever registered it', async () => {
    const query = 'query Line($id: ID!) { serviceLine(id: $id) { id name } }';
    const registered = await post({ query, variables: { id: 'LIN-26-084729' }, ...hashOnly(query) });
    expect(registered.body.data.serviceLine.name).toBe('Backend Engineering - Q2 2026');
    expect(registered.body.extensions.cost).toMatchObject({ nodes: expect.any(Number), limit: 50000 });

    const stranger = `Bearer ${await bearer(otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId))}`;
    const theirs = await post({ variables: { id: 'LIN-26-084729' }, ...hashOnly(query) }, stranger);
    expect(theirs.body.data.serviceLine).toBeNull();
    expect(theirs.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const mine = await post({ variables: { id: 'LIN-26-084729' }, ...hashOnly(query) });
    expect(mine.body.data.serviceLine.id).toBe('LIN-26-084729');
    expect(mine.body.extensions.cost).toEqual(registered.body.extensions.cost);
  });

  it('with APQ=off answers PersistedQueryNotSupported, and Apollo Client falls back to whole documents', async () => {
    const gateway = await startGateway({
      config: { ...loadConfig({ AUTH_SECRET: TEST_AUTH_SECRET, APQ: 'off' }), port: 0 },
      database: ctx.database,
      subgraphUrls: sys.system.subgraphUrls,
      limits: loadLimitsConfig({}),
      exportWorker: false,
    });
    try {
      const query = gql`
        query NoApq {
          organization(id: "ORG-26-090500") { name }
        }
      `;
      const apollo = apolloClient(gateway.origin, token);
      expect((await apollo.client.query({ query })).data).toMatchObject({ organization: { name: 'Apex Digital' } });
      expect((await apollo.client.query({ query })).data).toMatchObject({ organization: { name: 'Apex Digital' } });
      // The hash once, refused; then the document whole, and the link stops sending hashes.
      expect(apollo.sent.map((r) => [r.method, r.status])).toEqual([['GET', 200], ['POST', 200], ['POST', 200]]);
      const res = await fetch(`${gateway.origin}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(hashOnly('{ __typename }')),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ errors: [{ message: 'PersistedQueryNotSupported', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } }] });
    } finally {
      await gateway.close();
    }
  });
});
