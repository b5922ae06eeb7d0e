import { it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant } from './testkit/auth.ts';
import { restClient, expectRestError, measureRest } from './testkit/rest.ts';
import { encodeCursor } from '../platform/cursor.ts';
import { DEMO } from '../seed/demo.ts';

/**
 * Service Line health over HTTP: the docs' request as written, the documented assessment of the
 * docs' pod line at the demo's now, a workspace's lines as a list, the graph's fields and roll-up,
 * refusals, tenancy, and the statements a workspace's health costs.
 */
const AT = '2026-04-15T09:45:00Z';
const LINE = DEMO.podServiceLineId;

/** LIN-26-088401 at the demo's now: the story seed/demo tells (an incident, a late ticket, a breached SLA metric, stale work, a failing integration). */
const EXPECTED_SIGNALS = [
  {
    rule: 'incidents', level: 'warning', penalty: 8,
    summary: '1 incident open (1 medium); the oldest, INC-26-000091, for 0.3 hours.',
    evidence: { open: 1, by_severity: { critical: 0, high: 0, medium: 1, low: 0 }, oldest_id: 'INC-26-000091', oldest_opened_at: '2026-04-15T09:30:00Z', oldest_open_hours: 0.3 },
    links: [{ type: 'incident', id: 'INC-26-000091', href: `/v1/incidents?service_line_id=${LINE}` }],
  },
  {
    rule: 'tickets', level: 'warning', penalty: 8,
    summary: `1 ticket past its SLA response deadline without an answer; the longest, ${DEMO.overdueTicketId}, by 1.6 hours.`,
    evidence: { overdue: 1, oldest_id: DEMO.overdueTicketId, oldest_due_at: '2026-04-15T08:10:00Z', oldest_overdue_hours: 1.6 },
    links: [{ type: 'ticket', id: DEMO.overdueTicketId, href: `/v1/managed-services/tickets?pod_id=${DEMO.podId}` }],
  },
  {
    rule: 'sla', level: 'warning', penalty: 8,
    summary: 'SLA report 2026-04: 97.2% compliance; 1 metric breached (quality_gate 76 against 80).',
    evidence: { pod_id: DEMO.podId, sla_id: DEMO.slaId, period: '2026-04', compliance_percent: 97.2, breached: [{ metric: 'quality_gate', target: 80, actual: 76 }] },
    links: [
      { type: 'sla', id: DEMO.slaId, href: `/v1/managed-services/slas?pod_id=${DEMO.podId}&period=2026-04` },
      { type: 'pod', id: DEMO.podId, href: `/v1/managed-services/pods/${DEMO.podId}` },
    ],
  },
];

