import { it, expect, beforeAll } from 'vitest';
import { workerlessSystem } from './testkit/exports.ts';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { principals, otherTenant, bearer } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';
import { loadLimitsConfig } from '../gateway/limits/index.ts';
import { createExportWorker } from '../gateway/exports/worker.ts';
import { EXPORT_BATCH_ROWS } from '../gateway/exports/direct.ts';

/** The benchmark's document (bench/export.ts): every row field of every event, the graph's largest page. */
const ROWS_DOC = `query($after: String) { events(first: 100, after: $after) {
  nodes { id type actorType actorId subjectType subjectId payload createdAt } pageInfo { hasNextPage endCursor } } }`;
/** No first, aliases, __typename, inline fragments, references read from the row, filters as variables. */
const SHAPED_DOC = `query($types: [String!], $from: DateTime, $after: String) { log: events(types: $types, from: $from, after: $after) {
  __typename nodes { __typename when: createdAt ... on Event { id type } workspace { id __typename } organization { id } payload } pageInfo { endCursor hasNextPage } } }`;
/** A node field no row holds (the subject, resolved by its owner): read through the graph, page by page. */
const SUBJECT_DOC = `query($after: String) { events(types: ["incident."], after: $after) { nodes { id subject { __typename } } pageInfo { hasNextPage endCursor } } }`;

/**
 * Issue 13: an export (and an NDJSON list) of the event log reads batches of EXPORT_BATCH_ROWS
 * through the events subgraph's public module instead of 100-row pages through the graph, with
 * the same rows and columns, the same tenancy, resumable and bounded by the batch.
 */
