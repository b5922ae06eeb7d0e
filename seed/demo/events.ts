import type { Random } from '../random.ts';
import { DEMO, demoId, numberDownFrom } from './ids.ts';
import type { AgentRun } from './service-lines.ts';
import { at, plus, EVENT_RETENTION_START, NOW, HOUR, DAY, byTime, period, nextPeriod } from './time.ts';
import type { DemoData, EventDraft } from './types.ts';

/** The docs' agent run, closing the run log of LIN-26-091100. */
const DOCUMENTED_RUN: EventDraft = {
  id: DEMO.agentRunEventId, type: 'agent.run.completed', organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId,
  actorType: 'agent', actorId: DEMO.agentId, subjectType: 'run', subjectId: DEMO.runId,
  payload: { service_line_id: DEMO.agentServiceLineId, duration_ms: 2411, tokens_used: 1840, outcome: 'success' },
  createdAt: at('2026-04-15T09:12:46Z'),
};

/**
 * Assembles the event log from what every domain reported, plus the events of things the demo does
 * not store as rows (agent runs, invoices, webhooks). Only the last 90 days are kept, as the docs'
 * retention says; the log is then put in time order, because the events table's seq (assigned on
 * insert) must follow time, and numbered so that the docs' EVT-26-044912 stays the highest.
 */
export function buildEvents(rng: Random, data: DemoData, drafts: EventDraft[], runs: AgentRun[]): DemoData['events'] {
  const all = [
    ...drafts,
    ...runEvents(runs),
    DOCUMENTED_RUN,
    ...invoiceEvents(data),
    ...signalEvents(rng, data),
  ].filter((e) => e.createdAt >= EVENT_RETENTION_START && e.createdAt <= NOW);
  all.sort(byTime((e) => e.createdAt));

  const documented = all.filter((e) => e.id).map((e) => Number(e.id!.slice(-6)));
  const top = Math.max(...documented);
  const unnamed = all.filter((e) => !e.id);
  for (const [e, n] of numberDownFrom(unnamed, top - 1, documented)) e.id = demoId('EVT', n);
  return all.map((e) => ({ ...e, id: e.id! }));
}

function runEvents(runs: AgentRun[]): EventDraft[] {
  // RUN-* numbers count down from the docs' RUN-26-001812, the newest run of all.
  const top = Number(DEMO.runId.slice(-6)) - 1;
  return numberDownFrom(runs, top, []).map(([run, n]) => ({
    type: run.ok ? 'agent.run.completed' : 'agent.run.failed',
    organizationId: run.line.organizationId, workspaceId: run.line.workspaceId,
    actorType: 'agent', actorId: run.agentId, subjectType: 'run', subjectId: demoId('RUN', n),
    payload: run.ok
      ? { service_line_id: run.line.id, duration_ms: run.durationMs, tokens_used: run.tokens, outcome: 'success' }
      : { service_line_id: run.line.id, duration_ms: run.durationMs, tokens_used: run.tokens, outcome: 'failure', error: 'tool_timeout' },
    createdAt: run.at,
  }));
}

/** One invoice per organization and month, for the usage metered in that month. */
function invoiceEvents(data: DemoData): EventDraft[] {
  const out: EventDraft[] = [];
  const orgs: Array<[string, number]> = [[DEMO.organizationId, 311], [DEMO.otherOrganizationId, 305]];
  for (const [organizationId, first] of orgs) {
    ['2026-01', '2026-02', '2026-03'].forEach((p, i) => {
      const cents = data.usageRecords
        .filter((u) => u.organizationId === organizationId && period(u.recordedAt as Date) === p)
        .reduce((sum, u) => sum + Math.round(Number(u.cost) * 100), 0);
      const invoiceId = demoId('INV', first + i);
      const finalizedAt = at(`${nextPeriod(p)}-02T06:00:00Z`);
      const base = { organizationId, workspaceId: null, subjectType: 'invoice', subjectId: invoiceId };
      out.push({ ...base, type: 'invoice.finalized', actorType: 'system', actorId: null, payload: { period: p, amount_due: cents / 100, currency: 'USD' }, createdAt: finalizedAt });
      if (p !== '2026-03') {
        out.push({ ...base, type: 'invoice.paid', actorType: 'system', actorId: null, payload: { period: p, amount_paid: cents / 100, currency: 'USD' }, createdAt: plus(finalizedAt, 10 * DAY + 8 * HOUR) });
      }
    });
  }
  return out;
}

/** Capacity and execution signals on real Service Lines, a few of each (webhook events come from ./webhooks.ts). */
function signalEvents(rng: Random, data: DemoData): EventDraft[] {
  const active = (workspaceId: string, productLine: string) =>
    data.serviceLines.filter((l) => l.workspaceId === workspaceId && l.status === 'active' && l.productLine === productLine);
  const out: EventDraft[] = [];
  const signal = (type: string, line: DemoData['serviceLines'][number], payload: Record<string, unknown>, createdAt: Date) =>
    out.push({ type, organizationId: line.organizationId, workspaceId: line.workspaceId, actorType: 'system', actorId: null, subjectType: 'service_line', subjectId: line.id!, payload, createdAt });

  for (const line of rng.sample(active(DEMO.workspaceId, 'talent'), 3)) {
    signal('capacity.utilisation_warning', line, { utilisation_percent: rng.int(91, 99), threshold_percent: 90 }, plus(at('2026-03-02T07:00:00Z'), rng.int(0, 40) * DAY));
  }
  signal('capacity.gap_detected', active(DEMO.dataWorkspaceId, 'talent')[0], { role: 'data_engineer', missing_hours_per_week: 40 }, at('2026-04-07T07:00:00Z'));
  for (const line of rng.sample(active(DEMO.workspaceId, 'ods'), 2)) {
    const blocked = plus(at('2026-02-10T10:00:00Z'), rng.int(0, 50) * DAY + rng.int(0, 6) * HOUR);
    signal('execution.blocked', line, { reason: 'waiting_on_client_api_credentials' }, blocked);
    signal('execution.resumed', line, { blocked_hours: 46 }, plus(blocked, 46 * HOUR));
  }
  const agentLine = active(DEMO.workspaceId, 'agents').find((l) => l.name === 'PR Review Agent')!;
  out.push({
    type: 'agent.policy_violated', organizationId: agentLine.organizationId, workspaceId: agentLine.workspaceId, actorType: 'system', actorId: null,
    subjectType: 'service_line', subjectId: agentLine.id!, payload: { policy: 'no_direct_push_to_main', tool: 'github.push' }, createdAt: at('2026-03-19T14:05:00Z'),
  });
  return out;
}
