import type { PRODUCT_LINES, EXECUTION_MODELS, BILLING_MODELS } from '../../subgraphs/service-lines/tables.ts';
import type { Random } from '../random.ts';
import { DEMO, demoId } from './ids.ts';
import { workspaceUserIds } from './organizations.ts';
import { at, plus, max, min, weekdays, days, periods, period, monthStart, NOW, HOUR, DAY, MINUTE } from './time.ts';
import type { DemoData, EventDraft, ServiceLineRow } from './types.ts';

type ProductLine = (typeof PRODUCT_LINES)[number];
type Status = 'draft' | 'active' | 'paused' | 'closed';

const MODELS: Record<ProductLine, [(typeof EXECUTION_MODELS)[number], (typeof BILLING_MODELS)[number]]> = {
  talent: ['capacity', 'time_and_materials'],
  managed_services: ['ongoing_sla', 'fixed_monthly'],
  ods: ['outcome', 'fixed_price'],
  infrastructure: ['estate', 'fixed_monthly'],
  intelligence: ['analysis', 'subscription'],
  agents: ['agent', 'usage_based'],
};

/** [name, product line, status, fixed activation, fixed end (pause or close)] */
type LineSpec = [string, ProductLine, Status, string?, string?];

const PAYMENTS_LINES: LineSpec[] = [
  // First, so a pod-backed line is among the first page of the workspace's active lines.
  ['Fraud Detection Pod', 'managed_services', 'active', '2025-11-01T00:00:00Z'],
  ['Frontend Engineering - Q2 2026', 'talent', 'active'],
  ['Mobile Engineering - iOS', 'talent', 'active'],
  ['Mobile Engineering - Android', 'talent', 'active'],
  ['QA Automation Squad', 'talent', 'active'],
  ['Data Engineering Support', 'talent', 'active'],
  ['DevOps Engineering - Q2 2026', 'talent', 'active'],
  ['Backend Engineering - Q1 2026', 'talent', 'closed', '2026-01-05T09:00:00Z', '2026-03-31T18:00:00Z'],
  ['Security Engineering Augmentation', 'talent', 'active'],
  ['Payments API Contractors', 'talent', 'paused', '2025-11-03T09:00:00Z', '2026-03-13T17:00:00Z'],
  ['Merchant Onboarding Pod', 'managed_services', 'active', '2026-01-05T00:00:00Z'],
  ['3-D Secure 2 Integration', 'ods', 'active'],
  ['Ledger Reconciliation Service', 'ods', 'active'],
  ['Checkout Performance Audit', 'ods', 'closed', '2025-12-01T10:00:00Z', '2026-02-27T15:00:00Z'],
  ['Payout Scheduling Rebuild', 'ods', 'active'],
  ['PCI DSS Evidence Automation', 'ods', 'active'],
  ['Chargeback Portal v2', 'ods', 'draft'],
  ['Payments Kubernetes Estate', 'infrastructure', 'active'],
  ['Observability Stack Management', 'infrastructure', 'active'],
  ['Database Platform - Postgres Fleet', 'infrastructure', 'active'],
  ['Edge & CDN Management', 'infrastructure', 'active'],
  ['Delivery Intelligence - Payments', 'intelligence', 'active'],
  ['Code Quality Scorecards', 'intelligence', 'active'],
  ['Engineering Risk Signals', 'intelligence', 'active'],
  ['Cost Attribution Analysis', 'intelligence', 'active'],
  ['Release Notes Agent', 'agents', 'active'],
  ['PR Review Agent', 'agents', 'active'],
  ['Incident Triage Agent', 'agents', 'active'],
  ['Test Generation Agent', 'agents', 'active'],
  ['Dependency Upgrade Agent', 'agents', 'paused', '2026-01-20T10:00:00Z', '2026-04-03T12:00:00Z'],
  ['Support Ticket Triage Agent', 'agents', 'active'],
];

