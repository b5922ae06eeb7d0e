import type { Db } from '../../../platform/db.ts';
import type { Scope } from '../../../platform/scope.ts';
import { openIncidentsByLine, overdueTicketsByLine, podsByLine, type LineIncidents, type LinePod, type LineTickets } from '../../managed-services/public.ts';
import { completionsByLine, workInProgressByLine, type LineCompletions, type LineWip } from '../../tasks/public.ts';
import { signalEventsByLine, type LineSignalEvents } from '../../events/public.ts';
import { failingIntegrationsByWorkspace, type FailingIntegration } from '../../integrations/public.ts';
import { linesWithSpend, type LineSpend } from './data.ts';
import { billingPeriods, DAY_MS, type HealthWindow } from './window.ts';
import { THRESHOLDS } from './thresholds.ts';

/** Records each signal names at most (the evidence keeps the full counts). */
export const LINKS_PER_SIGNAL = 10;
/** How far back an item's blocking is looked for: the event log keeps 90 days (events.txt). */
export const BLOCKED_LOOKBACK_DAYS = 90;

/** Everything the rules read about one line, gathered for many lines at once. */
export interface LineMeasures {
  line: LineSpend['line'];
  window: HealthWindow;
  incidents: LineIncidents | null;
  tickets: LineTickets | null;
  pod: LinePod | null;
  completions: LineCompletions;
  wip: LineWip | null;
  events: LineSignalEvents | null;
  integrations: FailingIntegration[];
  spend: { period: string; periodStart: Date; spent: number; previousPeriod: number; currency: string | null };
}

/**
 * Measures every line of `lineIds` visible to the scope (the others are left out) over one window,
 * in a constant number of statements whatever the number of lines: one for the lines and their
 * spend, then one per source (incidents, tickets, pods and SLA reports, completions, work in
 * progress, capacity and execution events, integration sync failures), read through each owning
 * subgraph's public module.
 */
export async function measureLines(db: Db, scope: Scope, lineIds: readonly string[], window: HealthWindow): Promise<Map<string, LineMeasures>> {
  const periods = billingPeriods(window);
  const lines = await linesWithSpend(db, scope, lineIds, { previousStart: periods.previousStart, start: periods.start, end: window.to });
  const ids = lines.map((l) => l.line.id);
  const workspaces = [...new Set(lines.map((l) => l.line.workspaceId))];
  const range = { start: window.from, end: window.to };
  const [incidents, tickets, pods, completions, wip, events, integrations] = await Promise.all([
    openIncidentsByLine(db, scope, ids, window.to, LINKS_PER_SIGNAL),
    overdueTicketsByLine(db, scope, ids, window.to, LINKS_PER_SIGNAL),
    podsByLine(db, scope, ids, window.to),
    completionsByLine(db, scope, ids, range),
    workInProgressByLine(db, scope, ids, window.to, new Date(window.to.getTime() - THRESHOLDS.workInProgress.ageingAfterDays * DAY_MS), LINKS_PER_SIGNAL),
    signalEventsByLine(db, scope, ids, range, new Date(window.to.getTime() - BLOCKED_LOOKBACK_DAYS * DAY_MS), LINKS_PER_SIGNAL),
    failingIntegrationsByWorkspace(db, scope, workspaces, range),
  ]);
  const out = new Map<string, LineMeasures>();
  for (const { line, spent, previousPeriod, currency } of lines) {
    out.set(line.id, {
      line,
      window,
      incidents: incidents.get(line.id) ?? null,
      tickets: tickets.get(line.id) ?? null,
      pod: pods.get(line.id) ?? null,
      completions: completions.get(line.id) ?? { current: 0, previous: 0 },
      wip: wip.get(line.id) ?? null,
      events: events.get(line.id) ?? null,
      integrations: integrations.get(line.workspaceId) ?? [],
      spend: { period: periods.label, periodStart: periods.start, spent, previousPeriod, currency },
    });
  }
  return out;
}
