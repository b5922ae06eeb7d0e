import { toIso } from '../../../platform/time.ts';
import type { HEALTH_STATUSES } from '../tables.ts';
import type { LineMeasures } from './measures.ts';
import { THRESHOLDS as T } from './thresholds.ts';
import { DAY_MS } from './window.ts';

/**
 * The health rules, written once: each reads a line's measures (measures.ts) and gives a signal
 * with the points it takes off, a sentence, its evidence (the measures, snake_case as the docs
 * write payloads) and links to the records behind it. `assess` sums them into a score and a
 * status. Pure and deterministic: the same measures give the same assessment, to the character.
 */

export const HEALTH_RULES = ['incidents', 'tickets', 'sla', 'velocity', 'work_in_progress', 'blocked', 'capacity', 'integrations', 'spend'] as const;
export type HealthRule = (typeof HEALTH_RULES)[number];
export type HealthLevel = 'ok' | 'warning' | 'critical';
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** A record behind a signal: its type as events name subjects, its ID, and the /v1 URL that serves it. */
export interface HealthLink {
  type: string;
  id: string;
  href: string;
}

export interface HealthSignal {
  rule: HealthRule;
  /** ok: no points taken; warning: points taken; critical: makes the line critical whatever its score. */
  level: HealthLevel;
  penalty: number;
  summary: string;
  evidence: Record<string, unknown>;
  links: HealthLink[];
}

export interface HealthAssessment {
  line: LineMeasures['line'];
  from: Date;
  to: Date;
  score: number;
  status: HealthStatus;
  /** One per rule, in HEALTH_RULES order. */
  signals: HealthSignal[];
}

type Finding = Omit<HealthSignal, 'rule' | 'level'> & { critical?: boolean };