const DATA_LINES: LineSpec[] = [
  ['Data Engineering - Lakehouse', 'talent', 'active'],
  ['Data Reliability Pod', 'managed_services', 'active', '2025-10-01T00:00:00Z'],
  ['Lakehouse Migration Outcome', 'ods', 'active'],
  ['Analytics Warehouse Estate', 'infrastructure', 'active'],
  ['Data Quality Agent', 'agents', 'active'],
  ['BI Dashboards Refresh', 'ods', 'draft'],
];

const NORTHWIND_LINES: Array<[number, ...LineSpec]> = [
  [79310, 'Platform Engineering', 'talent', 'active', '2025-07-01T09:00:00Z'],
  [79322, 'Northwind Core Pod', 'managed_services', 'active', '2025-08-01T00:00:00Z'],
  [79335, 'Mobile App Relaunch', 'ods', 'active'],
  [79341, 'Cloud Estate', 'infrastructure', 'active'],
  [79356, 'Delivery Insights', 'intelligence', 'active'],
  [79368, 'Code Review Agent', 'agents', 'active'],
];

const OTHER_PROJECTS = ['PROJ-26-004276', 'PROJ-26-004288'];

/** A run of an agent line: the platform's RUN-* records are not stored here, only their events. */
export interface AgentRun {
  line: ServiceLineRow;
  agentId: string;
  at: Date;
  durationMs: number;
  tokens: number;
  ok: boolean;
}

export interface LinesOutput {
  rows: Pick<DemoData, 'serviceLines' | 'usageRecords'>;
  events: EventDraft[];
  /** The agent (AGT-*) behind each agent line. */
  agents: Map<string, string>;
  /** When each paused or closed line stopped. */
  ends: Map<string, Date>;
  runs: AgentRun[];
}

export function buildServiceLines(rng: Random): LinesOutput {
  const lines: ServiceLineRow[] = [...documentedLines()];
  const ends = new Map<string, Date>();
  // Generated lines take numbers between the docs' LIN-26-084729 and LIN-26-091100, never theirs.
  let n = 84_729;
  const next = () => {
    n += rng.int(45, 150);
    if (n === 88_401) n++;
    return n;
  };
  const generate = (specs: LineSpec[], workspaceId: string, organizationId: string, num: () => number) => {
    for (const spec of specs) {
      const line = makeLine(rng.fork(spec[0]), demoId('LIN', num()), organizationId, workspaceId, spec);
      lines.push(line.row);
      if (line.end) ends.set(line.row.id!, line.end);
    }
  };
  generate(PAYMENTS_LINES, DEMO.workspaceId, DEMO.organizationId, next);
  generate(DATA_LINES, DEMO.dataWorkspaceId, DEMO.organizationId, next);
  if (n >= 91_100) throw new Error('generated Service Lines must stay under LIN-26-091100');
  for (const [num, ...spec] of NORTHWIND_LINES) generate([spec], DEMO.otherWorkspaceId, DEMO.otherOrganizationId, () => num);

  const agents = new Map<string, string>();
  let agentNumber = 2;
  for (const line of lines) {
    if (line.productLine !== 'agents') continue;
    if (line.id === DEMO.agentServiceLineId) agents.set(line.id, DEMO.agentId);
    else {
      if (++agentNumber === 12) agentNumber++;
      agents.set(line.id!, demoId('AGT', agentNumber));
    }
  }
  const runs = lines.flatMap((line) => agentRuns(rng.fork(`runs ${line.id}`), line, agents.get(line.id!), ends.get(line.id!)));
  const usageRecords = lines.flatMap((line) => usage(rng.fork(`usage ${line.id}`), line, ends.get(line.id!), runs));
  return { rows: { serviceLines: lines, usageRecords }, events: lineEvents(rng.fork('line events'), lines, ends), agents, ends, runs };
}

