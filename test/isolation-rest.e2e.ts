import { it, expect, beforeAll, describe } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import type { TestSystem } from './testkit/system.ts';
import { snapshotTables, type OwnershipIndex } from './testkit/isolation.ts';
import { CASES, type Case } from './testkit/isolation-checks.ts';
import { RestProbeRunner, restPlan, restCursorProbe, normalizeAnswer, expectNoRestLeak, restCall } from './testkit/isolation-rest.ts';
import { REST_ROUTES } from '../gateway/rest/router.ts';
import { isolationSuite, apex } from './testkit/isolation-suite.ts';
import type { Principal } from '../platform/auth/tokens.ts';

/**
 * Tenant isolation of the REST shim, end to end over real HTTP (the GraphQL side and the method:
 * isolation.e2e.ts). Every route (/v1, REST_ROUTES) is probed from its own path, query and body
 * specs, so a new route fails until its parameters can be aimed; reads as JSON pages and NDJSON
 * streams, cursors, writes, and export jobs.
 */
describeEngines('tenant isolation over REST', (ctx) => {
  const suite = isolationSuite(ctx);
  const targets = suite.targets;
  let sys: TestSystem;
  let index: OwnershipIndex;
  beforeAll(() => {
    ({ sys, index } = suite);
  });

  describe('every REST route', () => {
    let rest: RestProbeRunner;
    beforeAll(() => {
      rest = new RestProbeRunner(sys, index);
    });
    const plans = (c: Case) => REST_ROUTES.map((route) => ({ route, ...restPlan(route, targets.get(c)!.foreign, targets.get(c)!.own) }));

    it('has a probe plan for every route: each path parameter, ID parameter and ID field aimed at a foreign object', () => {
      expect(REST_ROUTES.length).toBeGreaterThan(0);
      for (const c of CASES) {
        const missing = plans(c).filter((p) => p.uncovered.length > 0 || p.probes.length === 0)
          .map((p) => `${p.route.method} ${p.route.path}: ${p.uncovered.join(', ') || 'no probe'}`);
        expect(missing, `routes without a probe plan for ${c.name}`).toEqual([]);
      }
    });

    it('reads (as JSON pages and NDJSON streams) show nothing of another tenant or workspace: foreign IDs read as IDs that never existed, and the owner gets the data', async () => {
      for (const c of CASES) {
        const answered = new Set<string>();
        for (const { route, probes } of plans(c)) {
          if (route.method !== 'GET') continue;
          for (const p of probes) {
            const owned = await rest.expectOwnerReads(apex, c, p);
            await rest.expectReadIsolated(c, p, owned);
            await rest.expectStreamIsolated(apex, c, p, owned);
            if (owned.status === 200) answered.add(`${route.method} ${route.path}`);
          }
        }
        // Every read route has at least one probe the owner answers with data (a 400 for a missing filter is not enough).
        const reads = REST_ROUTES.filter((r) => r.method === 'GET').map((r) => `${r.method} ${r.path}`);
        expect(reads.filter((r) => !answered.has(r)), `read routes without a positive control for ${c.name}`).toEqual([]);
      }
    }, 300_000);

    it('a cursor naming another tenant\'s row pages the caller\'s own list exactly like one naming no row', async () => {
      for (const c of CASES) {
        const { foreign, own } = targets.get(c)!;
        const probes = REST_ROUTES.map((route) => restCursorProbe(route, own, foreign)).filter((p) => p !== undefined);
        expect(probes.length, `REST lists probed with foreign cursors as ${c.name}`).toBeGreaterThan(5);
        for (const p of probes) {
          const label = `${p.label} (${p.url}) as ${c.name}`;
          const answer = await restCall(sys, c.principal, 'GET', p.url);
          expectNoRestLeak(index, c.principal, answer, [p.key], label);
          const twin = await restCall(sys, c.principal, 'GET', p.twinUrl);
          const [cursor, twinCursor] = [new URL(p.url, sys.url).searchParams.get('cursor')!, new URL(p.twinUrl, sys.url).searchParams.get('cursor')!];
          expect.soft(normalizeAnswer(answer, [p.key]).split(cursor).join('<cursor>'), `${label}: pages unlike a cursor naming no row`)
            .toBe(normalizeAnswer(twin, [`${p.key}0`]).split(twinCursor).join('<cursor>'));
        }
      }
    }, 120_000);

    it('writes aimed at foreign objects are refused as not found or unprocessable, and change no row of any table', async () => {
      const before = await snapshotTables(ctx.database.db);
      for (const c of CASES) {
        const attempted = new Set<string>();
        for (const { route, probes } of plans(c)) {
          if (route.method === 'GET') continue;
          for (const p of probes) if (await rest.expectWriteRefused(c, p)) attempted.add(`${route.method} ${route.path}`);
        }
        const writes = REST_ROUTES.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
        expect(writes.filter((w) => !attempted.has(w)), `write routes never aimed at ${c.name}'s target`).toEqual([]);
      }
      expect(await snapshotTables(ctx.database.db)).toEqual(before);
    }, 300_000);

    it('export jobs of another tenant or workspace cannot be read, downloaded, cancelled or listed, nor submitted over foreign objects', async () => {
      const send = (principal: Principal, method: string, path: string, body?: unknown) => restCall(sys, principal, method, path, body);
      for (const c of CASES) {
        const foreign = targets.get(c)!.foreign;
        // The owner exports the target workspace's tasks (as a token narrowed to it, for a workspace target).
        const owner: Principal = c.scope.workspaceId ? { ...apex, workspaceId: c.scope.workspaceId } : apex;
        const submission = { route: '/v1/tasks', params: { workspace_id: foreign.workspace } };
        const created = await send(owner, 'POST', '/v1/exports', submission);
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const id: string = created.body.data.id;
        let job = created.body.data;
        for (let i = 0; i < 2_000 && !['completed', 'failed', 'cancelled'].includes(job.status); i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          job = (await send(owner, 'GET', `/v1/exports/${id}`)).body.data;
        }
        expect(job.status, `export ${id}`).toBe('completed');
        // Positive control: the owner reads, downloads and lists the job, and the file holds the target's tasks.
        const download = await send(owner, 'GET', `/v1/exports/${id}/download`);
        expect(download.status).toBe(200);
        const file = typeof download.body === 'string' ? download.body : JSON.stringify(download.body);
        expect(file).toContain(foreign.task);
        expect(JSON.stringify((await send(owner, 'GET', '/v1/exports?limit=100')).body)).toContain(id);

        const before = await snapshotTables(ctx.database.db);
        const twinId = index.missing('EXP');
        for (const [method, path] of [['GET', `/v1/exports/${id}`], ['GET', `/v1/exports/${id}/download`], ['POST', `/v1/exports/${id}/cancel`]] as const) {
          const label = `${method} ${path} as ${c.name}`;
          const answer = await send(c.principal, method, path);
          expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBe(404);
          expect(answer.body.error.code, label).toBe('not_found');
          const twin = await send(c.principal, method, path.replace(id, twinId));
          expect(normalizeAnswer(answer, [id]), `${label}: differs from an export that never existed`).toBe(normalizeAnswer(twin, [twinId]));
        }
        const listed = await send(c.principal, 'GET', '/v1/exports?limit=100');
        expect(listed.status).toBe(200);
        expect(JSON.stringify(listed.body), `GET /v1/exports as ${c.name}`).not.toContain(id);
        expectNoRestLeak(index, c.principal, listed, [], `GET /v1/exports as ${c.name}`);

        expect(await snapshotTables(ctx.database.db), `tables after ${c.name}'s export probes`).toEqual(before);

        // An export over the foreign workspace reads as one over a workspace that never existed:
        // refused at submission, or (as the list itself answers 200 with no rows) a job that exports nothing.
        const label = `POST /v1/exports ${JSON.stringify(submission)} as ${c.name}`;
        const missingWs = index.missing('WS');
        const answers = [await send(c.principal, 'POST', '/v1/exports', submission), await send(c.principal, 'POST', '/v1/exports', { ...submission, params: { workspace_id: missingWs } })];
        expect(answers.map((a) => a.status), `${label}: like a workspace that never existed ${JSON.stringify(answers.map((a) => a.body))}`).toEqual([answers[1].status, answers[1].status]);
        expectNoRestLeak(index, c.principal, answers[0], [foreign.workspace], label);
        if (answers[0].status === 201) {
          for (const answer of answers) {
            let theirs = answer.body.data;
            for (let i = 0; i < 2_000 && !['completed', 'failed', 'cancelled'].includes(theirs.status); i++) {
              await new Promise((resolve) => setTimeout(resolve, 20));
              theirs = (await send(c.principal, 'GET', `/v1/exports/${theirs.id}`)).body.data;
            }
            expect(theirs, `${label}: the job`).toMatchObject({ status: 'completed', objects_written: 0 });
            const output = await send(c.principal, 'GET', `/v1/exports/${theirs.id}/download`);
            // An NDJSON file with no line.
            expect(output, `${label}: the download`).toEqual({ status: 200, body: [] });
          }
        } else {
          expect([404, 422], label).toContain(answers[0].status);
          expect(normalizeAnswer(answers[0], [foreign.workspace]), `${label}: differs from a workspace that never existed`).toBe(normalizeAnswer(answers[1], [missingWs]));
        }
      }
    }, 120_000);
  });


  describe('the checks themselves', () => {
    it('catch a REST shim that answers every caller as the owner', async () => {
      class LeakyRest extends RestProbeRunner {
        override send(_principal: Principal, probe: { method: string; url: string; body?: unknown }) {
          return super.send(apex, probe);
        }
      }
      const leaky = new LeakyRest(sys, index);
      for (const c of CASES) {
        const { foreign, own } = targets.get(c)!;
        const reads = REST_ROUTES.filter((r) => r.method === 'GET' && ['/v1/tasks/{id}', '/v1/tasks', '/v1/managed-services/pods'].includes(r.path))
          .flatMap((route) => restPlan(route, foreign, own).probes.filter((p) => p.aimed && !p.url.includes('project_id')));
        expect(reads.length).toBeGreaterThan(2);
        for (const p of reads) {
          const owned = await leaky.expectOwnerReads(apex, c, p);
          if (owned.status !== 200) continue;
          await expect(leaky.expectReadIsolated(c, p, owned), `${p.label} as ${c.name}`).rejects.toThrow();
        }
      }
    });

  });
});
