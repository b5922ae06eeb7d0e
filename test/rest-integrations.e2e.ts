import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant, bearer } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';
import { SYNC_HISTORY_SIZE } from '../gateway/rest/integrations.ts';
import { restClient, expectRestError, measureRest, ISO } from './testkit/rest.ts';

const LIST_KEYS = ['id', 'workspace_id', 'type', 'name', 'status', 'last_synced_at', 'sync_status', 'created_at'];
const DETAIL_KEYS = ['id', 'workspace_id', 'type', 'name', 'status', 'config', 'last_synced_at', 'sync_status', 'sync_history', 'created_at'];

/** integrations.txt, GET /v1/integrations: the two documented list items. */
const DOCUMENTED_LIST = [
  {
    id: 'INT-26-000041',
    workspace_id: 'WS-26-000021',
    type: 'github',
    name: 'apex-digital/payments-api',
    status: 'active',
    last_synced_at: '2026-04-15T09:30:00Z',
    sync_status: 'healthy',
    created_at: '2024-03-20T10:00:00Z',
  },
  {
    id: 'INT-26-000042',
    workspace_id: 'WS-26-000021',
    type: 'jira',
    name: 'APEX Jira Project',
    status: 'active',
    last_synced_at: '2026-04-15T09:00:00Z',
    sync_status: 'healthy',
    created_at: '2024-03-20T10:30:00Z',
  },
];

/** integrations.txt, GET /v1/integrations/{id}. */
const DOCUMENTED_DETAIL = {
  id: 'INT-26-000041',
  workspace_id: 'WS-26-000021',
  type: 'github',
  name: 'apex-digital/payments-api',
  status: 'active',
  config: {
    organization: 'apex-digital',
    repositories: ['payments-api', 'payments-worker'],
    events: ['push', 'pull_request', 'deployment'],
  },
  last_synced_at: '2026-04-15T09:30:00Z',
  sync_status: 'healthy',
  sync_history: [
    { at: '2026-04-15T09:30:00Z', status: 'success', records_synced: 14 },
    { at: '2026-04-15T08:30:00Z', status: 'success', records_synced: 3 },
  ],
  created_at: '2024-03-20T10:00:00Z',
};

/** integrations.txt, POST /v1/integrations. */
const DOCUMENTED_CONNECT = {
  workspace_id: 'WS-26-000021',
  type: 'github',
  name: 'apex-digital/payments-api',
  config: {
    organization: 'apex-digital',
    repositories: ['payments-api', 'payments-worker'],
    events: ['push', 'pull_request', 'deployment'],
  },
  credentials: { installation_id: '12345678' },
};


