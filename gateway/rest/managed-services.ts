import { notFound } from '../../platform/errors.ts';
import { graphql } from './generated/gql.ts';
import { DeliveryModel, IncidentSeverity, IncidentStatus, IncidentType, PodStatus, TicketPriority, TicketStatus, TicketType } from './generated/graphql.ts';
import { dateField, enumField, idField, idListField, intField, stringField, stringListField } from './body.ts';
import { enumListParam, idParam, pageParams, type QueryParam } from './params.ts';
import { first, many, one, restValues, route, type Route } from './route.ts';
import { at, each, lowered, pick, record, shape } from './shape.ts';

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
export const POD = shape('Pod', {
  id: at('id'),
  organization_id: at('organization.id'),
  workspace_id: at('workspace.id'),
  service_line_id: at('serviceLine.id'),
  name: at('name'),
  status: lowered('status'),
  team_size: at('teamSize'),
  delivery_model: lowered('deliveryModel'),
  sla_id: at('sla.id'),
  started_at: at('startedAt'),
  renews_at: at('renewsAt'),
  cost_per_month: at('costPerMonth'),
  currency: at('currency'),
}, { description: 'A managed service pod as lists (and its request) show it.' });

/** One pod on its own, in the docs' field order: its team and SLA terms instead of their IDs. */
export const POD_DETAIL = shape('PodDetail', {
  ...pick(POD.fields, 'id', 'service_line_id', 'name', 'status', 'team_size'),
  // Roles are the docs' free-form labels (senior_backend_engineer ...), stored as written.
  team: each('team', { talent_id: at('talentId'), role: at('role') }),
  // Null while the pod is being scoped: SLA terms come with activation.
  sla: record({
    id: at('id'),
    throughput_tasks_per_sprint: at('throughputTasksPerSprint'),
    response_time_hours: at('responseTimeHours'),
    availability_hours_per_week: at('availabilityHoursPerWeek'),
    current_compliance: at('currentCompliance'),
  }, { from: 'sla' }),
  ...pick(POD.fields, 'cost_per_month', 'currency', 'started_at', 'renews_at'),
}, { description: 'A pod with its team and SLA terms.' });

/** A ticket, with the deadline its pod's response time sets. */
export const TICKET = shape('Ticket', {
  id: at('id'),
  pod_id: at('pod.id'),
  type: lowered('type'),
  title: at('title'),
  description: at('description'),
  priority: lowered('priority'),
  status: lowered('status'),
  submitted_by: at('submittedBy.id'),
  sla_response_due_at: at('slaResponseDueAt'),
  responded_at: at('respondedAt'),
  resolved_at: at('resolvedAt'),
  created_at: at('createdAt'),
}, { description: 'A service ticket of a pod.' });

export const INCIDENT = shape('Incident', {
  id: at('id'),
  pod_id: at('pod.id'),
  service_line_id: at('serviceLine.id'),
  workspace_id: at('workspace.id'),
  title: at('title'),
  description: at('description'),
  type: lowered('type'),
  severity: lowered('severity'),
  status: lowered('status'),
  raised_by: at('raisedBy.id'),
  opened_at: at('openedAt'),
  resolved_at: at('resolvedAt'),
}, { description: 'An incident raised against a pod.' });

/** The docs' SLA report; metric names are stored as the docs write them (throughput, response_time_hours ...). */
export const SLA_REPORT = shape('SlaReport', {
  pod_id: at('pod.id'),
  sla_id: at('sla.id'),
  period: at('period'),
  compliance_percent: at('compliancePercent'),
  metrics: each('metrics', { metric: at('metric'), target: at('target'), actual: at('actual'), status: lowered('status') }),
  incidents: each('incidents', at('id')),
}, { description: "A pod's SLA performance for one month." });

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
    answer: many('pods', POD),
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
    answer: one('requestPod', POD),
  }),
  route({
    method: 'GET',
    path: '/v1/managed-services/pods/{id}',
    summary: 'Retrieve a pod with its team and SLA terms.',
    document: graphql(`query RestPod($id: ID!) { pod(id: $id) { ...RestPodDetail } }`),
    answer: one('pod', POD_DETAIL),
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
    answer: one('submitServiceRequest', TICKET),
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
    answer: many('pod.tickets', TICKET),
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
    check(data) {
      if (data.slaReports.nodes.length > 0) return;
      const latest = data.pod.latestSlaReport?.period;
      throw notFound(latest ? `Pod ${data.pod.id} has no SLA report for that period; the latest is ${latest}.` : `Pod ${data.pod.id} has no SLA report yet.`);
    },
    answer: first('slaReports.nodes', SLA_REPORT),
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
    answer: one('raiseIncident', INCIDENT),
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
    answer: many('incidents', INCIDENT),
  }),
];