// ---- wording -----------------------------------------------------------------------------------

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const hours = (ms: number) => round(ms / 3_600_000, 1);
/** A duration as people say it: hours below two days, days above. */
const duration = (ms: number) => (ms < 2 * DAY_MS ? `${hours(ms)} hours` : `${round(ms / DAY_MS, 1)} days`);
const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;
const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
const money = (amount: number, currency: string) =>
  `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
const list = (items: string[], shown = 3) =>
  items.length <= shown ? items.join(', ') : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
const day = (date: Date) => date.toISOString().slice(0, 10);
const event = (id: string): HealthLink => ({ type: 'event', id, href: `/v1/events/${id}` });

// ---- the rules ---------------------------------------------------------------------------------

const RULES: Record<HealthRule, (m: LineMeasures) => Finding> = {
  incidents(m) {
    const i = m.incidents;
    const bySeverity = i?.bySeverity ?? { critical: 0, high: 0, medium: 0, low: 0 };
    const openFor = i ? m.window.to.getTime() - i.oldest.openedAt.getTime() : 0;
    const old = openFor > T.incidents.oldAfterDays * DAY_MS;
    const points = (Object.keys(bySeverity) as Array<keyof typeof bySeverity>).reduce((sum, s) => sum + bySeverity[s] * T.incidents.penalty[s], 0);
    const breakdown = (Object.keys(bySeverity) as Array<keyof typeof bySeverity>).filter((s) => bySeverity[s] > 0).map((s) => `${bySeverity[s]} ${s}`);
    return {
      penalty: Math.min(T.incidents.cap, points + (old ? T.incidents.oldPenalty : 0)),
      critical: bySeverity.critical > 0,
      summary: i ? `${count(i.open, 'incident')} open (${breakdown.join(', ')}); the oldest, ${i.oldest.id}, for ${duration(openFor)}.` : 'No incident open.',
      evidence: {
        open: i?.open ?? 0,
        by_severity: bySeverity,
        oldest_id: i?.oldest.id ?? null,
        oldest_opened_at: toIso(i?.oldest.openedAt),
        oldest_open_hours: i ? hours(openFor) : null,
      },
      links: (i?.top ?? []).map((x) => ({ type: 'incident', id: x.id, href: `/v1/incidents?service_line_id=${m.line.id}` })),
    };
  },

  tickets(m) {
    const t = m.tickets;
    const oldest = t?.top[0];
    const late = oldest ? m.window.to.getTime() - oldest.dueAt.getTime() : 0;
    const overdue = t?.overdue ?? 0;
    return {
      penalty: Math.min(T.tickets.cap, overdue * T.tickets.penalty),
      critical: overdue >= T.tickets.criticalAt,
      summary: oldest
        ? `${count(overdue, 'ticket')} past ${overdue === 1 ? 'its' : 'their'} SLA response deadline without an answer; the longest, ${oldest.id}, by ${duration(late)}.`
        : 'No ticket is past its SLA response deadline.',
      evidence: { overdue, oldest_id: oldest?.id ?? null, oldest_due_at: toIso(oldest?.dueAt), oldest_overdue_hours: oldest ? hours(late) : null },
      links: (t?.top ?? []).map((x) => ({ type: 'ticket', id: x.id, href: `/v1/managed-services/tickets?pod_id=${x.podId}` })),
    };
  },

  sla(m) {
    const pod = m.pod;
    const report = pod?.report;
    const breached = (report?.metrics ?? []).filter((x) => x.status === 'breached');
    const compliance = report?.compliancePercent ?? null;
    const low = compliance !== null && compliance < T.sla.lowCompliance;
    const links: HealthLink[] = [];
    if (pod && report && pod.slaId) links.push({ type: 'sla', id: pod.slaId, href: `/v1/managed-services/slas?pod_id=${pod.podId}&period=${report.period}` });
    if (pod) links.push({ type: 'pod', id: pod.podId, href: `/v1/managed-services/pods/${pod.podId}` });
    const metrics = breached.map((x) => `${x.metric} ${x.actual} against ${x.target}`);
    return {
      penalty: Math.min(T.sla.breachCap, breached.length * T.sla.perBreach) + (low ? T.sla.lowPenalty : 0),
      critical: compliance !== null && compliance < T.sla.criticalBelow,
      summary: !pod ? 'No SLA: the line has no managed-services pod.'
        : !report ? `No SLA report yet for ${pod.podId}.`
          : `SLA report ${report.period}: ${compliance}% compliance; ${breached.length ? `${count(breached.length, 'metric')} breached (${metrics.join(', ')})` : 'every metric met'}.`,
      evidence: {
        pod_id: pod?.podId ?? null,
        sla_id: pod?.slaId ?? null,
        period: report?.period ?? null,
        compliance_percent: compliance,
        breached: breached.map(({ metric, target, actual }) => ({ metric, target, actual })),
      },
      links,
    };
  },

  velocity(m) {
    const { current, previous } = m.completions;
    const days = round((m.window.to.getTime() - m.window.from.getTime()) / DAY_MS, 1);
    const ratio = previous > 0 ? current / previous : null;
    const compared = previous >= T.velocity.minBaseline && ratio !== null;
    const penalty = !compared ? 0 : ratio < T.velocity.dropBelow ? T.velocity.dropPenalty : ratio < T.velocity.slowBelow ? T.velocity.slowPenalty : 0;
    return {
      penalty,
      summary: compared
        ? `${count(current, 'task')} completed in the window against ${previous} in the ${days} days before it (${percent(ratio)}).`
        : `${count(current, 'task')} completed in the window; too little history to compare (${previous} in the ${days} days before it, ${T.velocity.minBaseline} needed).`,
      evidence: { completed: current, previously_completed: previous, ratio: ratio === null ? null : round(ratio, 2), window_days: days },
      links: [{ type: 'service_line', id: m.line.id, href: `/v1/tasks?service_line_id=${m.line.id}&status=done` }],
    };
  },

  work_in_progress(m) {
    const w = m.wip;
    const cutoff = m.window.to.getTime() - T.workInProgress.ageingAfterDays * DAY_MS;
    const oldest = w?.top[0];
    const ageing = w?.ageing ?? 0;
    return {
      penalty: Math.min(T.workInProgress.cap, ageing * T.workInProgress.perItem),
      summary: !w || !oldest ? 'No task in progress.'
        : `${count(w.wip, 'task')} in progress or in review, ${ageing ? `${ageing} of them` : 'none'} for more than ${T.workInProgress.ageingAfterDays} days; ` +
          `the oldest, ${oldest.id}, ${oldest.status.replace('_', ' ')} for ${duration(m.window.to.getTime() - oldest.since.getTime())}.`,
      evidence: {
        in_progress: w?.wip ?? 0,
        ageing,
        ageing_after_days: T.workInProgress.ageingAfterDays,
        oldest_id: oldest?.id ?? null,
        oldest_status: oldest?.status ?? null,
        oldest_since: toIso(oldest?.since),
      },
      links: (w?.top ?? []).filter((x) => x.since.getTime() < cutoff).map((x) => ({ type: 'task', id: x.id, href: `/v1/tasks/${x.id}` })),
    };
  },

  blocked(m) {
    const e = m.events;
    const oldest = e?.blockedTop[0];
    const blockedFor = oldest ? m.window.to.getTime() - oldest.createdAt.getTime() : 0;
    const blocked = e?.blocked ?? 0;
    return {
      penalty: Math.min(T.blocked.cap, blocked * T.blocked.perItem),
      critical: blockedFor > T.blocked.criticalAfterDays * DAY_MS,
      summary: oldest
        ? `${count(blocked, 'item')} blocked; the longest, ${oldest.subjectType} ${oldest.subjectId}, since ${toIso(oldest.createdAt)} (${duration(blockedFor)}).`
        : 'Nothing blocked.',
      evidence: {
        blocked,
        oldest_event_id: oldest?.id ?? null,
        oldest_subject: oldest ? { type: oldest.subjectType, id: oldest.subjectId } : null,
        oldest_since: toIso(oldest?.createdAt),
        oldest_blocked_hours: oldest ? hours(blockedFor) : null,
      },
      links: (e?.blockedTop ?? []).map((x) => event(x.id)),
    };
  },

  capacity(m) {
    const gaps = m.events?.capacity['capacity.gap_detected'] ?? 0;
    const warnings = m.events?.capacity['capacity.utilisation_warning'] ?? 0;
    return {
      penalty: Math.min(T.capacity.cap, gaps * T.capacity.gap + warnings * T.capacity.warning),
      summary: gaps + warnings === 0 ? 'No capacity event in the window.'
        : `${count(gaps + warnings, 'capacity event')} in the window: ${count(gaps, 'capacity gap')}, ${count(warnings, 'utilisation warning')}.`,
      evidence: { capacity_gaps: gaps, utilisation_warnings: warnings },
      links: (m.events?.capacityTop ?? []).map((x) => event(x.id)),
    };
  },

  integrations(m) {
    const failing = m.integrations;
    const points = failing.reduce((sum, i) => sum + T.integrations.perIntegration + (i.stillFailing ? T.integrations.stillFailing : 0), 0);
    const named = failing.map((i) => `${i.name} (${count(i.failures, 'failed run')}${i.stillFailing ? ', still failing' : ''})`);
    return {
      penalty: Math.min(T.integrations.cap, points),
      summary: failing.length ? `${count(failing.length, 'integration')} of the workspace failed to sync in the window: ${list(named)}.` : 'No integration sync failed in the window.',
      evidence: {
        failing: failing.map((i) => ({
          integration_id: i.integrationId, name: i.name, type: i.type, failed_runs: i.failures, last_failed_run_id: i.lastFailedRunId,
          last_failed_at: toIso(i.lastFailedAt), last_error: i.lastError, still_failing: i.stillFailing,
        })),
      },
      links: failing.slice(0, 10).map((i) => ({ type: 'integration', id: i.integrationId, href: `/v1/integrations/${i.integrationId}` })),
    };
  },

  spend(m) {
    const s = m.spend;
    const fromPod = m.pod?.costPerMonth != null && m.pod.costPerMonth > 0;
    const budget = fromPod ? m.pod!.costPerMonth! : s.previousPeriod > 0 ? s.previousPeriod : null;
    const currency = (fromPod ? m.pod!.currency : s.currency) ?? 'USD';
    const ratio = budget ? s.spent / budget : null;
    const over = ratio !== null && ratio >= T.spend.overAt;
    const far = ratio !== null && ratio >= T.spend.criticalAt;
    const lastDay = day(new Date(m.window.to.getTime() - 1));
    return {
      penalty: far ? T.spend.criticalPenalty : over ? T.spend.overPenalty : 0,
      // Past a contracted monthly cost it is critical; past last month's spend (usage varies) a warning.
      critical: far && fromPod,
      summary: ratio === null
        ? `${money(s.spent, currency)} spent in ${s.period} so far, with no budget to compare: no pod, and nothing spent the month before.`
        : `${money(s.spent, currency)} spent in ${s.period} so far: ${percent(ratio)} of ${fromPod ? "the pod's monthly cost" : "last month's spend"}, ${money(budget!, currency)}.`,
      evidence: {
        period: s.period,
        spent: round(s.spent, 2),
        budget: budget === null ? null : round(budget, 2),
        budget_source: budget === null ? null : fromPod ? 'pod' : 'previous_period',
        ratio: ratio === null ? null : round(ratio, 2),
        currency,
      },
      links: [{ type: 'service_line', id: m.line.id, href: `/v1/service-lines/${m.line.id}/usage?from=${day(s.periodStart)}&to=${lastDay}` }],
    };
  },
};

/** The signal of one rule. */
export function signalOf(rule: HealthRule, m: LineMeasures): HealthSignal {
  const { critical, ...finding } = RULES[rule](m);
  return { rule, level: critical ? 'critical' : finding.penalty > 0 ? 'warning' : 'ok', ...finding };
}

/** Every rule applied to a line: its score (100 less every penalty, at least 0), status and signals. */
export function assess(m: LineMeasures): HealthAssessment {
  const signals = HEALTH_RULES.map((rule) => signalOf(rule, m));
  const score = Math.max(0, 100 - signals.reduce((sum, s) => sum + s.penalty, 0));
  return {
    line: m.line,
    from: m.window.from,
    to: m.window.to,
    score,
    status: statusOf(score, signals.some((s) => s.level === 'critical')),
    signals,
  };
}

export function statusOf(score: number, anyCritical: boolean): HealthStatus {
  if (anyCritical || score < T.status.atRisk) return 'critical';
  return score < T.status.healthy ? 'at_risk' : 'healthy';
}

/** Worst first, as a roll-up lists lines: critical, at risk, healthy; lower scores first; then by ID. */
export function worstFirst(a: HealthAssessment, b: HealthAssessment): number {
  const rank = { critical: 0, at_risk: 1, healthy: 2 } as const;
  return rank[a.status] - rank[b.status] || a.score - b.score || (a.line.id < b.line.id ? -1 : 1);
}

/** The health of a set of lines (a workspace's active lines) as one figure. */
export interface HealthRollUp {
  from: Date;
  to: Date;
  /** The mean of the lines' scores, rounded. */
  score: number;
  /** The worst of the lines' statuses. */
  status: HealthStatus;
  lines: number;
  healthy: number;
  atRisk: number;
  critical: number;
  /** Every line, worst first. */
  ranked: HealthAssessment[];
}

/** At least one line: a set of none has no health to tell. */
export function rollUp(window: { from: Date; to: Date }, assessments: HealthAssessment[]): HealthRollUp {
  if (assessments.length === 0) throw new Error('a health roll-up needs at least one line');
  const ranked = [...assessments].sort(worstFirst);
  const n = (status: HealthStatus) => assessments.filter((a) => a.status === status).length;
  return {
    from: window.from,
    to: window.to,
    score: Math.round(assessments.reduce((sum, a) => sum + a.score, 0) / assessments.length),
    status: ranked[0].status,
    lines: assessments.length,
    healthy: n('healthy'),
    atRisk: n('at_risk'),
    critical: n('critical'),
    ranked,
  };
}