/** Integrations routes of integrations.txt over real HTTP, each docs example against the demo data. */
describeEngines('REST /v1/integrations', (ctx) => {
  let sys: TestSystem;
  const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);

  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys.close());

  const { call, get } = restClient(() => sys.url);
  const expectError = expectRestError;
  const measure = <T>(fn: () => Promise<T>) => measureRest(sys, ctx.database, fn);

  const counts = async () => {
    const [row] = await ctx.database.rows<Record<string, number>>(sql`
      select (select count(*)::int from integrations.integrations) as integrations,
             (select count(*)::int from integrations.integration_credentials) as credentials,
             (select count(*)::int from integrations.sync_runs) as runs,
             (select count(*)::int from events.events) as events`);
    return row;
  };
  const readIntegration = async (id: string) => (await ctx.database.rows<Record<string, unknown>>(sql`select * from integrations.integrations where id = ${id}`))[0];

  /** The events of one integration, newest first, read through the graph (the events routes are not ours). */
  async function integrationEvents(id: string) {
    const res = await sys.graphql<{ events: { nodes: any[] } }>(
      `query($id: ID!) { events(subjectId: $id, types: ["integration."], first: 100) { nodes { type actorId subjectType subjectId createdAt payload } } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.events.nodes;
  }

  it("answers the docs' list example: both documented integrations as printed, with meta", async () => {
    const { status, body } = await get(`/v1/integrations?workspace_id=${DEMO.workspaceId}`);
    expect(status).toBe(200);
    // The docs' example has no meta; every list has one (overview, Pagination).
    expect(Object.keys(body)).toEqual(['data', 'meta']);
    expect(body.meta).toEqual({ cursor: null, has_more: false });
    for (const item of body.data) {
      expect(Object.keys(item)).toEqual(LIST_KEYS);
      expect(item.workspace_id).toBe(DEMO.workspaceId);
    }
    // The demo workspace has three more (Slack, a failed Datadog, a disconnected SonarCloud); ID order.
    const ids = body.data.map((i: any) => i.id);
    expect(ids).toEqual([DEMO.disconnectedIntegrationId, DEMO.githubIntegrationId, DEMO.jiraIntegrationId, DEMO.slackIntegrationId, DEMO.failedIntegrationId]);
    expect(body.data.slice(1, 3)).toEqual(DOCUMENTED_LIST);
    expect(body.data.find((i: any) => i.id === DEMO.failedIntegrationId)).toMatchObject({ type: 'datadog', status: 'error', sync_status: 'failed' });
    expect(body.data.find((i: any) => i.id === DEMO.disconnectedIntegrationId)).toMatchObject({ type: 'sonarcloud', status: 'disconnected' });
  });

  it("lists the caller's organization without workspace_id, a narrowed token's workspace, and pages", async () => {
    const org = await get('/v1/integrations');
    expect(org.status).toBe(200);
    const ids = org.body.data.map((i: any) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['INT-26-000041', 'INT-26-000042', 'INT-26-000045', 'INT-26-000046']));
    expect(ids).not.toContain(DEMO.otherIntegrationId);
    expect(new Set(org.body.data.map((i: any) => i.workspace_id))).toEqual(new Set([DEMO.workspaceId, DEMO.dataWorkspaceId]));

    const narrowed = await get('/v1/integrations', principals.apexPayments);
    expect(narrowed.body.data.map((i: any) => i.workspace_id)).toEqual(Array(5).fill(DEMO.workspaceId));

    const first = await get('/v1/integrations?limit=2');
    expect(first.body.data.map((i: any) => i.id)).toEqual(ids.slice(0, 2));
    expect(first.body.meta.has_more).toBe(true);
    const second = await get(`/v1/integrations?limit=100&cursor=${encodeURIComponent(first.body.meta.cursor)}`);
    expect(second.body.data.map((i: any) => i.id)).toEqual(ids.slice(2));
    expect(second.body.meta).toEqual({ cursor: null, has_more: false });

    // Another tenant sees none of ours, even naming our workspace.
    expect((await get(`/v1/integrations?workspace_id=${DEMO.workspaceId}`, other)).body).toEqual({ data: [], meta: { cursor: null, has_more: false } });
  });

  it("answers the docs' detail example: config, and sync history newest first beginning with the documented runs", async () => {
    const { status, body } = await get(`/v1/integrations/${DEMO.githubIntegrationId}`);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['data']);
    expect(Object.keys(body.data)).toEqual(DETAIL_KEYS);
    // The docs print two runs of the recent history; the route shows the latest SYNC_HISTORY_SIZE.
    expect({ ...body.data, sync_history: body.data.sync_history.slice(0, 2) }).toEqual(DOCUMENTED_DETAIL);
    expect(body.data.sync_history).toHaveLength(SYNC_HISTORY_SIZE);
    const times = body.data.sync_history.map((run: any) => run.at);
    expect([...times].sort().reverse()).toEqual(times);
    for (const run of body.data.sync_history) expect(Object.keys(run)).toEqual(['at', 'status', 'records_synced']);

    // A failing integration's history shows its failures, without records.
    const failed = await get(`/v1/integrations/${DEMO.failedIntegrationId}`);
    expect(failed.body.data).toMatchObject({ status: 'error', sync_status: 'failed' });
    expect(failed.body.data.sync_history[0]).toEqual({ at: '2026-04-15T07:15:00Z', status: 'failed', records_synced: null });
  });

  it('reads a list or an integration in one subgraph fetch and one statement per table', async () => {
    // A first call of a fresh system loads what later calls reuse; count the steady state.
    await get('/v1/integrations?limit=1');
    const small = await measure(() => get('/v1/integrations?limit=1'));
    const large = await measure(() => get('/v1/integrations?limit=100'));
    expect(large.result.body.data.length).toBeGreaterThan(5);
    expect(small.fetches).toBe(1);
    expect(large.fetches).toBe(1);
    // One keyset page; no count (meta needs only hasNextPage).
    expect([small.statements, large.statements]).toEqual([1, 1]);
    const one = await measure(() => get(`/v1/integrations/${DEMO.githubIntegrationId}`));
    expect(one.fetches).toBe(1);
    // The integration, then its latest sync runs.
    expect(one.statements).toBe(2);
  });

  it("starts the docs' manual sync: 202 with exactly sync_id, status and started_at, minting SYNC-26-000811", async () => {
    // A fresh demo database: the highest run is the documented SYNC-26-000810.
    const [top] = await ctx.database.rows<{ id: string }>(sql`select max(id) as id from integrations.sync_runs`);
    expect(top.id).toBe(DEMO.lastSyncRunId);
    const { status, body } = await call('POST', `/v1/integrations/${DEMO.githubIntegrationId}/sync`);
    expect(status).toBe(202);
    expect(body).toEqual({ data: { sync_id: 'SYNC-26-000811', status: 'running', started_at: expect.stringMatching(ISO) } });
    expect(Object.keys(body.data)).toEqual(['sync_id', 'status', 'started_at']);

    // The run heads the integration's history; its last successful sync is unchanged while it runs.
    const detail = await get(`/v1/integrations/${DEMO.githubIntegrationId}`);
    expect(detail.body.data.sync_history[0]).toEqual({ at: body.data.started_at, status: 'running', records_synced: null });
    expect(detail.body.data.sync_history[1]).toEqual(DOCUMENTED_DETAIL.sync_history[0]);
    expect(detail.body.data.last_synced_at).toBe('2026-04-15T09:30:00Z');
    const [event] = await integrationEvents(DEMO.githubIntegrationId);
    expect(event).toMatchObject({ type: 'integration.sync_started', actorId: DEMO.adminUserId, payload: { sync_id: 'SYNC-26-000811' } });
  });

  it("connects the docs' POST example: 201, pending_auth, credentials never returned, integration.connected emitted", async () => {
    const before = await counts();
    const { status, body, text } = await call('POST', '/v1/integrations', DOCUMENTED_CONNECT);
    expect(status).toBe(201);
    expect(Object.keys(body)).toEqual(['data']);
    expect(Object.keys(body.data)).toEqual(DETAIL_KEYS);
    expect(body.data).toEqual({
      id: expect.stringMatching(/^INT-26-\d{6}$/),
      workspace_id: DOCUMENTED_CONNECT.workspace_id,
      type: 'github',
      name: DOCUMENTED_CONNECT.name,
      // GitHub connects through the app installation: pending until the OAuth flow completes (docs).
      status: 'pending_auth',
      config: DOCUMENTED_CONNECT.config,
      last_synced_at: null,
      sync_status: null,
      sync_history: [],
      created_at: expect.stringMatching(ISO),
    });
    expect(text).not.toContain('12345678');
    expect(text).not.toContain('credentials');
    const id = body.data.id;
    const read = await get(`/v1/integrations/${id}`);
    expect(read.body).toEqual(body);
    expect(read.text).not.toContain('12345678');
    expect(await counts()).toMatchObject({ integrations: before.integrations + 1, credentials: before.credentials + 1, runs: before.runs });

    const events = await integrationEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'integration.connected', actorId: DEMO.adminUserId, subjectType: 'integration', subjectId: id, payload: { type: 'github', name: DOCUMENTED_CONNECT.name } });
    expect(JSON.stringify(events)).not.toContain('12345678');

    // An API-key type is active at once.
    const datadog = await call('POST', '/v1/integrations', { workspace_id: DEMO.dataWorkspaceId, type: 'datadog', name: 'Datadog - data', credentials: { api_key: 'dd-secret-key' } });
    expect(datadog.status).toBe(201);
    expect(datadog.body.data).toMatchObject({ type: 'datadog', status: 'active', workspace_id: DEMO.dataWorkspaceId, config: {} });
    expect(datadog.text).not.toContain('dd-secret-key');
  });

  it("applies the docs' PATCH example: the given config key replaces the stored one, the others are kept", async () => {
    const { status, body, text } = await call('PATCH', `/v1/integrations/${DEMO.githubIntegrationId}`, {
      config: { repositories: ['payments-api', 'payments-worker', 'payments-gateway'] },
    });
    expect(status).toBe(200);
    expect(Object.keys(body.data)).toEqual(DETAIL_KEYS);
    expect(body.data.config).toEqual({
      organization: 'apex-digital',
      repositories: ['payments-api', 'payments-worker', 'payments-gateway'],
      events: ['push', 'pull_request', 'deployment'],
    });
    expect(body.data).toMatchObject({ id: DEMO.githubIntegrationId, name: 'apex-digital/payments-api', status: 'active' });
    const [event] = await integrationEvents(DEMO.githubIntegrationId);
    expect(event).toMatchObject({ type: 'integration.updated', payload: { changed: ['config'], config_keys: ['repositories'] } });

    const renamed = await call('PATCH', `/v1/integrations/${DEMO.slackIntegrationId}`, { name: '#payments-incidents', credentials: { bot_token: 'xoxb-secret' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data.name).toBe('#payments-incidents');
    expect(renamed.text).not.toContain('xoxb-secret');
    expect(text).not.toContain('credentials');
  });

  it('disconnects with DELETE: 200 with the disconnected record, integration.disconnected emitted, then 409', async () => {
    const created = await call('POST', '/v1/integrations', { workspace_id: DEMO.workspaceId, type: 'linear', name: 'Payments (Linear)', config: { team_keys: ['PAY'] } });
    const id = created.body.data.id;
    const { status, body } = await call('DELETE', `/v1/integrations/${id}`);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { ...created.body.data, status: 'disconnected' } });
    expect((await integrationEvents(id)).map((e) => e.type)).toEqual(['integration.disconnected', 'integration.connected']);
    // The synced data is kept: the record, its config and its history stay readable.
    expect((await get(`/v1/integrations/${id}`)).body).toEqual(body);

    const before = await counts();
    await expectError(call('DELETE', `/v1/integrations/${id}`), 409, 'conflict', /already disconnected/);
    await expectError(call('PATCH', `/v1/integrations/${id}`, { name: 'Again' }), 409, 'conflict', /disconnected/);
    await expectError(call('POST', `/v1/integrations/${id}/sync`), 409, 'conflict', /disconnected/);
    await expectError(call('POST', `/v1/integrations/${DEMO.failedIntegrationId}/sync`), 409, 'conflict', /error/);
    expect(await counts()).toEqual(before);
  });

  it('refuses bad parameters and bodies on bodiless routes with 400 naming the parameter', async () => {
    await expectError(get(`/v1/integrations?workspace_id=${DEMO.serviceLineId}`), 400, 'bad_request', /workspace_id/);
    await expectError(get('/v1/integrations?workspace_id='), 400, 'bad_request', /workspace_id/);
    await expectError(get('/v1/integrations?limit=0'), 400, 'bad_request', /limit/);
    await expectError(get('/v1/integrations?cursor=eyJpZCI6IldTLTI2LTAwMDAyMSJ9'), 400, 'bad_request', /cursor/);
    await expectError(get('/v1/integrations?type=github'), 400, 'bad_request', /type/);
    await expectError(get(`/v1/integrations/${DEMO.taskId}`), 400, 'bad_request');
    await expectError(get(`/v1/integrations/${DEMO.githubIntegrationId}?limit=5`), 400, 'bad_request', /limit/);
    const before = await counts();
    await expectError(call('DELETE', `/v1/integrations/${DEMO.jiraIntegrationId}`, { reason: 'x' }), 400, 'bad_request', /no request body/);
    await expectError(call('POST', `/v1/integrations/${DEMO.jiraIntegrationId}/sync`, { full: true }), 400, 'bad_request', /no request body/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a missing token with 401 on every route', async () => {
    for (const [method, path, body] of [
      ['GET', `/v1/integrations?workspace_id=${DEMO.workspaceId}`],
      ['GET', `/v1/integrations/${DEMO.githubIntegrationId}`],
      ['POST', '/v1/integrations', DOCUMENTED_CONNECT],
      ['PATCH', `/v1/integrations/${DEMO.githubIntegrationId}`, { name: 'x' }],
      ['DELETE', `/v1/integrations/${DEMO.githubIntegrationId}`],
      ['POST', `/v1/integrations/${DEMO.githubIntegrationId}/sync`],
    ] as const) {
      await expectError(call(method, path, body, null), 401, 'unauthorized');
    }
  });

  it('refuses writes by a viewer with 403 and writes nothing', async () => {
    const before = await counts();
    const jira = await readIntegration(DEMO.jiraIntegrationId);
    const viewer = principals.apexViewer;
    await expectError(call('POST', '/v1/integrations', DOCUMENTED_CONNECT, viewer), 403, 'forbidden');
    await expectError(call('PATCH', `/v1/integrations/${DEMO.jiraIntegrationId}`, { name: 'Viewer' }, viewer), 403, 'forbidden');
    await expectError(call('DELETE', `/v1/integrations/${DEMO.jiraIntegrationId}`, undefined, viewer), 403, 'forbidden');
    await expectError(call('POST', `/v1/integrations/${DEMO.jiraIntegrationId}/sync`, undefined, viewer), 403, 'forbidden');
    expect(await counts()).toEqual(before);
    expect(await readIntegration(DEMO.jiraIntegrationId)).toEqual(jira);
    expect((await get(`/v1/integrations/${DEMO.jiraIntegrationId}`, viewer)).status).toBe(200);
  });

  it("answers 404 for an unknown integration and for another tenant's, on every route, and changes nothing", async () => {
    const before = await counts();
    const theirs = await readIntegration(DEMO.otherIntegrationId);
    for (const id of ['INT-26-999999', DEMO.otherIntegrationId]) {
      const message = `Integration ${id} not found.`;
      await expectError(get(`/v1/integrations/${id}`), 404, 'not_found', message);
      await expectError(call('PATCH', `/v1/integrations/${id}`, { name: 'Mine now' }), 404, 'not_found', message);
      await expectError(call('DELETE', `/v1/integrations/${id}`), 404, 'not_found', message);
      await expectError(call('POST', `/v1/integrations/${id}/sync`), 404, 'not_found', message);
    }
    // And they cannot touch ours.
    await expectError(get(`/v1/integrations/${DEMO.jiraIntegrationId}`, other), 404, 'not_found');
    await expectError(call('DELETE', `/v1/integrations/${DEMO.jiraIntegrationId}`, undefined, other), 404, 'not_found');
    await expectError(call('POST', `/v1/integrations/${DEMO.jiraIntegrationId}/sync`, undefined, other), 404, 'not_found');
    expect(await counts()).toEqual(before);
    expect(await readIntegration(DEMO.otherIntegrationId)).toEqual(theirs);
  });

  it('refuses invalid bodies with 422 naming the REST field (or 400 for malformed JSON) and changes nothing', async () => {
    const before = await counts();
    const github = await readIntegration(DEMO.githubIntegrationId);
    const post = (body: unknown) => call('POST', '/v1/integrations', body);
    const patch = (body: unknown) => call('PATCH', `/v1/integrations/${DEMO.githubIntegrationId}`, body);
    const { name: _n, ...withoutName } = DOCUMENTED_CONNECT;

    await expectError(post(withoutName), 422, 'unprocessable', /^name is required/);
    await expectError(post({ ...DOCUMENTED_CONNECT, workspace_id: undefined }), 422, 'unprocessable', /^workspace_id is required/);
    await expectError(post({ ...DOCUMENTED_CONNECT, name: '  ' }), 422, 'unprocessable', /^name/);
    await expectError(post({ ...DOCUMENTED_CONNECT, type: 'GitHub' }), 422, 'unprocessable', /^type must be one of github, gitlab/);
    await expectError(post({ ...DOCUMENTED_CONNECT, config: ['payments-api'] }), 422, 'unprocessable', /^config must be an object, got an array/);
    await expectError(post({ ...DOCUMENTED_CONNECT, credentials: 'installation 12345678' }), 422, 'unprocessable', /^credentials must be an object/);
    await expectError(post({ ...DOCUMENTED_CONNECT, status: 'active' }), 422, 'unprocessable', /^Unknown field status/);
    await expectError(post({ ...DOCUMENTED_CONNECT, workspace_id: DEMO.serviceLineId }), 422, 'unprocessable', /^workspace_id must be a Workspace ID/);
    // Rules of the graph, in REST names.
    const message = await expectError(post({ ...DOCUMENTED_CONNECT, workspace_id: DEMO.otherWorkspaceId }), 422, 'unprocessable', `workspace_id: Workspace ${DEMO.otherWorkspaceId} not found.`);
    expect(message).not.toMatch(/workspaceId/);
    await expectError(post({ workspace_id: DEMO.workspaceId, type: 'sonarcloud', name: 'Sonar' }), 422, 'unprocessable', /credentials\.api_key is required for sonarcloud/);

    await expectError(patch({}), 422, 'unprocessable', /name, config or credentials/);
    await expectError(patch({ name: null }), 422, 'unprocessable', /^name must not be null/);
    await expectError(patch({ config: 'repositories' }), 422, 'unprocessable', /^config must be an object/);
    await expectError(patch({ type: 'gitlab' }), 422, 'unprocessable', /^Unknown field type/);
    await expectError(call('PATCH', `/v1/integrations/${DEMO.failedIntegrationId}`, { credentials: { key: 'x' } }), 422, 'unprocessable', /credentials\.api_key/);

    for (const raw of ['{"name": ', '[]', '42', 'null']) {
      await expectError(post(raw), 400, 'bad_request', /JSON/);
      await expectError(patch(raw), 400, 'bad_request', /JSON/);
    }

    expect(await counts()).toEqual(before);
    expect(await readIntegration(DEMO.githubIntegrationId)).toEqual(github);
  });
});