describeEngines('Service Line health through the gateway', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys.close());
  const { get } = restClient(() => sys.url);
  const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);

  it("answers the docs' request as written: LIN-26-088401's health over the 28 days to now", async () => {
    const { status, body } = await get(`/v1/observability/health?service_line_id=${LINE}`);
    expect(status).toBe(200);
    expect(body.meta).toEqual({ cursor: null, has_more: false });
    expect(body.data).toHaveLength(1);
    const [health] = body.data;
    expect(Object.keys(health)).toEqual(['service_line_id', 'name', 'workspace_id', 'score', 'status', 'from', 'to', 'signals']);
    expect(health).toMatchObject({ service_line_id: LINE, name: 'Payments Platform Pod', workspace_id: DEMO.workspaceId });
    // Whatever the clock says, the incident is open, the ticket unanswered and April's report the latest.
    expect(Date.parse(health.to) - Date.parse(health.from)).toBe(28 * 86_400_000);
    expect(health.signals.map((s: any) => s.rule)).toEqual(['incidents', 'tickets', 'sla', 'velocity', 'work_in_progress', 'blocked', 'capacity', 'integrations', 'spend']);
    const byRule = Object.fromEntries(health.signals.map((s: any) => [s.rule, s]));
    expect(byRule.incidents.links.map((l: any) => l.id)).toEqual(['INC-26-000091']);
    expect(byRule.tickets.evidence.oldest_id).toBe(DEMO.overdueTicketId);
    expect(byRule.sla.evidence.breached).toEqual([{ metric: 'quality_gate', target: 80, actual: 76 }]);
    expect(health.score).toBe(100 - health.signals.reduce((sum: number, s: any) => sum + s.penalty, 0));
    expect(['at_risk', 'critical']).toContain(health.status);
  });

  it("reads LIN-26-088401 at the demo's now exactly, and the same twice", async () => {
    const url = `/v1/observability/health?service_line_id=${LINE}&to=${AT}`;
    const first = await get(url);
    expect(first.status).toBe(200);
    const [health] = first.body.data;
    expect(health).toMatchObject({ score: 51, status: 'at_risk', from: '2026-03-18T09:45:00Z', to: AT });
    expect(health.signals.slice(0, 3)).toEqual(EXPECTED_SIGNALS);
    const byRule = Object.fromEntries(health.signals.map((s: any) => [s.rule, s]));
    expect(byRule.work_in_progress).toMatchObject({ level: 'warning', penalty: 15, evidence: { in_progress: 7, ageing: 7, ageing_after_days: 14 } });
    expect(byRule.work_in_progress.links).toHaveLength(7);
    for (const link of byRule.work_in_progress.links) expect(link).toEqual({ type: 'task', id: expect.stringMatching(/^TSK-/), href: `/v1/tasks/${link.id}` });
    expect(byRule.integrations).toMatchObject({
      level: 'warning', penalty: 10,
      summary: '1 integration of the workspace failed to sync in the window: Datadog - payments production (17 failed runs, still failing).',
      links: [{ type: 'integration', id: DEMO.failedIntegrationId, href: `/v1/integrations/${DEMO.failedIntegrationId}` }],
    });
    expect(byRule.spend).toMatchObject({
      level: 'ok', penalty: 0,
      summary: "38,000.00 USD spent in 2026-04 so far: 100% of the pod's monthly cost, 38,000.00 USD.",
      evidence: { period: '2026-04', spent: 38000, budget: 38000, budget_source: 'pod', ratio: 1, currency: 'USD' },
      links: [{ type: 'service_line', id: LINE, href: `/v1/service-lines/${LINE}/usage?from=2026-04-01&to=2026-04-15` }],
    });
    for (const rule of ['velocity', 'blocked', 'capacity']) expect(byRule[rule], rule).toMatchObject({ level: 'ok', penalty: 0 });
    // Every link is served: the records behind the signals are one request away.
    for (const link of health.signals.flatMap((s: any) => s.links)) expect((await get(link.href)).status, link.href).toBe(200);
    expect(await get(url)).toEqual(first);
  });

  it("lists a workspace's active lines, paged with meta.cursor, each line once", async () => {
    const [{ n }] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from service_lines.service_lines where workspace_id = ${DEMO.workspaceId} and status = 'active'`);
    const all = await get(`/v1/observability/health?workspace_id=${DEMO.workspaceId}&to=${AT}&limit=100`);
    expect(all.status).toBe(200);
    expect(all.body.data).toHaveLength(n);
    expect(all.body.data.map((h: any) => h.service_line_id)).toEqual([...all.body.data.map((h: any) => h.service_line_id)].sort());
    expect(all.body.data.find((h: any) => h.service_line_id === LINE)).toMatchObject({ score: 51, status: 'at_risk' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: any } = await get(`/v1/observability/health?workspace_id=${DEMO.workspaceId}&to=${AT}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.data.map((h: any) => h.service_line_id));
      if (page.body.meta.has_more) expect(page.body.meta.cursor).toBe(encodeCursor(page.body.data.at(-1).service_line_id));
      cursor = page.body.meta.cursor;
    } while (cursor && seen.length <= n);
    expect(seen).toEqual(all.body.data.map((h: any) => h.service_line_id));
  });

  it("gives ServiceLine.health and the workspace roll-up in the graph, as the route does", async () => {
    const { data, errors } = await sys.graphql(`{
      serviceLine(id: "${LINE}") { health(to: "${AT}") { score status from to signals { rule level penalty } } }
      workspace(id: "${DEMO.workspaceId}") { health(to: "${AT}") { score status lines healthy atRisk critical
        attention(limit: 3) { serviceLine { id } score status } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.serviceLine.health).toMatchObject({ score: 51, status: 'AT_RISK', from: '2026-03-18T09:45:00Z', to: AT });
    expect(data.serviceLine.health.signals[0]).toEqual({ rule: 'INCIDENTS', level: 'WARNING', penalty: 8 });
    const listed = (await get(`/v1/observability/health?workspace_id=${DEMO.workspaceId}&to=${AT}&limit=100`)).body.data;
    const rollup = data.workspace.health;
    expect(rollup.lines).toBe(listed.length);
    expect(rollup.score).toBe(Math.round(listed.reduce((sum: number, h: any) => sum + h.score, 0) / listed.length));
    expect([rollup.healthy, rollup.atRisk, rollup.critical]).toEqual(['healthy', 'at_risk', 'critical'].map((s) => listed.filter((h: any) => h.status === s).length));
    expect(rollup.status).toBe(rollup.critical ? 'CRITICAL' : rollup.atRisk ? 'AT_RISK' : 'HEALTHY');
    const worst = listed.filter((h: any) => h.status !== 'healthy')
      .sort((a: any, b: any) => (a.status === b.status ? a.score - b.score || (a.service_line_id < b.service_line_id ? -1 : 1) : a.status === 'critical' ? -1 : 1))
      .slice(0, 3);
    expect(rollup.attention).toEqual(worst.map((h: any) => ({ serviceLine: { id: h.service_line_id }, score: h.score, status: h.status.toUpperCase() })));
  });

  it("costs the same statements for a workspace's health with 5 lines or 50, and for its roll-up", async () => {
    const page = (n: number) => sys.graphql(`{ serviceLineHealth(workspaceId: "${DEMO.workspaceId}", to: "${AT}", first: ${n}) {
      nodes { serviceLine { id name status } score status signals { rule level penalty summary evidence links { id } } } } }`);
    const small = await sys.measure(() => page(5));
    const large = await sys.measure(() => page(50));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.serviceLineHealth.nodes.length).toBeGreaterThan(25);
    expect({ statements: large.statements, fetches: large.fetches }).toEqual({ statements: small.statements, fetches: small.fetches });
    // The workspace check, the page of lines, then one statement per source (health/measures.ts).
    expect(large.statements).toBe(10);
    const rollupOf = (n: number) => sys.measure(() => sys.graphql(`{ workspaces(first: ${n}) { nodes { id health(to: "${AT}") { score lines attention { score } } } } }`));
    const single = await rollupOf(1);
    const rollup = await rollupOf(10);
    expect(single.result.errors).toBeUndefined();
    expect(rollup.result.errors).toBeUndefined();
    expect(single.result.data.workspaces.nodes.filter((w: { health: unknown }) => w.health)).toHaveLength(1);
    expect(rollup.result.data.workspaces.nodes.filter((w: { health: unknown }) => w.health).length).toBeGreaterThan(1);
    // The workspaces, their active lines, and the eight of the measures: for every workspace at once.
    expect({ statements: rollup.statements, fetches: rollup.fetches }).toEqual({ statements: single.statements, fetches: single.fetches });
    expect(rollup.statements).toBe(10);
    const rest = await measureRest(sys, ctx.database, () => get(`/v1/observability/health?workspace_id=${DEMO.workspaceId}&limit=100`));
    expect(rest.statements).toBe(10);
  });

  it('refuses bad parameters with 400 naming them, and changes nothing', async () => {
    const before = await ctx.database.rows(sql`select count(*)::int as n from events.events`);
    const cases: Array<[string, string]> = [
      ['', 'service_line_id or workspace_id'],
      [`service_line_id=${LINE}&workspace_id=${DEMO.workspaceId}`, 'service_line_id or workspace_id'],
      ['service_line_id=WS-26-000021', 'service_line_id'],
      [`service_line_id=${LINE}&from=yesterday`, 'from'],
      [`service_line_id=${LINE}&to=2026-02-30`, 'to'],
      [`service_line_id=${LINE}&to=2999-12-31`, 'to must be'],
      [`service_line_id=${LINE}&from=2026-04-10&to=2026-04-01`, 'from'],
      [`service_line_id=${LINE}&from=2024-01-01&to=2026-04-01`, '366 days'],
      [`workspace_id=${DEMO.workspaceId}&limit=0`, 'limit'],
      [`workspace_id=${DEMO.workspaceId}&cursor=nope`, 'cursor'],
      [`service_line_id=${LINE}&window=7d`, 'window'],
    ];
    for (const [query, named] of cases) {
      const message = await expectRestError(get(`/v1/observability/health?${query}`), 400, 'bad_request');
      expect(message, query).toContain(named);
    }
    expect(await ctx.database.rows(sql`select count(*)::int as n from events.events`)).toEqual(before);
    const { errors } = await sys.graphql(`{ workspace(id: "${DEMO.workspaceId}") { health { attention(limit: 101) { score } } } }`);
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('limit') });
  });

  it("answers another tenant's line or workspace exactly as one that does not exist, and a narrowed token its own workspace only", async () => {
    const missing = await get('/v1/observability/health?service_line_id=LIN-26-999999', other);
    await expectRestError(missing, 404, 'not_found', 'Service Line LIN-26-999999 not found.');
    const foreign = await get(`/v1/observability/health?service_line_id=${LINE}`, other);
    expect(JSON.stringify(foreign).replace(LINE, 'X')).toBe(JSON.stringify(missing).replace('LIN-26-999999', 'X'));
    await expectRestError(get(`/v1/observability/health?workspace_id=${DEMO.workspaceId}`, other), 404, 'not_found', `Workspace ${DEMO.workspaceId} not found.`);
    const narrowed = principals.apexPayments;
    expect((await get(`/v1/observability/health?service_line_id=${LINE}`, narrowed)).status).toBe(200);
    const [{ id: elsewhere }] = await ctx.database.rows<{ id: string }>(sql`select id from service_lines.service_lines where workspace_id = ${DEMO.dataWorkspaceId} and status = 'active' limit 1`);
    await expectRestError(get(`/v1/observability/health?service_line_id=${elsewhere}`, narrowed), 404, 'not_found');
    await expectRestError(get(`/v1/observability/health?workspace_id=${DEMO.dataWorkspaceId}`, narrowed), 404, 'not_found');
    const own = await get(`/v1/observability/health?service_line_id=${DEMO.otherPodServiceLineId}`, other);
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain(DEMO.organizationId);
  });
});

describeEngines('periodic health evaluation in a running system', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { healthEvaluationSeconds: 3600 });
  });
  afterAll(() => sys.close());
  const { get } = restClient(() => sys.url);

  it('evaluates at start: each change is an event of the log (GET /v1/events), and agrees with the route at the same instant', async () => {
    const url = `/v1/events?organization_id=${DEMO.organizationId}&type=service_line.health_changed&subject_id=${LINE}`;
    let events: any[] = [];
    for (let i = 0; i < 300 && events.length === 0; i++) {
      events = (await get(url)).body.data;
      if (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({ type: 'service_line.health_changed', actor: { type: 'system', id: null }, subject: { type: 'service_line', id: LINE }, workspace_id: DEMO.workspaceId });
    expect(event.payload).toMatchObject({ previous_status: null, new_status: expect.stringMatching(/^(at_risk|critical)$/) });
    const [now] = (await get(`/v1/observability/health?service_line_id=${LINE}&to=${event.payload.to}`)).body.data;
    expect({ status: now.status, score: now.score, from: now.from }).toEqual({ status: event.payload.new_status, score: event.payload.score, from: event.payload.from });
    expect(event.payload.signals).toEqual(now.signals.filter((s: any) => s.level !== 'ok'));
    const [{ n }] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from service_lines.health_states`);
    expect(n).toBeGreaterThan(0);
  });
});
