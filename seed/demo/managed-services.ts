import type { SlaMetricResult, TICKET_TYPES } from '../../subgraphs/managed-services/tables.ts';
import type { Random } from '../random.ts';
import { DEMO, demoId, numberDownFrom } from './ids.ts';
import { activeWorkerIds, workspaceUserIds } from './organizations.ts';
import { at, plus, max, NOW, HOUR, DAY, MINUTE, periods, period, nextPeriod, monthStart, weekdays, byTime } from './time.ts';
import type { DemoData, EventDraft, ServiceLineRow } from './types.ts';

type Pod = DemoData['pods'][number];
type Sla = DemoData['slas'][number];
type Incident = DemoData['incidents'][number];
type Report = DemoData['slaReports'][number] & { incidentIds: string[] };
type Rows = Pick<DemoData, 'pods' | 'podMembers' | 'slas' | 'slaReports' | 'tickets' | 'incidents' | 'usageRecords'>;

/** [POD number, line name, delivery model, team size, monthly cost, SLA terms: tasks/sprint, response h, hours/week, quality %] */
type PodSpec = [number, string, Pod['deliveryModel'], number, number, [number, number, number, number]];

const PODS: PodSpec[] = [
  [8, 'Payments Platform Pod', 'managed_delivery', 5, 38_000, [18, 2, 200, 80]],
  [9, 'Fraud Detection Pod', 'dedicated_team', 4, 31_000, [14, 4, 160, 80]],
  [10, 'Merchant Onboarding Pod', 'managed_delivery', 3, 24_500, [10, 4, 120, 75]],
  [11, 'Data Reliability Pod', 'staff_augmentation', 3, 22_000, [8, 8, 120, 70]],
  [5, 'Northwind Core Pod', 'managed_delivery', 4, 29_000, [12, 4, 160, 80]],
];

/** The docs' pod team, in the order GET /pods/{id} lists it. */
const DOCUMENTED_TEAM: Array<[string, string]> = [
  ['SCR-128491', 'senior_backend_engineer'], ['SCR-129102', 'backend_engineer'], ['SCR-130011', 'qa_engineer'],
  ['SCR-130988', 'frontend_engineer'], ['SCR-131200', 'technical_pm'],
];
const ROLES = ['senior_backend_engineer', 'backend_engineer', 'frontend_engineer', 'qa_engineer', 'devops_engineer', 'data_engineer', 'technical_pm'];

/** The docs' SLA report for April 2026, verbatim. */
const DOCUMENTED_APRIL: SlaMetricResult[] = [
  { metric: 'throughput', target: 18, actual: 19, status: 'met' },
  { metric: 'response_time_hours', target: 2, actual: 1.8, status: 'met' },
  { metric: 'availability_hours', target: 200, actual: 198, status: 'met' },
  { metric: 'quality_gate', target: 80, actual: 76, status: 'breached' },
];

const TICKETS: Array<[(typeof TICKET_TYPES)[number], string]> = [
  ['priority_item', 'Expedite fix for intermittent 502s on checkout'],
  ['support_request', 'Access to staging logs for the client QA team'],
  ['bug_report', 'Refund amounts rounded incorrectly for JPY'],
  ['change_request', 'Extend sprint scope with PSD3 preparation'],
  ['escalation', 'Release slipped two days without notice'],
  ['priority_item', 'Settlement file missing for EU merchants'],
  ['bug_report', 'Duplicate webhooks delivered on retries'],
  ['support_request', 'Rotate API keys for the partner sandbox'],
  ['change_request', 'Move the sprint demo to Thursdays'],
  ['priority_item', 'Hotfix for currency conversion on payouts'],
  ['bug_report', 'Dashboard totals differ from the ledger export'],
  ['escalation', 'On-call response slower than agreed'],
];

const METRIC_INCIDENT: Record<string, [Incident['type'], Incident['severity'], string]> = {
  throughput: ['delivery_failure', 'low', 'Throughput below SLA target'],
  response_time_hours: ['sla_breach', 'medium', 'Response time above SLA target'],
  availability_hours: ['availability', 'high', 'Team availability below SLA target'],
  quality_gate: ['quality', 'medium', 'Quality gate below SLA target'],
};

