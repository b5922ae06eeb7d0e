import { notFound } from '../../platform/errors.ts';
import { graphql } from './generated/gql.ts';
import {
  DeliveryModel, IncidentSeverity, IncidentStatus, IncidentType, PodStatus, TicketPriority, TicketStatus, TicketType,
  type RestIncidentFragment, type RestPodDetailFragment, type RestPodFieldsFragment, type RestSlaReportFieldsFragment, type RestTicketFragment,
} from './generated/graphql.ts';
import { dateField, enumField, idField, idListField, intField, stringField, stringListField } from './body.ts';
import { enumListParam, idParam, pageParams, type QueryParam } from './params.ts';
import { idOf, list, lower, restValues, route, type Route } from './route.ts';

const PRIORITIES = restValues(TicketPriority);
const SEVERITIES = restValues(IncidentSeverity);

graphql(`fragment RestPodFields on Pod {
  id organization { id } workspace { id } serviceLine { id } name status teamSize deliveryModel sla { id } startedAt renewsAt costPerMonth currency
}`);
graphql(`fragment RestPodDetail on Pod {
  id serviceLine { id } name status teamSize team { talentId role }
  sla { id throughputTasksPerSprint responseTimeHours availabilityHoursPerWeek currentCompliance } costPerMonth currency startedAt renewsAt
}`);
graphql(`fragment RestTicket on Ticket {
  id pod { id } type title description priority status submittedBy { id } slaResponseDueAt respondedAt resolvedAt createdAt
}`);
graphql(`fragment RestIncident on Incident {
  id pod { id } serviceLine { id } workspace { id } title description type severity status raisedBy { id } openedAt resolvedAt
}`);
graphql(`fragment RestSlaReportFields on SlaReport { pod { id } sla { id } period compliancePercent metrics { metric target actual status } incidents { id } }`);

