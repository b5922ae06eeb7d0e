import { eq } from 'drizzle-orm';
import * as t from '../../schema/tables.ts';
import type { Db } from '../../platform/db.ts';
import type { SlaMetricResult } from '../../subgraphs/managed-services/tables.ts';
import { measureLines, type LineMeasures } from '../../subgraphs/service-lines/health/measures.ts';
import { assess, signalOf, type HealthRule, type HealthSignal } from '../../subgraphs/service-lines/health/rules.ts';
import type { HealthWindow } from '../../subgraphs/service-lines/health/window.ts';

/**
 * Rows for the health rules' tests, on an empty database: one line per test, and exactly the
 * incidents, tickets, tasks, events, sync runs and usage a rule reads. IDs are minted by the
 * database; instants are given as hours before the window's end (`ago(h)`).
 */
export const ORG = 'ORG-26-000501';
export const WS = 'WS-26-000501';
export const OTHER_ORG = 'ORG-26-000502';
export const OTHER_WS = 'WS-26-000502';

/** The window every rule test reads: the 28 days to 2026-04-15T00:00Z. */
export const WINDOW: HealthWindow = { from: new Date('2026-03-18T00:00:00Z'), to: new Date('2026-04-15T00:00:00Z') };
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** The instant `hours` before the window's end (negative: after it). */
export const ago = (hours: number) => new Date(WINDOW.to.getTime() - hours * HOUR);

export function healthFixtures(db: Db) {
  const scope = { organizationId: ORG, workspaceId: null };
  return {
    async line(workspaceId = WS): Promise<string> {
      const [row] = await db.insert(t.serviceLines).values({
        organizationId: ORG, workspaceId, name: 'Rule test line', productLine: 'managed_services', executionModel: 'ongoing_sla',
        billingModel: 'fixed_monthly', status: 'active', activatedAt: ago(24 * 200), createdAt: ago(24 * 210),
      }).returning({ id: t.serviceLines.id });
      return row.id;
    },
    async incident(line: string, severity: 'low' | 'medium' | 'high' | 'critical', openedAt: Date, resolvedAt: Date | null = null, organizationId = ORG): Promise<string> {
      const [row] = await db.insert(t.incidents).values({
        organizationId, workspaceId: organizationId === ORG ? WS : OTHER_WS, serviceLineId: line, title: `A ${severity} incident`, severity,
        status: resolvedAt ? 'resolved' : 'open', openedAt, resolvedAt, createdAt: openedAt,
      }).returning({ id: t.incidents.id });
      return row.id;
    },
    async pod(line: string, costPerMonth: number | null = 10_000): Promise<{ pod: string; sla: string }> {
      const [pod] = await db.insert(t.pods).values({
        organizationId: ORG, workspaceId: WS, serviceLineId: line, name: 'Rule test pod', status: 'active', deliveryModel: 'managed_delivery',
        teamSize: 3, costPerMonth, startedAt: ago(24 * 200),
      }).returning({ id: t.pods.id });
      const [sla] = await db.insert(t.slas).values({
        organizationId: ORG, podId: pod.id, throughputTasksPerSprint: 10, responseTimeHours: 2, availabilityHoursPerWeek: 120,
      }).returning({ id: t.slas.id });
      await db.update(t.pods).set({ slaId: sla.id }).where(eq(t.pods.id, pod.id));
      return { pod: pod.id, sla: sla.id };
    },
    async report(pod: { pod: string; sla: string }, period: string, compliancePercent: number, breached: string[], createdAt: Date): Promise<void> {
      const metrics: SlaMetricResult[] = ['throughput', 'response_time_hours', 'availability_hours', 'quality_gate']
        .map((metric) => ({ metric, target: 10, actual: breached.includes(metric) ? 8 : 10, status: breached.includes(metric) ? 'breached' : 'met' }));
      await db.insert(t.slaReports).values({ organizationId: ORG, slaId: pod.sla, podId: pod.pod, period, compliancePercent, metrics, createdAt });
    },
    async ticket(pod: string, createdAt: Date, answer: { respondedAt?: Date; resolvedAt?: Date; priority?: 'low' | 'medium' | 'high' | 'critical' } = {}): Promise<string> {
      const status = answer.resolvedAt ? 'resolved' : answer.respondedAt ? 'acknowledged' : 'open';
      const [row] = await db.insert(t.tickets).values({
        organizationId: ORG, workspaceId: WS, podId: pod, type: 'support_request', title: 'Rule test ticket', priority: answer.priority ?? 'medium',
        status, slaResponseDueAt: new Date(createdAt.getTime() + 2 * HOUR), respondedAt: answer.respondedAt ?? null, resolvedAt: answer.resolvedAt ?? null, createdAt,
      }).returning({ id: t.tickets.id });
      return row.id;
    },
    /** A task with its status history: `[at, to]` steps from backlog; the last step is its status now. */
    async task(line: string, createdAt: Date, steps: Array<[Date, 'in_progress' | 'in_review' | 'done' | 'cancelled']>): Promise<string> {
      const status = steps.at(-1)?.[1] ?? 'backlog';
      const last = steps.at(-1)?.[0] ?? createdAt;
      const [row] = await db.insert(t.tasks).values({
        organizationId: ORG, workspaceId: WS, serviceLineId: line, title: 'Rule test task', status, createdAt, updatedAt: last,
        completedAt: status === 'done' || status === 'cancelled' ? last : null,
      }).returning({ id: t.tasks.id });
      let from = 'backlog';
      for (const [at, to] of steps) {
        await db.insert(t.taskHistory).values({ taskId: row.id, at, change: 'status', from, to });
        from = to;
      }
      return row.id;
    },
    async event(type: string, createdAt: Date, subject: { type: string; id: string }, payload: Record<string, unknown> = {}, workspaceId = WS): Promise<string> {
      const [row] = await db.insert(t.events).values({
        type, organizationId: ORG, workspaceId, actorType: 'system', actorId: null, subjectType: subject.type, subjectId: subject.id, payload, createdAt,
      }).returning({ id: t.events.id });
      return row.id;
    },
    async integration(name: string, workspaceId = WS): Promise<string> {
      const [row] = await db.insert(t.integrations).values({ organizationId: ORG, workspaceId, type: 'datadog', name, status: 'active' }).returning({ id: t.integrations.id });
      return row.id;
    },
    async syncRun(integration: string, status: 'success' | 'failed', startedAt: Date): Promise<string> {
      const [row] = await db.insert(t.syncRuns).values({
        organizationId: ORG, integrationId: integration, status, startedAt, finishedAt: new Date(startedAt.getTime() + 60_000),
        error: status === 'failed' ? 'API answered 403' : null,
      }).returning({ id: t.syncRuns.id });
      return row.id;
    },
    async usage(line: string, cost: number, recordedAt: Date, workspaceId = WS): Promise<void> {
      await db.insert(t.usageRecords).values({ organizationId: ORG, workspaceId, serviceLineId: line, metric: 'managed.talent_days', quantity: 1, cost, recordedAt });
    },
    async measure(line: string, window: HealthWindow = WINDOW): Promise<LineMeasures> {
      const measured = (await measureLines(db, scope, [line], window)).get(line);
      if (!measured) throw new Error(`line ${line} was not measured`);
      return measured;
    },
    async signal(rule: HealthRule, line: string, window: HealthWindow = WINDOW): Promise<HealthSignal> {
      return signalOf(rule, await this.measure(line, window));
    },
    async assess(line: string, window: HealthWindow = WINDOW) {
      return assess(await this.measure(line, window));
    },
  };
}
