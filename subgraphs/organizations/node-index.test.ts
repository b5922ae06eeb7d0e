import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import { DEMO, buildDemoData } from '../../seed/demo.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { definition } from './public.ts';

const demo = buildDemoData();
const APEX = DEMO.organizationId;
const northwind = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const pick = <T extends { id?: string | null }>(rows: T[], keep: (row: T) => boolean, n = 1) => rows.filter(keep).slice(0, n).map((r) => r.id!);
const inWs = (ws: string) => (r: { workspaceId?: string | null }) => r.workspaceId === ws;

/** One demo ID of every prefix that names a Node, with the type node(id:) must report. */
const EVERY_PREFIX: Array<[string, string]> = [
  [APEX, 'Organization'], [DEMO.workspaceId, 'Workspace'], [DEMO.adminUserId, 'User'], [DEMO.projectId, 'Project'],
  [DEMO.subscriptionId, 'PlanSubscription'], [DEMO.serviceLineId, 'ServiceLine'], [DEMO.taskId, 'Task'], [DEMO.podId, 'Pod'],
  [DEMO.slaId, 'Sla'], [pick(demo.tickets, inWs(DEMO.workspaceId))[0], 'Ticket'], [DEMO.incidentId, 'Incident'],
  [DEMO.githubIntegrationId, 'Integration'], [DEMO.lastSyncRunId, 'SyncRun'], [DEMO.activationEventId, 'Event'],
];

/** Objects of the other organization, one per prefix where the demo has one. */
const FOREIGN: Array<[string, string]> = [
  [DEMO.otherOrganizationId, 'Organization'], [DEMO.otherWorkspaceId, 'Workspace'], [DEMO.otherOwnerUserId, 'User'],
  [DEMO.otherProjectId, 'Project'], [DEMO.otherSubscriptionId, 'Subscription'], [DEMO.otherServiceLineId, 'Service Line'],
  [pick(demo.tasks, inWs(DEMO.otherWorkspaceId))[0], 'Task'], [DEMO.otherPodId, 'Pod'], [DEMO.otherSlaId, 'SLA'],
  [pick(demo.tickets, inWs(DEMO.otherWorkspaceId))[0], 'Ticket'], [pick(demo.incidents, inWs(DEMO.otherWorkspaceId))[0], 'Incident'],
  [DEMO.otherIntegrationId, 'Integration'], [pick(demo.syncRuns, (s) => s.integrationId === DEMO.otherIntegrationId)[0], 'Sync run'],
  [pick(demo.events, inWs(DEMO.otherWorkspaceId))[0], 'Event'],
];

const NODE = 'query($id: ID!) { node(id: $id) { __typename id } }';
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }';

