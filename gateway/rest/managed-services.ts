import {
  DELIVERY_MODELS,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  POD_STATUSES,
  PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from '../../subgraphs/managed-services/tables.ts';
import { notFound } from '../../platform/errors.ts';
import { dateField, enumField, idField, idListField, intField, stringField, stringListField } from './body.ts';
import { enumListParam, idParam, pageParams, type QueryParam } from './params.ts';
import { list, lower, PAGE_INFO, type Route } from './route.ts';

// The docs' lowercase enums are the database's (subgraphs/managed-services/tables.ts): one list of values.

const idOf = (ref: { id: string } | null) => ref?.id ?? null;

const POD = 'id organization { id } workspace { id } serviceLine { id } name status teamSize deliveryModel sla { id } startedAt renewsAt costPerMonth currency';
const POD_DETAIL = `id serviceLine { id } name status teamSize team { talentId role }
  sla { id throughputTasksPerSprint responseTimeHours availabilityHoursPerWeek currentCompliance } costPerMonth currency startedAt renewsAt`;
const TICKET = 'id pod { id } type title description priority status submittedBy { id } slaResponseDueAt respondedAt resolvedAt createdAt';
const INCIDENT = 'id pod { id } serviceLine { id } workspace { id } title description type severity status raisedBy { id } openedAt resolvedAt';
const SLA_REPORT = 'pod { id } sla { id } period compliancePercent metrics { metric target actual status } incidents { id }';

/** A pod record: exactly the fields of the docs' list example (the team only comes with GET by ID). */
function pod(p: any) {
  return {
    id: p.id,
    organization_id: p.organization.id,
    workspace_id: p.workspace.id,
    service_line_id: idOf(p.serviceLine),
    name: p.name,
    status: lower(p.status),
    team_size: p.teamSize,
    delivery_model: lower(p.deliveryModel),
    sla_id: idOf(p.sla),
    started_at: p.startedAt,
    renews_at: p.renewsAt,
    cost_per_month: p.costPerMonth,
    currency: p.currency,
  };
}

/** One pod on its own, in the docs' field order: its team and SLA terms instead of their IDs. */
function podDetail(p: any) {
  return {
    id: p.id,
    service_line_id: idOf(p.serviceLine),
    name: p.name,
    status: lower(p.status),
    team_size: p.teamSize,
    // Roles are the docs' free-form labels (senior_backend_engineer ...), stored as written.
    team: p.team.map((m: any) => ({ talent_id: m.talentId, role: m.role })),
    // Null while the pod is being scoped: SLA terms come with activation.
    sla: p.sla && {
      id: p.sla.id,
      throughput_tasks_per_sprint: p.sla.throughputTasksPerSprint,
      response_time_hours: p.sla.responseTimeHours,
      availability_hours_per_week: p.sla.availabilityHoursPerWeek,
      current_compliance: p.sla.currentCompliance,
    },
    cost_per_month: p.costPerMonth,
    currency: p.currency,
    started_at: p.startedAt,
    renews_at: p.renewsAt,
  };
}

/** A ticket, with the deadline its pod's response time sets. */
function ticket(t: any) {
  return {
    id: t.id,
    pod_id: t.pod.id,
    type: lower(t.type),
    title: t.title,
    description: t.description,
    priority: lower(t.priority),
    status: lower(t.status),
    submitted_by: idOf(t.submittedBy),
    sla_response_due_at: t.slaResponseDueAt,
    responded_at: t.respondedAt,
    resolved_at: t.resolvedAt,
    created_at: t.createdAt,
  };
}

function incident(i: any) {
  return {
    id: i.id,
    pod_id: idOf(i.pod),
    service_line_id: idOf(i.serviceLine),
    workspace_id: i.workspace.id,
    title: i.title,
    description: i.description,
    type: lower(i.type),
    severity: lower(i.severity),
    status: lower(i.status),
    raised_by: idOf(i.raisedBy),
    opened_at: i.openedAt,
    resolved_at: i.resolvedAt,
  };
}

/** The docs' SLA report; metric names are stored as the docs write them (throughput, response_time_hours ...). */
function slaReport(r: any) {
  return {
    pod_id: r.pod.id,
    sla_id: r.sla.id,
    period: r.period,
    compliance_percent: r.compliancePercent,
    metrics: r.metrics.map((m: any) => ({ metric: m.metric, target: m.target, actual: m.actual, status: lower(m.status) })),
    incidents: r.incidents.map((i: any) => i.id),
  };
}

/** `period=2026-04`: passed through; the graph checks it is a month (Query.slaReports) and names it. */
const periodParam: QueryParam = {
  variable: 'period',
  schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A month as YYYY-MM; the latest report when absent.' },
  parse: (raw) => raw,
};

export const managedServiceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/managed-services/pods',
    summary: 'List the managed service pods of an organization, optionally of one workspace or status.',
    query: {
      organization_id: idParam('organizationId', 'Organization'),
      workspace_id: idParam('workspaceId', 'Workspace'),
      status: enumListParam('status', POD_STATUSES),
      ...pageParams('Pod'),
    },
    document: `query RestPods($organizationId: ID, $workspaceId: ID, $status: [PodStatus!], $first: Int, $after: String) {
      pods(organizationId: $organizationId, workspaceId: $workspaceId, status: $status, first: $first, after: $after) { nodes { ${POD} } ${PAGE_INFO} }
    }`,
    map: (data) => list(data.pods, pod),
  },
  {
    method: 'POST',
    path: '/v1/managed-services/pods',
    summary: 'Request a managed service pod; it starts in scoping until the account team confirms it.',
    body: {
      organization_id: idField('organizationId', 'Organization', { description: "The caller's organization." }),
      workspace_id: idField('workspaceId', 'Workspace', { description: 'Required unless the token is narrowed to a workspace.' }),
      subscription_id: idField('subscriptionId', 'Subscription'),
      project_tags: idListField('projectTags', 'Project'),
      name: stringField('name', { required: true }),
      delivery_model: enumField('deliveryModel', DELIVERY_MODELS, { required: true }),
      requested_team_size: intField('requestedTeamSize', { required: true }),
      required_capabilities: stringListField('requiredCapabilities'),
      start_date: dateField('startDate'),
      duration_months: intField('durationMonths'),
      description: stringField('description'),
    },
    status: 201,
    document: `mutation RestRequestPod($input: RequestPodInput!) { requestPod(input: $input) { ${POD} } }`,
    map: (data) => ({ data: pod(data.requestPod) }),
  },
  {
    method: 'GET',
    path: '/v1/managed-services/pods/{id}',
    summary: 'Retrieve a pod with its team and SLA terms.',
    document: `query RestPod($id: ID!) { pod(id: $id) { ${POD_DETAIL} } }`,
    map: (data) => ({ data: podDetail(data.pod) }),
  },
  {
    method: 'POST',
    path: '/v1/managed-services/requests',
    summary: "Submit a service request to a pod; the ticket's SLA response deadline follows the pod's response time.",
    body: {
      pod_id: idField('podId', 'Pod', { required: true }),
      type: enumField('type', TICKET_TYPES, { required: true }),
      title: stringField('title', { required: true }),
      description: stringField('description'),
      priority: enumField('priority', PRIORITIES, { description: 'Defaults to medium.' }),
      submitted_by: idField('submittedBy', 'User', { description: 'Defaults to the caller.' }),
    },
    status: 201,
    document: `mutation RestSubmitServiceRequest($input: ServiceRequestInput!) { submitServiceRequest(input: $input) { ${TICKET} } }`,
    map: (data) => ({ data: ticket(data.submitServiceRequest) }),
  },
  {
    method: 'GET',
    path: '/v1/managed-services/tickets',
    summary: 'List the service tickets of a pod, optionally by status or priority.',
    // The pod is the list's parent: an unknown pod (or another tenant's) is a 404, not an empty list.
    query: {
      pod_id: idParam('podId', 'Pod', { required: true }),
      status: enumListParam('status', TICKET_STATUSES),
      priority: enumListParam('priority', PRIORITIES),
      ...pageParams('Ticket'),
    },
    document: `query RestTickets($podId: ID!, $status: [TicketStatus!], $priority: [TicketPriority!], $first: Int, $after: String) {
      pod(id: $podId) { tickets(status: $status, priority: $priority, first: $first, after: $after) { nodes { ${TICKET} } ${PAGE_INFO} } }
    }`,
    map: (data) => list(data.pod.tickets, ticket),
  },
  {
    method: 'GET',
    path: '/v1/managed-services/slas',
    summary: "A pod's SLA performance for one month (YYYY-MM), the latest when no period is given.",
    query: { pod_id: idParam('podId', 'Pod', { required: true }), period: periodParam },
    // Both fields are the managed-services subgraph's: one fetch. pod(id:) answers 404 for an unknown pod;
    // reports come newest first, so the first is the latest.
    document: `query RestSlaReport($podId: ID!, $period: String) {
      pod(id: $podId) { id latestSlaReport { period } }
      slaReports(podId: $podId, period: $period, first: 1) { nodes { ${SLA_REPORT} } }
    }`,
    map(data) {
      const [report] = data.slaReports.nodes;
      if (!report) {
        const latest = data.pod.latestSlaReport?.period;
        throw notFound(latest ? `Pod ${data.pod.id} has no SLA report for that period; the latest is ${latest}.` : `Pod ${data.pod.id} has no SLA report yet.`);
      }
      return { data: slaReport(report) };
    },
  },
  {
    method: 'POST',
    path: '/v1/managed-services/incidents',
    summary: 'Raise an incident against a pod for a suspected SLA breach or delivery failure.',
    body: {
      pod_id: idField('podId', 'Pod', { required: true }),
      title: stringField('title', { required: true }),
      description: stringField('description'),
      severity: enumField('severity', INCIDENT_SEVERITIES, { description: 'Defaults to medium.' }),
      type: enumField('type', INCIDENT_TYPES, { description: 'Defaults to sla_breach.' }),
    },
    status: 201,
    document: `mutation RestRaiseIncident($input: RaiseIncidentInput!) { raiseIncident(input: $input) { ${INCIDENT} } }`,
    map: (data) => ({ data: incident(data.raiseIncident) }),
  },
  {
    method: 'GET',
    path: '/v1/incidents',
    summary: 'List incidents, filtered by workspace, Service Line, pod, status or severity.',
    query: {
      workspace_id: idParam('workspaceId', 'Workspace'),
      service_line_id: idParam('serviceLineId', 'ServiceLine'),
      pod_id: idParam('podId', 'Pod'),
      status: enumListParam('status', INCIDENT_STATUSES),
      severity: enumListParam('severity', INCIDENT_SEVERITIES),
      ...pageParams('Incident'),
    },
    document: `query RestIncidents($workspaceId: ID, $serviceLineId: ID, $podId: ID, $status: [IncidentStatus!], $severity: [IncidentSeverity!], $first: Int, $after: String) {
      incidents(workspaceId: $workspaceId, serviceLineId: $serviceLineId, podId: $podId, status: $status, severity: $severity, first: $first, after: $after) {
        nodes { ${INCIDENT} } ${PAGE_INFO}
      }
    }`,
    map: (data) => list(data.incidents, incident),
  },
];
