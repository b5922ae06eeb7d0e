import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient, type GraphQLResponse } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import { DEMO, buildDemoData } from '../../seed/demo.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { definition } from './public.ts';

const demo = buildDemoData();
const APEX = DEMO.organizationId;
const northwind = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const apiKey: Principal = { ...principals.apexAdmin, actorType: 'api_key', actorId: 'KEY-26-000001' };
const idsOf = (rows: Array<{ id?: string | null }>) => rows.map((r) => r.id!);
const apexIn = <T extends { organizationId: string; workspaceId?: string | null; id?: string | null }>(rows: T[], ws?: string) =>
  idsOf(rows.filter((r) => r.organizationId === APEX && (!ws || r.workspaceId === ws)));
const apexUsers = idsOf(demo.users.filter((u) => u.organizationId === APEX)).sort();
const ws21Members = demo.workspaceMembers.filter((m) => m.workspaceId === DEMO.workspaceId).map((m) => m.userId).sort();

function expectError(res: GraphQLResponse, code: string, argument?: string, index = 0) {
  const error = res.errors?.[index];
  expect(error?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
  if (argument) {
    expect(error?.message).toContain(argument);
    if (error?.extensions?.argument) expect(error.extensions.argument).toBe(argument);
  }
  return error!;
}

describeEngines('organizations subgraph', (ctx) => {
  let client: SubgraphClient;
  const q = (query: string, variables?: Record<string, unknown>, principal?: Principal | null) => client.query(query, variables, principal);
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('refuses a request without the signed principal with 401', async () => {
    const res = await q('{ viewer { actorId } }', {}, null);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('viewer: organization, workspace narrowing, role, actor and user', async () => {
    const query = '{ viewer { organization { id name } workspace { id name } role actorId user { id name email role } } }';
    const admin = await q(query);
    expect(admin.data.viewer).toEqual({
      organization: { id: APEX, name: 'Apex Digital' }, workspace: null, role: 'ADMIN', actorId: DEMO.adminUserId,
      user: { id: DEMO.adminUserId, name: 'Sarah Chen', email: 'sarah.chen@apexdigital.com', role: 'ADMIN' },
    });
    const narrowed = await q(query, {}, principals.apexPayments);
    expect(narrowed.data.viewer).toMatchObject({ workspace: { id: DEMO.workspaceId, name: 'Payments Engineering' }, role: 'MEMBER' });
    expect((await q(query, {}, apiKey)).data.viewer).toMatchObject({ actorId: 'KEY-26-000001', user: null, role: 'ADMIN' });
    expect((await q(query, {}, northwind)).data.viewer).toMatchObject({ organization: { id: DEMO.otherOrganizationId, name: 'Northwind Labs' } });
  });

  it('organization: fields, subscriptions with their plan; another organization is NOT_FOUND', async () => {
    const res = await q(`query($id: ID!) { organization(id: $id) { id name slug createdAt
      workspaces { totalCount nodes { id } } users { totalCount } projects { totalCount nodes { id name } }
      subscriptions { id status startedAt renewsAt cancelledAt plan { id name tier allowedProductLines maxActiveServiceLines } } } }`, { id: APEX });
    const org = res.data.organization;
    expect(org).toMatchObject({ id: APEX, name: 'Apex Digital', slug: 'apex-digital', createdAt: '2024-03-01T08:00:00Z' });
    expect(org.workspaces).toEqual({ totalCount: 2, nodes: [{ id: DEMO.workspaceId }, { id: DEMO.dataWorkspaceId }] });
    expect(org.users.totalCount).toBe(apexUsers.length);
    expect(org.projects.nodes.map((p: { id: string }) => p.id)).toEqual(apexIn(demo.projects).sort());
    expect(org.subscriptions).toEqual([
      { id: 'SUB-26-000874', status: 'CANCELLED', startedAt: '2024-03-01T00:00:00Z', renewsAt: null, cancelledAt: '2024-12-31T23:59:59Z',
        plan: { id: 'PLN-26-000002', name: 'Growth', tier: 'GROWTH', allowedProductLines: ['talent', 'ods', 'managed_services', 'intelligence'], maxActiveServiceLines: 20 } },
      { id: DEMO.subscriptionId, status: 'ACTIVE', startedAt: '2025-01-01T00:00:00Z', renewsAt: '2027-01-01T00:00:00Z', cancelledAt: null,
        plan: { id: DEMO.planId, name: 'Enterprise', tier: 'ENTERPRISE', allowedProductLines: ['talent', 'managed_services', 'ods', 'infrastructure', 'intelligence', 'agents'], maxActiveServiceLines: null } },
    ]);
    const other = await q('query($id: ID!) { organization(id: $id) { id } }', { id: DEMO.otherOrganizationId });
    expect(other.data.organization).toBeNull();
    expect(expectError(other, 'NOT_FOUND').message).toBe(`Organization ${DEMO.otherOrganizationId} not found.`);
    expectError(await q('{ organization(id: "WS-26-000021") { id } }'), 'BAD_USER_INPUT', 'id');
  });

  it('workspace: settings, organization and members (filterable by role)', async () => {
    const query = `query($id: ID!) { workspace(id: $id) { id name slug createdAt settings { requireTaskServiceLine } organization { id slug }
      members(first: 2) { totalCount edges { cursor node { role joinedAt user { id name } } } }
      viewers: members(role: [VIEWER]) { nodes { user { id } role } } } }`;
    const ws = (await q(query, { id: DEMO.workspaceId })).data.workspace;
    expect(ws).toMatchObject({ id: DEMO.workspaceId, name: 'Payments Engineering', slug: 'payments-engineering', createdAt: '2024-03-15T10:00:00Z',
      settings: { requireTaskServiceLine: true }, organization: { id: APEX, slug: 'apex-digital' } });
    expect(ws.members.totalCount).toBe(ws21Members.length);
    expect(ws.members.edges[0].node).toEqual({ role: 'OWNER', joinedAt: '2024-03-15T10:00:00Z', user: { id: DEMO.ownerUserId, name: 'Maya Okafor' } });
    expect(ws.viewers.nodes).toEqual([{ user: { id: 'USR-26-000052' }, role: 'VIEWER' }, { user: { id: 'USR-26-000053' }, role: 'VIEWER' }]);
    const data = (await q(query, { id: DEMO.dataWorkspaceId })).data.workspace;
    expect(data.settings).toEqual({ requireTaskServiceLine: false });
    const missing = await q('{ workspace(id: "WS-26-999999") { id } }');
    expect(missing.data.workspace).toBeNull();
    expect(expectError(missing, 'NOT_FOUND').message).toBe('Workspace WS-26-999999 not found.');
  });

  it('workspaces: the caller\'s, none of another organization, only its own for a narrowed token', async () => {
    const query = 'query($org: ID) { workspaces(organizationId: $org) { totalCount nodes { id } } }';
    expect((await q(query)).data.workspaces).toEqual({ totalCount: 2, nodes: [{ id: DEMO.workspaceId }, { id: DEMO.dataWorkspaceId }] });
    expect((await q(query, { org: APEX })).data.workspaces.totalCount).toBe(2);
    expect((await q(query, { org: DEMO.otherOrganizationId })).data.workspaces).toEqual({ totalCount: 0, nodes: [] });
    expect((await q(query, {}, principals.apexPayments)).data.workspaces).toEqual({ totalCount: 1, nodes: [{ id: DEMO.workspaceId }] });
    expect((await q(query, {}, northwind)).data.workspaces).toEqual({ totalCount: 1, nodes: [{ id: DEMO.otherWorkspaceId }] });
    expectError(await q(query, { org: DEMO.workspaceId }), 'BAD_USER_INPUT', 'organizationId');
  });

  it('user and project by ID', async () => {
    const user = await q(`query($id: ID!) { user(id: $id) { id name email role status createdAt organization { id } } }`, { id: DEMO.deactivatedUserId });
    expect(user.data.user).toEqual({ id: DEMO.deactivatedUserId, name: 'Ravi Kapoor', email: 'ravi.kapoor@apexdigital.com', role: 'MEMBER',
      status: 'DEACTIVATED', createdAt: '2025-04-07T09:00:00Z', organization: { id: APEX } });
    const project = await q('query($id: ID!) { project(id: $id) { id name description archived createdAt organization { id } } }', { id: DEMO.projectId });
    expect(project.data.project).toEqual({ id: DEMO.projectId, name: 'Payments Platform Rebuild', archived: false, createdAt: '2025-08-04T09:00:00Z',
      description: 'Re-platforming card and wallet payments onto the new payments API and worker fleet.', organization: { id: APEX } });
    // Users belong to the organization: a narrowed token sees one who is only in the other workspace.
    expect((await q('{ user(id: "USR-26-000049") { id } }', {}, principals.apexPayments)).data.user).toEqual({ id: DEMO.dataMemberUserId });
    for (const [field, id, type] of [['user', DEMO.otherOwnerUserId, 'User'], ['project', DEMO.otherProjectId, 'Project']]) {
      const res = await q(`query($id: ID!) { ${field}(id: $id) { id } }`, { id });
      expect(res.data[field]).toBeNull();
      expect(expectError(res, 'NOT_FOUND').message).toBe(`${type} ${id} not found.`);
    }
    expectError(await q('{ user(id: "PROJ-26-004281") { id } }'), 'BAD_USER_INPUT', 'id');
    expectError(await q('{ project(id: "nope") { id } }'), 'BAD_USER_INPUT', 'id');
  });

  it('Organization.users filters by status and role; an unknown enum value names the argument', async () => {
    const query = 'query($status: [UserStatus!], $role: [Role!]) { viewer { organization { users(status: $status, role: $role) { totalCount nodes { id } } } } }';
    const users = async (variables: Record<string, unknown>) => (await q(query, variables)).data.viewer.organization.users.nodes.map((u: { id: string }) => u.id);
    expect(await users({ status: ['INVITED'] })).toEqual(['USR-26-000078', 'USR-26-000079', 'USR-26-000080']);
    expect(await users({ role: ['VIEWER'] })).toEqual(['USR-26-000052', 'USR-26-000053']);
    expect(await users({ role: ['OWNER', 'ADMIN'], status: ['ACTIVE'] })).toEqual(['USR-26-000040', 'USR-26-000041', 'USR-26-000044']);
    expect(await users({ status: ['DEACTIVATED'], role: ['VIEWER'] })).toEqual([]);
    expectError(await q(query, { status: ['RETIRED'] }), 'BAD_USER_INPUT', 'status');
    expectError(await q(query, { role: ['GOD'] }), 'BAD_USER_INPUT', 'role');
  });

  it('paginates forward and backward with cursors (users and members)', async () => {
    const page = (args: string) => q(`{ viewer { organization { users(${args}) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`)
      .then((r) => r.data.viewer.organization.users);
    const ids = (p: { edges: Array<{ node: { id: string } }> }) => p.edges.map((e) => e.node.id);
    const first = await page('first: 5');
    expect(ids(first)).toEqual(apexUsers.slice(0, 5));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await page(`first: 5, after: "${first.pageInfo.endCursor}"`);
    expect(ids(second)).toEqual(apexUsers.slice(5, 10));
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const last = await page('last: 4');
    expect(ids(last)).toEqual(apexUsers.slice(-4));
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = await page(`last: 4, before: "${last.pageInfo.startCursor}"`);
    expect(ids(before)).toEqual(apexUsers.slice(-8, -4));
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const tail = await page(`first: 100, after: "${second.pageInfo.endCursor}"`);
    expect(ids(tail)).toEqual(apexUsers.slice(10));
    expect(tail.pageInfo.hasNextPage).toBe(false);

    const members = (args: string) => q(`query($id: ID!) { workspace(id: $id) { members(${args}) { edges { cursor node { user { id } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`, { id: DEMO.workspaceId })
      .then((r) => r.data.workspace.members);
    const memberIds = (p: { edges: Array<{ node: { user: { id: string } } }> }) => p.edges.map((e) => e.node.user.id);
    const m1 = await members('first: 3');
    expect(m1.edges[0].cursor).toBe(Buffer.from(JSON.stringify({ id: ws21Members[0] })).toString('base64url'));
    const m2 = await members(`first: 3, after: "${m1.pageInfo.endCursor}"`);
    expect(memberIds(m2)).toEqual(ws21Members.slice(3, 6));
    const back = await members(`last: 3, before: "${m2.pageInfo.startCursor}"`);
    expect(memberIds(back)).toEqual(ws21Members.slice(0, 3));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });

    const wsFirst = (await q('{ workspaces(first: 1) { nodes { id } pageInfo { endCursor hasNextPage } } }')).data.workspaces;
    expect(wsFirst).toMatchObject({ nodes: [{ id: DEMO.workspaceId }], pageInfo: { hasNextPage: true } });
    const wsNext = (await q(`{ workspaces(first: 1, after: "${wsFirst.pageInfo.endCursor}") { nodes { id } pageInfo { hasNextPage hasPreviousPage } } }`)).data.workspaces;
    expect(wsNext).toEqual({ nodes: [{ id: DEMO.dataWorkspaceId }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  });

  it('rejects bad page arguments with BAD_USER_INPUT naming the argument', async () => {
    const userCursor = Buffer.from(JSON.stringify({ id: DEMO.adminUserId })).toString('base64url');
    const workspaceCursor = Buffer.from(JSON.stringify({ id: DEMO.workspaceId })).toString('base64url');
    const cases: Array<[string, string]> = [
      ['workspaces(first: 0)', 'first'], ['workspaces(first: 101)', 'first'], ['workspaces(last: 0)', 'last'],
      ['workspaces(first: 2, last: 2)', 'last'], ['workspaces(after: "not-a-cursor")', 'after'],
      [`workspaces(after: "${userCursor}")`, 'after'], [`workspaces(last: 2, before: "${userCursor}")`, 'before'],
    ];
    for (const [field, argument] of cases) expectError(await q(`{ ${field} { totalCount } }`), 'BAD_USER_INPUT', argument);
    const nested = await q(`{ viewer { organization { users(after: "${workspaceCursor}") { totalCount } } } }`);
    expectError(nested, 'BAD_USER_INPUT', 'after');
    expectError(await q(`{ workspace(id: "${DEMO.workspaceId}") { members(first: 101) { totalCount } } }`), 'BAD_USER_INPUT', 'first');
  });

  it('resolves _entities of its own types; unknown and other-tenant IDs are null', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Organization { id name } ... on Workspace { id name } ... on User { id name }
      ... on Project { id name } ... on PlanSubscription { id status plan { tier } } } }`;
    const rep = (typename: string, id: string) => ({ __typename: typename, id });
    const res = await q(query, { r: [
      rep('Organization', APEX), rep('Workspace', DEMO.workspaceId), rep('User', DEMO.adminUserId), rep('Project', DEMO.projectId),
      rep('PlanSubscription', DEMO.subscriptionId), rep('Organization', 'ORG-26-999999'), rep('Workspace', 'WS-26-999999'),
      rep('Organization', DEMO.otherOrganizationId), rep('Workspace', DEMO.otherWorkspaceId), rep('User', DEMO.otherOwnerUserId),
      rep('Project', DEMO.otherProjectId), rep('PlanSubscription', DEMO.otherSubscriptionId),
    ] });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([
      { id: APEX, name: 'Apex Digital' }, { id: DEMO.workspaceId, name: 'Payments Engineering' }, { id: DEMO.adminUserId, name: 'Sarah Chen' },
      { id: DEMO.projectId, name: 'Payments Platform Rebuild' }, { id: DEMO.subscriptionId, status: 'ACTIVE', plan: { tier: 'ENTERPRISE' } },
      null, null, null, null, null, null, null,
    ]);
    const narrowed = await q(query, { r: [rep('Workspace', DEMO.dataWorkspaceId), rep('Workspace', DEMO.workspaceId), rep('User', DEMO.dataMemberUserId)] }, principals.apexPayments);
    expect(narrowed.data._entities).toEqual([null, { id: DEMO.workspaceId, name: 'Payments Engineering' }, { id: DEMO.dataMemberUserId, name: 'Marco Rossi' }]);
  });

  it('shows the second organization none of the first\'s rows', async () => {
    const res = await q(`query($org: ID!, $ws: ID!, $user: ID!, $project: ID!) {
      viewer { organization { id workspaces { nodes { id } } users { nodes { id organization { id } } } projects { nodes { id } } subscriptions { id } } }
      organization(id: $org) { id } workspace(id: $ws) { id } user(id: $user) { id } project(id: $project) { id }
      workspaces(organizationId: $org) { totalCount } }`,
    { org: APEX, ws: DEMO.workspaceId, user: DEMO.adminUserId, project: DEMO.projectId }, northwind);
    const org = res.data.viewer.organization;
    expect(org.workspaces.nodes).toEqual([{ id: DEMO.otherWorkspaceId }]);
    expect(org.users.nodes.every((u: { organization: { id: string } }) => u.organization.id === DEMO.otherOrganizationId)).toBe(true);
    expect(org.users.nodes).toHaveLength(demo.users.filter((u) => u.organizationId === DEMO.otherOrganizationId).length);
    expect(org.projects.nodes).toEqual([{ id: DEMO.otherProjectId }]);
    expect(org.subscriptions).toEqual([{ id: DEMO.otherSubscriptionId }]);
    expect(res.data).toMatchObject({ organization: null, workspace: null, user: null, project: null, workspaces: { totalCount: 0 } });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    const narrowed = await q(`{ workspace(id: "${DEMO.dataWorkspaceId}") { id } viewer { organization { workspaces { nodes { id } } } } }`, {}, principals.apexPayments);
    expect(narrowed.data.workspace).toBeNull();
    expect(narrowed.data.viewer.organization.workspaces.nodes).toEqual([{ id: DEMO.workspaceId }]);
  });

  it('batches nested lists: the statement count does not grow with the page size', async () => {
    const query = (n: number) => `{ viewer { organization { workspaces { nodes { id members(first: ${n}) { totalCount nodes { role user { id name } } } } }
      users(first: ${n}) { nodes { id } } projects(first: ${n}) { nodes { id } } subscriptions { plan { id } } } } }`;
    const small = await ctx.database.statements.measure(() => q(query(2)));
    const large = await ctx.database.statements.measure(() => q(query(20)));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.viewer.organization.workspaces.nodes[0].members.nodes).toHaveLength(18);
    expect(large.statements).toBe(small.statements);
    const refs = (n: number) => q(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Workspace { members(first: ${n}) { nodes { user { id } } } } } }`,
      { r: [DEMO.workspaceId, DEMO.dataWorkspaceId].map((id) => ({ __typename: 'Workspace', id })) });
    const a = await ctx.database.statements.measure(() => refs(2));
    const b = await ctx.database.statements.measure(() => refs(20));
    expect(a.statements).toBe(b.statements);
    expect(a.statements).toBeLessThanOrEqual(3);
  });
});
