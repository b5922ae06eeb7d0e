import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { SignJWT } from 'jose';
import { principals, otherTenant, bearer, TEST_SIGNING_KEY } from './testkit/auth.ts';
import { mintToken, signingKeyFromSecret } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';

/** The gateway as clients meet it: authentication, errors and joins across subgraphs over HTTP. */
describeEngines('gateway over HTTP', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys.close());

  const post = (headers: Record<string, string>, body: unknown = { query: '{ viewer { role } }' }) =>
    fetch(`${sys.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('answers health and readiness', async () => {
    expect(await (await fetch(`${sys.url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${sys.url}/ready`)).json()).toEqual({ status: 'ready', database: ctx.engine });
  });

  it('serves GraphiQL to a browser without a token', async () => {
    const res = await fetch(`${sys.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });

  it('refuses missing, malformed, forged and expired tokens with 401', async () => {
    const forged = await mintToken(signingKeyFromSecret('not-the-gateway-secret-0123456789'), principals.apexAdmin);
    const expired = await bearer(principals.apexAdmin, Math.floor(Date.now() / 1000) - 60);
    for (const headers of [{} as Record<string, string>, { authorization: 'Token abc' }, { authorization: `Bearer ${forged}` }, { authorization: `Bearer ${expired}` }]) {
      const res = await post(headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      const body = await res.json();
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a token without an expiry, living too long or issued in the future, saying which', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signed = (claims: Record<string, number>) => new SignJWT({ org: DEMO.organizationId, role: 'admin', ...claims })
      .setProtectedHeader({ alg: 'HS256', kid: TEST_SIGNING_KEY.kid }).setSubject(principals.apexAdmin.actorId)
      .setIssuer('scrums-platform-graph').setAudience('scrums-api').sign(new TextEncoder().encode(TEST_SIGNING_KEY.secret));
    const cases: Array<[Record<string, number>, string]> = [
      [{ iat: now }, 'Token has no expiry (exp): every token must carry one.'],
      [{ iat: now, exp: 10 ** 15 }, 'Token lives longer than the maximum of 86400 seconds (exp - iat); mint a shorter-lived one.'],
      [{ iat: now + 365 * 86400, exp: now + 365 * 86400 + 3600 }, "Token is issued in the future (iat), more than 60 seconds ahead of this server's clock."],
      [{ iat: now, nbf: now + 3600, exp: now + 7200 }, 'Token is not valid yet (nbf).'],
    ];
    for (const [claims, message] of cases) {
      const res = await post({ authorization: `Bearer ${await signed(claims)}` });
      expect(res.status, JSON.stringify(claims)).toBe(401);
      expect(await res.json()).toEqual({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    expect((await post({ authorization: `Bearer ${await signed({ iat: now, exp: now + 86400 })}` })).status).toBe(200);
  });

  it('carries subgraph error codes to the client', async () => {
    const missing = await sys.graphql('{ task(id: "TSK-26-999999") { id } }');
    expect(missing.data).toEqual({ task: null });
    expect(missing.errors?.[0]).toMatchObject({ message: 'Task TSK-26-999999 not found.', path: ['task'], extensions: { code: 'NOT_FOUND' } });
    const badFirst = await sys.graphql('{ serviceLines(first: 101) { nodes { id } } }');
    expect(badFirst.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    const badCursor = await sys.graphql('{ integrations(first: 5, after: "eyJpZCI6IkxJTi0yNi0wODQ3MjkifQ") { nodes { id } } }');
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const both = await sys.graphql('{ pods(first: 2, last: 2) { nodes { id } } }');
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const wrongType = await sys.graphql('{ pod(id: "TSK-26-018841") { id } }');
    expect(wrongType.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'id' } });
  });

  it('reports documents the graph rejects as BAD_USER_INPUT naming the culprit', async () => {
    const literal = await sys.graphql('{ tasks(workspaceId: "WS-26-000021", status: [FINISHED], first: 10) { nodes { id } } }');
    expect(literal.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' });
    expect(literal.errors?.[0].message).toContain('FINISHED');
    const variable = await sys.graphql('query($s: [TaskStatus!]) { tasks(workspaceId: "WS-26-000021", status: $s, first: 10) { nodes { id } } }', { s: ['FINISHED'] });
    expect(variable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0].message).toContain('FINISHED');
    const syntax = await sys.graphql('{ tasks(');
    expect(syntax.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' });
  });

  it('resolves node(id:) through the owning subgraph, and nothing of another tenant', async () => {
    const q = `query($id: ID!) { node(id: $id) { __typename id ... on Pod { name sla { id } } ... on Task { title serviceLine { name } } } }`;
    expect((await sys.graphql(q, { id: 'POD-26-000008' })).data.node).toEqual({ __typename: 'Pod', id: 'POD-26-000008', name: 'Payments Platform Pod', sla: { id: 'SLA-26-000008' } });
    expect((await sys.graphql(q, { id: 'TSK-26-018841' })).data.node.serviceLine).toEqual({ name: 'Backend Engineering - Q2 2026' });
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    const foreign = await sys.graphql(q, { id: 'POD-26-000008' }, other);
    expect(foreign.data.node).toBeNull();
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const many = await sys.graphql('{ nodes(ids: ["LIN-26-084729", "LIN-26-999999", "INT-26-000041"]) { id ... on ServiceLine { name } ... on Integration { type } } }');
    expect(many.data.nodes).toEqual([{ id: 'LIN-26-084729', name: 'Backend Engineering - Q2 2026' }, null, { id: 'INT-26-000041', type: 'GITHUB' }]);
  });

  it('writes through the gateway and reads the joined result back', async () => {
    const events = async () => (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from events.events`))[0].n;
    const before = await events();
    const created = await sys.graphql(`mutation { createTask(input: { serviceLineId: "LIN-26-084729", title: "Add distributed tracing to payment service", assigneeId: "USR-26-000044" }) {
      id status serviceLine { name } assignee { id } workspace { id } events(first: 5) { nodes { type actor { ... on User { id } } } } } }`);
    expect(created.errors).toBeUndefined();
    expect(created.data.createTask).toMatchObject({
      status: 'BACKLOG', serviceLine: { name: 'Backend Engineering - Q2 2026' }, assignee: { id: 'USR-26-000044' }, workspace: { id: 'WS-26-000021' },
      events: { nodes: [{ type: 'task.created', actor: { id: 'USR-26-000044' } }] },
    });
    expect(await events()).toBe(before + 1);
    const viewer = await sys.graphql('mutation { createTask(input: { serviceLineId: "LIN-26-084729", title: "x" }) { id } }', {}, principals.apexViewer);
    expect(viewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await events()).toBe(before + 1);
  });
});