function documentedLines(): ServiceLineRow[] {
  const base = { organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, status: 'active' as const };
  return [
    {
      ...base, id: DEMO.serviceLineId, name: 'Backend Engineering - Q2 2026', productLine: 'talent',
      executionModel: 'capacity', billingModel: 'time_and_materials', projectIds: [DEMO.projectId],
      createdAt: at('2026-01-08T14:20:00Z'), activatedAt: at('2026-01-15T09:00:00Z'), updatedAt: at('2026-01-15T09:00:00Z'),
    },
    {
      ...base, id: DEMO.podServiceLineId, name: 'Payments Platform Pod', productLine: 'managed_services',
      executionModel: 'ongoing_sla', billingModel: 'fixed_monthly', projectIds: [DEMO.projectId],
      createdAt: at('2025-08-18T10:00:00Z'), activatedAt: at('2025-09-01T00:00:00Z'), updatedAt: at('2025-09-01T00:00:00Z'),
    },
    {
      ...base, id: DEMO.agentServiceLineId, name: 'Platform Reliability Agent', productLine: 'agents',
      executionModel: 'agent', billingModel: 'usage_based', projectIds: [],
      createdAt: at('2026-02-16T15:00:00Z'), activatedAt: at('2026-02-17T10:00:00Z'), updatedAt: at('2026-02-17T10:00:00Z'),
    },
  ];
}

function makeLine(rng: Random, id: string, organizationId: string, workspaceId: string, spec: LineSpec) {
  const [name, productLine, status, fixedStart, fixedEnd] = spec;
  const [executionModel, billingModel] = MODELS[productLine];
  const createdAt = status === 'draft'
    ? plus(at('2026-04-02T09:00:00Z'), rng.int(0, 11 * 24) * HOUR)
    : fixedStart ? plus(at(fixedStart), -rng.int(3, 14) * DAY) : plus(at('2025-09-15T09:00:00Z'), rng.int(0, 170) * DAY + rng.int(0, 8) * HOUR);
  const activatedAt = status === 'draft' ? null : fixedStart ? at(fixedStart) : plus(createdAt, rng.int(1, 6) * DAY + rng.int(0, 90) * MINUTE);
  const end = fixedEnd ? at(fixedEnd) : undefined;
  const projectIds = organizationId !== DEMO.organizationId ? (rng.chance(0.5) ? [DEMO.otherProjectId] : [])
    : rng.weighted<string[]>([[[DEMO.projectId], 4], [[rng.pick(OTHER_PROJECTS)], 3], [[DEMO.projectId, rng.pick(OTHER_PROJECTS)], 1], [[], 3]]);
  const row: ServiceLineRow = {
    id, organizationId, workspaceId, name, productLine, executionModel, billingModel, status, projectIds,
    activatedAt, closedAt: status === 'closed' ? end : null, createdAt, updatedAt: end ?? activatedAt ?? createdAt,
  };
  return { row, end };
}