export function buildManagedServices(rng: Random, lines: ServiceLineRow[]): { rows: Rows; events: EventDraft[] } {
  const rows: Rows = { pods: [], podMembers: [], slas: [], slaReports: [], tickets: [], incidents: [], usageRecords: [] };
  const generatedIncidents: Incident[] = [];
  const reportIncidents: Array<[Report, Incident]> = [];

  for (const [num, name, deliveryModel, teamSize, cost, terms] of PODS) {
    const r = rng.fork(name);
    const line = lines.find((l) => l.name === name && l.productLine === 'managed_services');
    if (!line?.activatedAt) throw new Error(`pod ${name} needs an active managed_services line`);
    const documented = num === 8;
    const pod = makePod(r, num, line, deliveryModel, teamSize, cost);
    const sla: Sla = {
      id: demoId('SLA', num), organizationId: line.organizationId, podId: pod.id!, throughputTasksPerSprint: terms[0],
      responseTimeHours: terms[1], availabilityHoursPerWeek: terms[2], qualityGatePercent: terms[3], currentCompliance: null,
      createdAt: plus(line.activatedAt, -7 * DAY + 12 * HOUR),
    };
    rows.pods.push(pod);
    rows.slas.push(sla);
    const team = documented ? DOCUMENTED_TEAM : Array.from({ length: teamSize }, (_, i) => [`SCR-${r.int(120_000, 139_999)}`, i === 0 ? 'technical_pm' : r.pick(ROLES)]);
    team.forEach(([talentId, role], position) => rows.podMembers.push({ podId: pod.id!, position, talentId, role, allocatedAt: pod.startedAt as Date }));

    for (const p of periods(period(line.activatedAt), '2026-04')) {
      const current = p === '2026-04';
      const metrics = documented && current ? DOCUMENTED_APRIL : monthMetrics(r.fork(p), sla);
      const breaches = metrics.filter((m) => m.status === 'breached').length;
      const report: Report = {
        organizationId: line.organizationId, slaId: sla.id!, podId: pod.id!, period: p,
        compliancePercent: documented && current ? 97.2 : Math.round((100 - 2.6 * breaches - r.decimal(0, 1.4, 1)) * 10) / 10,
        metrics, incidentIds: [],
        createdAt: current ? at('2026-04-14T06:00:00Z') : plus(monthStart(nextPeriod(p)), DAY + 12 * HOUR),
      };
      rows.slaReports.push(report);
      sla.currentCompliance = report.compliancePercent;
      if (documented && current) {
        const inc = documentedIncident(line, pod);
        rows.incidents.push(inc);
        report.incidentIds.push(inc.id!);
      } else if (p >= '2025-12') {
        for (const m of metrics.filter((x) => x.status === 'breached')) {
          const inc = breachIncident(r.fork(`${p} ${m.metric}`), line, pod, p, m);
          generatedIncidents.push(inc);
          reportIncidents.push([report, inc]);
        }
      }
    }
    rows.tickets.push(...podTickets(r.fork('tickets'), pod, Number(terms[1])));
    if (documented) rows.tickets.push(overdueTicket(pod, Number(terms[1])));
    for (const p of periods(period(max(line.activatedAt, at('2026-01-01T00:00:00Z'))), '2026-04')) {
      const d = monthStart(p);
      rows.usageRecords.push({
        organizationId: line.organizationId, workspaceId: line.workspaceId, serviceLineId: line.id!, metric: 'managed.talent_days',
        quantity: teamSize * weekdays(d, plus(monthStart(nextPeriod(p)), -DAY)).length, cost, currency: 'USD', recordedAt: d,
      });
    }
  }
  rows.pods.push(scopingPod());

  generatedIncidents.push(...otherIncidents(lines));
  generatedIncidents.sort(byTime((i) => i.openedAt as Date));
  for (const [inc, n] of numberDownFrom(generatedIncidents, 90, [])) inc.id = demoId('INC', n);
  for (const [report, inc] of reportIncidents) report.incidentIds.push(inc.id!);
  rows.incidents.push(...generatedIncidents);

  rows.tickets.sort(byTime((t) => t.createdAt as Date));
  rows.tickets.forEach((t, i) => { t.id = demoId('TKT', 201 + i); });
  return { rows, events: rows.incidents.flatMap(incidentEvents) };
}