describeEngines('exports read in batches where the rows are', (ctx) => {
  const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
  const limits = { ...loadLimitsConfig({}), rateLimitPoints: 1_000_000 };
  const started = workerlessSystem(ctx, limits);

  beforeAll(async () => {
    // The demo organization's log is one batch long: a batch more of events (half of them in a workspace, text beyond ASCII) makes it two.
    await ctx.database.rows(sql`insert into events.events (type, organization_id, workspace_id, actor_type, actor_id, subject_type, subject_id, payload, created_at)
      select 'test.bulk', ${DEMO.organizationId}, case when i % 2 = 0 then 'WS-26-000021' end, 'system', null, 'run', 'RUN-' || i,
        jsonb_build_object('n', i, 'note', 'é ✓ "quoted"'), now() - make_interval(secs => i)
      from generate_series(1, ${EXPORT_BATCH_ROWS}) as i`);
  });

  async function call(method: string, path: string, options: { principal?: Principal; body?: unknown; accept?: string } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${await bearer(options.principal ?? principals.apexAdmin)}` };
    if (options.accept) headers.accept = options.accept;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${started.system.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await res.text();
    return { status: res.status, text, body: (res.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) : undefined };
  }

  /** Every node of the document's connection, paged through /graphql as a client would, executed by the graph. */
  async function pageGraphQL(document: string, variables: Record<string, unknown>, principal: Principal = principals.apexAdmin) {
    // /graphql wants the page size an export takes as 100 when the document gives none; the
    // directive keeps the page off the gateway's direct read (direct-pages.ts): the graph's answer is the reference.
    const query = (document.includes('first:') ? document : document.replace('after: $after)', 'first: 100, after: $after)')).replace('nodes {', 'nodes @include(if: true) {');
    const nodes: unknown[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await call('POST', '/graphql', { principal, body: { query, variables: { ...variables, after } } });
      expect(body.errors).toBeUndefined();
      const connection = body.data.log ?? body.data.events;
      nodes.push(...connection.nodes);
      if (!connection.pageInfo.hasNextPage) return nodes;
      after = connection.pageInfo.endCursor;
    }
  }

  async function pageRest(path: string, principal: Principal = principals.apexAdmin) {
    const items: unknown[] = [];
    let cursor: string | null = null;
    for (;;) {
      const { status, body } = await call('GET', `${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { principal });
      expect(status).toBe(200);
      items.push(...body.data);
      if (!body.meta.has_more) return items;
      cursor = body.meta.cursor;
    }
  }

  const ndjson = (text: string) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
  const chunks = async (id: string) => (await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from gateway.export_chunks where job_id = ${id}`))[0].n;

  /** Submits, then runs the job with a worker of the test's own; answers whether it read directly, and what it wrote. */
  async function exported(body: Record<string, unknown>, principal: Principal = principals.apexAdmin) {
    const submitted = await call('POST', '/v1/exports', { body, principal });
    expect(submitted.status, submitted.text).toBe(201);
    const worker = createExportWorker({ runtime: started.graph.runtime, database: ctx.database });
    const claimed = await worker.claim();
    expect(claimed?.job.id).toBe(submitted.body.data.id);
    await worker.run(claimed!);
    const job = (await call('GET', `/v1/exports/${claimed!.job.id}`, { principal })).body.data;
    expect(job).toMatchObject({ status: 'completed', error: null });
    const rows = ndjson((await call('GET', job.download_url, { principal })).text);
    expect(job.objects_written).toBe(rows.length);
    return { direct: claimed!.source.direct === true, rows, chunks: await chunks(job.id) };
  }

  it('writes the rows and columns paging the same document returns, one chunk per batch', async () => {
    const expected = await pageGraphQL(ROWS_DOC, {});
    expect(expected.length).toBeGreaterThan(EXPORT_BATCH_ROWS);
    const job = await exported({ query: ROWS_DOC });
    expect(job.direct).toBe(true);
    expect(job.rows).toEqual(expected);
    // Keys in the document's order, JSON values and instants as the graph serialises them.
    expect(JSON.stringify(job.rows[0])).toBe(JSON.stringify(expected[0]));
    expect(job.chunks).toBe(Math.ceil(expected.length / EXPORT_BATCH_ROWS));

    const variables = { types: ['task.', 'incident.created'], from: '2026-01-01' };
    const shaped = await exported({ query: SHAPED_DOC, variables });
    expect(shaped.direct).toBe(true);
    const shapedExpected = await pageGraphQL(SHAPED_DOC, variables);
    expect(shapedExpected.length).toBeGreaterThan(0);
    expect(shaped.rows).toEqual(shapedExpected);
    expect(JSON.stringify(shaped.rows)).toBe(JSON.stringify(shapedExpected));
  });

  it('leaves to the graph what no row holds, and pages smaller than the largest', async () => {
    const subject = await exported({ query: SUBJECT_DOC });
    expect(subject.direct).toBe(false);
    expect(subject.rows).toEqual(await pageGraphQL(SUBJECT_DOC, {}));
    const small = await exported({ query: ROWS_DOC.replace('first: 100', 'first: 40'), variables: {} });
    expect(small.direct).toBe(false);
    expect(small.chunks).toBe(Math.ceil(small.rows.length / 40));
  });

  it("keeps a narrowed token to its workspace's events and another organization to its own", async () => {
    const narrowed = await exported({ query: SHAPED_DOC, variables: { types: ['task.'] } }, principals.apexPayments);
    expect(narrowed.direct).toBe(true);
    expect(narrowed.rows.length).toBeGreaterThan(0);
    expect(narrowed.rows).toEqual(await pageGraphQL(SHAPED_DOC, { types: ['task.'] }, principals.apexPayments));
    for (const row of narrowed.rows) expect(row.workspace).toEqual({ id: principals.apexPayments.workspaceId, __typename: 'Workspace' });
    // Naming another workspace under a narrowed token finds nothing, as the field does.
    const elsewhere = await exported({ route: '/v1/events', params: { organization_id: DEMO.organizationId, workspace_id: 'WS-26-000022' } }, principals.apexPayments);
    expect(elsewhere).toMatchObject({ direct: true, rows: [] });

    const ours = new Set((await exported({ query: ROWS_DOC })).rows.map((row: any) => row.id));
    const theirs = await exported({ query: SHAPED_DOC, variables: {} }, other);
    expect(theirs.direct).toBe(true);
    expect(theirs.rows).toEqual(await pageGraphQL(SHAPED_DOC, {}, other));
    for (const row of theirs.rows) {
      expect(row.organization).toEqual({ id: DEMO.otherOrganizationId });
      expect(ours.has(row.id)).toBe(false);
    }
    // Another organization's stream, named outright: nothing.
    const named = await exported({ route: '/v1/events', params: { organization_id: DEMO.organizationId } }, other);
    expect(named).toMatchObject({ direct: true, rows: [] });
  });

  it('exports and streams /v1/events in the REST shape, as paging the list returns it', async () => {
    const path = `/v1/events?organization_id=${DEMO.organizationId}&type=task.,incident.`;
    const expected = await pageRest(`${path}&limit=100`);
    expect(expected.length).toBeGreaterThan(100);
    const job = await exported({ route: '/v1/events', params: { organization_id: DEMO.organizationId, type: 'task.,incident.' } });
    expect(job.direct).toBe(true);
    expect(job.rows).toEqual(expected);

    // The NDJSON list reads one batch per statement (a cursor's retention is checked only for an empty batch), not one per 100-row page.
    const { result: streamed, statements } = await ctx.database.statements.measure(() => call('GET', path, { accept: 'application/x-ndjson' }));
    expect(streamed.status).toBe(200);
    expect(ndjson(streamed.text)).toEqual(expected);
    expect(statements).toBe(Math.max(1, Math.ceil(expected.length / EXPORT_BATCH_ROWS)));
    // A refused filter is still REST's JSON error, naming the REST parameter.
    const bad = await call('GET', `/v1/events?organization_id=${DEMO.organizationId}&actor_id=LIN-26-084729`, { accept: 'application/x-ndjson' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'bad_request', status: 400 });
    expect(bad.body.error.message).toMatch(/actor_id/);
  });

  it('resumes after its worker died at the batch it stopped at, without a line twice, one batch in memory at a time', async () => {
    const expected = await pageGraphQL(ROWS_DOC, {});
    const submitted = await call('POST', '/v1/exports', { body: { query: ROWS_DOC } });
    const dying = createExportWorker({ runtime: started.graph.runtime, database: ctx.database });
    const claimed = await dying.claim();
    expect(claimed?.job.id).toBe(submitted.body.data.id);
    // Every read returns at most one batch.
    const sizes: number[] = [];
    const fetchPage = claimed!.source.fetchPage;
    claimed!.source.fetchPage = async (...args) => {
      const page = await fetchPage(...args);
      sizes.push(page.rows.length);
      return page;
    };
    expect(await dying.step(claimed!)).toBe(true);
    expect((await call('GET', `/v1/exports/${submitted.body.data.id}`)).body.data).toMatchObject({ status: 'running', objects_written: EXPORT_BATCH_ROWS });

    await ctx.database.rows(sql`update gateway.export_jobs set heartbeat_at = now() - interval '10 minutes' where id = ${submitted.body.data.id}`);
    const next = createExportWorker({ runtime: started.graph.runtime, database: ctx.database });
    const resumed = await next.claim();
    expect(resumed).toMatchObject({ seq: 1, objects: EXPORT_BATCH_ROWS });
    expect(resumed!.source.direct).toBe(true);
    await next.run(resumed!);
    expect(await dying.step(claimed!)).toBe(false);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(EXPORT_BATCH_ROWS);

    const done = (await call('GET', `/v1/exports/${submitted.body.data.id}`)).body.data;
    expect(done).toMatchObject({ status: 'completed', objects_written: expected.length });
    const lines = ndjson((await call('GET', done.download_url)).text);
    expect(lines).toEqual(expected);
    expect(new Set(lines.map((line: any) => line.id)).size).toBe(lines.length);
  });
});
