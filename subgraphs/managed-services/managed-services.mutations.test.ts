import { it, expect, beforeAll, afterAll } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { startSubgraph, type SubgraphClient, type GraphQLResponse } from '../../test/testkit/subgraph.ts';
import { principals, otherTenant } from '../../test/testkit/auth.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { events } from '../../platform/event-log-table.ts';
import { DEMO } from '../../seed/demo.ts';
import { pods, tickets, incidents } from './tables.ts';
import { definition } from './public.ts';

const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
const apiKey: Principal = { organizationId: DEMO.organizationId, workspaceId: null, role: 'member', actorId: 'KEY-26-000001', actorType: 'api_key' };
const HOUR = 3_600_000;

const REQUEST_POD = `mutation($input: RequestPodInput!) { requestPod(input: $input) {
  id name description status deliveryModel teamSize requestedTeamSize requiredCapabilities startDate durationMonths
  sla { id } serviceLine { id } team { talentId } workspace { id } organization { id } projects { id } createdAt } }`;
const SUBMIT = `mutation($input: ServiceRequestInput!) { submitServiceRequest(input: $input) {
  id type title description priority status createdAt slaResponseDueAt respondedAt pod { id } submittedBy { id } } }`;
const RAISE = `mutation($input: RaiseIncidentInput!) { raiseIncident(input: $input) {
  id title description type severity status openedAt pod { id } serviceLine { id } workspace { id } raisedBy { id } } }`;

/** The docs' POST /v1/managed-services/pods body. */
const DOCS_POD = {
  workspaceId: DEMO.workspaceId, subscriptionId: DEMO.subscriptionId, projectTags: [DEMO.projectId], name: 'Payments Platform Pod',
  deliveryModel: 'MANAGED_DELIVERY', requestedTeamSize: 5, requiredCapabilities: ['backend_engineering', 'qa', 'technical_pm'],
  startDate: '2026-06-01', durationMonths: 12, description: 'End-to-end managed delivery for the payments platform rebuild.',
};

/** The docs' POST /v1/managed-services/requests body. */
const DOCS_REQUEST = {
  podId: DEMO.podId, type: 'PRIORITY_ITEM', title: 'Expedite payment webhook reliability fix',
  description: 'Production webhooks are failing at 2% rate. Need this triaged and resolved this sprint.', priority: 'HIGH', submittedBy: DEMO.adminUserId,
};