function makePod(r: Random, num: number, line: ServiceLineRow, deliveryModel: Pod['deliveryModel'], teamSize: number, cost: number): Pod {
  const startedAt = line.activatedAt as Date;
  const renewsAt = new Date(Date.UTC(startedAt.getUTCFullYear() + 1, startedAt.getUTCMonth(), startedAt.getUTCDate()));
  const documented = num === 8;
  const admin = line.organizationId === DEMO.organizationId ? DEMO.adminUserId : DEMO.otherAdminUserId;
  return {
    id: demoId('POD', num), organizationId: line.organizationId, workspaceId: line.workspaceId, serviceLineId: line.id,
    subscriptionId: line.organizationId === DEMO.organizationId ? DEMO.subscriptionId : DEMO.otherSubscriptionId,
    name: line.name, status: 'active', deliveryModel, teamSize, requestedTeamSize: teamSize,
    description: documented ? 'End-to-end managed delivery for the payments platform rebuild.' : `Managed delivery for ${line.name.replace(/ Pod$/, '').toLowerCase()}.`,
    requiredCapabilities: documented ? ['backend_engineering', 'qa', 'technical_pm'] : r.sample(['backend_engineering', 'frontend_engineering', 'qa', 'devops', 'data_engineering', 'technical_pm'], 3),
    projectTags: line.projectIds ?? [], slaId: demoId('SLA', num), startDate: startedAt.toISOString().slice(0, 10), durationMonths: 12,
    startedAt, renewsAt, costPerMonth: cost, currency: 'USD', requestedBy: admin,
    createdAt: plus(startedAt, -28 * DAY + 10 * HOUR), updatedAt: at('2026-04-14T06:00:00Z'),
  };
}

function scopingPod(): Pod {
  return {
    id: DEMO.scopingPodId, organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, serviceLineId: null,
    subscriptionId: DEMO.subscriptionId, name: 'Mobile Checkout Pod', description: 'Native checkout for the iOS and Android apps.',
    status: 'scoping', deliveryModel: 'dedicated_team', teamSize: 0, requestedTeamSize: 4,
    requiredCapabilities: ['mobile_engineering', 'qa', 'technical_pm'], projectTags: [DEMO.projectId], slaId: null,
    startDate: '2026-06-01', durationMonths: 6, startedAt: null, renewsAt: null, costPerMonth: null, currency: 'USD',
    requestedBy: DEMO.adminUserId, createdAt: at('2026-04-08T13:00:00Z'), updatedAt: at('2026-04-08T13:00:00Z'),
  };
}

/** One month against the SLA terms; most months meet every term, now and then one slips. */
function monthMetrics(r: Random, sla: Sla): SlaMetricResult[] {
  const t = sla.throughputTasksPerSprint;
  const rt = Number(sla.responseTimeHours);
  const avail = sla.availabilityHoursPerWeek;
  const q = Number(sla.qualityGatePercent);
  const throughput = t + r.weighted([[-2, 1], [0, 6], [1, 6], [2, 4], [3, 2]]);
  const response = r.chance(0.06) ? r.decimal(rt * 1.05, rt * 1.4, 1) : r.decimal(rt * 0.5, rt * 0.98, 1);
  const availability = avail - r.weighted([[0, 8], [2, 6], [4, 4], [12, 1]]);
  const quality = q + r.weighted([[-4, 1], [0, 5], [2, 6], [5, 5], [8, 3]]);
  return [
    { metric: 'throughput', target: t, actual: throughput, status: throughput >= t ? 'met' : 'breached' },
    { metric: 'response_time_hours', target: rt, actual: response, status: response <= rt ? 'met' : 'breached' },
    // Availability tolerates a few hours a week, as the docs' April report (198 of 200, met) shows.
    { metric: 'availability_hours', target: avail, actual: availability, status: availability >= avail * 0.975 ? 'met' : 'breached' },
    { metric: 'quality_gate', target: q, actual: quality, status: quality >= q ? 'met' : 'breached' },
  ];
}

