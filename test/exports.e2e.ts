import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant, bearer, TEST_AUTH_SECRET, TEST_PRINCIPAL_KEY } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { loadConfig } from '../platform/config.ts';
import { DEMO } from '../seed/demo.ts';
import { startSystem, type RunningSystem } from '../scripts/system.ts';
import { createGraph } from '../gateway/graph.ts';
import { loadLimitsConfig } from '../gateway/limits/index.ts';
import { createExportWorker } from '../gateway/exports/worker.ts';
import { purgeExpired } from '../gateway/exports/store.ts';

/** Events of the caller's organization, flat fields only (so the same document serves CSV). */
const EVENTS_DOC = `query ExportEvents($types: [String!], $first: Int, $after: String) {
  events(types: $types, first: $first, after: $after) { nodes { id type actorId subjectType subjectId createdAt } pageInfo { hasNextPage endCursor } }
}`;
/** The same list with a nested object and a JSON value per node (NDJSON only). */
const NESTED_EVENTS_DOC = `query($after: String) {
  events(types: ["task.assigned", "incident."], first: 5, after: $after) { nodes { id type payload workspace { id } } pageInfo { hasNextPage endCursor } }
}`;

/** A few dozen of the demo's 1,269 events, so a job takes a few pages (not hundreds). */
const TYPES = ['agent.run.failed', 'integration.', 'service_line.', 'incident.'];

