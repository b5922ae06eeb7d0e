import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { principals, bearer, TEST_AUTH_SECRET } from './testkit/auth.ts';
import { fragmentFanOut } from './testkit/hostile-documents.ts';
import { loadConfig } from '../platform/config.ts';
import { startSystem, type RunningSystem } from '../scripts/system.ts';
import { loadLimitsConfig } from '../gateway/limits/index.ts';

/**
 * Lowered as in limits.e2e.ts, so that documents just over each limit stay small; every document
 * below stays inside them unless it is meant to be refused.
 */
const LIMITS = { ...loadLimitsConfig({}), maxDepth: 8, maxAliases: 3, maxTokens: 200, maxDirectives: 2, maxFields: 256, maxNodes: 1850, rateLimitPoints: 1_000_000 };

/** What issue 11 left open around bulk exports: a submission is held to the limits /graphql holds the same document to, with the same reasons. */
describeEngines('export jobs: outages, limits and revoked keys', (ctx) => {
  /** A gateway with no worker of its own: nothing refused may be queued. */
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem({ ...loadConfig({ AUTH_SECRET: TEST_AUTH_SECRET }), port: 0 }, ctx.database, LIMITS, { exportWorker: false });
  }, 60_000);
  afterAll(async () => {
    await system?.close();
  });

  async function call(method: string, path: string, body?: unknown, authorization?: string) {
    const headers: Record<string, string> = { authorization: authorization ?? `Bearer ${await bearer(principals.apexAdmin)}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${system.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('holds a submitted query to the limits /graphql holds it to, with the same reasons and messages, queuing nothing', async () => {
    const connection = (inside: string) => `query($after: String) { events(first: 2, after: $after) { nodes { ${inside} } pageInfo { hasNextPage endCursor } } }`;
    const documents: Array<[string, string, Record<string, unknown>?]> = [
      // 9 levels: events nodes subject serviceLine workspace organization workspaces nodes id.
      ['MAX_DEPTH', connection('subject { ... on Task { serviceLine { workspace { organization { workspaces(first: 1) { nodes { id } } } } } } }')],
      ['MAX_DEPTH', connection(`id(x: ${'['.repeat(2_400)}${']'.repeat(2_400)})`)],
      ['MAX_ALIASES', connection('a: id b: id c: id d: id')],
      ['MAX_TOKENS', connection('id '.repeat(200))],
      ['MAX_DIRECTIVES', connection('id @skip(if: false) type @skip(if: false) actorId @skip(if: false)')],
      ['MAX_FIELDS', `query($after: String) { events(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } ...F1 } ${fragmentFanOut(3, 6).replace(/^\{ \.\.\.F1 \} /, '')}`],
      ['COST_LIMIT', `query($after: String, $n: Int) { workspace(id: "WS-26-000021") { serviceLines(first: $n, after: $after) {
        nodes { tasks(first: 100) { nodes { id } } } pageInfo { hasNextPage endCursor } } } }`, { n: 20 }],
      // A connection inside the nodes without a page size.
      ['MISSING_PAGINATION_BOUNDARIES', 'query($after: String) { serviceLines(first: 2, after: $after) { nodes { tasks { nodes { id } } } pageInfo { hasNextPage endCursor } } }'],
    ];
    const before = (await call('GET', '/v1/exports?limit=100')).body.data.length;
    for (const [reason, query, variables] of documents) {
      const graphql = await call('POST', '/graphql', { query, variables: { ...variables, after: null } });
      const [error] = graphql.body.errors;
      expect(error.extensions, reason).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      const fetchesBefore = system.stats.subgraphFetches;
      const { result: exported, statements } = await ctx.database.statements.measure(() => call('POST', '/v1/exports', { query, variables }));
      expect(exported, reason).toEqual({ status: 400, body: { error: { code: 'bad_request', message: error.message, status: 400, reason } } });
      // Refused before any page was read or anything written.
      expect({ statements, fetches: system.stats.subgraphFetches - fetchesBefore }, reason).toEqual({ statements: 0, fetches: 0 });
    }
    expect((await call('GET', '/v1/exports?limit=100')).body.data.length).toBe(before);
  });
});