function documentedIncident(line: ServiceLineRow, pod: Pod): Incident {
  // Raised this morning (the demo's now is 09:45), so the dashboard's latest activity shows it.
  const opened = at('2026-04-15T09:30:00Z');
  return {
    id: DEMO.incidentId, organizationId: line.organizationId, workspaceId: line.workspaceId, serviceLineId: line.id, podId: pod.id,
    type: 'quality', title: 'Quality gate breached: 76% against the 80% SLA target',
    description: 'Test coverage on payments-worker fell to 76% in the April sprint, below the SLA quality gate of 80%.',
    severity: 'medium', status: 'open', raisedBy: DEMO.adminUserId, openedAt: opened, resolvedAt: null, createdAt: opened, updatedAt: opened,
  };
}

function breachIncident(r: Random, line: ServiceLineRow, pod: Pod, p: string, m: SlaMetricResult): Incident {
  const [type, severity, label] = METRIC_INCIDENT[m.metric];
  const current = p === '2026-04';
  const openedAt = current ? plus(at('2026-04-03T10:00:00Z'), r.int(0, 10) * DAY + r.int(0, 300) * MINUTE)
    : plus(monthStart(nextPeriod(p)), DAY + 9 * HOUR + r.int(0, 120) * MINUTE);
  const resolvedAt = current ? null : plus(openedAt, r.int(2, 9) * DAY + r.int(0, 8) * HOUR);
  return {
    organizationId: line.organizationId, workspaceId: line.workspaceId, serviceLineId: line.id, podId: pod.id, type, severity,
    title: `${label} (${m.actual} vs ${m.target})`, description: `${pod.name}, ${p}: ${m.metric} ${m.actual} against a target of ${m.target}.`,
    status: current ? 'investigating' : 'resolved', raisedBy: null, openedAt, resolvedAt,
    createdAt: openedAt, updatedAt: resolvedAt ?? openedAt,
  };
}

/** Incidents on lines without a pod: delivery and platform trouble is not only an SLA matter. */
function otherIncidents(lines: ServiceLineRow[]): Incident[] {
  const line = (name: string) => lines.find((l) => l.name === name)!;
  const make = (name: string, type: Incident['type'], severity: Incident['severity'], title: string, opened: string, resolved: string | null, raisedBy: string | null): Incident => {
    const l = line(name);
    return {
      organizationId: l.organizationId, workspaceId: l.workspaceId, serviceLineId: l.id, podId: null, type, severity, title,
      description: null, status: resolved ? 'resolved' : 'investigating', raisedBy, openedAt: at(opened), resolvedAt: resolved ? at(resolved) : null,
      createdAt: at(opened), updatedAt: at(resolved ?? opened),
    };
  };
  return [
    make('Payments Kubernetes Estate', 'availability', 'high', 'Node pool exhaustion in the eu-west-1 cluster', '2026-03-09T03:40:00Z', '2026-03-09T07:55:00Z', null),
    make('Mobile Engineering - iOS', 'delivery_failure', 'low', 'Sprint commitment missed for the wallet release', '2026-04-14T11:00:00Z', null, DEMO.adminUserId),
    make('Analytics Warehouse Estate', 'other', 'medium', 'Warehouse credits exhausted before month end', '2026-02-24T16:20:00Z', '2026-02-25T10:00:00Z', 'USR-26-000049'),
    make('Cloud Estate', 'availability', 'critical', 'Regional outage of the primary database', '2026-03-27T22:10:00Z', '2026-03-28T02:45:00Z', null),
  ];
}