describeEngines('organizations subgraph: node(id:) and nodes(ids:)', (ctx) => {
  let client: SubgraphClient;
  const q = (query: string, variables?: Record<string, unknown>, principal?: Principal | null) => client.query(query, variables, principal);
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('resolves one ID of every prefix to its type', async () => {
    for (const [id, typename] of EVERY_PREFIX) {
      const res = await q(NODE, { id });
      expect(res.errors, id).toBeUndefined();
      expect(res.data.node).toEqual({ __typename: typename, id });
    }
  });

  it('returns the full row of the types it owns', async () => {
    const res = await q(`query($ids: [ID!]!) { nodes(ids: $ids) { id
      ... on Organization { name } ... on Workspace { name settings { requireTaskServiceLine } } ... on User { email status }
      ... on Project { name } ... on PlanSubscription { subscriptionStatus: status plan { name } } } }`,
    { ids: [APEX, DEMO.dataWorkspaceId, DEMO.invitedUserId, DEMO.projectId, DEMO.subscriptionId] });
    expect(res.data.nodes).toEqual([
      { id: APEX, name: 'Apex Digital' },
      { id: DEMO.dataWorkspaceId, name: 'Data Platform', settings: { requireTaskServiceLine: false } },
      { id: DEMO.invitedUserId, email: 'oliver.smith@apexdigital.com', status: 'INVITED' },
      { id: DEMO.projectId, name: 'Payments Platform Rebuild' },
      { id: DEMO.subscriptionId, subscriptionStatus: 'ACTIVE', plan: { name: 'Enterprise' } },
    ]);
  });

  it('is null with NOT_FOUND for unknown IDs and for every object of another organization', async () => {
    const unknown = await q(NODE, { id: 'TSK-26-999999' });
    expect(unknown.data.node).toBeNull();
    expect(unknown.errors?.[0]).toMatchObject({ message: 'Task TSK-26-999999 not found.', extensions: { code: 'NOT_FOUND' } });
    for (const [id, name] of FOREIGN) {
      const res = await q(NODE, { id });
      expect(res.data.node, id).toBeNull();
      expect(res.errors?.[0]).toMatchObject({ message: `${name} ${id} not found.`, extensions: { code: 'NOT_FOUND' } });
    }
    // ...and the other organization finds none of the first's.
    const back = await q(NODES, { ids: EVERY_PREFIX.map(([id]) => id) }, northwind);
    expect(back.data.nodes).toEqual(EVERY_PREFIX.map(() => null));
    expect(back.errors).toHaveLength(EVERY_PREFIX.length);
  });

  it('keeps a narrowed token inside its workspace', async () => {
    const other = DEMO.dataWorkspaceId;
    const hidden = [other, pick(demo.serviceLines, inWs(other))[0], pick(demo.tasks, inWs(other))[0], pick(demo.incidents, inWs(other))[0],
      pick(demo.integrations, inWs(other))[0], pick(demo.events, inWs(other))[0]];
    const res = await q(NODES, { ids: [...hidden, DEMO.taskId, DEMO.dataMemberUserId] }, principals.apexPayments);
    expect(res.data.nodes).toEqual([...hidden.map(() => null), { __typename: 'Task', id: DEMO.taskId }, { __typename: 'User', id: DEMO.dataMemberUserId }]);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(hidden.map(() => 'NOT_FOUND'));
  });

  it('rejects malformed IDs and prefixes of no Node type with BAD_USER_INPUT naming the argument', async () => {
    for (const id of ['nope', 'TSK-2026-1', 'XYZ-26-000001', DEMO.planId, DEMO.agentId]) {
      const res = await q(NODE, { id });
      expect(res.data?.node ?? null).toBeNull();
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
      expect(res.errors?.[0].message).toContain(id);
    }
    const many = await q(NODES, { ids: [DEMO.taskId, 'nope'] });
    expect(many.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids' });
    expect(many.errors).toHaveLength(1);
    const tooMany = await q(NODES, { ids: Array.from({ length: 101 }, () => DEMO.taskId) });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids' });
  });

  it('nodes() keeps the order asked, with a null and an error at each missing index', async () => {
    const ids = [DEMO.taskId, 'TSK-26-999999', DEMO.workspaceId, DEMO.otherPodId, DEMO.serviceLineId, DEMO.taskId];
    const res = await q(NODES, { ids });
    expect(res.data.nodes).toEqual([
      { __typename: 'Task', id: DEMO.taskId }, null, { __typename: 'Workspace', id: DEMO.workspaceId }, null,
      { __typename: 'ServiceLine', id: DEMO.serviceLineId }, { __typename: 'Task', id: DEMO.taskId },
    ]);
    // Errors come in the order the lookups finish; their paths say which index each belongs to.
    const errors = res.errors?.map((e) => [e.path, e.extensions?.code, e.message]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(errors).toEqual([
      [['nodes', 1], 'NOT_FOUND', 'Task TSK-26-999999 not found.'],
      [['nodes', 3], 'NOT_FOUND', `Pod ${DEMO.otherPodId} not found.`],
    ]);
    expect((await q(NODES, { ids: [] })).data.nodes).toEqual([]);
  });

  it('costs one statement per prefix, whatever the number of IDs', async () => {
    const tasks = pick(demo.tasks, (t) => t.organizationId === APEX, 4);
    const lines = pick(demo.serviceLines, (l) => l.organizationId === APEX, 3);
    const users = pick(demo.users, (u) => u.organizationId === APEX, 3);
    const three = [tasks[0], lines[0], users[0]];
    const ten = [...tasks, ...lines, ...users];
    const small = await ctx.database.statements.measure(() => q(NODES, { ids: three }));
    const large = await ctx.database.statements.measure(() => q(NODES, { ids: ten }));
    expect(small.result.data.nodes).toHaveLength(3);
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data.nodes.map((n: { id: string }) => n.id)).toEqual(ten);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(3);
  });
});
