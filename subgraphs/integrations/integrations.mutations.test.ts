import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, gt, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient, type GraphQLResponse } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant, TEST_AUTH_SECRET } from '../../test/testkit/auth.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { sealingKey, unseal } from '../../platform/secrets.ts';
import { DEMO } from '../../seed/demo.ts';
import { events } from '../../platform/event-log-table.ts';
import { integrations, integrationCredentials, syncRuns } from './tables.ts';
import { completeSyncRun } from './commands.ts';
import { definition } from './public.ts';

const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const WS = DEMO.workspaceId;
const ACTOR = { actorType: 'user', actorId: principals.apexAdmin.actorId };
const key = sealingKey(undefined, TEST_AUTH_SECRET);
const yy = String(new Date().getUTCFullYear() % 100).padStart(2, '0');
const errorOf = (res: GraphQLResponse) => ({ ...res.errors?.[0]?.extensions, message: res.errors?.[0]?.message });

const FIELDS = 'id type name status config syncStatus lastSyncedAt hasCredentials workspace { id } createdAt disconnectedAt syncHistory { totalCount }';
const CONNECT = `mutation($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateIntegrationInput!) { updateIntegration(id: $id, input: $input) { ${FIELDS} } }`;
const DISCONNECT = `mutation($id: ID!) { disconnectIntegration(id: $id) { ${FIELDS} } }`;
const SYNC = `mutation($id: ID!) { syncIntegration(id: $id) { id status startedAt finishedAt recordsSynced error integration { id } } }`;
const ONE = `query($id: ID!) { integration(id: $id) { ${FIELDS} } }`;
const github = { workspaceId: WS, type: 'GITHUB', name: 'apex-digital/payments-gateway',
  config: { organization: 'apex-digital', repositories: ['payments-gateway'], events: ['push'] }, credentials: { installation_id: '12345678' } };

