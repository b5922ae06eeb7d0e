import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import { encodeCursor } from '../../platform/cursor.ts';
import { DEMO } from '../../seed/demo.ts';
import { definition } from './public.ts';

const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const HOUR = 3_600_000;
const ids = (conn: { nodes: Array<{ id: string }> }) => conn.nodes.map((n) => n.id);

const POD_DETAIL = `
  id name description status deliveryModel teamSize costPerMonth currency startedAt renewsAt
  requestedTeamSize requiredCapabilities startDate durationMonths createdAt
  team { talentId role }
  sla { id throughputTasksPerSprint responseTimeHours availabilityHoursPerWeek qualityGatePercent currentCompliance pod { id } }
  latestSlaReport { period compliancePercent metrics { metric target actual status } incidents { id } pod { id } sla { id } }
  serviceLine { id } workspace { id } organization { id } projects { id }`;

const DOCS_METRICS = [
  { metric: 'throughput', target: 18, actual: 19, status: 'MET' },
  { metric: 'response_time_hours', target: 2, actual: 1.8, status: 'MET' },
  { metric: 'availability_hours', target: 200, actual: 198, status: 'MET' },
  { metric: 'quality_gate', target: 80, actual: 76, status: 'BREACHED' },
];

describeEngines('managed-services queries', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client?.close());

  it('returns the docs pod POD-26-000008 with team, SLA and latest report', async () => {
    const res = await client.query(`{ pod(id: "POD-26-000008") { ${POD_DETAIL} } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.pod).toMatchObject({
      id: DEMO.podId, name: 'Payments Platform Pod', status: 'ACTIVE', deliveryModel: 'MANAGED_DELIVERY', teamSize: 5,
      costPerMonth: 38000, currency: 'USD', startedAt: '2025-09-01T00:00:00Z', renewsAt: '2026-09-01T00:00:00Z',
      description: 'End-to-end managed delivery for the payments platform rebuild.',
      requiredCapabilities: ['backend_engineering', 'qa', 'technical_pm'], requestedTeamSize: 5, durationMonths: 12,
      team: [
        { talentId: 'SCR-128491', role: 'senior_backend_engineer' }, { talentId: 'SCR-129102', role: 'backend_engineer' },
        { talentId: 'SCR-130011', role: 'qa_engineer' }, { talentId: 'SCR-130988', role: 'frontend_engineer' },
        { talentId: 'SCR-131200', role: 'technical_pm' },
      ],
      sla: { id: DEMO.slaId, throughputTasksPerSprint: 18, responseTimeHours: 2, availabilityHoursPerWeek: 200, qualityGatePercent: 80, currentCompliance: 97.2, pod: { id: DEMO.podId } },
      latestSlaReport: { period: '2026-04', compliancePercent: 97.2, metrics: DOCS_METRICS, incidents: [{ id: DEMO.incidentId }], pod: { id: DEMO.podId }, sla: { id: DEMO.slaId } },
      serviceLine: { id: DEMO.podServiceLineId }, workspace: { id: DEMO.workspaceId }, organization: { id: DEMO.organizationId },
      projects: [{ id: DEMO.projectId }],
    });
  });

  it('shows a scoping pod without team, line, SLA or reports', async () => {
    const res = await client.query(`{ pod(id: "${DEMO.scopingPodId}") { ${POD_DETAIL} } }`);
    expect(res.data.pod).toMatchObject({
      status: 'SCOPING', teamSize: 0, team: [], sla: null, latestSlaReport: null, serviceLine: null, costPerMonth: null,
      requestedTeamSize: 4, startDate: '2026-06-01', projects: [{ id: DEMO.projectId }],
    });
  });

  it('lists pods of the organization, by workspace and status', async () => {
    const q = `query($ws: ID, $status: [PodStatus!]) { pods(workspaceId: $ws, status: $status) { nodes { id } totalCount } }`;
    const all = (await client.query(q)).data.pods;
    expect(ids(all)).toEqual(['POD-26-000008', 'POD-26-000009', 'POD-26-000010', 'POD-26-000011', 'POD-26-000012']);
    expect(all.totalCount).toBe(5);
    expect(ids((await client.query(q, { status: ['ACTIVE'] })).data.pods)).toEqual(['POD-26-000008', 'POD-26-000009', 'POD-26-000010', 'POD-26-000011']);
    expect(ids((await client.query(q, { status: ['SCOPING'] })).data.pods)).toEqual([DEMO.scopingPodId]);
    expect((await client.query(q, { ws: DEMO.dataWorkspaceId })).data.pods).toEqual({ nodes: [{ id: 'POD-26-000011' }], totalCount: 1 });
  });

  it('pages pods forward and backward with cursors', async () => {
    const q = `query($first: Int, $after: String, $last: Int, $before: String) {
      pods(first: $first, after: $after, last: $last, before: $before) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const p1 = (await client.query(q, { first: 2 })).data.pods;
    expect(ids(p1)).toEqual(['POD-26-000008', 'POD-26-000009']);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: encodeCursor('POD-26-000009') });
    const p2 = (await client.query(q, { first: 2, after: p1.pageInfo.endCursor })).data.pods;
    expect(ids(p2)).toEqual(['POD-26-000010', 'POD-26-000011']);
    const p3 = (await client.query(q, { first: 2, after: p2.pageInfo.endCursor })).data.pods;
    expect(ids(p3)).toEqual([DEMO.scopingPodId]);
    expect(p3.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const last = (await client.query(q, { last: 2 })).data.pods;
    expect(ids(last)).toEqual(['POD-26-000011', DEMO.scopingPodId]);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = (await client.query(q, { last: 2, before: p2.pageInfo.startCursor })).data.pods;
    expect(ids(back)).toEqual(['POD-26-000008', 'POD-26-000009']);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('lists and reads tickets with their SLA response deadline', async () => {
    const q = `query($pod: ID!, $status: [TicketStatus!], $priority: [TicketPriority!]) {
      tickets(podId: $pod, status: $status, priority: $priority) { totalCount nodes { id status priority createdAt slaResponseDueAt pod { id } submittedBy { id } } } }`;
    const list = (await client.query(q, { pod: DEMO.podId })).data.tickets;
    expect(list.totalCount).toBe(11); // ten, and the one past its deadline that Service Line health reads (seed)
    expect(ids(list)).toEqual([...ids(list)].sort());
    for (const t of list.nodes) {
      expect(t.pod.id).toBe(DEMO.podId);
      expect(Date.parse(t.slaResponseDueAt) - Date.parse(t.createdAt)).toBe(2 * HOUR);
      expect(t.submittedBy.id).toMatch(/^USR-26-/);
    }
    const closed = (await client.query(q, { pod: DEMO.podId, status: ['CLOSED'] })).data.tickets;
    expect(closed.nodes.length).toBeGreaterThan(0);
    expect(closed.nodes.every((t: { status: string }) => t.status === 'CLOSED')).toBe(true);
    const high = (await client.query(q, { pod: DEMO.podId, priority: ['HIGH'] })).data.tickets;
    expect(high.nodes.every((t: { priority: string }) => t.priority === 'HIGH')).toBe(true);

    const one = list.nodes[0];
    const got = await client.query(`query($id: ID!) { ticket(id: $id) { id type title status slaResponseDueAt pod { id name } } }`, { id: one.id });
    expect(got.data.ticket).toMatchObject({ id: one.id, slaResponseDueAt: one.slaResponseDueAt, pod: { id: DEMO.podId, name: 'Payments Platform Pod' } });
  });

  it('lists SLA reports newest period first, one period on request, with cursors both ways', async () => {
    const q = `query($pod: ID!, $period: String, $first: Int, $after: String, $last: Int, $before: String) {
      slaReports(podId: $pod, period: $period, first: $first, after: $after, last: $last, before: $before) {
        totalCount nodes { period compliancePercent metrics { metric target actual status } incidents { id } sla { id } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const all = (await client.query(q, { pod: DEMO.podId })).data.slaReports;
    const periods = all.nodes.map((r: { period: string }) => r.period);
    expect(all.totalCount).toBe(8);
    expect(periods[0]).toBe('2026-04');
    expect(periods).toEqual([...periods].sort().reverse());

    const april = (await client.query(q, { pod: DEMO.podId, period: '2026-04' })).data.slaReports;
    expect(april.nodes).toEqual([{ period: '2026-04', compliancePercent: 97.2, metrics: DOCS_METRICS, incidents: [{ id: DEMO.incidentId }], sla: { id: DEMO.slaId } }]);

    const p1 = (await client.query(q, { pod: DEMO.podId, first: 3 })).data.slaReports;
    expect(p1.nodes.map((r: { period: string }) => r.period)).toEqual(periods.slice(0, 3));
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = (await client.query(q, { pod: DEMO.podId, first: 3, after: p1.pageInfo.endCursor })).data.slaReports;
    expect(p2.nodes.map((r: { period: string }) => r.period)).toEqual(periods.slice(3, 6));
    expect(p2.pageInfo.hasPreviousPage).toBe(true);
    const back = (await client.query(q, { pod: DEMO.podId, last: 3, before: p2.pageInfo.startCursor })).data.slaReports;
    expect(back.nodes.map((r: { period: string }) => r.period)).toEqual(periods.slice(0, 3));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('finds the docs incident by line and status, and by id', async () => {
    const res = await client.query(`{ incidents(serviceLineId: "${DEMO.podServiceLineId}", status: [OPEN]) { nodes { id } totalCount } }`);
    expect(res.data.incidents).toEqual({ nodes: [{ id: DEMO.incidentId }], totalCount: 1 });
    const inc = await client.query(`{ incident(id: "${DEMO.incidentId}") {
      id title type severity status openedAt resolvedAt pod { id } serviceLine { id } workspace { id } raisedBy { id } } }`);
    expect(inc.data.incident).toMatchObject({
      id: DEMO.incidentId, type: 'QUALITY', severity: 'MEDIUM', status: 'OPEN', openedAt: '2026-04-15T09:30:00Z', resolvedAt: null,
      pod: { id: DEMO.podId }, serviceLine: { id: DEMO.podServiceLineId }, workspace: { id: DEMO.workspaceId }, raisedBy: { id: DEMO.adminUserId },
    });
    const q = `query($ws: ID, $pod: ID, $sev: [IncidentSeverity!]) { incidents(workspaceId: $ws, podId: $pod, severity: $sev, first: 100) { nodes { id workspace { id } pod { id } severity } } }`;
    const byPod = (await client.query(q, { pod: 'POD-26-000010' })).data.incidents.nodes;
    expect(byPod.map((i: { id: string }) => i.id)).toEqual(['INC-26-000084', 'INC-26-000087', 'INC-26-000088']);
    const byWs = (await client.query(q, { ws: DEMO.dataWorkspaceId })).data.incidents.nodes;
    expect(byWs.length).toBeGreaterThan(0);
    expect(byWs.every((i: { workspace: { id: string } }) => i.workspace.id === DEMO.dataWorkspaceId)).toBe(true);
    const high = (await client.query(q, { sev: ['HIGH', 'CRITICAL'] })).data.incidents.nodes;
    expect(high.every((i: { severity: string }) => ['HIGH', 'CRITICAL'].includes(i.severity))).toBe(true);
    const unlinked = (await client.query(`{ incident(id: "INC-26-000090") { pod { id } serviceLine { id } raisedBy { id } } }`)).data.incident;
    expect(unlinked).toEqual({ pod: null, serviceLine: { id: 'LIN-26-085020' }, raisedBy: { id: DEMO.adminUserId } });
  });

  it('adds pods and incidents to lines, workspaces and organizations', async () => {
    const res = await client.query(`{ _entities(representations: [
        { __typename: "ServiceLine", id: "${DEMO.podServiceLineId}" }, { __typename: "ServiceLine", id: "LIN-26-085020" },
        { __typename: "Workspace", id: "${DEMO.dataWorkspaceId}" }, { __typename: "Organization", id: "${DEMO.organizationId}" }]) {
      ... on ServiceLine { pod { id } incidents(status: [OPEN, INVESTIGATING]) { nodes { id } } }
      ... on Workspace { pods { nodes { id } totalCount } incidents(severity: [LOW]) { nodes { id } } }
      ... on Organization { pods(status: [SCOPING]) { nodes { id } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([
      { pod: { id: DEMO.podId }, incidents: { nodes: [{ id: DEMO.incidentId }] } },
      { pod: null, incidents: { nodes: [{ id: 'INC-26-000090' }] } },
      { pods: { nodes: [{ id: 'POD-26-000011' }], totalCount: 1 }, incidents: { nodes: [{ id: 'INC-26-000079' }, { id: 'INC-26-000089' }] } },
      { pods: { nodes: [{ id: DEMO.scopingPodId }] } },
    ]);
  });

  it('resolves entity references; unknown and other-tenant IDs are null', async () => {
    const q = `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Pod { id name } ... on Sla { id responseTimeHours } ... on Ticket { id pod { id } } ... on Incident { id title } } }`;
    const ticket = (await client.query(`{ tickets(podId: "${DEMO.podId}", first: 1) { nodes { id } } }`)).data.tickets.nodes[0].id;
    const reps = [
      { __typename: 'Pod', id: DEMO.podId }, { __typename: 'Sla', id: DEMO.slaId }, { __typename: 'Ticket', id: ticket },
      { __typename: 'Incident', id: DEMO.incidentId },
      { __typename: 'Pod', id: 'POD-26-999999' }, { __typename: 'Sla', id: 'SLA-26-999999' }, { __typename: 'Ticket', id: 'TKT-26-999999' },
      { __typename: 'Incident', id: 'INC-26-999999' },
      { __typename: 'Pod', id: DEMO.otherPodId }, { __typename: 'Sla', id: DEMO.otherSlaId }, { __typename: 'Ticket', id: 'TKT-26-000202' },
      { __typename: 'Incident', id: 'INC-26-000085' },
    ];
    const res = await client.query(q, { reps });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.slice(0, 4)).toEqual([
      { id: DEMO.podId, name: 'Payments Platform Pod' }, { id: DEMO.slaId, responseTimeHours: 2 },
      { id: ticket, pod: { id: DEMO.podId } }, { id: DEMO.incidentId, title: 'Quality gate breached: 76% against the 80% SLA target' },
    ]);
    expect(res.data._entities.slice(4)).toEqual(Array(8).fill(null));
  });

  it('shows another organization none of the first one\'s rows', async () => {
    const res = await client.query(`{
      pods { nodes { id } } pod8: pod(id: "${DEMO.podId}") { id }
      tickets(podId: "${DEMO.podId}") { totalCount } slaReports(podId: "${DEMO.podId}") { totalCount }
      incidents(first: 100) { nodes { workspace { id } } } incident(id: "${DEMO.incidentId}") { id }
      _entities(representations: [{ __typename: "Workspace", id: "${DEMO.workspaceId}" }, { __typename: "ServiceLine", id: "${DEMO.podServiceLineId}" },
        { __typename: "Organization", id: "${DEMO.organizationId}" }, { __typename: "Sla", id: "${DEMO.slaId}" }]) {
        ... on Workspace { pods { totalCount } incidents { totalCount } }
        ... on ServiceLine { pod { id } incidents { totalCount } }
        ... on Organization { pods { totalCount } } ... on Sla { id } } }`, {}, other);
    expect(ids(res.data.pods)).toEqual([DEMO.otherPodId]);
    expect(res.data.pod8).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(res.data.tickets.totalCount).toBe(0);
    expect(res.data.slaReports.totalCount).toBe(0);
    expect(res.data.incidents.nodes.length).toBeGreaterThan(0);
    expect(res.data.incidents.nodes.every((i: { workspace: { id: string } }) => i.workspace.id === DEMO.otherWorkspaceId)).toBe(true);
    expect(res.data._entities).toEqual([
      { pods: { totalCount: 0 }, incidents: { totalCount: 0 } }, { pod: null, incidents: { totalCount: 0 } }, { pods: { totalCount: 0 } }, null,
    ]);
  });

  it('shows a token narrowed to WS-26-000021 nothing of another workspace', async () => {
    const res = await client.query(`{
      pods { nodes { id } } pod11: pod(id: "POD-26-000011") { id }
      tickets(podId: "POD-26-000011") { totalCount } slaReports(podId: "POD-26-000011") { totalCount }
      incidents(first: 100) { nodes { workspace { id } } } incident(id: "INC-26-000086") { id }
      _entities(representations: [{ __typename: "Workspace", id: "${DEMO.dataWorkspaceId}" }, { __typename: "ServiceLine", id: "LIN-26-087672" },
        { __typename: "Sla", id: "SLA-26-000011" }, { __typename: "Organization", id: "${DEMO.organizationId}" }]) {
        ... on Workspace { pods { totalCount } incidents { totalCount } }
        ... on ServiceLine { pod { id } incidents { totalCount } }
        ... on Sla { id } ... on Organization { pods { nodes { id } } } } }`, {}, principals.apexPayments);
    expect(ids(res.data.pods)).toEqual(['POD-26-000008', 'POD-26-000009', 'POD-26-000010', DEMO.scopingPodId]);
    expect(res.data.pod11).toBeNull();
    expect(res.data.incident).toBeNull();
    expect(res.data.tickets.totalCount).toBe(0);
    expect(res.data.slaReports.totalCount).toBe(0);
    expect(res.data.incidents.nodes.every((i: { workspace: { id: string } }) => i.workspace.id === DEMO.workspaceId)).toBe(true);
    expect(res.data._entities).toEqual([
      { pods: { totalCount: 0 }, incidents: { totalCount: 0 } }, { pod: null, incidents: { totalCount: 0 } }, null,
      { pods: { nodes: [{ id: 'POD-26-000008' }, { id: 'POD-26-000009' }, { id: 'POD-26-000010' }, { id: DEMO.scopingPodId }] } },
    ]);
  });

  it('refuses a request without the principal header with 401', async () => {
    const res = await client.query(`{ pods { totalCount } }`, {}, null);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers bad input with BAD_USER_INPUT naming the argument, unknown IDs with NOT_FOUND', async () => {
    const bad = async (query: string, variables: Record<string, unknown>, argument: string) => {
      const res = await client.query(query, variables);
      expect(res.errors?.[0].extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toContain(argument);
    };
    const pods = `query($first: Int, $last: Int, $after: String) { pods(first: $first, last: $last, after: $after) { totalCount } }`;
    await bad(pods, { first: 0 }, 'first');
    await bad(pods, { first: 101 }, 'first');
    await bad(pods, { first: 2, last: 2 }, 'last');
    await bad(pods, { after: 'not-a-cursor!' }, 'after');
    await bad(pods, { after: encodeCursor(DEMO.incidentId) }, 'after');
    await bad(`query($s: [PodStatus!]) { pods(status: $s) { totalCount } }`, { s: ['BOGUS'] }, '$s');
    await bad(`query($id: ID!) { pod(id: $id) { id } }`, { id: DEMO.taskId }, 'id');
    await bad(`query($id: ID!) { tickets(podId: $id) { totalCount } }`, { id: DEMO.workspaceId }, 'podId');
    await bad(`query($id: ID) { incidents(serviceLineId: $id) { totalCount } }`, { id: DEMO.podId }, 'serviceLineId');
    await bad(`query($p: String) { slaReports(podId: "${DEMO.podId}", period: $p) { totalCount } }`, { p: '2026-13' }, 'period');
    await bad(`query($a: String) { slaReports(podId: "${DEMO.podId}", after: $a) { totalCount } }`, { a: encodeCursor(DEMO.podId) }, 'after');
    await bad(`query($b: String) { pod(id: "${DEMO.podId}") { slaReports(last: 2, before: $b) { totalCount } } }`, { b: encodeCursor('x1') }, 'before');
    await bad(`{ pod(id: "${DEMO.podId}") { tickets(first: 0) { totalCount } } }`, {}, 'first');

    for (const [field, id, type] of [['pod', 'POD-26-999999', 'Pod'], ['ticket', 'TKT-26-999999', 'Ticket'], ['incident', 'INC-26-999999', 'Incident']]) {
      const res = await client.query(`{ ${field}(id: "${id}") { id } }`);
      expect(res.data[field]).toBeNull();
      expect(res.errors?.[0]).toMatchObject({ message: `${type} ${id} not found.`, extensions: { code: 'NOT_FOUND' } });
    }
  });

  it('batches nested lists: the statement count does not grow with page sizes', async () => {
    const screen = (n: number) => `{ pods(first: 10) { nodes { id
      team { talentId } sla { id } latestSlaReport { period incidents { id } }
      tickets(first: ${n}) { totalCount nodes { id pod { id } } } slaReports(first: ${n}) { nodes { period sla { id } } }
      incidents(first: ${n}) { nodes { id pod { id } } } } } }`;
    const small = await ctx.database.statements.measure(() => client.query(screen(2)));
    const large = await ctx.database.statements.measure(() => client.query(screen(20)));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.pods.nodes[0].tickets.nodes.length).toBe(11);
    expect(small.result.data.pods.nodes[0].tickets.nodes.length).toBe(2);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(10);

    const parents = (n: number) => `{ _entities(representations: [
        { __typename: "Workspace", id: "${DEMO.workspaceId}" }, { __typename: "Workspace", id: "${DEMO.dataWorkspaceId}" },
        { __typename: "ServiceLine", id: "${DEMO.podServiceLineId}" }, { __typename: "ServiceLine", id: "LIN-26-085715" }]) {
      ... on Workspace { pods(first: ${n}) { nodes { id } } incidents(first: ${n}) { nodes { id } } }
      ... on ServiceLine { pod { id } incidents(first: ${n}) { nodes { id } } } } }`;
    const a = await ctx.database.statements.measure(() => client.query(parents(2)));
    const b = await ctx.database.statements.measure(() => client.query(parents(20)));
    expect(a.result.errors).toBeUndefined();
    expect(b.statements).toBe(a.statements);
    expect(a.statements).toBe(4);
  });
});
