import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../platform/db.ts';
import { parseId } from '../platform/ids.ts';
import { ID_TABLES } from './id-sequences.ts';
import * as t from '../schema/tables.ts';
import { describeEngines } from '../test/testkit/describe-engines.ts';
import { createTestDatabase } from '../test/testkit/engines.ts';
import { DEMO, seedDemo } from './demo.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const OPEN = ['backlog', 'in_progress', 'in_review'];

/** Every table the demo fills, each with the columns that order its rows completely. */
const TABLES: Array<[string, PgTable, PgColumn[]]> = [
  ['plans', t.plans, [t.plans.id]],
  ['organizations', t.organizations, [t.organizations.id]],
  ['workspaces', t.workspaces, [t.workspaces.id]],
  ['users', t.users, [t.users.id]],
  ['workspace_members', t.workspaceMembers, [t.workspaceMembers.workspaceId, t.workspaceMembers.userId]],
  ['projects', t.projects, [t.projects.id]],
  ['subscriptions', t.subscriptions, [t.subscriptions.id]],
  ['service_lines', t.serviceLines, [t.serviceLines.id]],
  ['usage_records', t.usageRecords, [t.usageRecords.id]],
  ['tasks', t.tasks, [t.tasks.id]],
  ['task_history', t.taskHistory, [t.taskHistory.id]],
  ['pods', t.pods, [t.pods.id]],
  ['pod_members', t.podMembers, [t.podMembers.podId, t.podMembers.position]],
  ['slas', t.slas, [t.slas.id]],
  ['sla_reports', t.slaReports, [t.slaReports.id]],
  ['tickets', t.tickets, [t.tickets.id]],
  ['incidents', t.incidents, [t.incidents.id]],
  ['integrations', t.integrations, [t.integrations.id]],
  ['integration_credentials', t.integrationCredentials, [t.integrationCredentials.integrationId]],
  ['sync_runs', t.syncRuns, [t.syncRuns.id]],
  ['events', t.events, [t.events.seq]],
];

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of TABLES) {
    const [{ n }] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table);
    out[name] = n;
  }
  return out;
}

/** A digest of every row of every demo table, in primary-key order. */
async function contentDigest(db: Db): Promise<string> {
  const hash = createHash('sha256');
  for (const [name, table, order] of TABLES) {
    const rows = await db.select().from(table).orderBy(...order.map((c) => asc(c)));
    hash.update(`${name}\n${JSON.stringify(rows)}\n`);
  }
  return hash.digest('hex');
}

