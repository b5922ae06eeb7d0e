import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant, bearer } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';
import { encodeCursor } from '../platform/cursor.ts';

/** The /v1 REST shim as the API docs show it: same paths, envelopes, fields and errors, over HTTP. */
describeEngines('REST /v1 over HTTP', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys.close());

  async function get(path: string, principal: Principal | null = principals.apexAdmin) {
    const headers: Record<string, string> = principal ? { authorization: `Bearer ${await bearer(principal)}` } : {};
    const res = await fetch(`${sys.url}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  }

  const expectError = async (path: string, status: number, code: string, message?: string | RegExp) => {
    const { status: actual, body } = await get(path);
    expect(actual, path).toBe(status);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'status']);
    expect(body.error, path).toMatchObject({ code, status });
    if (message) expect(body.error.message, path).toMatch(message);
  };

  it("lists a workspace's active Service Lines as the overview's example does", async () => {
    const { status, body } = await get(`/v1/service-lines?workspace_id=${DEMO.workspaceId}&status=active`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['data', 'meta']);
    expect(body.data).toContainEqual({
      id: 'LIN-26-084729',
      name: 'Backend Engineering - Q2 2026',
      product_line: 'talent',
      execution_model: 'capacity',
      billing_model: 'time_and_materials',
      status: 'active',
    });
    for (const line of body.data) expect(line.status).toBe('active');
    expect(Object.keys(body.meta).sort()).toEqual(['cursor', 'has_more']);
    // The demo workspace has more active lines than one default page (the docs' example shows one):
    // the cursor is then the graph's, naming the page's last line.
    expect(body.meta.has_more).toBe(body.data.length === 25);
    if (body.meta.has_more) expect(body.meta.cursor).toBe(encodeCursor(body.data.at(-1).id));
    else expect(body.meta.cursor).toBeNull();
  });

  it("answers the overview's usage example exactly", async () => {
    const { status, body } = await get('/v1/service-lines/LIN-26-084729/usage?from=2026-04-01&to=2026-04-30');
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        service_line_id: 'LIN-26-084729',
        metrics: [{ metric: 'talent.hours', quantity: 640.0, cost: 60800.0, currency: 'USD' }],
        total_cost: 60800.0,
      },
    });
  });

  it('reads one organization, workspace and Service Line in the docs envelope', async () => {
    const org = await get(`/v1/organizations/${DEMO.organizationId}`);
    expect(org.status).toBe(200);
    expect(org.body.data).toMatchObject({ id: DEMO.organizationId });
    expect(Object.keys(org.body.data).sort()).toEqual(['created_at', 'id', 'name', 'slug']);
    expect(org.body.data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const ws = await get(`/v1/workspaces/${DEMO.workspaceId}`);
    expect(ws.body.data).toMatchObject({ id: DEMO.workspaceId, organization_id: DEMO.organizationId });
    expect(typeof ws.body.data.settings.require_task_service_line).toBe('boolean');

    const line = await get('/v1/service-lines/LIN-26-084729');
    expect(line.body).toEqual({
      data: expect.objectContaining({ id: 'LIN-26-084729', product_line: 'talent', status: 'active', workspace_id: DEMO.workspaceId }),
    });
    expect(line.body.data.project_ids).toContain(DEMO.projectId);
  });

  it('lists workspaces of the named organization, and none of another', async () => {
    const mine = await get(`/v1/workspaces?organization_id=${DEMO.organizationId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((w: any) => w.id)).toEqual(expect.arrayContaining([DEMO.workspaceId, DEMO.dataWorkspaceId]));
    const theirs = await get(`/v1/workspaces?organization_id=${DEMO.otherOrganizationId}`);
    expect(theirs.body).toEqual({ data: [], meta: { cursor: null, has_more: false } });
  });

  it('pages with meta.cursor until has_more is false, every line once', async () => {
    const all = (await get('/v1/service-lines?limit=100')).body.data.map((l: any) => l.id);
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body } = await get(`/v1/service-lines?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(status).toBe(200);
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((l: any) => l.id));
      expect(body.meta.cursor === null).toBe(!body.meta.has_more);
      cursor = body.meta.cursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(all);
  });

  it('filters by comma-separated enum values and by project', async () => {
    const { body } = await get('/v1/service-lines?status=active,paused&product_line=talent,managed_services&limit=100');
    expect(body.data.length).toBeGreaterThan(0);
    for (const line of body.data) {
      expect(['active', 'paused']).toContain(line.status);
      expect(['talent', 'managed_services']).toContain(line.product_line);
    }
    const labelled = await get(`/v1/service-lines?project_id=${DEMO.projectId}`);
    expect(labelled.body.data.map((l: any) => l.id)).toContain(DEMO.serviceLineId);
  });

  it('refuses a missing token with 401 in the REST shape', async () => {
    const { status, body } = await get('/v1/service-lines', null);
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: 'unauthorized', message: expect.any(String), status: 401 } });
  });

  it('answers not_found with the docs message, and for another tenant too (never 403)', async () => {
    const { status, body } = await get('/v1/service-lines/LIN-26-999999');
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'not_found', message: 'Service Line LIN-26-999999 not found.', status: 404 } });
    await expectError(`/v1/service-lines/${DEMO.otherServiceLineId}`, 404, 'not_found', `Service Line ${DEMO.otherServiceLineId} not found.`);
    await expectError(`/v1/service-lines/${DEMO.otherServiceLineId}/usage?from=2026-04-01&to=2026-04-30`, 404, 'not_found');
    await expectError(`/v1/workspaces/${DEMO.otherWorkspaceId}`, 404, 'not_found', `Workspace ${DEMO.otherWorkspaceId} not found.`);
    await expectError(`/v1/organizations/${DEMO.otherOrganizationId}`, 404, 'not_found', `Organization ${DEMO.otherOrganizationId} not found.`);
    // And the other tenant cannot see ours.
    const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
    expect((await get(`/v1/service-lines/${DEMO.serviceLineId}`, other)).status).toBe(404);
    await expectError('/v1/no-such-thing', 404, 'not_found');
  });

  it('refuses bad parameters with 400 naming the parameter', async () => {
    for (const limit of ['0', '101', 'abc', '', '1.5']) await expectError(`/v1/service-lines?limit=${limit}`, 400, 'bad_request', /limit/);
    await expectError('/v1/service-lines?cursor=not-a-cursor', 400, 'bad_request', /cursor/);
    // A cursor of another list (a workspace's) is not one of this list's.
    await expectError('/v1/service-lines?cursor=eyJpZCI6IldTLTI2LTAwMDAyMSJ9', 400, 'bad_request', /cursor/);
    await expectError('/v1/service-lines?colour=blue', 400, 'bad_request', /colour/);
    await expectError('/v1/service-lines?status=active,finished', 400, 'bad_request', /status.*finished/);
    await expectError('/v1/service-lines?status=active&status=paused', 400, 'bad_request', /status.*commas/);
    await expectError('/v1/service-lines?product_line=TALENT', 400, 'bad_request', /product_line/);
    await expectError('/v1/service-lines?workspace_id=LIN-26-084729', 400, 'bad_request', /workspace_id/);
    await expectError('/v1/workspaces', 400, 'bad_request', /organization_id/);
    await expectError('/v1/service-lines/LIN-26-084729/usage?to=2026-04-30', 400, 'bad_request', /from/);
    await expectError('/v1/service-lines/LIN-26-084729/usage?from=2026-04-01', 400, 'bad_request', /\bto\b/);
    await expectError('/v1/service-lines/LIN-26-084729/usage?from=2026-02-30&to=2026-04-30', 400, 'bad_request', /from/);
    await expectError('/v1/organizations/ORG-26-090500?limit=5', 400, 'bad_request', /limit/);
  });

  it('spends the same rate-limit budget as /graphql and answers 429 rate_limited with Retry-After', async () => {
    const limited = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { rateLimitPoints: 2, rateLimitWindowSeconds: 60 } });
    try {
      const authorization = `Bearer ${await bearer(principals.apexAdmin)}`;
      const call = () => fetch(`${limited.url}/v1/organizations/${DEMO.organizationId}`, { headers: { authorization } });
      expect((await call()).status).toBe(200);
      expect((await limited.graphqlWith(authorization, '{ viewer { role } }')).status).toBe(200);
      const refusal = await call();
      expect(refusal.status).toBe(429);
      expect(Number(refusal.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refusal.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String), status: 429 } });
    } finally {
      await limited.close();
    }
  });
});