/** A pod record: exactly the fields of the docs' list example (the team only comes with GET by ID). */
function pod(p: RestPodFieldsFragment) {
  return {
    id: p.id,
    organization_id: idOf(p.organization),
    workspace_id: idOf(p.workspace),
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
function podDetail(p: RestPodDetailFragment) {
  return {
    id: p.id,
    service_line_id: idOf(p.serviceLine),
    name: p.name,
    status: lower(p.status),
    team_size: p.teamSize,
    // Roles are the docs' free-form labels (senior_backend_engineer ...), stored as written.
    team: p.team.map((m) => ({ talent_id: m.talentId, role: m.role })),
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
function ticket(t: RestTicketFragment) {
  return {
    id: t.id,
    pod_id: idOf(t.pod),
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

function incident(i: RestIncidentFragment) {
  return {
    id: i.id,
    pod_id: idOf(i.pod),
    service_line_id: idOf(i.serviceLine),
    workspace_id: idOf(i.workspace),
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
function slaReport(r: RestSlaReportFieldsFragment) {
  return {
    pod_id: idOf(r.pod),
    sla_id: idOf(r.sla),
    period: r.period,
    compliance_percent: r.compliancePercent,
    metrics: r.metrics.map((m) => ({ metric: m.metric, target: m.target, actual: m.actual, status: lower(m.status) })),
    incidents: r.incidents.map(idOf),
  };
}

/** `period=2026-04`: passed through; the graph checks it is a month (Query.slaReports) and names it. */
const periodParam: QueryParam<'period'> = {
  variable: 'period',
  schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A month as YYYY-MM; the latest report when absent.' },
  parse: (raw) => raw,
};

export const managedServiceRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/managed-services/pods',
    summary: 'List the managed service pods of an organization, optionally of one workspace or status.',
    query: {
      organization_id: idParam('organizationId', 'Organization'),
      workspace_id: idParam('workspaceId', 'Workspace'),
      status: enumListParam('status', restValues(PodStatus)),
      ...pageParams('Pod'),
    },
    document: graphql(`query RestPods($organizationId: ID, $workspaceId: ID, $status: [PodStatus!], $first: Int, $after: String) {
      pods(organizationId: $organizationId, workspaceId: $workspaceId, status: $status, first: $first, after: $after) { nodes { ...RestPodFields } pageInfo { hasNextPage endCursor } }
    }`),
    map: (data) => list(data.pods, pod),
  }),
  route({
    method: 'POST',
    path: '/v1/managed-services/pods',
    summary: 'Request a managed service pod; it starts in scoping until the account team confirms it.',
    body: {
      organization_id: idField('organizationId', 'Organization', { description: "The caller's organization." }),
      workspace_id: idField('workspaceId', 'Workspace', { description: 'Required unless the token is narrowed to a workspace.' }),
      subscription_id: idField('subscriptionId', 'Subscription'),
      project_tags: idListField('projectTags', 'Project'),
      name: stringField('name', { required: true }),
      delivery_model: enumField('deliveryModel', restValues(DeliveryModel), { required: true }),
      requested_team_size: intField('requestedTeamSize', { required: true }),
      required_capabilities: stringListField('requiredCapabilities'),
      start_date: dateField('startDate'),
      duration_months: intField('durationMonths'),
      description: stringField('description'),
    },
    status: 201,
    document: graphql(`mutation RestRequestPod($input: RequestPodInput!) { requestPod(input: $input) { ...RestPodFields } }`),
    map: (data) => ({ data: pod(data.requestPod) }),
  }),
  route({
    method: 'GET',
    path: '/v1/managed-services/pods/{id}',
    summary: 'Retrieve a pod with its team and SLA terms.',
    document: graphql(`query RestPod($id: ID!) { pod(id: $id) { ...RestPodDetail } }`),
    map: (data) => ({ data: podDetail(data.pod) }),
  }),
  route({
    method: 'POST',
    path: '/v1/managed-services/requests',
    summary: "Submit a service request to a pod; the ticket's SLA response deadline follows the pod's response time.",
    lookup: true,
    body: {
      pod_id: idField('podId', 'Pod', { required: true }),
      type: enumField('type', restValues(TicketType), { required: true }),
      title: stringField('title', { required: true }),
      description: stringField('description'),
      priority: enumField('priority', PRIORITIES, { description: 'Defaults to medium.' }),
      submitted_by: idField('submittedBy', 'User', { description: 'Defaults to the caller.' }),
    },
    status: 201,
    document: graphql(`mutation RestSubmitServiceRequest($input: ServiceRequestInput!) { submitServiceRequest(input: $input) { ...RestTicket } }`),
    map: (data) => ({ data: ticket(data.submitServiceRequest) }),
  }),
  route({
    method: 'GET',
    path: '/v1/managed-services/tickets',
    summary: 'List the service tickets of a pod, optionally by status or priority.',
    lookup: true,
    // The pod is the list's parent: an unknown pod (or another tenant's) is a 404, not an empty list.
    query: {
      pod_id: idParam('podId', 'Pod', { required: true }),
      status: enumListParam('status', restValues(TicketStatus)),
      priority: enumListParam('priority', PRIORITIES),
      ...pageParams('Ticket'),
    },
    document: graphql(`query RestTickets($podId: ID!, $status: [TicketStatus!], $priority: [TicketPriority!], $first: Int, $after: String) {
      pod(id: $podId) { tickets(status: $status, priority: $priority, first: $first, after: $after) { nodes { ...RestTicket } pageInfo { hasNextPage endCursor } } }
    }`),
    map: (data) => list(data.pod.tickets, ticket),
  }),
  route({
    method: 'GET',
    path: '/v1/managed-services/slas',
    summary: "A pod's SLA performance for one month (YYYY-MM), the latest when no period is given.",
    lookup: true,
    query: { pod_id: idParam('podId', 'Pod', { required: true }), period: periodParam },
    // Both fields are the managed-services subgraph's: one fetch. pod(id:) answers 404 for an unknown pod;
    // reports come newest first, so the first is the latest.
    document: graphql(`query RestSlaReport($podId: ID!, $period: String) {
      pod(id: $podId) { id latestSlaReport { period } }
      slaReports(podId: $podId, period: $period, first: 1) { nodes { ...RestSlaReportFields } }
    }`),
    map(data) {
      const [report] = data.slaReports.nodes;
      if (!report) {
        const latest = data.pod.latestSlaReport?.period;
        throw notFound(latest ? `Pod ${data.pod.id} has no SLA report for that period; the latest is ${latest}.` : `Pod ${data.pod.id} has no SLA report yet.`);
      }
      return { data: slaReport(report) };
    },
  }),
  route({
    method: 'POST',
    path: '/v1/managed-services/incidents',
    summary: 'Raise an incident against a pod for a suspected SLA breach or delivery failure.',
    lookup: true,
    body: {
      pod_id: idField('podId', 'Pod', { required: true }),
      title: stringField('title', { required: true }),
      description: stringField('description'),
      severity: enumField('severity', SEVERITIES, { description: 'Defaults to medium.' }),
      type: enumField('type', restValues(IncidentType), { description: 'Defaults to sla_breach.' }),
    },
    status: 201,
    document: graphql(`mutation RestRaiseIncident($input: RaiseIncidentInput!) { raiseIncident(input: $input) { ...RestIncident } }`),
    map: (data) => ({ data: incident(data.raiseIncident) }),
  }),
  route({
    method: 'GET',
    path: '/v1/incidents',
    summary: 'List incidents, filtered by workspace, Service Line, pod, status or severity.',
    query: {
      workspace_id: idParam('workspaceId', 'Workspace'),
      service_line_id: idParam('serviceLineId', 'ServiceLine'),
      pod_id: idParam('podId', 'Pod'),
      status: enumListParam('status', restValues(IncidentStatus)),
      severity: enumListParam('severity', SEVERITIES),
      ...pageParams('Incident'),
    },
    document: graphql(`query RestIncidents($workspaceId: ID, $serviceLineId: ID, $podId: ID, $status: [IncidentStatus!], $severity: [IncidentSeverity!], $first: Int, $after: String) {
      incidents(workspaceId: $workspaceId, serviceLineId: $serviceLineId, podId: $podId, status: $status, severity: $severity, first: $first, after: $after) {
        nodes { ...RestIncident } pageInfo { hasNextPage endCursor }
      }
    }`),
    map: (data) => list(data.incidents, incident),
  }),
];
