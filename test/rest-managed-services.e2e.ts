import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant, bearer } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';
import { encodeCursor } from '../platform/cursor.ts';
import { restClient, expectRestError } from './testkit/rest.ts';

// The docs' examples (managed-services.txt), verbatim.
const DOCS_POD_ITEM = {
  id: 'POD-26-000008',
  organization_id: 'ORG-26-090500',
  workspace_id: 'WS-26-000021',
  service_line_id: 'LIN-26-088401',
  name: 'Payments Platform Pod',
  status: 'active',
  team_size: 5,
  delivery_model: 'managed_delivery',
  sla_id: 'SLA-26-000008',
  started_at: '2025-09-01T00:00:00Z',
  renews_at: '2026-09-01T00:00:00Z',
  cost_per_month: 38000.0,
  currency: 'USD',
};
const DOCS_POD_DETAIL = {
  id: 'POD-26-000008',
  service_line_id: 'LIN-26-088401',
  name: 'Payments Platform Pod',
  status: 'active',
  team_size: 5,
  team: [
    { talent_id: 'SCR-128491', role: 'senior_backend_engineer' },
    { talent_id: 'SCR-129102', role: 'backend_engineer' },
    { talent_id: 'SCR-130011', role: 'qa_engineer' },
    { talent_id: 'SCR-130988', role: 'frontend_engineer' },
    { talent_id: 'SCR-131200', role: 'technical_pm' },
  ],
  sla: { id: 'SLA-26-000008', throughput_tasks_per_sprint: 18, response_time_hours: 2, availability_hours_per_week: 200, current_compliance: 97.2 },
  cost_per_month: 38000.0,
  currency: 'USD',
  started_at: '2025-09-01T00:00:00Z',
  renews_at: '2026-09-01T00:00:00Z',
};
const DOCS_POD_REQUEST = {
  organization_id: 'ORG-26-090500',
  workspace_id: 'WS-26-000021',
  subscription_id: 'SUB-26-001122',
  project_tags: ['PROJ-26-004281'],
  name: 'Payments Platform Pod',
  delivery_model: 'managed_delivery',
  requested_team_size: 5,
  required_capabilities: ['backend_engineering', 'qa', 'technical_pm'],
  start_date: '2026-06-01',
  duration_months: 12,
  description: 'End-to-end managed delivery for the payments platform rebuild.',
};
const DOCS_SERVICE_REQUEST = {
  pod_id: 'POD-26-000008',
  type: 'priority_item',
  title: 'Expedite payment webhook reliability fix',
  description: 'Production webhooks are failing at 2% rate. Need this triaged and resolved this sprint.',
  priority: 'high',
  submitted_by: 'USR-26-000044',
};
const DOCS_SLA_REPORT = {
  data: {
    pod_id: 'POD-26-000008',
    sla_id: 'SLA-26-000008',
    period: '2026-04',
    compliance_percent: 97.2,
    metrics: [
      { metric: 'throughput', target: 18, actual: 19, status: 'met' },
      { metric: 'response_time_hours', target: 2, actual: 1.8, status: 'met' },
      { metric: 'availability_hours', target: 200, actual: 198, status: 'met' },
      { metric: 'quality_gate', target: 80, actual: 76, status: 'breached' },
    ],
    incidents: ['INC-26-000091'],
  },
};
const TICKET_KEYS = ['created_at', 'description', 'id', 'pod_id', 'priority', 'resolved_at', 'responded_at', 'sla_response_due_at', 'status', 'submitted_by', 'title', 'type'];
const INCIDENT_KEYS = ['description', 'id', 'opened_at', 'pod_id', 'raised_by', 'resolved_at', 'service_line_id', 'severity', 'status', 'title', 'type', 'workspace_id'];