function agentRuns(rng: Random, line: ServiceLineRow, agentId: string | undefined, end: Date | undefined): AgentRun[] {
  if (!agentId || !line.activatedAt) return [];
  const runs: AgentRun[] = [];
  // Runs before the docs' own run of the day, so RUN-26-001812 stays the newest.
  const last = min(end ?? NOW, at('2026-04-14T23:59:59Z'));
  for (const day of days(max(line.activatedAt, at('2026-03-16T00:00:00Z')), last)) {
    const count = rng.weighted([[0, 3], [1, 5], [2, 1]]);
    for (let i = 0; i < count; i++) {
      const when = plus(day, (6 + rng.int(0, 14)) * HOUR + rng.int(0, 3599) * 1000);
      if (when > last || when < line.activatedAt) continue;
      runs.push({ line, agentId, at: when, durationMs: rng.int(900, 9800), tokens: rng.int(600, 6400), ok: rng.chance(0.92) });
    }
  }
  return runs.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function usage(rng: Random, line: ServiceLineRow, end: Date | undefined, runs: AgentRun[]): DemoData['usageRecords'] {
  if (!line.activatedAt) return [];
  const base = { organizationId: line.organizationId, workspaceId: line.workspaceId, serviceLineId: line.id!, currency: 'USD' };
  const from = max(line.activatedAt, at('2026-01-01T00:00:00Z'));
  const to = min(end ?? NOW, NOW);
  const out: DemoData['usageRecords'] = [];
  const record = (metric: string, quantity: number, cost: number, recordedAt: Date) =>
    out.push({ ...base, metric, quantity, cost: Math.round(cost * 100) / 100, recordedAt });

  if (line.id === DEMO.serviceLineId) {
    // The docs' April summary: 640.0 hours and 60800.00 USD, a team of four booked at 95 USD/h.
    for (const d of weekdays(from, at('2026-03-31T00:00:00Z'))) record('talent.hours', 32, 32 * 95, plus(d, 17 * HOUR));
    for (const d of weekdays(at('2026-04-01T00:00:00Z'), at('2026-04-30T00:00:00Z')).slice(0, 20)) record('talent.hours', 32, 32 * 95, plus(d, 17 * HOUR));
    return out;
  }
  switch (line.productLine) {
    case 'talent': {
      const heads = rng.int(1, 4);
      const rate = rng.pick([85, 90, 95, 105, 110, 120]);
      for (const d of weekdays(from, to)) {
        const hours = heads * 8 - (rng.chance(0.15) ? 4 : 0);
        if (plus(d, 17 * HOUR) <= to) record('talent.hours', hours, hours * rate, plus(d, 17 * HOUR));
      }
      break;
    }
    case 'ods':
      for (const p of periods(period(from), period(to))) {
        const day = plus(monthStart(p), rng.int(1, p === period(to) ? to.getUTCDate() - 2 : 26) * DAY + 16 * HOUR);
        record('ods.milestones', 1, rng.pick([12_500, 18_000, 24_000, 31_500]), max(day, from));
      }
      break;
    case 'infrastructure': {
      const resources = rng.int(20, 120);
      for (const d of days(from, to).filter((x) => x.getUTCDay() === 1)) {
        const q = resources + rng.int(-4, 6);
        record('infra.managed_resources', q, q * 42.5, plus(d, 6 * HOUR));
      }
      break;
    }
    case 'intelligence':
      for (const d of days(from, to).filter((x) => x.getUTCDay() === 1)) {
        const q = rng.int(2, 9);
        record('intelligence.analyses', q, q * 350, plus(d, 7 * HOUR));
      }
      break;
    case 'agents': {
      // Metered per finished day from the runs themselves, so usage and the event log agree.
      const perDay = new Map<string, AgentRun[]>();
      for (const r of runs.filter((x) => x.line === line)) {
        const key = r.at.toISOString().slice(0, 10);
        perDay.set(key, [...(perDay.get(key) ?? []), r]);
      }
      for (const [day, list] of perDay) {
        const closing = at(`${day}T23:59:00Z`);
        const tokens = list.reduce((s, r) => s + r.tokens, 0);
        record('agents.runs', list.length, list.length * 0.4, closing);
        record('agents.tokens', tokens, tokens * 0.0006, closing);
      }
      break;
    }
    case 'managed_services':
      break; // metered by the pod, in managed-services.ts
  }
  return out;
}

function lineEvents(rng: Random, lines: ServiceLineRow[], ends: Map<string, Date>): EventDraft[] {
  const out: EventDraft[] = [];
  for (const line of lines) {
    const admins = workspaceUserIds(line.workspaceId, ['owner', 'admin']);
    const base = { organizationId: line.organizationId, workspaceId: line.workspaceId, subjectType: 'service_line', subjectId: line.id! };
    if (line.activatedAt) {
      const documented = line.id === DEMO.serviceLineId;
      out.push({
        ...base, id: documented ? DEMO.activationEventId : undefined, type: 'service_line.activated',
        actorType: 'user', actorId: documented ? DEMO.adminUserId : rng.pick(admins),
        payload: { previous_status: 'draft', new_status: 'active', execution_model: line.executionModel, product_line: line.productLine },
        createdAt: line.activatedAt,
      });
    }
    const end = ends.get(line.id!);
    if (end && (line.status === 'paused' || line.status === 'closed')) {
      out.push({
        ...base, type: `service_line.${line.status}`, actorType: 'user', actorId: rng.pick(admins),
        payload: { previous_status: 'active', new_status: line.status }, createdAt: end,
      });
    }
  }
  return out;
}