describeEngines('integrations subgraph: writes', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(async () => {
    await client?.close();
  });

  const count = async (table: PgTable) => (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;
  const counts = async () => Promise.all([integrations, integrationCredentials, syncRuns, events].map(count));
  const lastSeq = async () => (await ctx.database.db.select({ seq: sql<number>`coalesce(max(seq), 0)::int` }).from(events))[0].seq;
  const eventsAfter = (seq: number) => ctx.database.db.select().from(events).where(gt(events.seq, seq)).orderBy(events.seq);
  const credentialsOf = async (id: string) => (await ctx.database.db.select().from(integrationCredentials).where(eq(integrationCredentials.integrationId, id)))[0];

  /** Sends a mutation that must fail, and checks its code, its field and that nothing was written. */
  async function refused(query: string, variables: Record<string, unknown>, code: string, argument?: string, principal: Principal = principals.apexAdmin) {
    const before = await counts();
    const seq = await lastSeq();
    const res = await client.query(query, variables, principal);
    const error = errorOf(res);
    expect(error, JSON.stringify(variables)).toMatchObject({ code, ...(argument ? { argument } : {}) });
    expect(res.data?.[Object.keys(res.data ?? {})[0]] ?? null).toBeNull();
    expect(await counts()).toEqual(before);
    expect(await eventsAfter(seq)).toEqual([]);
    return error;
  }

  it('starts a manual sync: a RUNNING run minted as the docs show (POST /v1/integrations/:id/sync)', async () => {
    const seq = await lastSeq();
    const res = await client.query(SYNC, { id: DEMO.githubIntegrationId });
    expect(res.errors).toBeUndefined();
    const run = res.data.syncIntegration;
    expect(run).toMatchObject({ id: `SYNC-${yy}-000811`, status: 'RUNNING', finishedAt: null, recordsSynced: null, error: null, integration: { id: DEMO.githubIntegrationId } });
    expect(Math.abs(Date.parse(run.startedAt) - Date.now())).toBeLessThan(60_000);
    const [row] = await ctx.database.db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(row).toMatchObject({ status: 'running', triggeredBy: principals.apexAdmin.actorId, organizationId: DEMO.organizationId });
    const appended = await eventsAfter(seq);
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({ type: 'integration.sync_started', organizationId: DEMO.organizationId, workspaceId: WS, ...ACTOR,
      subjectType: 'integration', subjectId: DEMO.githubIntegrationId, payload: { sync_id: run.id } });
    const history = await client.query(`query { integration(id: "${DEMO.githubIntegrationId}") { syncHistory(first: 1) { totalCount nodes { id status } } } }`);
    expect(history.data.integration.syncHistory).toEqual({ totalCount: 17, nodes: [{ id: run.id, status: 'RUNNING' }] });
  });

  it('finishes a sync run: success moves last_synced_at and health, failure emits integration.sync_failed', async () => {
    const runId = `SYNC-${yy}-000811`;
    await ctx.database.db.update(integrations).set({ syncStatus: 'degraded' }).where(eq(integrations.id, DEMO.githubIntegrationId));
    let seq = await lastSeq();
    const done = await completeSyncRun(ctx.database.db, runId, { status: 'success', recordsSynced: 9 });
    expect(done).toMatchObject({ id: runId, status: 'success', recordsSynced: 9, error: null });
    expect(done.finishedAt).toBeInstanceOf(Date);
    const [after] = await ctx.database.db.select().from(integrations).where(eq(integrations.id, DEMO.githubIntegrationId));
    expect(after.lastSyncedAt).toEqual(done.finishedAt);
    expect(after.syncStatus).toBe('healthy');
    expect(await eventsAfter(seq)).toEqual([]);
    await expect(completeSyncRun(ctx.database.db, runId, { status: 'failed' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(completeSyncRun(ctx.database.db, DEMO.lastSyncRunId, { status: 'success' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(completeSyncRun(ctx.database.db, 'SYNC-26-999999', { status: 'success' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(completeSyncRun(ctx.database.db, DEMO.githubIntegrationId, { status: 'success' })).rejects.toMatchObject({ code: 'bad_request', field: 'syncRunId' });

    const next = (await client.query(SYNC, { id: DEMO.githubIntegrationId })).data.syncIntegration;
    const before = await counts();
    await expect(completeSyncRun(ctx.database.db, next.id, { status: 'success', recordsSynced: -1 })).rejects.toMatchObject({ code: 'unprocessable', field: 'recordsSynced' });
    expect(await counts()).toEqual(before);
    seq = await lastSeq();
    const failed = await completeSyncRun(ctx.database.db, next.id, { status: 'failed', error: 'GitHub answered 502' });
    expect(failed).toMatchObject({ status: 'failed', error: 'GitHub answered 502', recordsSynced: null });
    const [broken] = await ctx.database.db.select().from(integrations).where(eq(integrations.id, DEMO.githubIntegrationId));
    expect(broken).toMatchObject({ syncStatus: 'failed', lastSyncedAt: done.finishedAt, status: 'active' });
    const appended = await eventsAfter(seq);
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({ type: 'integration.sync_failed', actorType: 'system', actorId: null, organizationId: DEMO.organizationId,
      workspaceId: WS, subjectType: 'integration', subjectId: DEMO.githubIntegrationId, payload: { sync_id: next.id, error: 'GitHub answered 502' } });
    const read = await client.query(`query { integration(id: "${DEMO.githubIntegrationId}") { syncStatus syncHistory(first: 2) { nodes { id status finishedAt recordsSynced error } } } }`);
    expect(read.data.integration.syncStatus).toBe('FAILED');
    expect(read.data.integration.syncHistory.nodes.map((n: any) => [n.id, n.status])).toEqual([[next.id, 'FAILED'], [runId, 'SUCCESS']]);
  });

  it('syncs only ACTIVE integrations', async () => {
    const pending = (await client.query(CONNECT, { input: { ...github, name: 'pending-sync' } })).data.connectIntegration;
    expect((await refused(SYNC, { id: pending.id }, 'CONFLICT')).message).toContain('pending_auth');
    expect((await refused(SYNC, { id: DEMO.failedIntegrationId }, 'CONFLICT')).message).toContain('error');
    expect((await refused(SYNC, { id: DEMO.disconnectedIntegrationId }, 'CONFLICT')).message).toContain('disconnected');
    await refused(SYNC, { id: 'INT-26-999999' }, 'NOT_FOUND');
    await refused(SYNC, { id: DEMO.otherIntegrationId }, 'NOT_FOUND');
    await refused(SYNC, { id: 'INT-26-000045' }, 'NOT_FOUND', undefined, principals.apexPayments);
    await refused(SYNC, { id: DEMO.taskId }, 'BAD_USER_INPUT', 'id');
  });

  it('connects an OAuth integration as PENDING_AUTH with sealed credentials (POST /v1/integrations)', async () => {
    const seq = await lastSeq();
    const res = await client.query(CONNECT, { input: github });
    expect(res.errors).toBeUndefined();
    const created = res.data.connectIntegration;
    expect(created).toMatchObject({ type: 'GITHUB', name: github.name, status: 'PENDING_AUTH', config: github.config, syncStatus: null,
      lastSyncedAt: null, hasCredentials: true, workspace: { id: WS }, disconnectedAt: null, syncHistory: { totalCount: 0 } });
    expect(created.id).toMatch(new RegExp(`^INT-${yy}-\\d{6}$`));
    const [row] = await ctx.database.db.select().from(integrations).where(eq(integrations.id, created.id));
    expect(row).toMatchObject({ organizationId: DEMO.organizationId, workspaceId: WS, status: 'pending_auth', connectedBy: principals.apexAdmin.actorId });
    const stored = await credentialsOf(created.id);
    expect(stored.keyId).toBe(key.id);
    expect(stored.sealed).not.toContain('12345678');
    expect(unseal(key, stored.sealed)).toEqual(github.credentials);
    const appended = await eventsAfter(seq);
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({ type: 'integration.connected', organizationId: DEMO.organizationId, workspaceId: WS, ...ACTOR,
      subjectType: 'integration', subjectId: created.id, payload: { type: 'github', name: github.name, status: 'pending_auth' } });
    expect(JSON.stringify(appended)).not.toContain('12345678');
  });

  it('connects an API-key integration as ACTIVE; without config it is {} and without credentials none are stored', async () => {
    const dd = (await client.query(CONNECT, { input: { workspaceId: WS, type: 'DATADOG', name: 'Datadog - staging', credentials: { api_key: 'dd-secret-1' } } })).data.connectIntegration;
    expect(dd).toMatchObject({ type: 'DATADOG', status: 'ACTIVE', config: {}, hasCredentials: true });
    expect((await client.query(SYNC, { id: dd.id })).data.syncIntegration.status).toBe('RUNNING');
    const slack = (await client.query(CONNECT, { input: { workspaceId: WS, type: 'SLACK', name: '#payments-deploys' } })).data.connectIntegration;
    expect(slack).toMatchObject({ status: 'PENDING_AUTH', config: {}, hasCredentials: false });
    expect(await credentialsOf(slack.id)).toBeUndefined();
  });

  it('refuses invalid connections, writing nothing', async () => {
    const input = (patch: Record<string, unknown>) => ({ input: { ...github, ...patch } });
    await refused(CONNECT, input({ workspaceId: 'WS-26-999999' }), 'UNPROCESSABLE', 'workspaceId');
    await refused(CONNECT, input({ workspaceId: DEMO.otherWorkspaceId }), 'UNPROCESSABLE', 'workspaceId');
    await refused(CONNECT, input({ workspaceId: DEMO.dataWorkspaceId }), 'UNPROCESSABLE', 'workspaceId', principals.apexPayments);
    await refused(CONNECT, input({ workspaceId: DEMO.githubIntegrationId }), 'BAD_USER_INPUT', 'workspaceId');
    await refused(CONNECT, input({ name: '   ' }), 'UNPROCESSABLE', 'name');
    await refused(CONNECT, input({ config: ['payments-api'] }), 'UNPROCESSABLE', 'config');
    await refused(CONNECT, input({ config: 'organization=apex' }), 'UNPROCESSABLE', 'config');
    await refused(CONNECT, input({ credentials: 'ghp_token' }), 'UNPROCESSABLE', 'credentials');
    await refused(CONNECT, input({ type: 'DATADOG', credentials: undefined }), 'UNPROCESSABLE', 'credentials');
    await refused(CONNECT, input({ type: 'SONARCLOUD', credentials: { token: 'x' } }), 'UNPROCESSABLE', 'credentials');
    await refused(CONNECT, input({ type: 'DATADOG', credentials: { api_key: '' } }), 'UNPROCESSABLE', 'credentials');
    await refused(CONNECT, input({ type: 'FTP' }), 'BAD_USER_INPUT');
    await refused(CONNECT, input({}), 'FORBIDDEN', undefined, principals.apexViewer);
  });

  it('merges config keys on update, as the docs\' PATCH example does', async () => {
    const seq = await lastSeq();
    const repositories = ['payments-api', 'payments-worker', 'payments-gateway'];
    const res = await client.query(UPDATE, { id: DEMO.githubIntegrationId, input: { config: { repositories } } });
    expect(res.errors).toBeUndefined();
    expect(res.data.updateIntegration.config).toEqual({ organization: 'apex-digital', repositories, events: ['push', 'pull_request', 'deployment'] });
    expect(res.data.updateIntegration.name).toBe('apex-digital/payments-api');
    const appended = await eventsAfter(seq);
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({ type: 'integration.updated', subjectId: DEMO.githubIntegrationId, ...ACTOR, workspaceId: WS,
      payload: { changed: ['config'], config_keys: ['repositories'] } });
    const renamed = await client.query(UPDATE, { id: DEMO.githubIntegrationId, input: { name: ' apex-digital/payments ' } });
    expect(renamed.data.updateIntegration).toMatchObject({ name: 'apex-digital/payments', config: { repositories } });
  });

  it('replaces credentials without ever returning them; hasCredentials flips', async () => {
    const jira = DEMO.jiraIntegrationId;
    expect((await client.query(ONE, { id: jira })).data.integration.hasCredentials).toBe(false);
    const seq = await lastSeq();
    const res = await client.query(UPDATE, { id: jira, input: { credentials: { refresh_token: 'jira-refresh-secret' } } });
    expect(res.data.updateIntegration.hasCredentials).toBe(true);
    expect(JSON.stringify(res)).not.toContain('jira-refresh-secret');
    const first = await credentialsOf(jira);
    expect(first.sealed).not.toContain('jira-refresh-secret');
    const [event] = await eventsAfter(seq);
    expect(event).toMatchObject({ type: 'integration.updated', payload: { changed: ['credentials'], config_keys: [] } });
    expect(JSON.stringify(event)).not.toContain('jira-refresh-secret');
    await client.query(UPDATE, { id: jira, input: { credentials: { refresh_token: 'rotated' } } });
    expect(unseal(key, (await credentialsOf(jira)).sealed)).toEqual({ refresh_token: 'rotated' });
    expect(await count(integrationCredentials)).toBeGreaterThan(0);
  });

  it('has no field that reads credentials back', async () => {
    const res = await client.query(`query { __schema { types { name kind fields { name } } } }`);
    const outputFields = res.data.__schema.types.filter((t: any) => t.kind === 'OBJECT' || t.kind === 'INTERFACE')
      .flatMap((t: any) => (t.fields ?? []).map((f: any) => `${t.name}.${f.name}`));
    expect(outputFields).toContain('Integration.hasCredentials');
    expect(outputFields.filter((f: string) => /credential|secret|sealed|api_?key|token/i.test(f))).toEqual(['Integration.hasCredentials']);
  });

  it('refuses invalid updates, writing nothing', async () => {
    const id = DEMO.githubIntegrationId;
    await refused(UPDATE, { id, input: {} }, 'UNPROCESSABLE', 'input');
    await refused(UPDATE, { id, input: { name: '' } }, 'UNPROCESSABLE', 'name');
    await refused(UPDATE, { id, input: { config: [1, 2] } }, 'UNPROCESSABLE', 'config');
    await refused(UPDATE, { id, input: { credentials: 42 } }, 'UNPROCESSABLE', 'credentials');
    await refused(UPDATE, { id: DEMO.failedIntegrationId, input: { credentials: { token: 'x' } } }, 'UNPROCESSABLE', 'credentials');
    await refused(UPDATE, { id: DEMO.disconnectedIntegrationId, input: { name: 'again' } }, 'CONFLICT');
    await refused(UPDATE, { id: 'INT-26-999999', input: { name: 'x' } }, 'NOT_FOUND');
    await refused(UPDATE, { id: DEMO.otherIntegrationId, input: { name: 'x' } }, 'NOT_FOUND');
    await refused(UPDATE, { id, input: { name: 'x' } }, 'NOT_FOUND', undefined, other);
    await refused(UPDATE, { id: DEMO.serviceLineId, input: { name: 'x' } }, 'BAD_USER_INPUT', 'id');
    await refused(UPDATE, { id, input: { name: 'x' } }, 'FORBIDDEN', undefined, principals.apexViewer);
  });

  it('disconnects: sync runs and config kept, sealed credentials deleted (DELETE /v1/integrations/:id)', async () => {
    const dd = (await client.query(CONNECT, { input: { workspaceId: WS, type: 'DATADOG', name: 'Datadog - to remove', config: { site: 'datadoghq.eu' }, credentials: { api_key: 'dd-secret-2' } } })).data.connectIntegration;
    await client.query(SYNC, { id: dd.id });
    const seq = await lastSeq();
    const res = await client.query(DISCONNECT, { id: dd.id });
    expect(res.errors).toBeUndefined();
    const gone = res.data.disconnectIntegration;
    expect(gone).toMatchObject({ status: 'DISCONNECTED', config: { site: 'datadoghq.eu' }, hasCredentials: false, syncHistory: { totalCount: 1 } });
    expect(Math.abs(Date.parse(gone.disconnectedAt) - Date.now())).toBeLessThan(60_000);
    expect(await credentialsOf(dd.id)).toBeUndefined();
    const appended = await eventsAfter(seq);
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject({ type: 'integration.disconnected', subjectType: 'integration', subjectId: dd.id, ...ACTOR,
      organizationId: DEMO.organizationId, workspaceId: WS, payload: { type: 'datadog', name: 'Datadog - to remove' } });

    const slack = (await client.query(DISCONNECT, { id: DEMO.slackIntegrationId })).data.disconnectIntegration;
    expect(slack).toMatchObject({ status: 'DISCONNECTED', config: { channel: '#payments-alerts' }, syncHistory: { totalCount: 4 } });
  });

  it('refuses invalid disconnections, writing nothing', async () => {
    await refused(DISCONNECT, { id: DEMO.disconnectedIntegrationId }, 'CONFLICT');
    await refused(DISCONNECT, { id: 'INT-26-999999' }, 'NOT_FOUND');
    await refused(DISCONNECT, { id: DEMO.githubIntegrationId }, 'NOT_FOUND', undefined, other);
    await refused(DISCONNECT, { id: 'INT-26-000045' }, 'NOT_FOUND', undefined, principals.apexPayments);
    await refused(DISCONNECT, { id: 'nope' }, 'BAD_USER_INPUT', 'id');
    await refused(DISCONNECT, { id: DEMO.jiraIntegrationId }, 'FORBIDDEN', undefined, principals.apexViewer);
    await refused(SYNC, { id: DEMO.jiraIntegrationId }, 'FORBIDDEN', undefined, principals.apexViewer);
  });
});
