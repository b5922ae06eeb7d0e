import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { principals, bearer, TEST_AUTH_SECRET, TEST_PRINCIPAL_KEY } from './testkit/auth.ts';
import { fragmentFanOut } from './testkit/hostile-documents.ts';
import { loadConfig } from '../platform/config.ts';
import { startSystem, type RunningSystem } from '../scripts/system.ts';
import { createGraph } from '../gateway/graph.ts';
import { loadLimitsConfig } from '../gateway/limits/index.ts';
import { createExportWorker } from '../gateway/exports/worker.ts';
import type { RetryPolicy } from '../gateway/exports/retry.ts';

/** Events of a few types, three to a page: a job of several pages. */
const EVENTS_DOC = `query($types: [String!], $first: Int, $after: String) {
  events(types: $types, first: $first, after: $after) { nodes { id type } pageInfo { hasNextPage endCursor } } }`;
const VARIABLES = { types: ['agent.run.failed', 'integration.', 'incident.'], first: 3 };

/**
 * Lowered as in limits.e2e.ts, so that documents just over each limit stay small; every document
 * below stays inside them unless it is meant to be refused.
 */
const LIMITS = { ...loadLimitsConfig({}), maxDepth: 8, maxAliases: 3, maxTokens: 200, maxDirectives: 2, maxFields: 256, maxNodes: 1850, rateLimitPoints: 1_000_000 };

/** Waits short, so an outage of a few attempts passes in well under a second; the bound is the test's to set. */
const FAST: RetryPolicy = { maxSeconds: 60, firstDelayMs: 5, maxDelayMs: 20 };

/**
 * What issue 11 left open around bulk exports: a job rides out a subgraph (or the database) that is
 * briefly away instead of failing at its first 503, and fails only past a bound; a submission is
 * held to the limits /graphql holds the same document to, with the same reasons; and a job
 * submitted with an API key stops at its next page once that key is revoked or expires.
 */
