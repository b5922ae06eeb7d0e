import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals } from './testkit/auth.ts';
import { DASHBOARD, POD_DETAIL, TASK_DETAIL } from './testkit/screens.ts';

/**
 * The frontend's screens, each one query over HTTP against the running gateway. The dashboard's
 * cost in SQL statements and subgraph fetches must not grow with its page sizes (no N+1).
 */
describeEngines('screens through the gateway', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
  });
  afterAll(() => sys.close());

  const vars = (n: number) => ({ ws: 'WS-26-000021', lines: n, tasks: n, integrations: n, events: n });

  it('serves the workspace dashboard in one query', async () => {
    const { data, errors } = await sys.graphql(DASHBOARD, { ws: 'WS-26-000021', lines: 25, tasks: 10, integrations: 20, events: 20 });
    expect(errors).toBeUndefined();
    const ws = data.workspace;
    expect(ws.organization).toEqual({ id: 'ORG-26-090500', name: 'Apex Digital' });
    expect(ws.serviceLines.nodes).toHaveLength(25);
    const line = ws.serviceLines.nodes.find((l: any) => l.id === 'LIN-26-084729');
    expect(line.usage).toEqual({ totalCost: 60800, metrics: [{ metric: 'talent.hours', quantity: 640, cost: 60800, currency: 'USD' }] });
    const podLine = ws.serviceLines.nodes.find((l: any) => l.pod);
    expect(podLine.productLine).toBe('MANAGED_SERVICES');
    expect(podLine.pod.sla.responseTimeHours).toBeGreaterThan(0);
    expect(podLine.pod.latestSlaReport.period).toMatch(/^\d{4}-\d{2}$/);
    for (const l of ws.serviceLines.nodes) {
      expect(l.tasks.nodes.length).toBeLessThanOrEqual(10);
      for (const t of l.tasks.nodes) expect(['BACKLOG', 'IN_PROGRESS', 'IN_REVIEW']).toContain(t.status);
    }
    expect(ws.serviceLines.nodes.some((l: any) => l.tasks.nodes.some((t: any) => t.assignee?.name))).toBe(true);
    expect(ws.integrations.nodes.map((i: any) => i.id)).toEqual(expect.arrayContaining(['INT-26-000041', 'INT-26-000042']));
    expect(ws.events.nodes).toHaveLength(20);
    const resolved = ws.events.nodes.filter((e: any) => e.subject.__typename !== 'ResourceRef');
    expect(resolved.length).toBeGreaterThan(0);
    for (const e of resolved) expect(Object.keys(e.subject).length).toBeGreaterThan(2);
  });

  it('costs the same SQL statements and subgraph fetches with page sizes 5 and 50', async () => {
    const small = await sys.measure(() => sys.graphql(DASHBOARD, vars(5)));
    const large = await sys.measure(() => sys.graphql(DASHBOARD, vars(50)));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data.workspace.serviceLines.nodes.length).toBeGreaterThan(25);
    expect({ statements: small.statements, fetches: small.fetches }).toEqual({ statements: large.statements, fetches: large.fetches });
    // One statement per loader, not per row: a fixed budget whatever the data.
    expect(small.statements).toBeLessThanOrEqual(20);
    expect(small.fetches).toBeLessThanOrEqual(12);
  });

  it('serves the pod detail in one query', async () => {
    const { data, errors } = await sys.graphql(POD_DETAIL, { id: 'POD-26-000008' });
    expect(errors).toBeUndefined();
    expect(data.pod).toMatchObject({
      id: 'POD-26-000008', name: 'Payments Platform Pod', status: 'ACTIVE', deliveryModel: 'MANAGED_DELIVERY', teamSize: 5,
      costPerMonth: 38000, currency: 'USD', startedAt: '2025-09-01T00:00:00Z', renewsAt: '2026-09-01T00:00:00Z',
      sla: { id: 'SLA-26-000008', throughputTasksPerSprint: 18, responseTimeHours: 2, availabilityHoursPerWeek: 200, currentCompliance: 97.2 },
    });
    expect(data.pod.team).toEqual([
      { talentId: 'SCR-128491', role: 'senior_backend_engineer' },
      { talentId: 'SCR-129102', role: 'backend_engineer' },
      { talentId: 'SCR-130011', role: 'qa_engineer' },
      { talentId: 'SCR-130988', role: 'frontend_engineer' },
      { talentId: 'SCR-131200', role: 'technical_pm' },
    ]);
    expect(data.pod.latestSlaReport).toEqual({
      period: '2026-04', compliancePercent: 97.2,
      metrics: [
        { metric: 'throughput', target: 18, actual: 19, status: 'MET' },
        { metric: 'response_time_hours', target: 2, actual: 1.8, status: 'MET' },
        { metric: 'availability_hours', target: 200, actual: 198, status: 'MET' },
        { metric: 'quality_gate', target: 80, actual: 76, status: 'BREACHED' },
      ],
      incidents: [{ id: 'INC-26-000091' }],
    });
    expect(data.pod.incidents.nodes.map((i: any) => i.id)).toContain('INC-26-000091');
    expect(data.pod.serviceLine.id).toBe('LIN-26-088401');
  });

  it('serves the task detail in one query', async () => {
    const { data, errors } = await sys.graphql(TASK_DETAIL, { id: 'TSK-26-018841' });
    expect(errors).toBeUndefined();
    expect(data.task).toMatchObject({
      id: 'TSK-26-018841', status: 'IN_PROGRESS', priority: 'HIGH',
      external: { id: 'APEX-1042', source: 'jira', url: 'https://apexdigital.atlassian.net/browse/APEX-1042' },
      history: [{ at: '2026-04-10T10:00:00Z', change: 'status', from: 'backlog', to: 'in_progress', by: 'USR-26-000044' }],
      assignee: { id: 'USR-26-000044' },
      serviceLine: { id: 'LIN-26-084729', name: 'Backend Engineering - Q2 2026', status: 'ACTIVE', workspace: { id: 'WS-26-000021' } },
      project: { id: 'PROJ-26-004281' },
    });
    expect(data.task.assignee.name).toBeTruthy();
    expect(Array.isArray(data.task.events.nodes)).toBe(true);
  });
});