function podTickets(r: Random, pod: Pod, responseHours: number): DemoData['tickets'] {
  const submitters = activeWorkerIds(pod.workspaceId);
  const from = max(pod.startedAt as Date, at('2026-01-05T08:00:00Z'));
  const span = NOW.getTime() - 2 * HOUR - from.getTime();
  return r.sample(TICKETS, r.int(6, 10)).map(([type, title]) => {
    const createdAt = plus(from, Math.floor(r.float() * span / MINUTE) * MINUTE);
    const ageDays = (NOW.getTime() - createdAt.getTime()) / DAY;
    let status: DemoData['tickets'][number]['status'] = ageDays < 1 ? r.pick(['open', 'acknowledged', 'in_progress'] as const)
      : ageDays < 5 ? r.pick(['acknowledged', 'in_progress', 'resolved'] as const) : r.weighted([['resolved', 3], ['closed', 7]] as const);
    const respondedAt = status === 'open' ? null : plus(createdAt, Math.round(responseHours * r.decimal(0.15, 1.1, 2) * 60) * MINUTE);
    let resolvedAt = status === 'resolved' || status === 'closed' ? plus(respondedAt!, r.int(4, 96) * HOUR) : null;
    if (resolvedAt && resolvedAt > NOW) { status = 'in_progress'; resolvedAt = null; }
    if (respondedAt && respondedAt > NOW) status = 'open';
    return {
      organizationId: pod.organizationId, workspaceId: pod.workspaceId, podId: pod.id!, type, title, description: null,
      priority: type === 'priority_item' || type === 'escalation' ? 'high' : r.pick(['low', 'medium', 'medium', 'high'] as const),
      status, submittedBy: r.pick(submitters),
      // The response timer is fixed at submission from the pod's response_time_hours.
      slaResponseDueAt: plus(createdAt, responseHours * HOUR),
      respondedAt: status === 'open' ? null : respondedAt, resolvedAt,
      createdAt, updatedAt: resolvedAt ?? (status === 'open' ? createdAt : respondedAt!),
    };
  });
}

/**
 * This morning's priority item to the docs' pod, still unanswered at the demo's now, past its
 * 2-hour response deadline: with the open incident, April's breached quality gate and the ageing
 * work in progress, what LIN-26-088401's health reads (GET /v1/observability/health). The newest
 * ticket of all, so it takes the next number (DEMO.overdueTicketId) and renumbers none.
 */
function overdueTicket(pod: Pod, responseHours: number): DemoData['tickets'][number] {
  const createdAt = at('2026-04-15T06:10:00Z');
  return {
    organizationId: pod.organizationId, workspaceId: pod.workspaceId, podId: pod.id!, type: 'priority_item',
    title: 'Settlement webhooks failing for EU merchants since the 06:00 deploy',
    description: 'Merchants in the EU receive no settlement.completed webhooks since this morning\'s release.',
    priority: 'high', status: 'open', submittedBy: DEMO.adminUserId,
    slaResponseDueAt: plus(createdAt, responseHours * HOUR), respondedAt: null, resolvedAt: null, createdAt, updatedAt: createdAt,
  };
}

function incidentEvents(inc: Incident): EventDraft[] {
  const base = { organizationId: inc.organizationId, workspaceId: inc.workspaceId, subjectType: 'incident', subjectId: inc.id! };
  const out: EventDraft[] = [{
    ...base, type: 'incident.opened', actorType: inc.raisedBy ? 'user' : 'system', actorId: inc.raisedBy ?? null,
    payload: { severity: inc.severity, type: inc.type, service_line_id: inc.serviceLineId ?? null, pod_id: inc.podId ?? null, title: inc.title },
    createdAt: inc.openedAt as Date,
  }];
  if (inc.resolvedAt) {
    const resolver = workspaceUserIds(inc.workspaceId, ['admin'])[0] ?? null;
    out.push({ ...base, type: 'incident.resolved', actorType: resolver ? 'user' : 'system', actorId: resolver, payload: { severity: inc.severity }, createdAt: inc.resolvedAt as Date });
  }
  return out;
}
