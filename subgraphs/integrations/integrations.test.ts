import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient, type GraphQLResponse } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import { DEMO } from '../../seed/demo.ts';
import { syncRuns } from './tables.ts';
import { definition } from './public.ts';

const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const WS = DEMO.workspaceId;
const ids = (connection: { nodes: Array<{ id: string }> }) => connection.nodes.map((n) => n.id);
const errorOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions ?? {};

const LIST = `query($workspaceId: ID, $type: [IntegrationType!], $status: [IntegrationStatus!], $first: Int, $after: String, $last: Int, $before: String) {
  integrations(workspaceId: $workspaceId, type: $type, status: $status, first: $first, after: $after, last: $last, before: $before) {
    nodes { id } totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const ONE = `query($id: ID!) { integration(id: $id) { id type name status config syncStatus lastSyncedAt hasCredentials
  workspace { id } createdAt disconnectedAt syncHistory(first: 2) { totalCount nodes { startedAt status recordsSynced } } } }`;
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Integration { id name } ... on SyncRun { id integration { id } }
  ... on Workspace { id integrations { totalCount nodes { id } } } } }`;
const HISTORY = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { integration(id: $id) {
  syncHistory(first: $first, after: $after, last: $last, before: $before) {
    nodes { id } totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;

describeEngines('integrations subgraph: reads', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('lists a workspace\'s integrations with the docs\' example values (GET /v1/integrations?workspace_id=WS-26-000021)', async () => {
    const res = await client.query(`query { integrations(workspaceId: "${WS}") { totalCount nodes {
      id type name status lastSyncedAt syncStatus createdAt workspace { id } } } }`);
    expect(res.errors).toBeUndefined();
    const list = res.data.integrations;
    expect(ids(list)).toEqual(['INT-26-000039', 'INT-26-000041', 'INT-26-000042', 'INT-26-000043', 'INT-26-000044']);
    expect(list.totalCount).toBe(5);
    expect(list.nodes[1]).toEqual({
      id: 'INT-26-000041', type: 'GITHUB', name: 'apex-digital/payments-api', status: 'ACTIVE', lastSyncedAt: '2026-04-15T09:30:00Z',
      syncStatus: 'HEALTHY', createdAt: '2024-03-20T10:00:00Z', workspace: { id: WS },
    });
    expect(list.nodes[2]).toEqual({
      id: 'INT-26-000042', type: 'JIRA', name: 'APEX Jira Project', status: 'ACTIVE', lastSyncedAt: '2026-04-15T09:00:00Z',
      syncStatus: 'HEALTHY', createdAt: '2024-03-20T10:30:00Z', workspace: { id: WS },
    });
  });

  it('reads one integration with its config and newest-first sync history (GET /v1/integrations/:id)', async () => {
    const res = await client.query(ONE, { id: DEMO.githubIntegrationId });
    expect(res.errors).toBeUndefined();
    expect(res.data.integration).toMatchObject({
      id: 'INT-26-000041', type: 'GITHUB', status: 'ACTIVE', syncStatus: 'HEALTHY', lastSyncedAt: '2026-04-15T09:30:00Z',
      config: { organization: 'apex-digital', repositories: ['payments-api', 'payments-worker'], events: ['push', 'pull_request', 'deployment'] },
      hasCredentials: false, workspace: { id: WS }, createdAt: '2024-03-20T10:00:00Z', disconnectedAt: null,
    });
    expect(res.data.integration.syncHistory).toEqual({
      totalCount: 16,
      nodes: [
        { startedAt: '2026-04-15T09:30:00Z', status: 'SUCCESS', recordsSynced: 14 },
        { startedAt: '2026-04-15T08:30:00Z', status: 'SUCCESS', recordsSynced: 3 },
      ],
    });
    const gone = await client.query(ONE, { id: DEMO.disconnectedIntegrationId });
    expect(gone.data.integration).toMatchObject({ status: 'DISCONNECTED', disconnectedAt: '2026-02-20T10:00:00Z', type: 'SONARCLOUD' });
    expect(gone.data.integration.syncHistory.totalCount).toBeGreaterThan(0);
  });

  it('resolves every SyncRun field, failures included', async () => {
    const res = await client.query(`query { integration(id: "${DEMO.failedIntegrationId}") { status syncStatus syncHistory(first: 1) {
      nodes { id status startedAt finishedAt recordsSynced error integration { id name } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.integration).toMatchObject({ status: 'ERROR', syncStatus: 'FAILED' });
    const [run] = res.data.integration.syncHistory.nodes;
    expect(run).toMatchObject({
      status: 'FAILED', startedAt: '2026-04-15T07:15:00Z', recordsSynced: null,
      error: 'Datadog API answered 403 Forbidden: the API key was revoked',
      integration: { id: DEMO.failedIntegrationId, name: 'Datadog - payments production' },
    });
    expect(run.id).toMatch(/^SYNC-26-\d{6}$/);
    expect(Date.parse(run.finishedAt)).toBeGreaterThan(Date.parse(run.startedAt));
  });

  it('lists the organization without workspaceId, filtered by type and status', async () => {
    const all = await client.query(LIST, {});
    expect(ids(all.data.integrations)).toEqual(['INT-26-000039', 'INT-26-000041', 'INT-26-000042', 'INT-26-000043', 'INT-26-000044', 'INT-26-000045', 'INT-26-000046']);
    expect(all.data.integrations.totalCount).toBe(7);
    const byType = await client.query(LIST, { type: ['GITHUB', 'GITLAB'] });
    expect(ids(byType.data.integrations)).toEqual(['INT-26-000041', 'INT-26-000045']);
    const byStatus = await client.query(LIST, { status: ['ERROR', 'DISCONNECTED'], workspaceId: WS });
    expect(ids(byStatus.data.integrations)).toEqual(['INT-26-000039', 'INT-26-000044']);
    expect(byStatus.data.integrations.totalCount).toBe(2);
  });

  it('resolves _entities references within the caller\'s scope only', async () => {
    const [{ id: otherRun }] = await ctx.database.db.select({ id: syncRuns.id }).from(syncRuns).where(eq(syncRuns.integrationId, DEMO.otherIntegrationId)).limit(1);
    const res = await client.query(ENTITIES, { representations: [
      { __typename: 'Integration', id: DEMO.githubIntegrationId },
      { __typename: 'Integration', id: 'INT-26-999999' },
      { __typename: 'Integration', id: DEMO.otherIntegrationId },
      { __typename: 'SyncRun', id: DEMO.lastSyncRunId },
      { __typename: 'SyncRun', id: 'SYNC-26-999999' },
      { __typename: 'SyncRun', id: otherRun },
      { __typename: 'Workspace', id: WS },
      { __typename: 'Workspace', id: DEMO.otherWorkspaceId },
    ] });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([
      { id: DEMO.githubIntegrationId, name: 'apex-digital/payments-api' },
      null,
      null,
      { id: DEMO.lastSyncRunId, integration: { id: DEMO.githubIntegrationId } },
      null,
      null,
      { id: WS, integrations: { totalCount: 5, nodes: expect.any(Array) } },
      { id: DEMO.otherWorkspaceId, integrations: { totalCount: 0, nodes: [] } },
    ]);
  });

  it('shows another organization none of the first one\'s integrations', async () => {
    const list = await client.query(LIST, {}, other);
    expect(ids(list.data.integrations)).toEqual([DEMO.otherIntegrationId, 'INT-26-000036', 'INT-26-000037']);
    expect((await client.query(LIST, { workspaceId: WS }, other)).data.integrations).toMatchObject({ nodes: [], totalCount: 0 });
    const one = await client.query(ONE, { id: DEMO.githubIntegrationId }, other);
    expect(one.data.integration).toBeNull();
    expect(errorOf(one).code).toBe('NOT_FOUND');
    const refs = await client.query(ENTITIES, { representations: [
      { __typename: 'Integration', id: DEMO.githubIntegrationId }, { __typename: 'SyncRun', id: DEMO.lastSyncRunId },
      { __typename: 'Workspace', id: WS },
    ] }, other);
    expect(refs.data._entities).toEqual([null, null, { id: WS, integrations: { totalCount: 0, nodes: [] } }]);
    const own = await client.query(ONE, { id: 'INT-26-000037' }, other);
    expect(own.data.integration).toMatchObject({ status: 'PENDING_AUTH', syncStatus: null, lastSyncedAt: null, syncHistory: { totalCount: 0, nodes: [] } });
  });

  it('shows a token narrowed to WS-26-000021 nothing of another workspace', async () => {
    const narrowed = principals.apexPayments;
    const list = await client.query(LIST, {}, narrowed);
    expect(ids(list.data.integrations)).toEqual(['INT-26-000039', 'INT-26-000041', 'INT-26-000042', 'INT-26-000043', 'INT-26-000044']);
    expect((await client.query(LIST, { workspaceId: DEMO.dataWorkspaceId }, narrowed)).data.integrations.nodes).toEqual([]);
    const one = await client.query(ONE, { id: 'INT-26-000045' }, narrowed);
    expect(one.data.integration).toBeNull();
    expect(errorOf(one).code).toBe('NOT_FOUND');
    const [{ id: dataRun }] = await ctx.database.db.select({ id: syncRuns.id }).from(syncRuns).where(eq(syncRuns.integrationId, 'INT-26-000045')).limit(1);
    const refs = await client.query(ENTITIES, { representations: [
      { __typename: 'Integration', id: 'INT-26-000045' }, { __typename: 'SyncRun', id: dataRun },
      { __typename: 'Workspace', id: DEMO.dataWorkspaceId }, { __typename: 'Integration', id: DEMO.githubIntegrationId },
    ] }, narrowed);
    expect(refs.data._entities).toEqual([null, null, { id: DEMO.dataWorkspaceId, integrations: { totalCount: 0, nodes: [] } },
      { id: DEMO.githubIntegrationId, name: 'apex-digital/payments-api' }]);
  });

  it('refuses a request without the gateway\'s principal with HTTP 401', async () => {
    const res = await client.query(LIST, {}, null);
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
  });

  it('pages integrations forward and backward with cursors', async () => {
    const p1 = (await client.query(LIST, { first: 3 })).data.integrations;
    expect(ids(p1)).toEqual(['INT-26-000039', 'INT-26-000041', 'INT-26-000042']);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = (await client.query(LIST, { first: 3, after: p1.pageInfo.endCursor })).data.integrations;
    expect(ids(p2)).toEqual(['INT-26-000043', 'INT-26-000044', 'INT-26-000045']);
    const p3 = (await client.query(LIST, { first: 3, after: p2.pageInfo.endCursor })).data.integrations;
    expect(ids(p3)).toEqual(['INT-26-000046']);
    expect(p3.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const last = (await client.query(LIST, { last: 2 })).data.integrations;
    expect(ids(last)).toEqual(['INT-26-000045', 'INT-26-000046']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = (await client.query(LIST, { last: 2, before: last.pageInfo.startCursor })).data.integrations;
    expect(ids(back)).toEqual(['INT-26-000043', 'INT-26-000044']);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('pages sync history newest first, forward and backward', async () => {
    const all = ids((await client.query(HISTORY, { id: DEMO.githubIntegrationId, first: 100 })).data.integration.syncHistory);
    expect(all).toHaveLength(16);
    expect(all[0]).toBe(DEMO.lastSyncRunId);
    expect([...all].sort().reverse()).toEqual(all);
    const p1 = (await client.query(HISTORY, { id: DEMO.githubIntegrationId, first: 5 })).data.integration.syncHistory;
    expect(ids(p1)).toEqual(all.slice(0, 5));
    expect(p1).toMatchObject({ totalCount: 16, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const p2 = (await client.query(HISTORY, { id: DEMO.githubIntegrationId, first: 5, after: p1.pageInfo.endCursor })).data.integration.syncHistory;
    expect(ids(p2)).toEqual(all.slice(5, 10));
    expect(p2.totalCount).toBe(16);
    const back = (await client.query(HISTORY, { id: DEMO.githubIntegrationId, last: 3, before: p2.pageInfo.startCursor })).data.integration.syncHistory;
    expect(ids(back)).toEqual(all.slice(2, 5));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const oldest = (await client.query(HISTORY, { id: DEMO.githubIntegrationId, last: 2 })).data.integration.syncHistory;
    expect(ids(oldest)).toEqual(all.slice(14));
  });

  it('refuses bad arguments with BAD_USER_INPUT naming the argument', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [LIST, { first: 0 }, 'first'],
      [LIST, { first: 101 }, 'first'],
      [LIST, { last: 101 }, 'last'],
      [LIST, { first: 2, last: 2 }, 'last'],
      [LIST, { first: 2, after: 'not-a-cursor' }, 'after'],
      [LIST, { first: 2, after: Buffer.from('{"id":"TSK-26-018841"}').toString('base64url') }, 'after'],
      [LIST, { workspaceId: DEMO.githubIntegrationId }, 'workspaceId'],
      [ONE, { id: DEMO.taskId }, 'id'],
      [HISTORY, { id: DEMO.githubIntegrationId, first: 0 }, 'first'],
      [HISTORY, { id: DEMO.githubIntegrationId, first: 2, after: Buffer.from('{"id":"INT-26-000041"}').toString('base64url') }, 'after'],
    ];
    for (const [query, variables, argument] of cases) {
      const res = await client.query(query, variables);
      expect(errorOf(res), JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(res.errors![0].message).toContain(argument);
    }
    for (const variables of [{ type: ['FTP'] }, { status: ['PAUSED'] }]) {
      const res = await client.query(LIST, variables);
      expect(errorOf(res).code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toContain(`$${Object.keys(variables)[0]}`);
    }
  });

  it('answers an unknown ID with null and NOT_FOUND', async () => {
    const res = await client.query(ONE, { id: 'INT-26-999999' });
    expect(res.data.integration).toBeNull();
    expect(errorOf(res).code).toBe('NOT_FOUND');
    expect(res.errors![0].message).toBe('Integration INT-26-999999 not found.');
  });

  it('batches nested lists: the statement count does not grow with page sizes', async () => {
    const nested = `query($n: Int) { integrations(first: 10) { nodes { id hasCredentials workspace { id }
      syncHistory(first: $n) { totalCount nodes { id status integration { id name } } } } } }`;
    const small = await ctx.database.statements.measure(() => client.query(nested, { n: 2 }));
    const large = await ctx.database.statements.measure(() => client.query(nested, { n: 20 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.integrations.nodes[1].syncHistory.nodes).toHaveLength(16);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(5);
    // The sealed column is never read, not even to answer hasCredentials.
    expect([...small.queries, ...large.queries].some((q) => q.includes('sealed'))).toBe(false);

    const viaWorkspaces = `query($n: Int) { _entities(representations: [{ __typename: "Workspace", id: "${WS}" }, { __typename: "Workspace", id: "${DEMO.dataWorkspaceId}" }]) {
      ... on Workspace { integrations(first: $n) { totalCount nodes { id syncHistory(first: $n) { nodes { id } } } } } } }`;
    const a = await ctx.database.statements.measure(() => client.query(viaWorkspaces, { n: 2 }));
    const b = await ctx.database.statements.measure(() => client.query(viaWorkspaces, { n: 20 }));
    expect(a.result.errors).toBeUndefined();
    expect(b.result.data._entities.map((w: any) => w.integrations.totalCount)).toEqual([5, 2]);
    expect(b.statements).toBe(a.statements);
    expect(a.statements).toBe(2);
  });
});