describeEngines('demo data', (ctx) => {
  const db = () => ctx.database.db;
  const one = async <T>(rows: Promise<T[]>): Promise<T> => {
    const list = await rows;
    expect(list).toHaveLength(1);
    return list[0];
  };
  const count = async (query: SQL) => Number((await ctx.database.rows<{ n: string | number }>(query))[0].n);

  test('organization, workspace, users, plan, subscription and project of the docs', async () => {
    const org = await one(db().select().from(t.organizations).where(eq(t.organizations.id, DEMO.organizationId)));
    expect([org.name, org.slug]).toEqual(['Apex Digital', 'apex-digital']);
    const ws = await one(db().select().from(t.workspaces).where(eq(t.workspaces.id, DEMO.workspaceId)));
    expect(ws).toMatchObject({ organizationId: DEMO.organizationId, name: 'Payments Engineering', settings: { require_task_service_line: true } });
    const members = await db().select().from(t.workspaceMembers).where(eq(t.workspaceMembers.workspaceId, DEMO.workspaceId));
    const roleOf = new Map(members.map((m) => [m.userId, m.role]));
    expect(roleOf.get(DEMO.adminUserId)).toBe('admin');
    expect(roleOf.get(DEMO.memberUserId)).toBe('member');
    expect(members.length).toBeGreaterThanOrEqual(15);
    expect(new Set(members.map((m) => m.role))).toEqual(new Set(['owner', 'admin', 'member', 'viewer']));
    const admin = await one(db().select().from(t.users).where(eq(t.users.id, DEMO.adminUserId)));
    expect(admin).toMatchObject({ organizationId: DEMO.organizationId, role: 'admin', status: 'active' });
    const project = await one(db().select().from(t.projects).where(eq(t.projects.id, DEMO.projectId)));
    expect(project).toMatchObject({ organizationId: DEMO.organizationId, name: 'Payments Platform Rebuild' });
    const sub = await one(db().select().from(t.subscriptions).where(eq(t.subscriptions.id, DEMO.subscriptionId)));
    expect(sub).toMatchObject({ organizationId: DEMO.organizationId, planId: DEMO.planId, status: 'active' });
    const plan = await one(db().select().from(t.plans).where(eq(t.plans.id, DEMO.planId)));
    expect(plan).toMatchObject({ name: 'Enterprise', tier: 'enterprise' });
  });

  test('the three documented Service Lines', async () => {
    const lines = await db().select().from(t.serviceLines).where(sql`${t.serviceLines.id} in (${DEMO.serviceLineId}, ${DEMO.podServiceLineId}, ${DEMO.agentServiceLineId})`).orderBy(t.serviceLines.id);
    const pick = ({ id, organizationId, workspaceId, name, productLine, executionModel, billingModel, status }: (typeof lines)[number]) =>
      ({ id, organizationId, workspaceId, name, productLine, executionModel, billingModel, status });
    const base = { organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, status: 'active' };
    expect(lines.map(pick)).toEqual([
      { ...base, id: DEMO.serviceLineId, name: 'Backend Engineering - Q2 2026', productLine: 'talent', executionModel: 'capacity', billingModel: 'time_and_materials' },
      { ...base, id: DEMO.podServiceLineId, name: 'Payments Platform Pod', productLine: 'managed_services', executionModel: 'ongoing_sla', billingModel: 'fixed_monthly' },
      { ...base, id: DEMO.agentServiceLineId, name: 'Platform Reliability Agent', productLine: 'agents', executionModel: 'agent', billingModel: 'usage_based' },
    ]);
    expect(lines[0].projectIds).toContain(DEMO.projectId);
    expect(iso(lines[0].activatedAt)).toBe('2026-01-15T09:00:00.000Z');
  });

  test('April 2026 usage of LIN-26-084729 is 640.0 talent hours for 60800.00 USD', async () => {
    const rows = await db()
      .select({ metric: t.usageRecords.metric, currency: t.usageRecords.currency, quantity: sql<string>`sum(${t.usageRecords.quantity})`, cost: sql<string>`sum(${t.usageRecords.cost})` })
      .from(t.usageRecords)
      .where(and(eq(t.usageRecords.serviceLineId, DEMO.serviceLineId), gte(t.usageRecords.recordedAt, new Date('2026-04-01T00:00:00Z')), lt(t.usageRecords.recordedAt, new Date('2026-05-01T00:00:00Z'))))
      .groupBy(t.usageRecords.metric, t.usageRecords.currency);
    expect(rows.map((r) => ({ ...r, quantity: Number(r.quantity), cost: Number(r.cost) }))).toEqual([{ metric: 'talent.hours', currency: 'USD', quantity: 640, cost: 60800 }]);
  });

  test('TSK-26-018841 as GET /v1/tasks/{id} shows it, with its history', async () => {
    const task = await one(db().select().from(t.tasks).where(eq(t.tasks.id, DEMO.taskId)));
    expect({ ...task, createdAt: iso(task.createdAt), updatedAt: iso(task.updatedAt) }).toMatchObject({
      id: 'TSK-26-018841', organizationId: DEMO.organizationId, workspaceId: 'WS-26-000021', serviceLineId: 'LIN-26-084729', projectId: 'PROJ-26-004281',
      title: 'Implement idempotency key validation on payment endpoint',
      description: 'Payment endpoint must reject duplicate requests within 24 hours using the idempotency key.',
      status: 'in_progress', priority: 'high', assigneeId: 'USR-26-000044', externalId: 'APEX-1042', externalSource: 'jira',
      externalUrl: 'https://apexdigital.atlassian.net/browse/APEX-1042', createdAt: '2026-04-10T10:00:00.000Z', updatedAt: '2026-04-14T16:00:00.000Z',
    });
    const history = await db().select().from(t.taskHistory).where(eq(t.taskHistory.taskId, DEMO.taskId));
    expect(history.map((h) => ({ at: iso(h.at), change: h.change, from: h.from, to: h.to, by: h.by }))).toEqual([
      { at: '2026-04-10T10:00:00.000Z', change: 'status', from: 'backlog', to: 'in_progress', by: 'USR-26-000044' },
    ]);
  });

  test('TSK-26-018901, the task the agent created', async () => {
    const task = await one(db().select().from(t.tasks).where(eq(t.tasks.id, DEMO.agentTaskId)));
    expect(task).toMatchObject({
      workspaceId: DEMO.workspaceId, serviceLineId: 'LIN-26-091100', title: 'Fix memory leak in worker process - identified by analysis',
      priority: 'high', status: 'in_progress', createdBy: 'AGT-26-000012',
    });
  });

  test('POD-26-000008 with its team, SLA and April 2026 report', async () => {
    const pod = await one(db().select().from(t.pods).where(eq(t.pods.id, DEMO.podId)));
    expect({ ...pod, startedAt: iso(pod.startedAt), renewsAt: iso(pod.renewsAt) }).toMatchObject({
      organizationId: 'ORG-26-090500', workspaceId: 'WS-26-000021', serviceLineId: 'LIN-26-088401', name: 'Payments Platform Pod',
      status: 'active', teamSize: 5, deliveryModel: 'managed_delivery', slaId: 'SLA-26-000008', subscriptionId: 'SUB-26-001122',
      startedAt: '2025-09-01T00:00:00.000Z', renewsAt: '2026-09-01T00:00:00.000Z', costPerMonth: 38000, currency: 'USD',
    });
    const team = await db().select().from(t.podMembers).where(eq(t.podMembers.podId, DEMO.podId)).orderBy(t.podMembers.position);
    expect(team.map((m) => ({ talent_id: m.talentId, role: m.role }))).toEqual([
      { talent_id: 'SCR-128491', role: 'senior_backend_engineer' }, { talent_id: 'SCR-129102', role: 'backend_engineer' },
      { talent_id: 'SCR-130011', role: 'qa_engineer' }, { talent_id: 'SCR-130988', role: 'frontend_engineer' },
      { talent_id: 'SCR-131200', role: 'technical_pm' },
    ]);
    const sla = await one(db().select().from(t.slas).where(eq(t.slas.id, DEMO.slaId)));
    expect(sla).toMatchObject({ podId: DEMO.podId, throughputTasksPerSprint: 18, responseTimeHours: 2, availabilityHoursPerWeek: 200, qualityGatePercent: 80, currentCompliance: 97.2 });
    const reports = await db().select().from(t.slaReports).where(eq(t.slaReports.podId, DEMO.podId)).orderBy(t.slaReports.period);
    expect(reports.map((r) => r.period)).toEqual(['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
    expect(reports.at(-1)).toMatchObject({
      slaId: DEMO.slaId, period: '2026-04', compliancePercent: 97.2, incidentIds: ['INC-26-000091'],
      metrics: [
        { metric: 'throughput', target: 18, actual: 19, status: 'met' },
        { metric: 'response_time_hours', target: 2, actual: 1.8, status: 'met' },
        { metric: 'availability_hours', target: 200, actual: 198, status: 'met' },
        { metric: 'quality_gate', target: 80, actual: 76, status: 'breached' },
      ],
    });
  });

  test('INC-26-000091 is the open incident of LIN-26-088401', async () => {
    const open = await db().select().from(t.incidents).where(and(eq(t.incidents.serviceLineId, DEMO.podServiceLineId), eq(t.incidents.status, 'open')));
    expect(open.map((i) => i.id)).toEqual([DEMO.incidentId]);
    expect(open[0]).toMatchObject({ podId: DEMO.podId, workspaceId: DEMO.workspaceId, type: 'quality', severity: 'medium' });
  });

  test('INT-26-000041 and INT-26-000042 with the sync history of the docs', async () => {
    const ints = await db().select().from(t.integrations).where(sql`${t.integrations.id} in ('INT-26-000041', 'INT-26-000042')`).orderBy(t.integrations.id);
    expect(ints.map((i) => ({ id: i.id, workspace_id: i.workspaceId, type: i.type, name: i.name, status: i.status, last_synced_at: iso(i.lastSyncedAt), sync_status: i.syncStatus, created_at: iso(i.createdAt) }))).toEqual([
      { id: 'INT-26-000041', workspace_id: 'WS-26-000021', type: 'github', name: 'apex-digital/payments-api', status: 'active', last_synced_at: '2026-04-15T09:30:00.000Z', sync_status: 'healthy', created_at: '2024-03-20T10:00:00.000Z' },
      { id: 'INT-26-000042', workspace_id: 'WS-26-000021', type: 'jira', name: 'APEX Jira Project', status: 'active', last_synced_at: '2026-04-15T09:00:00.000Z', sync_status: 'healthy', created_at: '2024-03-20T10:30:00.000Z' },
    ]);
    expect(ints[0].config).toEqual({ organization: 'apex-digital', repositories: ['payments-api', 'payments-worker'], events: ['push', 'pull_request', 'deployment'] });
    const runs = await db().select().from(t.syncRuns).where(eq(t.syncRuns.integrationId, DEMO.githubIntegrationId)).orderBy(sql`${t.syncRuns.startedAt} desc`);
    expect(runs.slice(0, 2).map((r) => ({ at: iso(r.startedAt), status: r.status, records_synced: r.recordsSynced }))).toEqual([
      { at: '2026-04-15T09:30:00.000Z', status: 'success', records_synced: 14 },
      { at: '2026-04-15T08:30:00.000Z', status: 'success', records_synced: 3 },
    ]);
    expect(runs.length).toBeGreaterThan(2);
    expect(runs[0].id).toBe(DEMO.lastSyncRunId);
    expect(await count(sql`select max(substring(id from '[0-9]+$')::int) as n from integrations.sync_runs`)).toBe(810);
    expect(await count(sql`select count(*) as n from integrations.integration_credentials`)).toBe(0);
  });

  test('events EVT-26-044912 and EVT-26-044899 as the docs list them', async () => {
    const rows = await db().select().from(t.events).where(sql`${t.events.id} in ('EVT-26-044912', 'EVT-26-044899')`).orderBy(t.events.seq);
    expect(rows.map(({ seq: _seq, createdAt, ...e }) => ({ ...e, createdAt: iso(createdAt) }))).toEqual([
      {
        id: 'EVT-26-044912', type: 'service_line.activated', organizationId: 'ORG-26-090500', workspaceId: 'WS-26-000021',
        actorType: 'user', actorId: 'USR-26-000044', subjectType: 'service_line', subjectId: 'LIN-26-084729',
        payload: { previous_status: 'draft', new_status: 'active', execution_model: 'capacity', product_line: 'talent' }, createdAt: '2026-01-15T09:00:00.000Z',
      },
      {
        id: 'EVT-26-044899', type: 'agent.run.completed', organizationId: 'ORG-26-090500', workspaceId: 'WS-26-000021',
        actorType: 'agent', actorId: 'AGT-26-000012', subjectType: 'run', subjectId: 'RUN-26-001812',
        payload: { service_line_id: 'LIN-26-091100', duration_ms: 2411, tokens_used: 1840, outcome: 'success' }, createdAt: '2026-04-15T09:12:46.000Z',
      },
    ]);
  });

  test('the event log runs in time order and its subjects exist in their organization', async () => {
    expect(await count(sql`select count(*) as n from events.events`)).toBeGreaterThanOrEqual(300);
    const disorder = await count(sql`select count(*) as n from (select created_at < lag(created_at) over (order by seq) as back from events.events) x where back`);
    expect(disorder).toBe(0);
    const subjects: Array<[string, string]> = [
      ['task', 'tasks.tasks'], ['service_line', 'service_lines.service_lines'], ['integration', 'integrations.integrations'],
      ['incident', 'managed_services.incidents'], ['user', 'organizations.users'], ['pod', 'managed_services.pods'],
    ];
    for (const [type, table] of subjects) {
      const orphans = await count(sql.raw(`select count(*) as n from events.events e where e.subject_type = '${type}'
        and not exists (select 1 from ${table} x where x.id = e.subject_id and x.organization_id = e.organization_id)`));
      expect(orphans, type).toBe(0);
    }
    const types = await ctx.database.rows<{ type: string }>(sql`select distinct type from events.events`);
    expect(types.map((r) => r.type)).toEqual(expect.arrayContaining([
      'task.created', 'task.status_changed', 'task.assigned', 'service_line.activated', 'integration.connected',
      'integration.sync_failed', 'incident.opened', 'user.invited', 'agent.run.completed', 'invoice.finalized',
    ]));
  });

  test('task history leads to each task\'s status, and delivery velocity counts finished tasks', async () => {
    const tasks = await db().select().from(t.tasks);
    const history = await db().select().from(t.taskHistory).orderBy(t.taskHistory.at, t.taskHistory.id);
    const statusChanges = new Map<string, typeof history>();
    for (const h of history.filter((x) => x.change === 'status')) statusChanges.set(h.taskId, [...(statusChanges.get(h.taskId) ?? []), h]);
    for (const task of tasks) {
      const changes = statusChanges.get(task.id) ?? [];
      let status = 'backlog';
      for (const c of changes) {
        expect(c.from, task.id).toBe(status);
        status = c.to!;
      }
      expect(status, task.id).toBe(task.status);
      expect(task.completedAt !== null, task.id).toBe(task.status === 'done' || task.status === 'cancelled');
    }
    const lines = await db().select().from(t.serviceLines);
    for (const line of lines) {
      const finished = tasks.filter((x) => x.serviceLineId === line.id && (x.status === 'done' || x.status === 'cancelled')).length;
      expect(line.deliveryVelocity, line.id).toBe(finished);
    }
  });

  test('each ticket is due response_time_hours after it was submitted', async () => {
    const rows = await db().select({ ticket: t.tickets, sla: t.slas }).from(t.tickets).innerJoin(t.slas, eq(t.slas.podId, t.tickets.podId));
    expect(rows.length).toBeGreaterThan(10);
    for (const { ticket, sla } of rows) {
      expect(ticket.slaResponseDueAt.getTime() - ticket.createdAt.getTime(), ticket.id).toBe(sla.responseTimeHours * 3_600_000);
    }
  });

  test('the workspace dashboard has 25+ active lines, each with 10+ tasks, open work and March-April usage', async () => {
    const lines = await db().select().from(t.serviceLines).where(eq(t.serviceLines.workspaceId, DEMO.workspaceId));
    expect(lines.length).toBeGreaterThanOrEqual(30);
    const active = lines.filter((l) => l.status === 'active');
    expect(active.length).toBeGreaterThanOrEqual(25);
    expect(new Set(active.map((l) => l.productLine)).size).toBe(6);
    const tasks = await db().select({ lineId: t.tasks.serviceLineId, status: t.tasks.status }).from(t.tasks).where(eq(t.tasks.workspaceId, DEMO.workspaceId));
    const usage = await ctx.database.rows<{ line: string; month: string }>(sql`select distinct service_line_id as line, to_char(recorded_at at time zone 'UTC', 'YYYY-MM') as month
      from service_lines.usage_records where workspace_id = ${DEMO.workspaceId}`);
    for (const line of active) {
      const own = tasks.filter((x) => x.lineId === line.id);
      expect(own.length, line.id).toBeGreaterThanOrEqual(10);
      expect(own.some((x) => OPEN.includes(x.status)), line.id).toBe(true);
      const months = usage.filter((u) => u.line === line.id).map((u) => u.month);
      expect(months, line.id).toEqual(expect.arrayContaining(['2026-03', '2026-04']));
    }
  });

  test('the second organization exists and shares nothing with the first', async () => {
    const other = await one(db().select().from(t.organizations).where(eq(t.organizations.id, DEMO.otherOrganizationId)));
    expect(other.name).toBe('Northwind Labs');
    const ws = await one(db().select().from(t.workspaces).where(eq(t.workspaces.id, DEMO.otherWorkspaceId)));
    expect(ws.organizationId).toBe(DEMO.otherOrganizationId);
    for (const table of ['service_lines.service_lines', 'tasks.tasks', 'managed_services.pods', 'integrations.integrations', 'events.events', 'organizations.users']) {
      expect(await count(sql.raw(`select count(*) as n from ${table} where organization_id = '${DEMO.otherOrganizationId}'`)), table).toBeGreaterThan(0);
    }
    expect(await count(sql`select count(*) as n from managed_services.slas where organization_id = ${DEMO.otherOrganizationId}`)).toBeGreaterThan(0);
    // Every row's workspace belongs to the row's own organization.
    for (const table of ['service_lines.service_lines', 'service_lines.usage_records', 'tasks.tasks', 'managed_services.pods', 'managed_services.tickets',
      'managed_services.incidents', 'integrations.integrations', 'events.events', 'organizations.api_keys']) {
      const crossed = await count(sql.raw(`select count(*) as n from ${table} x join organizations.workspaces w on w.id = x.workspace_id where w.organization_id <> x.organization_id`));
      expect(crossed, table).toBe(0);
    }
    const crossedRefs = await count(sql`select
      (select count(*) from organizations.workspace_members m join organizations.workspaces w on w.id = m.workspace_id join organizations.users u on u.id = m.user_id where u.organization_id <> w.organization_id)
      + (select count(*) from tasks.tasks x join service_lines.service_lines l on l.id = x.service_line_id where l.organization_id <> x.organization_id or l.workspace_id <> x.workspace_id)
      + (select count(*) from tasks.tasks x join organizations.users u on u.id = x.assignee_id where u.organization_id <> x.organization_id)
      + (select count(*) from managed_services.pods p join service_lines.service_lines l on l.id = p.service_line_id where l.organization_id <> p.organization_id)
      + (select count(*) from managed_services.slas s join managed_services.pods p on p.id = s.pod_id where p.organization_id <> s.organization_id)
      + (select count(*) from managed_services.incidents i join service_lines.service_lines l on l.id = i.service_line_id where l.organization_id <> i.organization_id)
      + (select count(*) from integrations.sync_runs r join integrations.integrations i on i.id = r.integration_id where i.organization_id <> r.organization_id) as n`);
    expect(crossedRefs).toBe(0);
  });

  test('seeding again returns seeded:false and writes nothing', async () => {
    const before = await rowCounts(db());
    await expect(seedDemo(ctx.database)).resolves.toEqual({ seeded: false });
    expect(await rowCounts(db())).toEqual(before);
  });

  test('every ID sequence is past the demo data: the next sync run is SYNC-YY-000811', async () => {
    for (const { prefix, schema, table } of ID_TABLES) {
      const [row] = await ctx.database.rows<{ top: string | null; last: string }>(sql.raw(`select
        (select max(substring(id from '[0-9]+$')::bigint) from ${schema}.${table}) as top,
        (select last_value from ${schema}.${prefix.toLowerCase()}_id_seq) as last`));
      expect(Number(row.last), prefix).toBeGreaterThanOrEqual(Number(row.top ?? 0));
    }
    const [{ yy }] = await ctx.database.rows<{ yy: string }>(sql`select to_char(now(), 'YY') as yy`);
    const [run] = await db().insert(t.syncRuns).values({ organizationId: DEMO.organizationId, integrationId: DEMO.githubIntegrationId, status: 'running', startedAt: new Date('2026-04-15T10:00:00Z') }).returning({ id: t.syncRuns.id });
    expect(run.id).toBe(`SYNC-${yy}-000811`);
    const [task] = await db().insert(t.tasks).values({ organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, serviceLineId: DEMO.serviceLineId, title: 'Add distributed tracing to payment service' }).returning({ id: t.tasks.id });
    expect(task.id).toBe(`TSK-${yy}-018902`);
    const numbers = (await db().select({ id: t.tasks.id }).from(t.tasks)).map((r) => parseId(r.id)!.number);
    expect(Math.max(...numbers)).toBe(18_902);
  });
});

describe('demo data is deterministic', () => {
  test('two fresh PGlite databases seeded with seedDemo hold identical rows', async () => {
    const a = await createTestDatabase('pglite', { seed: false });
    const b = await createTestDatabase('pglite', { seed: false });
    try {
      expect(await seedDemo(a.database)).toEqual({ seeded: true });
      expect(await seedDemo(b.database)).toEqual({ seeded: true });
      const [da, db] = [await contentDigest(a.database.db), await contentDigest(b.database.db)];
      expect(da).toBe(db);
    } finally {
      await a.drop();
      await b.drop();
    }
  }, 120_000);
});