/** The Managed Services and Incidents routes of the /v1 shim, against the docs' examples, over HTTP. */
describeEngines('REST /v1 managed services and incidents', (ctx) => {
  let sys: TestSystem;
  const other = () => otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys.close());

  const { call, get, post } = restClient(() => sys.url);
  const expectError = expectRestError;

  const counts = async () =>
    (await ctx.database.rows<{ pods: number; tickets: number; incidents: number; events: number }>(sql`select
      (select count(*)::int from managed_services.pods) as pods,
      (select count(*)::int from managed_services.tickets) as tickets,
      (select count(*)::int from managed_services.incidents) as incidents,
      (select count(*)::int from events.events) as events`))[0];

  it("lists an organization's active pods as the docs' example does", async () => {
    const { status, body } = await get(`/v1/managed-services/pods?organization_id=${DEMO.organizationId}&status=active`);
    expect(status).toBe(200);
    expect(body.data).toContainEqual(DOCS_POD_ITEM);
    for (const pod of body.data) {
      expect(Object.keys(pod).sort()).toEqual(Object.keys(DOCS_POD_ITEM).sort());
      expect(pod).toMatchObject({ status: 'active', organization_id: DEMO.organizationId });
    }
    expect(body.meta).toEqual({ cursor: null, has_more: false });

    const inWorkspace = await get(`/v1/managed-services/pods?workspace_id=${DEMO.dataWorkspaceId}`);
    expect(inWorkspace.body.data.length).toBeGreaterThan(0);
    for (const pod of inWorkspace.body.data) expect(pod.workspace_id).toBe(DEMO.dataWorkspaceId);
    const scoping = await get('/v1/managed-services/pods?status=scoping,paused');
    expect(scoping.body.data.map((p: any) => p.id)).toContain(DEMO.scopingPodId);
    for (const pod of scoping.body.data) expect(['scoping', 'paused']).toContain(pod.status);
  });

  it('pages pods with meta.cursor, every pod once', async () => {
    const all = (await get('/v1/managed-services/pods?limit=100')).body.data.map((p: any) => p.id);
    expect(all.length).toBeGreaterThan(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: any } = await get(`/v1/managed-services/pods?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((p: any) => p.id));
      if (page.body.meta.has_more) expect(page.body.meta.cursor).toBe(encodeCursor(page.body.data.at(-1).id));
      cursor = page.body.meta.cursor;
    } while (cursor && seen.length <= all.length);
    expect(seen).toEqual(all);
  });

  it("answers the docs' pod detail exactly, and a scoping pod without team or SLA", async () => {
    expect(await get(`/v1/managed-services/pods/${DEMO.podId}`)).toEqual({ status: 200, body: { data: DOCS_POD_DETAIL } });
    const scoping = await get(`/v1/managed-services/pods/${DEMO.scopingPodId}`);
    expect(scoping.status).toBe(200);
    expect(Object.keys(scoping.body.data).sort()).toEqual(Object.keys(DOCS_POD_DETAIL).sort());
    expect(scoping.body.data).toMatchObject({ status: 'scoping', service_line_id: null, team: [], sla: null });
  });

  it("answers the docs' SLA report for 2026-04 exactly, and the latest one without a period", async () => {
    expect(await get(`/v1/managed-services/slas?pod_id=${DEMO.podId}&period=2026-04`)).toEqual({ status: 200, body: DOCS_SLA_REPORT });
    const latest = await get(`/v1/managed-services/slas?pod_id=${DEMO.podId}`);
    expect(latest).toEqual({ status: 200, body: DOCS_SLA_REPORT });
    const march = await get(`/v1/managed-services/slas?pod_id=${DEMO.podId}&period=2026-03`);
    expect(march.status).toBe(200);
    expect(march.body.data).toMatchObject({ pod_id: DEMO.podId, sla_id: DEMO.slaId, period: '2026-03' });
    await expectError(get(`/v1/managed-services/slas?pod_id=${DEMO.podId}&period=2019-01`), 404, 'not_found', /no SLA report.*latest is 2026-04/);
    await expectError(get(`/v1/managed-services/slas?pod_id=${DEMO.scopingPodId}`), 404, 'not_found', /no SLA report yet/);
  });

  it("lists the open incidents of the docs' pod line (Monthly SLA review)", async () => {
    const { status, body } = await get(`/v1/incidents?service_line_id=${DEMO.podServiceLineId}&status=open`);
    expect(status).toBe(200);
    expect(body.data.map((i: any) => i.id)).toContain(DEMO.incidentId);
    for (const incident of body.data) {
      expect(Object.keys(incident).sort()).toEqual(INCIDENT_KEYS);
      expect(incident).toMatchObject({ service_line_id: DEMO.podServiceLineId, status: 'open', pod_id: DEMO.podId });
    }
    const inc = body.data.find((i: any) => i.id === DEMO.incidentId);
    expect(inc).toMatchObject({ workspace_id: DEMO.workspaceId, severity: 'medium', resolved_at: null });
    const bySeverity = await get(`/v1/incidents?workspace_id=${DEMO.workspaceId}&severity=medium,high&limit=100`);
    expect(bySeverity.body.data.map((i: any) => i.id)).toContain(DEMO.incidentId);
    for (const incident of bySeverity.body.data) expect(['medium', 'high']).toContain(incident.severity);
    const ofPod = await get(`/v1/incidents?pod_id=${DEMO.podId}`);
    for (const incident of ofPod.body.data) expect(incident.pod_id).toBe(DEMO.podId);
  });

  it("requests a pod with the docs' body: 201, in scoping, and visible afterwards", async () => {
    const { status, body } = await post('/v1/managed-services/pods', DOCS_POD_REQUEST);
    expect(status).toBe(201);
    expect(Object.keys(body.data).sort()).toEqual(Object.keys(DOCS_POD_ITEM).sort());
    expect(body.data).toMatchObject({
      id: expect.stringMatching(/^POD-26-\d{6}$/),
      organization_id: DEMO.organizationId,
      workspace_id: DEMO.workspaceId,
      name: 'Payments Platform Pod',
      status: 'scoping',
      delivery_model: 'managed_delivery',
      service_line_id: null,
      sla_id: null,
    });
    const again = await get(`/v1/managed-services/pods/${body.data.id}`);
    expect(again.body.data).toMatchObject({ id: body.data.id, status: 'scoping', team: [], sla: null });
    const [row] = await ctx.database.rows<any>(sql`select requested_team_size, required_capabilities, project_tags, subscription_id, start_date::text as start_date, duration_months
      from managed_services.pods where id = ${body.data.id}`);
    expect(row).toMatchObject({
      requested_team_size: 5, required_capabilities: ['backend_engineering', 'qa', 'technical_pm'], project_tags: [DEMO.projectId],
      subscription_id: DEMO.subscriptionId, start_date: '2026-06-01', duration_months: 12,
    });
  });

  it("submits the docs' service request: a ticket due within the pod's 2-hour response time", async () => {
    const { status, body } = await post('/v1/managed-services/requests', DOCS_SERVICE_REQUEST);
    expect(status).toBe(201);
    expect(Object.keys(body.data).sort()).toEqual(TICKET_KEYS);
    expect(body.data).toMatchObject({
      id: expect.stringMatching(/^TKT-26-\d{6}$/),
      pod_id: DEMO.podId,
      type: 'priority_item',
      title: DOCS_SERVICE_REQUEST.title,
      description: DOCS_SERVICE_REQUEST.description,
      priority: 'high',
      status: 'open',
      submitted_by: DEMO.adminUserId,
      responded_at: null,
    });
    expect(Date.parse(body.data.sla_response_due_at) - Date.parse(body.data.created_at)).toBe(2 * 3600_000);

    const tickets = await get(`/v1/managed-services/tickets?pod_id=${DEMO.podId}&status=open&priority=high&limit=100`);
    expect(tickets.status).toBe(200);
    expect(tickets.body.data).toContainEqual(body.data);
    for (const t of tickets.body.data) expect(t).toMatchObject({ pod_id: DEMO.podId, status: 'open', priority: 'high' });
  });

  it('lists tickets page by page', async () => {
    const all = (await get(`/v1/managed-services/tickets?pod_id=${DEMO.podId}&limit=100`)).body.data.map((t: any) => t.id);
    expect(all.length).toBeGreaterThan(3);
    const first = await get(`/v1/managed-services/tickets?pod_id=${DEMO.podId}&limit=3`);
    expect(first.body.meta).toEqual({ cursor: encodeCursor(all[2]), has_more: true });
    const second = await get(`/v1/managed-services/tickets?pod_id=${DEMO.podId}&limit=3&cursor=${first.body.meta.cursor}`);
    expect(second.body.data.map((t: any) => t.id)).toEqual(all.slice(3, 6));
  });

  it('raises an incident against a pod: 201, listed with the open ones of its line', async () => {
    const { status, body } = await post('/v1/managed-services/incidents', {
      pod_id: DEMO.podId, title: 'Throughput below 18 tasks for two sprints', severity: 'high', type: 'sla_breach', description: 'Sprint 14 and 15 closed 15 and 16 tasks.',
    });
    expect(status).toBe(201);
    expect(Object.keys(body.data).sort()).toEqual(INCIDENT_KEYS);
    expect(body.data).toMatchObject({
      id: expect.stringMatching(/^INC-26-\d{6}$/), pod_id: DEMO.podId, service_line_id: DEMO.podServiceLineId, workspace_id: DEMO.workspaceId,
      severity: 'high', type: 'sla_breach', status: 'open', raised_by: DEMO.adminUserId, resolved_at: null,
    });
    const open = await get(`/v1/incidents?service_line_id=${DEMO.podServiceLineId}&status=open&severity=high`);
    expect(open.body.data).toContainEqual(body.data);
  });

  it('refuses bad parameters with 400 naming the parameter', async () => {
    for (const limit of ['0', '101', 'ten']) await expectError(get(`/v1/managed-services/pods?limit=${limit}`), 400, 'bad_request', /limit/);
    await expectError(get('/v1/managed-services/pods?cursor=bogus'), 400, 'bad_request', /cursor/);
    await expectError(get(`/v1/managed-services/pods?cursor=${encodeCursor(DEMO.workspaceId)}`), 400, 'bad_request', /cursor/);
    await expectError(get('/v1/managed-services/pods?status=live'), 400, 'bad_request', /status.*live/);
    await expectError(get('/v1/managed-services/pods?organization_id=WS-26-000021'), 400, 'bad_request', /organization_id/);
    await expectError(get('/v1/managed-services/tickets'), 400, 'bad_request', /pod_id/);
    await expectError(get(`/v1/managed-services/tickets?pod_id=${DEMO.podId}&status=pending`), 400, 'bad_request', /status/);
    await expectError(get(`/v1/managed-services/tickets?pod_id=${DEMO.podId}&limit=500`), 400, 'bad_request', /limit/);
    await expectError(get('/v1/managed-services/slas'), 400, 'bad_request', /pod_id/);
    await expectError(get(`/v1/managed-services/slas?pod_id=${DEMO.podId}&period=2026-4`), 400, 'bad_request', /period/);
    await expectError(get(`/v1/managed-services/slas?pod_id=${DEMO.podId}&period=2026-13`), 400, 'bad_request', /period/);
    await expectError(get('/v1/incidents?severity=urgent'), 400, 'bad_request', /severity/);
    await expectError(get('/v1/incidents?service_line_id=POD-26-000008'), 400, 'bad_request', /service_line_id/);
    await expectError(get('/v1/incidents?cursor=xyz'), 400, 'bad_request', /cursor/);
  });

  it('refuses every route without a token', async () => {
    for (const path of ['/v1/managed-services/pods', `/v1/managed-services/pods/${DEMO.podId}`, `/v1/managed-services/tickets?pod_id=${DEMO.podId}`,
      `/v1/managed-services/slas?pod_id=${DEMO.podId}`, '/v1/incidents']) {
      await expectError(get(path, null), 401, 'unauthorized');
    }
    await expectError(post('/v1/managed-services/pods', DOCS_POD_REQUEST, null), 401, 'unauthorized');
    await expectError(post('/v1/managed-services/requests', DOCS_SERVICE_REQUEST, null), 401, 'unauthorized');
    await expectError(post('/v1/managed-services/incidents', { pod_id: DEMO.podId, title: 'x' }, null), 401, 'unauthorized');
  });

  it("answers 404 for an unknown pod and for another tenant's, whichever way it is named", async () => {
    await expectError(get('/v1/managed-services/pods/POD-26-999999'), 404, 'not_found', 'Pod POD-26-999999 not found.');
    await expectError(get(`/v1/managed-services/pods/${DEMO.otherPodId}`), 404, 'not_found', `Pod ${DEMO.otherPodId} not found.`);
    await expectError(get(`/v1/managed-services/tickets?pod_id=${DEMO.otherPodId}`), 404, 'not_found', `Pod ${DEMO.otherPodId} not found.`);
    await expectError(get(`/v1/managed-services/slas?pod_id=${DEMO.otherPodId}&period=2026-04`), 404, 'not_found', `Pod ${DEMO.otherPodId} not found.`);
    await expectError(post('/v1/managed-services/requests', { ...DOCS_SERVICE_REQUEST, pod_id: DEMO.otherPodId, submitted_by: undefined }), 404, 'not_found');
    await expectError(post('/v1/managed-services/incidents', { pod_id: DEMO.otherPodId, title: 'x' }), 404, 'not_found');
    // The other tenant sees none of ours, and lists of another organization or its lines are empty.
    await expectError(get(`/v1/managed-services/pods/${DEMO.podId}`, other()), 404, 'not_found');
    expect((await get(`/v1/managed-services/slas?pod_id=${DEMO.podId}`, other())).status).toBe(404);
    expect(await get(`/v1/managed-services/pods?organization_id=${DEMO.otherOrganizationId}`)).toEqual({ status: 200, body: { data: [], meta: { cursor: null, has_more: false } } });
    expect((await get(`/v1/incidents?service_line_id=${DEMO.otherPodServiceLineId}`)).body.data).toEqual([]);
    const theirs = await get('/v1/managed-services/pods?limit=100', other());
    expect(theirs.body.data.map((p: any) => p.id)).toContain(DEMO.otherPodId);
    for (const pod of theirs.body.data) expect(pod.organization_id).toBe(DEMO.otherOrganizationId);
  });

  it('refuses writes by a viewer with 403, and a failed write changes nothing', async () => {
    const before = await counts();
    await expectError(post('/v1/managed-services/pods', DOCS_POD_REQUEST, principals.apexViewer), 403, 'forbidden');
    await expectError(post('/v1/managed-services/requests', DOCS_SERVICE_REQUEST, principals.apexViewer), 403, 'forbidden');
    await expectError(post('/v1/managed-services/incidents', { pod_id: DEMO.podId, title: 'x' }, principals.apexViewer), 403, 'forbidden');
    expect(await counts()).toEqual(before);
  });

  it('refuses bodies with 422 naming the REST field, and malformed JSON with 400; nothing is written', async () => {
    const before = await counts();
    const pods = (body: unknown) => post('/v1/managed-services/pods', body);
    await expectError(pods({ ...DOCS_POD_REQUEST, name: undefined }), 422, 'unprocessable', /^name is required/);
    await expectError(pods({ ...DOCS_POD_REQUEST, delivery_model: 'outsourced' }), 422, 'unprocessable', /^delivery_model must be one of/);
    await expectError(pods({ ...DOCS_POD_REQUEST, requested_team_size: '5' }), 422, 'unprocessable', /^requested_team_size must be an integer/);
    // The graph's own rules, its messages renamed to the REST fields.
    await expectError(pods({ ...DOCS_POD_REQUEST, requested_team_size: 0 }), 422, 'unprocessable', /requested_team_size/);
    await expectError(pods({ ...DOCS_POD_REQUEST, workspace_id: DEMO.otherWorkspaceId }), 422, 'unprocessable', /^workspace_id: Workspace WS-26-000090 not found/);
    await expectError(pods({ ...DOCS_POD_REQUEST, organization_id: DEMO.otherOrganizationId }), 422, 'unprocessable', /^organization_id: Organization ORG-26-090777 not found/);
    await expectError(pods({ ...DOCS_POD_REQUEST, project_tags: ['LIN-26-084729'] }), 422, 'unprocessable', /^project_tags\[0\]/);
    await expectError(pods({ ...DOCS_POD_REQUEST, start_date: '2026-02-30' }), 422, 'unprocessable', /^start_date/);
    await expectError(pods({ ...DOCS_POD_REQUEST, podSize: 3 }), 422, 'unprocessable', /podSize/);
    await expectError(pods('{"name": "Payments'), 400, 'bad_request', /not valid JSON/);
    await expectError(pods('[1,2]'), 400, 'bad_request', /JSON object/);

    const requests = (body: unknown) => post('/v1/managed-services/requests', body);
    await expectError(requests({ ...DOCS_SERVICE_REQUEST, pod_id: undefined }), 422, 'unprocessable', /^pod_id is required/);
    await expectError(requests({ ...DOCS_SERVICE_REQUEST, pod_id: DEMO.podServiceLineId }), 422, 'unprocessable', /^pod_id must be a Pod ID/);
    await expectError(requests({ ...DOCS_SERVICE_REQUEST, type: 'wish' }), 422, 'unprocessable', /^type must be one of/);
    await expectError(requests({ ...DOCS_SERVICE_REQUEST, submitted_by: DEMO.otherAdminUserId }), 422, 'unprocessable', /^submitted_by: User/);
    await expectError(requests({ ...DOCS_SERVICE_REQUEST, pod_id: DEMO.scopingPodId }), 409, 'conflict', /scoped/);
    await expectError(requests('not json'), 400, 'bad_request');

    const incidents = (body: unknown) => post('/v1/managed-services/incidents', body);
    await expectError(incidents({ pod_id: DEMO.podId }), 422, 'unprocessable', /^title is required/);
    await expectError(incidents({ pod_id: DEMO.podId, title: 'x', severity: 'sev1' }), 422, 'unprocessable', /^severity must be one of/);
    await expectError(incidents({ pod_id: DEMO.podId, title: 'x', type: 'SLA_BREACH' }), 422, 'unprocessable', /^type must be one of/);
    await expectError(incidents({ pod_id: 42, title: 'x' }), 422, 'unprocessable', /^pod_id/);
    await expectError(incidents('{'), 400, 'bad_request');

    expect(await counts()).toEqual(before);
  });
});