describeEngines('export jobs: outages, limits and revoked keys', (ctx) => {
  /** A gateway with no worker of its own, and a graph runtime for the workers the tests drive page by page. */
  let system: RunningSystem;
  let graph: ReturnType<typeof createGraph>;
  beforeAll(async () => {
    system = await startSystem({ ...loadConfig({ AUTH_SECRET: TEST_AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 }, ctx.database, LIMITS, { exportWorker: false });
    graph = createGraph({ subgraphUrls: system.subgraphUrls, principalKey: TEST_PRINCIPAL_KEY, production: false, limits: LIMITS });
    await graph.runtime.getSchema();
  }, 60_000);
  afterAll(async () => {
    await graph?.runtime.dispose();
    await system?.close();
  });

  async function call(method: string, path: string, body?: unknown, authorization?: string) {
    const headers: Record<string, string> = { authorization: authorization ?? `Bearer ${await bearer(principals.apexAdmin)}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${system.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function graphqlPages(): Promise<unknown[]> {
    const nodes: unknown[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await call('POST', '/graphql', { query: EVENTS_DOC, variables: { ...VARIABLES, first: 100, after } });
      expect(body.errors).toBeUndefined();
      nodes.push(...body.data.events.nodes);
      if (!body.data.events.pageInfo.hasNextPage) return nodes;
      after = body.data.events.pageInfo.endCursor;
    }
  }

  async function submit(authorization?: string) {
    const answer = await call('POST', '/v1/exports', { query: EVENTS_DOC, variables: VARIABLES }, authorization);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.data as { id: string };
  }

  const job = async (id: string) => (await call('GET', `/v1/exports/${id}`)).body.data;
  const chunks = async (id: string) => (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from gateway.export_chunks where job_id = ${id}`))[0].n;

  it('retries a page while the subgraph it reads is down, and writes every row once when it is back', async () => {
    const expected = await graphqlPages();
    expect(expected.length).toBeGreaterThan(6);
    const submitted = await submit();
    const failures: string[] = [];
    const worker = createExportWorker({
      runtime: graph.runtime,
      database: ctx.database,
      retry: FAST,
      // The events subgraph comes back after the third failed attempt.
      async onRetry(_job, error) {
        failures.push((error as { code?: string }).code ?? String(error));
        if (failures.length === 3) await system.startSubgraph('events');
      },
    });
    const claimed = await worker.claim();
    expect(claimed?.job.id).toBe(submitted.id);
    await system.stopSubgraph('events');
    try {
      await worker.run(claimed!);
    } finally {
      await system.startSubgraph('events');
    }
    // Each failure was the graph's 503 for the missing part; none failed the job.
    expect(failures.slice(0, 3)).toEqual(['service_unavailable', 'service_unavailable', 'service_unavailable']);
    const done = await job(submitted.id);
    expect(done).toMatchObject({ status: 'completed', objects_written: expected.length, error: null });
    const download = await fetch(`${system.url}${done.download_url}`, { headers: { authorization: `Bearer ${await bearer(principals.apexAdmin)}` } });
    expect((await download.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line))).toEqual(expected);
  });

  it('fails the job once the part stays away past the bound, saying so', async () => {
    const submitted = await submit();
    let retries = 0;
    const worker = createExportWorker({ runtime: graph.runtime, database: ctx.database, retry: { ...FAST, maxSeconds: 0.3 }, onRetry: () => void retries++ });
    const claimed = await worker.claim();
    await system.stopSubgraph('events');
    try {
      expect(await worker.step(claimed!)).toBe(false);
    } finally {
      await system.startSubgraph('events');
    }
    expect(retries).toBeGreaterThan(1);
    const failed = await job(submitted.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^service_unavailable: .*The export gave up after retrying for 0\.3 seconds; submit it again\.$/);
  });

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
      const exported = await call('POST', '/v1/exports', { query, variables });
      expect(exported, reason).toEqual({ status: 400, body: { error: { code: 'bad_request', message: error.message, status: 400, reason } } });
      // Refused before any page was read (the refusal's one write is its audit entry, subgraphs/audit-logs).
      expect(system.stats.subgraphFetches - fetchesBefore, reason).toBe(0);
    }
    expect((await call('GET', '/v1/exports?limit=100')).body.data.length).toBe(before);
  });

  it('stops a job at its next page once the API key that submitted it is revoked, dropping its output', async () => {
    const created = await call('POST', '/v1/api-keys', { name: 'nightly export', role: 'admin' });
    expect(created.status).toBe(201);
    const key = created.body.data;
    const submitted = await submit(`Bearer ${key.secret}`);
    const worker = createExportWorker({ runtime: graph.runtime, database: ctx.database, retry: FAST });
    const claimed = await worker.claim();
    expect(claimed?.job.id).toBe(submitted.id);
    expect(await worker.step(claimed!)).toBe(true);
    expect(await worker.step(claimed!)).toBe(true);
    expect(await job(submitted.id)).toMatchObject({ status: 'running', objects_written: 6 });

    expect((await call('DELETE', `/v1/api-keys/${key.id}`)).status).toBe(200);
    expect(await worker.step(claimed!)).toBe(false);
    expect(await job(submitted.id)).toMatchObject({
      status: 'failed',
      objects_written: 6,
      download_url: null,
      error: 'unauthorized: API key has been revoked. The export stopped after 6 objects; its output is dropped.',
    });
    expect(await chunks(submitted.id)).toBe(0);
  });

  it('stops a queued job of a key that expired before its first page, and leaves bearer-token jobs alone', async () => {
    const created = await call('POST', '/v1/api-keys', { name: 'short-lived', role: 'member', expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    const key = created.body.data;
    const theirs = await submit(`Bearer ${key.secret}`);
    await ctx.database.rows(sql`update organizations.api_keys set expires_at = now() - interval '1 second' where id = ${key.id}`);
    const worker = createExportWorker({ runtime: graph.runtime, database: ctx.database, retry: FAST });
    const claimed = await worker.claim();
    expect(claimed?.job.id).toBe(theirs.id);
    expect(await worker.step(claimed!)).toBe(false);
    expect(await job(theirs.id)).toMatchObject({ status: 'failed', objects_written: 0, error: 'unauthorized: API key has expired. The export stopped after 0 objects; its output is dropped.' });

    const mine = await submit();
    const next = await worker.claim();
    expect(next?.job.id).toBe(mine.id);
    await worker.run(next!);
    expect(await job(mine.id)).toMatchObject({ status: 'completed', error: null });
  });
});