describeEngines('managed-services mutations', (ctx) => {
  let client: SubgraphClient;
  beforeAll(async () => {
    client = await startSubgraph(definition, ctx.database, principals.apexAdmin);
  });
  afterAll(() => client?.close());

  const counts = async () => (await ctx.database.rows(sql`select
    (select count(*)::int from managed_services.pods) as pods, (select count(*)::int from managed_services.pod_members) as members,
    (select count(*)::int from managed_services.slas) as slas, (select count(*)::int from managed_services.sla_reports) as reports,
    (select count(*)::int from managed_services.tickets) as tickets, (select count(*)::int from managed_services.incidents) as incidents,
    (select count(*)::int from events.events) as events`))[0];
  const eventsOf = (subjectId: string) => ctx.database.db.select().from(events).where(eq(events.subjectId, subjectId));

  /** Runs a mutation that must fail with `code` (naming `field`, when given) and write nothing. */
  async function refused(query: string, input: Record<string, unknown>, code: string, field?: string, principal?: Principal): Promise<GraphQLResponse> {
    const before = await counts();
    const res = await client.query(query, { input }, principal);
    expect(res.errors?.[0].extensions?.code, JSON.stringify(input)).toBe(code);
    if (field) expect(res.errors?.[0].extensions?.argument).toBe(field);
    expect(res.data ?? null).toBeNull();
    expect(await counts()).toEqual(before);
    return res;
  }

  it('requests a pod in scoping and appends pod.requested with it', async () => {
    const res = await client.query(REQUEST_POD, { input: DOCS_POD });
    expect(res.errors).toBeUndefined();
    const pod = res.data.requestPod;
    expect(pod.id).toMatch(/^POD-\d{2}-\d{6}$/);
    expect(pod).toMatchObject({
      name: 'Payments Platform Pod', status: 'SCOPING', deliveryModel: 'MANAGED_DELIVERY', teamSize: 0, requestedTeamSize: 5,
      requiredCapabilities: ['backend_engineering', 'qa', 'technical_pm'], startDate: '2026-06-01', durationMonths: 12,
      sla: null, serviceLine: null, team: [], workspace: { id: DEMO.workspaceId }, organization: { id: DEMO.organizationId },
      projects: [{ id: DEMO.projectId }], description: DOCS_POD.description,
    });
    const [row] = await ctx.database.db.select().from(pods).where(eq(pods.id, pod.id));
    expect(row).toMatchObject({ subscriptionId: DEMO.subscriptionId, serviceLineId: null, slaId: null, requestedBy: DEMO.adminUserId, currency: 'USD' });
    const [event] = await eventsOf(pod.id);
    expect(event).toMatchObject({
      type: 'pod.requested', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorType: 'user', actorId: DEMO.adminUserId,
      subjectType: 'pod', payload: { name: 'Payments Platform Pod', status: 'scoping', delivery_model: 'managed_delivery', requested_team_size: 5, subscription_id: DEMO.subscriptionId, project_tags: [DEMO.projectId] },
    });
    expect(event.createdAt.getTime()).toBe(row.createdAt.getTime());
  });

  it('defaults the workspace to the narrowed token\'s, and otherwise requires it', async () => {
    const { workspaceId: _ws, ...input } = DOCS_POD;
    const res = await client.query(REQUEST_POD, { input: { ...input, name: 'Narrowed Pod' } }, principals.apexPayments);
    expect(res.data.requestPod.workspace).toEqual({ id: DEMO.workspaceId });
    await refused(REQUEST_POD, input, 'UNPROCESSABLE', 'workspaceId');
  });

  it('refuses invalid pod requests and writes nothing', async () => {
    await refused(REQUEST_POD, { ...DOCS_POD, workspaceId: DEMO.dataWorkspaceId }, 'UNPROCESSABLE', 'workspaceId', principals.apexPayments);
    await refused(REQUEST_POD, { ...DOCS_POD, workspaceId: DEMO.otherWorkspaceId }, 'UNPROCESSABLE', 'workspaceId');
    await refused(REQUEST_POD, { ...DOCS_POD, workspaceId: DEMO.podId }, 'BAD_USER_INPUT', 'workspaceId');
    await refused(REQUEST_POD, { ...DOCS_POD, subscriptionId: DEMO.otherSubscriptionId }, 'UNPROCESSABLE', 'subscriptionId');
    await refused(REQUEST_POD, { ...DOCS_POD, projectTags: [DEMO.projectId, DEMO.otherProjectId] }, 'UNPROCESSABLE', 'projectTags');
    await refused(REQUEST_POD, { ...DOCS_POD, projectTags: [DEMO.podId] }, 'BAD_USER_INPUT', 'projectTags');
    await refused(REQUEST_POD, { ...DOCS_POD, name: '   ' }, 'UNPROCESSABLE', 'name');
    await refused(REQUEST_POD, { ...DOCS_POD, requestedTeamSize: 0 }, 'UNPROCESSABLE', 'requestedTeamSize');
    await refused(REQUEST_POD, { ...DOCS_POD, requestedTeamSize: 51 }, 'UNPROCESSABLE', 'requestedTeamSize');
    await refused(REQUEST_POD, { ...DOCS_POD, durationMonths: 0 }, 'UNPROCESSABLE', 'durationMonths');
    await refused(REQUEST_POD, { ...DOCS_POD, durationMonths: 61 }, 'UNPROCESSABLE', 'durationMonths');
    await refused(REQUEST_POD, { ...DOCS_POD, deliveryModel: 'OUTSOURCED' }, 'BAD_USER_INPUT');
    await refused(REQUEST_POD, DOCS_POD, 'FORBIDDEN', undefined, principals.apexViewer);
  });

  it('submits a ticket whose response deadline follows the pod\'s response time', async () => {
    const res = await client.query(SUBMIT, { input: DOCS_REQUEST });
    expect(res.errors).toBeUndefined();
    const ticket = res.data.submitServiceRequest;
    expect(ticket).toMatchObject({
      type: 'PRIORITY_ITEM', title: DOCS_REQUEST.title, description: DOCS_REQUEST.description, priority: 'HIGH', status: 'OPEN',
      respondedAt: null, pod: { id: DEMO.podId }, submittedBy: { id: DEMO.adminUserId },
    });
    // POD-26-000008 answers within 2 hours.
    expect(Date.parse(ticket.slaResponseDueAt) - Date.parse(ticket.createdAt)).toBe(2 * HOUR);
    const [row] = await ctx.database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row).toMatchObject({ organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, podId: DEMO.podId });
    expect(row.slaResponseDueAt.getTime() - row.createdAt.getTime()).toBe(2 * HOUR);
    const [event] = await eventsOf(ticket.id);
    expect(event).toMatchObject({
      type: 'ticket.created', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorId: DEMO.adminUserId, subjectType: 'ticket',
      payload: { pod_id: DEMO.podId, priority: 'high', type: 'priority_item', sla_response_due_at: ticket.slaResponseDueAt, submitted_by: DEMO.adminUserId },
    });
    expect(event.createdAt.getTime()).toBe(row.createdAt.getTime());

    const listed = await client.query(`{ pod(id: "${DEMO.podId}") { tickets(status: [OPEN]) { nodes { id } } } }`);
    expect(listed.data.pod.tickets.nodes).toContainEqual({ id: ticket.id });
  });

  it('defaults priority to medium and the submitter to the calling user', async () => {
    const input = { podId: 'POD-26-000009', type: 'SUPPORT_REQUEST', title: 'Grant staging access' };
    const byMember = (await client.query(SUBMIT, { input }, principals.apexMember)).data.submitServiceRequest;
    expect(byMember).toMatchObject({ priority: 'MEDIUM', submittedBy: { id: DEMO.memberUserId } });
    expect(Date.parse(byMember.slaResponseDueAt) - Date.parse(byMember.createdAt)).toBe(4 * HOUR);
    const byKey = await client.query(SUBMIT, { input }, apiKey);
    expect(byKey.data.submitServiceRequest.submittedBy).toBeNull();
    expect((await eventsOf(byKey.data.submitServiceRequest.id))[0]).toMatchObject({ actorType: 'api_key', actorId: apiKey.actorId });
  });

  it('refuses service requests to pods that cannot take them, and bad input', async () => {
    const res = await refused(SUBMIT, { ...DOCS_REQUEST, podId: 'POD-26-999999' }, 'NOT_FOUND');
    expect(res.errors?.[0].message).toBe('Pod POD-26-999999 not found.');
    await refused(SUBMIT, { ...DOCS_REQUEST, podId: DEMO.otherPodId }, 'NOT_FOUND');
    await refused(SUBMIT, { ...DOCS_REQUEST, podId: 'POD-26-000011' }, 'NOT_FOUND', undefined, principals.apexPayments);
    await refused(SUBMIT, { ...DOCS_REQUEST, podId: DEMO.scopingPodId }, 'CONFLICT');
    for (const status of ['completed', 'cancelled'] as const) {
      await ctx.database.db.update(pods).set({ status }).where(eq(pods.id, 'POD-26-000009'));
      const r = await refused(SUBMIT, { ...DOCS_REQUEST, podId: 'POD-26-000009' }, 'CONFLICT');
      expect(r.errors?.[0].message).toContain(status);
    }
    await ctx.database.db.update(pods).set({ status: 'active' }).where(eq(pods.id, 'POD-26-000009'));
    await refused(SUBMIT, { ...DOCS_REQUEST, submittedBy: DEMO.otherAdminUserId }, 'UNPROCESSABLE', 'submittedBy');
    await refused(SUBMIT, { ...DOCS_REQUEST, submittedBy: 'USR-26-999999' }, 'UNPROCESSABLE', 'submittedBy');
    await refused(SUBMIT, { ...DOCS_REQUEST, submittedBy: DEMO.agentId }, 'BAD_USER_INPUT', 'submittedBy');
    await refused(SUBMIT, { ...DOCS_REQUEST, podId: DEMO.serviceLineId }, 'BAD_USER_INPUT', 'podId');
    await refused(SUBMIT, { ...DOCS_REQUEST, title: '' }, 'UNPROCESSABLE', 'title');
    await refused(SUBMIT, { ...DOCS_REQUEST, priority: 'URGENT' }, 'BAD_USER_INPUT');
    await refused(SUBMIT, DOCS_REQUEST, 'FORBIDDEN', undefined, principals.apexViewer);
  });

  it('raises an incident on the pod\'s workspace and line and appends incident.opened', async () => {
    const input = { podId: DEMO.podId, title: 'Throughput below target two sprints running', description: 'Sprints 14 and 15 closed 15 tasks.', severity: 'HIGH', type: 'DELIVERY_FAILURE' };
    const res = await client.query(RAISE, { input });
    expect(res.errors).toBeUndefined();
    const incident = res.data.raiseIncident;
    expect(incident).toMatchObject({
      title: input.title, description: input.description, type: 'DELIVERY_FAILURE', severity: 'HIGH', status: 'OPEN',
      pod: { id: DEMO.podId }, serviceLine: { id: DEMO.podServiceLineId }, workspace: { id: DEMO.workspaceId }, raisedBy: { id: DEMO.adminUserId },
    });
    const [row] = await ctx.database.db.select().from(incidents).where(eq(incidents.id, incident.id));
    expect(row).toMatchObject({ organizationId: DEMO.organizationId, resolvedAt: null });
    const [event] = await eventsOf(incident.id);
    expect(event).toMatchObject({
      type: 'incident.opened', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, actorId: DEMO.adminUserId, subjectType: 'incident',
      payload: { pod_id: DEMO.podId, service_line_id: DEMO.podServiceLineId, severity: 'high', type: 'delivery_failure' },
    });
    expect(event.createdAt.getTime()).toBe(row.openedAt.getTime());

    const open = await client.query(`{ incidents(serviceLineId: "${DEMO.podServiceLineId}", status: [OPEN]) { nodes { id } } }`);
    expect(open.data.incidents.nodes).toEqual([{ id: DEMO.incidentId }, { id: incident.id }]);
  });

  it('defaults severity and type, and raises on a pod still being scoped', async () => {
    const res = await client.query(RAISE, { input: { podId: DEMO.scopingPodId, title: 'Scoping stalled' } }, apiKey);
    expect(res.data.raiseIncident).toMatchObject({ severity: 'MEDIUM', type: 'SLA_BREACH', serviceLine: null, raisedBy: null, pod: { id: DEMO.scopingPodId } });
  });

  it('refuses invalid incidents and writes nothing', async () => {
    const input = { podId: DEMO.podId, title: 'Quality slipping' };
    const res = await refused(RAISE, { ...input, podId: DEMO.otherPodId }, 'NOT_FOUND', undefined);
    expect(res.errors?.[0].message).toBe(`Pod ${DEMO.otherPodId} not found.`);
    await refused(RAISE, { ...input, podId: DEMO.podId }, 'NOT_FOUND', undefined, other);
    await refused(RAISE, { ...input, podId: 'POD-26-000011' }, 'NOT_FOUND', undefined, principals.apexPayments);
    await refused(RAISE, { ...input, podId: DEMO.incidentId }, 'BAD_USER_INPUT', 'podId');
    await refused(RAISE, { ...input, title: ' ' }, 'UNPROCESSABLE', 'title');
    await refused(RAISE, { ...input, severity: 'SEVERE' }, 'BAD_USER_INPUT');
    await refused(RAISE, input, 'FORBIDDEN', undefined, principals.apexViewer);
  });
});