describeEngines('bulk exports and NDJSON streaming over HTTP', (ctx) => {
  const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
  // The tests poll jobs and page lists by hand: the per-caller budget is out of their way.
  const limits = { ...loadLimitsConfig({}), rateLimitPoints: 1_000_000 };
  /** The gateway the requests of the running group go to. */
  let base = '';
  async function call(origin: string, method: string, path: string, options: { principal?: Principal; body?: unknown; raw?: string; accept?: string } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${await bearer(options.principal ?? principals.apexAdmin)}` };
    if (options.accept) headers.accept = options.accept;
    // A raw body is JSON too (malformed on purpose); a body of another type is 415 (test/bad-input-rest.e2e.ts).
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    const body = options.body !== undefined ? JSON.stringify(options.body) : options.raw;
    const res = await fetch(`${origin}${path}`, { method, headers, body });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) : undefined;
    return { status: res.status, text, body: json as any, headers: res.headers };
  }
  const api = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(base, method, path, options);

  /** Polls (with no time bound asserted) until the job has finished. */
  async function finished(id: string, principal: Principal = principals.apexAdmin) {
    for (let i = 0; i < 2_000; i++) {
      const { body } = await api('GET', `/v1/exports/${id}`, { principal });
      if (['completed', 'failed', 'cancelled'].includes(body.data.status)) return body.data;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`export ${id} never finished`);
  }

  /** Every node of a GraphQL connection, paged by hand through /graphql. */
  async function pageGraphQL(query: string, variables: Record<string, unknown>, principal: Principal = principals.apexAdmin) {
    const nodes: unknown[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer(principal)}` },
        body: JSON.stringify({ query, variables: { ...variables, after } }),
      });
      const { data, errors } = (await res.json()) as { data?: any; errors?: unknown };
      expect(errors).toBeUndefined();
      nodes.push(...data.events.nodes);
      if (!data.events.pageInfo.hasNextPage) return nodes;
      after = data.events.pageInfo.endCursor;
    }
  }

  /** Every item of a REST list, paged by hand with meta.cursor. */
  async function pageRest(path: string, principal: Principal = principals.apexAdmin) {
    const items: unknown[] = [];
    let cursor: string | null = null;
    for (;;) {
      const sep = path.includes('?') ? '&' : '?';
      const { status, body } = await api('GET', `${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`, { principal });
      expect(status).toBe(200);
      items.push(...body.data);
      if (!body.meta.has_more) return items;
      cursor = body.meta.cursor;
    }
  }

  /** Submits an export that must be accepted, and returns the job. */
  async function submit(body: unknown, options: { principal?: Principal } = {}) {
    const answer = await api('POST', '/v1/exports', { body, principal: options.principal });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.data;
  }

  const ndjson = (text: string) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));

  describe('a worker driven page by page', () => {
    /** A gateway with no worker of its own, and a graph runtime for the workers the tests drive. */
    let manual: RunningSystem;
    let graph: ReturnType<typeof createGraph>;
    beforeAll(async () => {
      manual = await startSystem({ ...loadConfig({ AUTH_SECRET: TEST_AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' }), port: 0 }, ctx.database, limits, { exportWorker: false });
      graph = createGraph({ subgraphUrls: manual.subgraphUrls, principalKey: TEST_PRINCIPAL_KEY, production: false, limits });
      await graph.runtime.getSchema();
      base = manual.url;
    }, 60_000);
    afterAll(async () => {
      await graph?.runtime.dispose();
      await manual?.close();
    });

    it('resumes a job whose worker died mid-way from resume_after, without a line twice', async () => {
      const expected = await pageRest('/v1/service-lines?limit=100');
      expect(expected.length).toBeGreaterThan(6);
      const job = await submit({ route: '/v1/service-lines', params: { limit: 2 } });
      expect(job.status).toBe('queued');

      const dying = createExportWorker({ runtime: graph.runtime, database: ctx.database });
      const claimed = await dying.claim();
      expect(claimed?.job.id).toBe(job.id);
      expect(await dying.step(claimed!)).toBe(true);
      expect(await dying.step(claimed!)).toBe(true);
      const midway = (await api('GET', `/v1/exports/${job.id}`)).body.data;
      expect(midway).toMatchObject({ status: 'running', objects_written: 4, download_url: null });
      expect((await api('GET', `/v1/exports/${job.id}/download`)).status).toBe(409);

      // The worker stops here (its process died). While its heartbeat is fresh nobody takes the job over ...
      const next = createExportWorker({ runtime: graph.runtime, database: ctx.database });
      expect(await next.claim()).toBeNull();
      // ... once it is stale (as a minute without one would make it), the next worker resumes it.
      await ctx.database.rows(sql`update gateway.export_jobs set heartbeat_at = now() - interval '10 minutes' where id = ${job.id}`);
      const resumed = await next.claim();
      expect(resumed).toMatchObject({ seq: 2, objects: 4 });
      await next.run(resumed!);
      // The dead worker waking up finds the job is no longer its own and writes nothing.
      expect(await dying.step(claimed!)).toBe(false);

      const done = (await api('GET', `/v1/exports/${job.id}`)).body.data;
      expect(done).toMatchObject({ status: 'completed', objects_written: expected.length });
      const lines = ndjson((await api('GET', done.download_url)).text);
      expect(lines).toEqual(expected);
      expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
    });

    it('cancels queued and running jobs, drops their output, and refuses to cancel a finished one', async () => {
      const queued = await submit({ query: EVENTS_DOC, variables: { types: TYPES, first: 3 } });
      const cancelled = await api('POST', `/v1/exports/${queued.id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data).toMatchObject({ id: queued.id, status: 'cancelled', download_url: null });
      expect(cancelled.body.data.finished_at).not.toBeNull();
      expect((await api('POST', `/v1/exports/${queued.id}/cancel`)).body.error).toMatchObject({ code: 'conflict', status: 409 });
      expect((await api('GET', `/v1/exports/${queued.id}/download`)).status).toBe(409);

      const worker = createExportWorker({ runtime: graph.runtime, database: ctx.database });
      // Polling an empty queue is not counted among the statements of requests (tests assert those).
      const idle = await ctx.database.statements.measure(() => worker.claim());
      expect(idle).toMatchObject({ result: null, statements: 0 });
      const running = await submit({ query: EVENTS_DOC, variables: { types: TYPES, first: 3 } });
      const claimed = await worker.claim();
      expect(claimed?.job.id).toBe(running.id);
      expect(await worker.step(claimed!)).toBe(true);
      expect((await api('POST', `/v1/exports/${running.id}/cancel`)).body.data).toMatchObject({ status: 'cancelled', objects_written: 3 });
      expect(await worker.step(claimed!)).toBe(false);
      const [chunks] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from gateway.export_chunks where job_id = ${running.id}`);
      expect(chunks.n).toBe(0);
      expect((await api('GET', `/v1/exports/${running.id}`)).body.data.status).toBe('cancelled');

      // The job the previous test resumed to its end.
    const completed = (await api('GET', '/v1/exports?status=completed&limit=1')).body.data[0];
      const refused = await api('POST', `/v1/exports/${completed.id}/cancel`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/already completed/);
    });

  });

  describe("the gateway's own worker", () => {
    let sys: TestSystem;
    beforeAll(async () => {
      sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits });
      base = sys.url;
    }, 60_000);
    afterAll(() => sys?.close());

    it('exports a GraphQL connection as NDJSON: every node once, as paging the same query returns them', async () => {
      const expected = await pageGraphQL(EVENTS_DOC, { types: TYPES, first: 100 });
      expect(expected.length).toBeGreaterThan(7);

      const submitted = await api('POST', '/v1/exports', { body: { query: EVENTS_DOC, variables: { types: TYPES, first: 7 } } });
      expect(submitted.status).toBe(201);
      expect(Object.keys(submitted.body)).toEqual(['data']);
      const job = submitted.body.data;
      expect(job.id).toMatch(/^EXP-\d{2}-\d{6,}$/);
      expect(job).toMatchObject({ format: 'ndjson', source: 'graphql', error: null, download_url: null });
      expect(['queued', 'running', 'completed']).toContain(job.status);

      const done = await finished(job.id);
      expect(done).toMatchObject({ status: 'completed', objects_written: expected.length, error: null, download_url: `/v1/exports/${job.id}/download` });
      expect(done.finished_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      // Kept seven days from the moment it finished.
      expect(Date.parse(done.expires_at) - Date.parse(done.finished_at)).toBe(7 * 24 * 3600 * 1000);

      const download = await api('GET', done.download_url);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      expect(Buffer.byteLength(download.text)).toBe(done.bytes_written);
      expect(ndjson(download.text)).toEqual(expected);

      // The chunks are the pages: 7 nodes per page as the query's first asked.
      const [chunks] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from gateway.export_chunks where job_id = ${job.id}`);
      expect(chunks.n).toBe(Math.ceil(expected.length / 7));
    });

    it('writes nested objects and JSON values as they come, one node per line', async () => {
      const expected = await pageGraphQL(NESTED_EVENTS_DOC, {});
      const { status, body } = await api('POST', '/v1/exports', { body: { query: NESTED_EVENTS_DOC, format: 'ndjson' } });
      expect(status).toBe(201);
      const done = await finished(body.data.id);
      expect(done.status).toBe('completed');
      expect(ndjson((await api('GET', done.download_url)).text)).toEqual(expected);
    });

    it('exports a REST list with its filters in the REST shape, as paging that list returns it', async () => {
      const expected = await pageRest('/v1/service-lines?status=active,paused&limit=100');
      expect(expected.length).toBeGreaterThan(3);
      const { status, body } = await api('POST', '/v1/exports', { body: { route: '/v1/service-lines', params: { status: ['active', 'paused'], limit: 3 } } });
      expect(status).toBe(201);
      expect(body.data.source).toBe('rest');
      const done = await finished(body.data.id);
      expect(done).toMatchObject({ status: 'completed', objects_written: expected.length });
      expect(ndjson((await api('GET', done.download_url)).text)).toEqual(expected);
    });

    it("exports /v1/events with the docs' filters, as paging GET /v1/events returns them", async () => {
      const expected = await pageRest(`/v1/events?organization_id=${DEMO.organizationId}&type=task.created&limit=100`);
      expect(expected.length).toBeGreaterThan(100);
      const job = await submit({ route: '/v1/events', params: { organization_id: DEMO.organizationId, type: 'task.created' } });
      const done = await finished(job.id);
      expect(done).toMatchObject({ status: 'completed', objects_written: expected.length });
      expect(ndjson((await api('GET', done.download_url)).text)).toEqual(expected);
    });

    it('exports flat rows as CSV with a header, and refuses CSV of nested rows with 422', async () => {
      const expected = (await pageGraphQL(EVENTS_DOC, { types: TYPES, first: 100 })) as Record<string, unknown>[];
      const { status, body } = await api('POST', '/v1/exports', { body: { query: EVENTS_DOC, variables: { types: TYPES, first: 4 }, format: 'csv' } });
      expect(status).toBe(201);
      const done = await finished(body.data.id);
      expect(done).toMatchObject({ status: 'completed', format: 'csv', objects_written: expected.length });
      const download = await api('GET', done.download_url);
      expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${done.id}.csv"`);
      const lines = download.text.split('\r\n');
      expect(lines.at(-1)).toBe('');
      expect(lines[0]).toBe('id,type,actorId,subjectType,subjectId,createdAt');
      const cell = (v: unknown) => (v === null ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
      expect(lines.slice(1, -1)).toEqual(expected.map((e) => Object.values(e).map(cell).join(',')));

      const nested = await api('POST', '/v1/exports', { body: { query: NESTED_EVENTS_DOC, format: 'csv' } });
      expect(nested.status).toBe(422);
      expect(nested.body.error).toMatchObject({ code: 'unprocessable', status: 422 });
      expect(nested.body.error.message).toMatch(/CSV takes flat rows.*nodes\.payload/);
      // A REST list whose items hold an object (a workspace's settings) is refused the same way, at submission.
      const rest = await api('POST', '/v1/exports', { body: { route: '/v1/workspaces', params: { organization_id: DEMO.organizationId }, format: 'csv' } });
      expect(rest.status).toBe(422);
      expect(rest.body.error.message).toMatch(/settings is an object; CSV takes flat rows/);
    });

    it('refuses bad submissions up front with 400 or 422 naming the field', async () => {
      const refused = async (body: unknown, status: number, message: RegExp, raw?: string) => {
        const answer = await api('POST', '/v1/exports', raw === undefined ? { body } : { raw });
        expect(answer.status, JSON.stringify(body ?? raw)).toBe(status);
        expect(Object.keys(answer.body.error).sort()).toEqual(['code', 'message', 'status']);
        expect(answer.body.error.message).toMatch(message);
      };
      await refused(undefined, 400, /not valid JSON/, '{');
      await refused({}, 422, /either query .* or route/);
      await refused({ query: EVENTS_DOC, route: '/v1/service-lines' }, 422, /not both/);
      await refused({ query: EVENTS_DOC, format: 'xml' }, 422, /format must be one of ndjson, csv/);
      await refused({ query: 'query { events(first: 5) { nodes { id } pageInfo { hasNextPage endCursor } } }' }, 422, /declare the variable \$after: String/);
      await refused({ query: 'query($after: String!) { events(after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }' }, 422, /\$after: String \(nullable\)/);
      await refused({ query: 'query($after: String) { events(after: $after) { nodes { id } } }' }, 422, /pageInfo \{ hasNextPage endCursor \}/);
      await refused({ query: 'query($after: String) { events(after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } serviceLines(after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }' }, 422, /exactly one field, found 2/);
      await refused({ query: 'query($after: String) { workspaces { nodes { events(after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } } }' }, 422, /workspaces\.nodes is a list/);
      await refused({ query: 'query($after: String) { events(last: 5, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }' }, 422, /drop last/);
      await refused({ query: 'mutation($after: String) { x }' }, 422, /must be a query, not a mutation/);
      await refused({ query: 'query($after: String) { events(after: $after) { nodes { nope } pageInfo { hasNextPage endCursor } } }' }, 422, /not valid against the schema: Cannot query field "nope"/);
      await refused({ query: 'query($after: String) { events(after: $after) {' }, 422, /not a GraphQL document/);
      await refused({ query: EVENTS_DOC, variables: { after: 'x' } }, 422, /variables\.after is set by the export/);
      await refused({ query: EVENTS_DOC, variables: { types: TYPES, first: 500 } }, 400, /first must be an integer between 1 and 100/);
      await refused({ route: '/v1/service-lines/LIN-26-084729' }, 422, /is not a list/);
      await refused({ route: '/v1/nowhere' }, 422, /no REST list at \/v1\/nowhere/);
      await refused({ route: '/v1/service-lines', params: { colour: 'red' } }, 422, /params: Unknown query parameter colour/);
      await refused({ route: '/v1/service-lines', params: { status: 'sleeping' } }, 422, /params: status must be one or more of/);
      await refused({ route: '/v1/service-lines', params: { cursor: 'abc' } }, 422, /params\.cursor/);
      await refused({ route: '/v1/service-lines', params: { status: { a: 1 } } }, 422, /params\.status must be a string/);
      await refused({ route: '/v1/service-lines', variables: {} }, 422, /variables go with query/);
      // The first page is read at submission: a workspace that is not the caller's is its 404.
      await refused({ query: 'query($after: String) { serviceLine(id: "LIN-26-999999") { events(first: 10, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } }' }, 404, /LIN-26-999999/);
      // Nothing refused was queued.
      const list = await api('GET', '/v1/exports?limit=100');
      for (const job of list.body.data) expect(job.status).not.toBe('failed');
    });

    it('shows a job and its download to its organization only; narrowed tokens see their workspace\'s jobs only', async () => {
      const mine = await submit({ query: EVENTS_DOC, variables: { types: TYPES, first: 50 } });
      const done = await finished(mine.id);
      for (const [method, path] of [['GET', `/v1/exports/${mine.id}`], ['GET', `/v1/exports/${mine.id}/download`], ['POST', `/v1/exports/${mine.id}/cancel`]]) {
        const answer = await api(method, path, { principal: other });
        expect(answer.status, path).toBe(404);
        expect(answer.body.error).toMatchObject({ code: 'not_found', status: 404 });
      }
      const theirs = await api('GET', '/v1/exports?limit=100', { principal: other });
      expect(theirs.body.data.map((j: any) => j.id)).not.toContain(mine.id);

      // The narrowed token neither sees the organization-wide job nor lets its own be seen elsewhere in the org narrowed differently.
      expect((await api('GET', `/v1/exports/${mine.id}`, { principal: principals.apexPayments })).status).toBe(404);
      const narrowedDoc = 'query($after: String) { events(first: 50, after: $after) { nodes { id workspace { id } } pageInfo { hasNextPage endCursor } } }';
      const narrowed = (await api('POST', '/v1/exports', { principal: principals.apexPayments, body: { query: narrowedDoc } })).body.data;
      const narrowedDone = await finished(narrowed.id, principals.apexPayments);
      expect(narrowedDone.status).toBe('completed');
      // The job ran as the narrowed principal: only its workspace's events (the graph's tenancy, not the export's).
      const rows = ndjson((await api('GET', narrowedDone.download_url, { principal: principals.apexPayments })).text);
      expect(rows).toEqual(await pageGraphQL(narrowedDoc, {}, principals.apexPayments));
      for (const row of rows) expect(row.workspace?.id).toBe(DEMO.workspaceId);
      const listed = (await api('GET', '/v1/exports?limit=100', { principal: principals.apexPayments })).body.data.map((j: any) => j.id);
      expect(listed).toContain(narrowed.id);
      expect(listed).not.toContain(mine.id);
      // The organization's unnarrowed admin sees both.
      const all = (await api('GET', '/v1/exports?limit=100')).body.data.map((j: any) => j.id);
      expect(all).toEqual(expect.arrayContaining([mine.id, narrowed.id]));
      expect(done.status).toBe('completed');
    });

    it('lists jobs newest first with meta.cursor, filters by status and checks its parameters', async () => {
      const all = (await api('GET', '/v1/exports?limit=100')).body;
      expect(all.meta).toEqual({ cursor: null, has_more: false });
      expect(all.data.length).toBeGreaterThan(3);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const { body } = await api('GET', `/v1/exports?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...body.data.map((j: any) => j.id));
        cursor = body.meta.cursor;
      } while (cursor);
      expect(seen).toEqual(all.data.map((j: any) => j.id));
      const completed = (await api('GET', '/v1/exports?status=completed&limit=100')).body.data;
      expect(completed.length).toBeGreaterThan(0);
      for (const job of completed) expect(job.status).toBe('completed');
      expect((await api('GET', '/v1/exports?colour=red')).status).toBe(400);
      expect((await api('GET', '/v1/exports?limit=0')).status).toBe(400);
      expect((await api('GET', '/v1/exports/EXP-26-999999')).status).toBe(404);
      expect((await api('GET', '/v1/exports/nonsense')).status).toBe(400);
      expect((await api('DELETE', '/v1/exports')).status).toBe(404);
    });

    it('purges finished exports past their expiry with their output', async () => {
      const job = await submit({ query: EVENTS_DOC, variables: { types: TYPES, first: 100 } });
      await finished(job.id);
      await ctx.database.rows(sql`update gateway.export_jobs set expires_at = now() - interval '1 second' where id = ${job.id}`);
      expect(await purgeExpired(ctx.database)).toBeGreaterThanOrEqual(1);
      expect((await api('GET', `/v1/exports/${job.id}`)).status).toBe(404);
      const [chunks] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from gateway.export_chunks where job_id = ${job.id}`);
      expect(chunks.n).toBe(0);
    });

    it('streams every page of a REST list as NDJSON when asked for application/x-ndjson', async () => {
      const expected = await pageRest('/v1/service-lines?limit=100');
      const streamed = await api('GET', '/v1/service-lines?limit=2', { accept: 'application/x-ndjson' });
      expect(streamed.status).toBe(200);
      expect(streamed.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      expect(ndjson(streamed.text)).toEqual(expected);
      // Filters apply; a refused one is the usual JSON error; a single resource stays JSON.
      const active = await api('GET', '/v1/service-lines?status=active', { accept: 'application/x-ndjson' });
      expect(ndjson(active.text)).toEqual(await pageRest('/v1/service-lines?status=active&limit=100'));
      const bad = await api('GET', '/v1/service-lines?status=sleeping', { accept: 'application/x-ndjson' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'bad_request', status: 400 });
      const one = await api('GET', '/v1/service-lines/LIN-26-084729', { accept: 'application/x-ndjson' });
      expect(one.body.data.id).toBe('LIN-26-084729');
      // Another tenant streams its own (empty here) list, never ours.
      const theirs = await api('GET', '/v1/service-lines', { accept: 'application/x-ndjson', principal: other });
      expect(theirs.status).toBe(200);
      const ours = new Set(expected.map((l: any) => l.id));
      for (const row of ndjson(theirs.text)) expect(ours.has(row.id)).toBe(false);
    });
  });
});
