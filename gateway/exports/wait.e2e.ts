import { it, expect } from 'vitest';
import { workerlessSystem } from '../../test/testkit/exports.ts';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { principals, otherTenant, bearer } from '../../test/testkit/auth.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { DEMO } from '../../seed/demo.ts';
import { loadLimitsConfig } from '../limits/index.ts';
import { createExportWorker } from './worker.ts';
import { MAX_WAIT_SECONDS } from './wait.ts';

const DOC = 'query($after: String) { events(types: ["incident."], first: 50, after: $after) { nodes { id type } pageInfo { hasNextPage endCursor } } }';

/**
 * `GET /v1/exports/{id}` with `Prefer: wait=N` (RFC 7240): one request answered once the job is
 * finished, instead of polling. The gateway here runs no worker: each test runs the job itself.
 */
describeEngines('waiting for an export with Prefer: wait', (ctx) => {
  const limits = { ...loadLimitsConfig({}), rateLimitPoints: 1_000_000 };
  const started = workerlessSystem(ctx, limits);

  async function call(method: string, path: string, options: { principal?: Principal; prefer?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${await bearer(options.principal ?? principals.apexAdmin)}` };
    if (options.prefer !== undefined) headers.prefer = options.prefer;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${started.system.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    return { status: res.status, body: (await res.json()) as any, applied: res.headers.get('preference-applied') };
  }
  const submit = async (principal: Principal = principals.apexAdmin) => {
    const { status, body } = await call('POST', '/v1/exports', { principal, body: { query: DOC } });
    expect(status).toBe(201);
    return body.data.id as string;
  };

  it('answers a waiting request with the job once its worker completed it', async () => {
    const id = await submit();
    const waiting = call('GET', `/v1/exports/${id}`, { prefer: `wait=${MAX_WAIT_SECONDS}` });
    const worker = createExportWorker({ runtime: started.graph.runtime, database: ctx.database });
    const claimed = await worker.claim();
    expect(claimed?.job.id).toBe(id);
    await worker.run(claimed!);
    const answer = await waiting;
    expect(answer).toMatchObject({ status: 200, applied: `wait=${MAX_WAIT_SECONDS}` });
    expect(answer.body.data).toMatchObject({ id, status: 'completed', download_url: `/v1/exports/${id}/download` });
  });

  it('answers a cancellation while waiting, and the job as it stands once the time is up', async () => {
    const cancelled = await submit();
    const waiting = call('GET', `/v1/exports/${cancelled}`, { prefer: `wait=${MAX_WAIT_SECONDS}` });
    expect((await call('POST', `/v1/exports/${cancelled}/cancel`)).status).toBe(200);
    expect((await waiting).body.data).toMatchObject({ id: cancelled, status: 'cancelled' });

    // No worker runs this one: after a second, still queued.
    const queued = await submit();
    expect(await call('GET', `/v1/exports/${queued}`, { prefer: 'wait=1' })).toMatchObject({ status: 200, applied: 'wait=1', body: { data: { id: queued, status: 'queued' } } });
    await call('POST', `/v1/exports/${queued}/cancel`);
  });

  it('answers at once without a wait it can honour, caps a long one, and keeps other organizations\' jobs out of reach', async () => {
    const id = await submit();
    for (const prefer of [undefined, 'wait=0', 'respond-async', 'wait=soon', 'wait=-1']) {
      const answer = await call('GET', `/v1/exports/${id}`, { prefer });
      expect(answer.body.data, prefer).toMatchObject({ id, status: 'queued' });
      expect(answer.applied, prefer).toBe(prefer === 'wait=0' ? 'wait=0' : null);
    }
    // Another organization's job does not exist for this caller, waiting or not; nor for a token narrowed to another workspace.
    const theirs = await submit(otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId));
    const refused = await call('GET', `/v1/exports/${theirs}`, { prefer: `wait=${MAX_WAIT_SECONDS}` });
    expect(refused).toMatchObject({ status: 404, applied: null, body: { error: { code: 'not_found' } } });
    expect((await call('GET', `/v1/exports/${id}`, { principal: principals.apexPayments, prefer: 'wait=30' })).status).toBe(404);
    await call('POST', `/v1/exports/${theirs}/cancel`, { principal: otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId) });

    // A finished job is answered at once, with the wait honoured as capped.
    await call('POST', `/v1/exports/${id}/cancel`);
    expect(await call('GET', `/v1/exports/${id}`, { prefer: 'wait=3600' })).toMatchObject({ status: 200, applied: `wait=${MAX_WAIT_SECONDS}`, body: { data: { status: 'cancelled' } } });
  });
});
