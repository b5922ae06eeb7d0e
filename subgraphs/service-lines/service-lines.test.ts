import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import { DEMO } from '../../seed/demo.ts';
import { encodeCursor } from '../../platform/cursor.ts';
import { definition } from './public.ts';

const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const DRAFT_LINE = 'Chargeback Portal v2';

const LINE = `query ($id: ID!) { serviceLine(id: $id) {
  id name productLine executionModel billingModel status deliveryVelocity activatedAt closedAt createdAt updatedAt
  workspace { id } projects { id } } }`;
const LIST = `query ($workspaceId: ID, $status: [ServiceLineStatus!], $productLine: [ProductLine!], $projectId: ID,
  $first: Int, $after: String, $last: Int, $before: String) {
  serviceLines(workspaceId: $workspaceId, status: $status, productLine: $productLine, projectId: $projectId,
    first: $first, after: $after, last: $last, before: $before) {
    totalCount nodes { id status productLine workspace { id } projects { id } }
    edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const USAGE = `query ($id: ID!, $from: Date!, $to: Date!) { serviceLine(id: $id) {
  usage(from: $from, to: $to) { serviceLineId from to metrics { metric quantity cost currency } totalCost currency } } }`;
const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on ServiceLine { id name } } }`;
const WORKSPACE_LINES = `query ($reps: [_Any!]!, $first: Int, $status: [ServiceLineStatus!], $productLine: [ProductLine!], $projectId: ID) {
  _entities(representations: $reps) { ... on Workspace { id serviceLines(first: $first, status: $status, productLine: $productLine, projectId: $projectId) {
    totalCount nodes { id workspace { id } } pageInfo { hasNextPage } } } } }`;
const PROJECT_LINES = `query ($reps: [_Any!]!, $first: Int, $after: String, $last: Int, $before: String, $status: [ServiceLineStatus!]) {
  _entities(representations: $reps) { ... on Project { id serviceLines(first: $first, after: $after, last: $last, before: $before, status: $status) {
    totalCount nodes { id status projects { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }`;

const reps = (typename: string, ids: string[]) => ids.map((id) => ({ __typename: typename, id }));

describeEngines('service-lines subgraph', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client?.close());

  /** IDs straight from the table, for comparing lists with what the graph returns. */
  const idsWhere = async (where: ReturnType<typeof sql>) =>
    (await ctx.database.rows<{ id: string }>(sql`select id from service_lines.service_lines where ${where} order by id`)).map((r) => r.id);
  const ok = async (query: string, variables: Record<string, unknown> = {}, principal = principals.apexAdmin as typeof other) => {
    const res = await client.query(query, variables, principal);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data;
  };
  const fails = async (query: string, variables: Record<string, unknown>, code: string, argument?: string) => {
    const res = await client.query(query, variables);
    expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
    if (argument) expect(res.errors![0].extensions?.argument ?? res.errors![0].message).toContain(argument);
    return res;
  };

  it('returns the docs\' Service Line with its workspace, projects and velocity', async () => {
    const [{ delivery_velocity }] = await ctx.database.rows<{ delivery_velocity: number }>(
      sql`select delivery_velocity from service_lines.service_lines where id = ${DEMO.serviceLineId}`);
    const data = await ok(LINE, { id: DEMO.serviceLineId });
    expect(data.serviceLine).toEqual({
      id: DEMO.serviceLineId, name: 'Backend Engineering - Q2 2026', productLine: 'TALENT', executionModel: 'CAPACITY',
      billingModel: 'TIME_AND_MATERIALS', status: 'ACTIVE', deliveryVelocity: delivery_velocity,
      activatedAt: '2026-01-15T09:00:00Z', closedAt: null, createdAt: '2026-01-08T14:20:00Z', updatedAt: '2026-01-15T09:00:00Z',
      workspace: { id: DEMO.workspaceId }, projects: [{ id: DEMO.projectId }],
    });
    const [twoLabels] = await idsWhere(sql`cardinality(project_ids) = 2`);
    const [{ project_ids }] = await ctx.database.rows<{ project_ids: string[] }>(sql`select project_ids from service_lines.service_lines where id = ${twoLabels}`);
    expect((await ok(LINE, { id: twoLabels })).serviceLine.projects).toEqual(project_ids.map((id) => ({ id })));
  });

  it('lists the docs\' example: active lines of WS-26-000021, by ID', async () => {
    const data = await ok(`{ serviceLines(workspaceId: "WS-26-000021", status: [ACTIVE]) { totalCount nodes { id name productLine executionModel billingModel status } } }`);
    const expected = await idsWhere(sql`workspace_id = ${DEMO.workspaceId} and status = 'active'`);
    expect(data.serviceLines.totalCount).toBe(expected.length);
    expect(data.serviceLines.nodes.map((n: { id: string }) => n.id)).toEqual(expected.slice(0, 25));
    expect(data.serviceLines.nodes[0]).toEqual({
      id: 'LIN-26-084729', name: 'Backend Engineering - Q2 2026', productLine: 'TALENT',
      executionModel: 'CAPACITY', billingModel: 'TIME_AND_MATERIALS', status: 'ACTIVE',
    });
  });

  it('lists the caller\'s organization without workspaceId, and filters by product line and project', async () => {
    const all = await ok(LIST, { first: 100 });
    expect(all.serviceLines.nodes.map((n: { id: string }) => n.id)).toEqual(await idsWhere(sql`organization_id = ${DEMO.organizationId}`));
    expect(new Set(all.serviceLines.nodes.map((n: { workspace: { id: string } }) => n.workspace.id))).toEqual(new Set([DEMO.workspaceId, DEMO.dataWorkspaceId]));
    const agents = await ok(LIST, { productLine: ['AGENTS', 'ODS'], status: ['ACTIVE', 'PAUSED'], first: 100 });
    expect(agents.serviceLines.nodes.map((n: { id: string }) => n.id))
      .toEqual(await idsWhere(sql`organization_id = ${DEMO.organizationId} and product_line in ('agents', 'ods') and status in ('active', 'paused')`));
    const tagged = await ok(LIST, { projectId: DEMO.projectId, workspaceId: DEMO.dataWorkspaceId, first: 100 });
    const expected = await idsWhere(sql`${DEMO.projectId} = any(project_ids) and workspace_id = ${DEMO.dataWorkspaceId}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(tagged.serviceLines.nodes.map((n: { id: string }) => n.id)).toEqual(expected);
    expect(tagged.serviceLines.totalCount).toBe(expected.length);
  });

  it('pages forward and backward with cursors', async () => {
    const all = await idsWhere(sql`organization_id = ${DEMO.organizationId}`);
    const ids = (d: any) => d.serviceLines.edges.map((e: { node: { id: string } }) => e.node.id);
    const p1 = await ok(LIST, { first: 7 });
    expect(ids(p1)).toEqual(all.slice(0, 7));
    expect(p1.serviceLines.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: encodeCursor(all[6]) });
    const p2 = await ok(LIST, { first: 7, after: p1.serviceLines.pageInfo.endCursor });
    expect(ids(p2)).toEqual(all.slice(7, 14));
    expect(p2.serviceLines.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const back = await ok(LIST, { last: 5, before: p2.serviceLines.pageInfo.startCursor });
    expect(ids(back)).toEqual(all.slice(2, 7));
    expect(back.serviceLines.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const tail = await ok(LIST, { last: 3 });
    expect(ids(tail)).toEqual(all.slice(-3));
    expect(tail.serviceLines.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const end = await ok(LIST, { first: 100, after: encodeCursor(all.at(-2)!) });
    expect(ids(end)).toEqual(all.slice(-1));
    expect(end.serviceLines.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses bad arguments with BAD_USER_INPUT naming the argument', async () => {
    await fails(LIST, { first: 0 }, 'BAD_USER_INPUT', 'first');
    await fails(LIST, { first: 101 }, 'BAD_USER_INPUT', 'first');
    await fails(LIST, { first: 2, last: 2 }, 'BAD_USER_INPUT', 'last');
    await fails(LIST, { after: 'not-a-cursor!' }, 'BAD_USER_INPUT', 'after');
    await fails(LIST, { after: encodeCursor(DEMO.taskId) }, 'BAD_USER_INPUT', 'after');
    await fails(LIST, { workspaceId: DEMO.serviceLineId }, 'BAD_USER_INPUT', 'workspaceId');
    await fails(LIST, { projectId: DEMO.workspaceId }, 'BAD_USER_INPUT', 'projectId');
    await fails(LIST, { status: ['LAUNCHED'] }, 'BAD_USER_INPUT', '$status');
    await fails(LINE, { id: DEMO.taskId }, 'BAD_USER_INPUT', 'id');
    await fails(WORKSPACE_LINES, { reps: reps('Workspace', [DEMO.workspaceId]), first: 0 }, 'BAD_USER_INPUT', 'first');
  });

  it('gives null and NOT_FOUND for an unknown line', async () => {
    const res = await fails(LINE, { id: 'LIN-26-999999' }, 'NOT_FOUND');
    expect(res.data?.serviceLine).toBeNull();
    expect(res.errors![0].message).toBe('Service Line LIN-26-999999 not found.');
  });

  it('sums usage as the docs show, with both dates inclusive', async () => {
    const usage = async (id: string, from: string, to: string) => (await ok(USAGE, { id, from, to })).serviceLine.usage;
    expect(await usage(DEMO.serviceLineId, '2026-04-01', '2026-04-30')).toEqual({
      serviceLineId: DEMO.serviceLineId, from: '2026-04-01', to: '2026-04-30',
      metrics: [{ metric: 'talent.hours', quantity: 640, cost: 60800, currency: 'USD' }], totalCost: 60800, currency: 'USD',
    });
    // Records are booked at 17:00 on the day: the `to` day counts in full.
    expect((await usage(DEMO.serviceLineId, '2026-04-28', '2026-04-28')).metrics).toEqual([{ metric: 'talent.hours', quantity: 32, cost: 3040, currency: 'USD' }]);
    // The pod's monthly record sits at 00:00 on the 1st: inside a range starting that day, outside one ending the day before.
    expect((await usage(DEMO.podServiceLineId, '2026-04-01', '2026-04-01')).totalCost).toBeGreaterThan(0);
    expect(await usage(DEMO.podServiceLineId, '2026-03-02', '2026-03-31')).toMatchObject({ metrics: [], totalCost: 0, currency: 'USD' });
    const agent = await usage(DEMO.agentServiceLineId, '2026-03-01', '2026-04-30');
    expect(agent.metrics.map((m: { metric: string }) => m.metric)).toEqual(['agents.runs', 'agents.tokens']);
    const [sums] = await ctx.database.rows<{ cost: string }>(sql`select sum(cost)::text as cost from service_lines.usage_records
      where service_line_id = ${DEMO.agentServiceLineId} and recorded_at >= '2026-03-01T00:00:00Z' and recorded_at < '2026-05-01T00:00:00Z'`);
    expect(agent.totalCost).toBe(Number(sums.cost));
    const [draft] = await idsWhere(sql`name = ${DRAFT_LINE}`);
    expect(await usage(draft, '2026-01-01', '2026-12-31')).toEqual({
      serviceLineId: draft, from: '2026-01-01', to: '2026-12-31', metrics: [], totalCost: 0, currency: 'USD',
    });
  });

  it('refuses a usage range that ends before it starts, naming to', async () => {
    const res = await fails(USAGE, { id: DEMO.serviceLineId, from: '2026-04-30', to: '2026-04-01' }, 'BAD_USER_INPUT', 'to');
    expect(res.errors![0].extensions?.argument).toBe('to');
    await fails(USAGE, { id: DEMO.serviceLineId, from: '2026-04-31', to: '2026-05-01' }, 'BAD_USER_INPUT', '$from');
  });

  it('loads the usage of a whole page of lines in one statement', async () => {
    const query = (first: number) => client.query(`{ serviceLines(first: ${first}) { nodes { id
      usage(from: "2026-04-01", to: "2026-04-30") { totalCost } } } }`);
    const small = await ctx.database.statements.measure(() => query(2));
    const large = await ctx.database.statements.measure(() => query(25));
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data.serviceLines.nodes).toHaveLength(25);
    expect(large.statements).toBe(2);
    expect(small.statements).toBe(large.statements);
    expect(large.queries.filter((q) => q.includes('usage_records'))).toHaveLength(1);
    const docs = large.result.data.serviceLines.nodes.find((n: { id: string }) => n.id === DEMO.serviceLineId);
    expect(docs.usage.totalCost).toBe(60800);
  });

  it('resolves entity references inside the caller\'s organization only', async () => {
    const data = await ok(ENTITIES, { reps: reps('ServiceLine', [DEMO.serviceLineId, 'LIN-26-999999', DEMO.otherServiceLineId]) });
    expect(data._entities).toEqual([{ id: DEMO.serviceLineId, name: 'Backend Engineering - Q2 2026' }, null, null]);
  });

  it('lists lines under workspaces, one statement whatever the page size', async () => {
    const wsReps = reps('Workspace', [DEMO.workspaceId, DEMO.dataWorkspaceId, DEMO.otherWorkspaceId]);
    const run = (first: number) => ctx.database.statements.measure(() => client.query(WORKSPACE_LINES, { reps: wsReps, first }));
    const small = await run(2);
    const large = await run(20);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(1);
    const [payments, data, foreign] = large.result.data._entities;
    expect(payments.serviceLines.nodes.map((n: { id: string }) => n.id)).toEqual((await idsWhere(sql`workspace_id = ${DEMO.workspaceId}`)).slice(0, 20));
    expect(payments.serviceLines.totalCount).toBe((await idsWhere(sql`workspace_id = ${DEMO.workspaceId}`)).length);
    expect(data.serviceLines.nodes.map((n: { id: string }) => n.id)).toEqual(await idsWhere(sql`workspace_id = ${DEMO.dataWorkspaceId}`));
    expect(foreign.serviceLines).toMatchObject({ totalCount: 0, nodes: [] });
    const filtered = await ok(WORKSPACE_LINES, { reps: wsReps.slice(0, 1), first: 50, status: ['ACTIVE'], productLine: ['TALENT'], projectId: DEMO.projectId });
    expect(filtered._entities[0].serviceLines.nodes.map((n: { id: string }) => n.id)).toEqual(await idsWhere(sql`workspace_id = ${DEMO.workspaceId}
      and status = 'active' and product_line = 'talent' and ${DEMO.projectId} = any(project_ids)`));
  });

  it('lists lines under projects, one statement whatever the page size, paging both ways', async () => {
    const projectIds = [DEMO.projectId, 'PROJ-26-004276', 'PROJ-26-004288', DEMO.otherProjectId];
    const run = (first: number) => ctx.database.statements.measure(() => client.query(PROJECT_LINES, { reps: reps('Project', projectIds), first }));
    const small = await run(2);
    const large = await run(20);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(1);
    expect(large.queries[0]).toMatch(/cross join lateral unnest/);
    for (const [i, projectId] of projectIds.entries()) {
      const expected = await idsWhere(sql`${projectId} = any(project_ids) and organization_id = ${DEMO.organizationId}`);
      const lines = large.result.data._entities[i].serviceLines;
      expect(lines.nodes.map((n: { id: string }) => n.id), projectId).toEqual(expected.slice(0, 20));
      expect(lines.totalCount).toBe(expected.length);
      for (const node of lines.nodes) expect(node.projects).toContainEqual({ id: projectId });
    }
    const all = await idsWhere(sql`${DEMO.projectId} = any(project_ids) and organization_id = ${DEMO.organizationId}`);
    const page = async (vars: Record<string, unknown>) => (await ok(PROJECT_LINES, { reps: reps('Project', [DEMO.projectId]), ...vars }))._entities[0].serviceLines;
    const p1 = await page({ first: 4 });
    const p2 = await page({ first: 4, after: p1.pageInfo.endCursor });
    expect(p2.nodes.map((n: { id: string }) => n.id)).toEqual(all.slice(4, 8));
    expect(p2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(p2.totalCount).toBe(all.length);
    const back = await page({ last: 3, before: p2.pageInfo.startCursor });
    expect(back.nodes.map((n: { id: string }) => n.id)).toEqual(all.slice(1, 4));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const active = await page({ first: 100, status: ['ACTIVE'] });
    expect(active.nodes.map((n: { id: string }) => n.id)).toEqual(await idsWhere(sql`${DEMO.projectId} = any(project_ids) and status = 'active'`));
  });

  it('shows another organization none of the first one\'s lines', async () => {
    const own = await idsWhere(sql`organization_id = ${DEMO.otherOrganizationId}`);
    expect((await ok(LIST, { first: 100 }, other)).serviceLines.nodes.map((n: { id: string }) => n.id)).toEqual(own);
    expect((await ok(LIST, { workspaceId: DEMO.workspaceId }, other)).serviceLines).toMatchObject({ totalCount: 0, nodes: [] });
    expect((await ok(LIST, { projectId: DEMO.projectId }, other)).serviceLines.nodes).toEqual([]);
    const res = await client.query(LINE, { id: DEMO.serviceLineId }, other);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await ok(ENTITIES, { reps: reps('ServiceLine', [DEMO.serviceLineId]) }, other))._entities).toEqual([null]);
    const ws = await ok(WORKSPACE_LINES, { reps: reps('Workspace', [DEMO.workspaceId, DEMO.dataWorkspaceId]) }, other);
    expect(ws._entities.map((w: any) => w.serviceLines.totalCount)).toEqual([0, 0]);
    const pr = await ok(PROJECT_LINES, { reps: reps('Project', [DEMO.projectId]) }, other);
    expect(pr._entities[0].serviceLines.nodes).toEqual([]);
    const usage = await ok(USAGE, { id: DEMO.otherServiceLineId, from: '2026-01-01', to: '2026-12-31' }, other);
    expect(usage.serviceLine.usage.serviceLineId).toBe(DEMO.otherServiceLineId);
  });

  it('shows a token narrowed to WS-26-000021 nothing of another workspace', async () => {
    const narrowed = principals.apexPayments as typeof other;
    const payments = await idsWhere(sql`workspace_id = ${DEMO.workspaceId}`);
    expect((await ok(LIST, { first: 100 }, narrowed)).serviceLines.nodes.map((n: { id: string }) => n.id)).toEqual(payments);
    expect((await ok(LIST, { workspaceId: DEMO.dataWorkspaceId }, narrowed)).serviceLines.nodes).toEqual([]);
    const [dataLine] = await idsWhere(sql`workspace_id = ${DEMO.dataWorkspaceId}`);
    expect((await client.query(LINE, { id: dataLine }, narrowed)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await ok(ENTITIES, { reps: reps('ServiceLine', [dataLine, DEMO.serviceLineId]) }, narrowed))._entities)
      .toEqual([null, { id: DEMO.serviceLineId, name: 'Backend Engineering - Q2 2026' }]);
    const ws = await ok(WORKSPACE_LINES, { reps: reps('Workspace', [DEMO.dataWorkspaceId]) }, narrowed);
    expect(ws._entities[0].serviceLines.nodes).toEqual([]);
    const pr = await ok(PROJECT_LINES, { reps: reps('Project', [DEMO.projectId]), first: 100 }, narrowed);
    expect(pr._entities[0].serviceLines.nodes.map((n: { id: string }) => n.id))
      .toEqual(await idsWhere(sql`${DEMO.projectId} = any(project_ids) and workspace_id = ${DEMO.workspaceId}`));
  });

  it('refuses a request without the gateway\'s principal with 401', async () => {
    const res = await client.query(LIST, {}, null);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data).toBeUndefined();
  });
});
