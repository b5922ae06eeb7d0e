import type { Targets } from './isolation.ts';

/**
 * The probe tables of the GraphQL isolation suite (test/isolation.e2e.ts), keyed by field name and
 * checked there against the live schema: a new field fails until it has a probe here.
 */
export type Args = Record<string, string | string[] | undefined>;

/** Every root Query field, aimed at a target's objects; a variant without IDs probes the caller's own scope. */
export const QUERY_PROBES: Record<string, Array<(t: Targets) => Args>> = {
  viewer: [() => ({})],
  organization: [(t) => ({ id: t.organization })],
  workspace: [(t) => ({ id: t.workspace })],
  workspaces: [() => ({}), (t) => ({ organizationId: t.organization })],
  user: [(t) => ({ id: t.user })],
  project: [(t) => ({ id: t.project })],
  apiKeys: [() => ({})],
  node: [(t) => ({ id: t.task }), (t) => ({ id: t.event }), (t) => ({ id: t.syncRun }), (t) => ({ id: t.webhook })],
  nodes: [(t) => ({ ids: [t.workspace, t.serviceLine, t.task, t.pod, t.sla, t.ticket, t.incident, t.integration, t.syncRun, t.event] })],
  serviceLine: [(t) => ({ id: t.serviceLine })],
  serviceLines: [() => ({}), (t) => ({ workspaceId: t.workspace }), (t) => ({ projectId: t.project })],
  task: [(t) => ({ id: t.task })],
  tasks: [(t) => ({ workspaceId: t.workspace }), (t) => ({ serviceLineId: t.serviceLine }), (t) => ({ workspaceId: t.workspace, assigneeId: t.user })],
  pod: [(t) => ({ id: t.pod })],
  pods: [() => ({}), (t) => ({ workspaceId: t.workspace })],
  ticket: [(t) => ({ id: t.ticket })],
  tickets: [(t) => ({ podId: t.pod })],
  slaReports: [(t) => ({ podId: t.pod })],
  incident: [(t) => ({ id: t.incident })],
  incidents: [() => ({}), (t) => ({ workspaceId: t.workspace }), (t) => ({ serviceLineId: t.serviceLine }), (t) => ({ podId: t.pod })],
  integration: [(t) => ({ id: t.integration })],
  integrations: [() => ({}), (t) => ({ workspaceId: t.workspace })],
  event: [(t) => ({ id: t.event })],
  events: [() => ({}), (t) => ({ workspaceId: t.workspace }), (t) => ({ subjectId: t.task }), (t) => ({ subjectId: t.incident }), (t) => ({ actorId: t.user })],
  serviceLineHealth: [(t) => ({ serviceLineId: t.serviceLine }), (t) => ({ workspaceId: t.workspace })],
  webhook: [(t) => ({ id: t.webhook })],
  webhooks: [() => ({}), (t) => ({ workspaceId: t.workspace })],
  // Run before the mutation probes: until then no caller has a refused attempt naming a foreign ID (isolation.ts).
  auditLogs: [() => ({}), (t) => ({ resourceId: t.apiKey }), (t) => ({ actorId: t.user })],
};

/** Root aggregates, aimed at a target's objects: they count nothing of another tenant or workspace. */
export const AGGREGATE_PROBES: Record<string, Array<(t: Targets) => Args>> = {
  taskStats: [(t) => ({ workspaceId: t.workspace }), (t) => ({ serviceLineId: t.serviceLine }), (t) => ({ projectId: t.project })],
  usageSeries: [() => ({}), (t) => ({ workspaceId: t.workspace })],
  eventCounts: [() => ({}), (t) => ({ workspaceId: t.workspace })],
};

/** Root lists read the caller's own objects with these arguments; the others need none. */
export const OWN_LIST_ARGS: Record<string, (own: Targets) => Args> = {
  tasks: (own) => ({ workspaceId: own.workspace }),
  tickets: (own) => ({ podId: own.pod }),
  slaReports: (own) => ({ podId: own.pod }),
  serviceLineHealth: (own) => ({ workspaceId: own.workspace }),
};

/**
 * Every mutation, aimed at a target's objects (`f`) or smuggling them into the caller's own (`own`).
 * An attempt runs for a caller only when it names at least one object foreign to that caller.
 */
export const MUTATION_PROBES: Record<string, Array<(f: Targets, own: Targets) => Record<string, unknown>>> = {
  createTask: [
    (f) => ({ input: { workspaceId: f.workspace, title: 'Probe' } }),
    (f) => ({ input: { serviceLineId: f.serviceLine, title: 'Probe' } }),
    (f, own) => ({ input: { workspaceId: own.workspace, serviceLineId: f.serviceLine, title: 'Probe' } }),
    (f, own) => ({ input: { workspaceId: f.workspace, serviceLineId: own.serviceLine, title: 'Probe' } }),
    (f, own) => ({ input: { serviceLineId: own.serviceLine, title: 'Probe', assigneeId: f.user } }),
    (f, own) => ({ input: { serviceLineId: own.serviceLine, title: 'Probe', projectId: f.project } }),
  ],
  updateTask: [
    (f) => ({ id: f.task, input: { title: 'Probe', status: 'DONE' } }),
    (f, own) => ({ id: own.task, input: { assigneeId: f.user } }),
    (f, own) => ({ id: own.task, input: { projectId: f.project } }),
    (f, own) => ({ id: own.task, input: { serviceLineId: f.serviceLine } }),
  ],
  connectIntegration: [(f) => ({ input: { workspaceId: f.workspace, type: 'SLACK', name: 'Probe' } })],
  updateIntegration: [(f) => ({ id: f.integration, input: { name: 'Probe', credentials: { api_key: 'probe' } } })],
  disconnectIntegration: [(f) => ({ id: f.integration })],
  syncIntegration: [(f) => ({ id: f.integration })],
  requestPod: [
    (f) => ({ input: { workspaceId: f.workspace, name: 'Probe', deliveryModel: 'DEDICATED_TEAM', requestedTeamSize: 2 } }),
    (f, own) => ({ input: { workspaceId: own.workspace, subscriptionId: f.subscription, name: 'Probe', deliveryModel: 'DEDICATED_TEAM', requestedTeamSize: 2 } }),
    (f, own) => ({ input: { workspaceId: own.workspace, projectTags: [f.project], name: 'Probe', deliveryModel: 'DEDICATED_TEAM', requestedTeamSize: 2 } }),
  ],
  submitServiceRequest: [
    (f) => ({ input: { podId: f.pod, type: 'SUPPORT_REQUEST', title: 'Probe' } }),
    (f, own) => ({ input: { podId: own.pod, type: 'SUPPORT_REQUEST', title: 'Probe', submittedBy: f.user } }),
  ],
  raiseIncident: [(f) => ({ input: { podId: f.pod, title: 'Probe' } })],
  resolveIncident: [(f) => ({ id: f.incident, resolution: 'Probe' })],
  updateIncidentSeverity: [(f) => ({ id: f.incident, severity: 'CRITICAL' })],
  activateServiceLine: [(f) => ({ id: f.serviceLine })],
  pauseServiceLine: [(f) => ({ id: f.serviceLine })],
  resumeServiceLine: [(f) => ({ id: f.serviceLine })],
  closeServiceLine: [(f) => ({ id: f.serviceLine })],
  createApiKey: [(f) => ({ input: { name: 'Probe', workspaceId: f.workspace } })],
  revokeApiKey: [(f) => ({ id: f.apiKey })],
  createWebhook: [(f) => ({ input: { url: 'https://hooks.example.com/probe', eventTypes: ['task.'], workspaceId: f.workspace } })],
  updateWebhook: [(f) => ({ id: f.webhook, input: { description: 'Probe', enabled: false } })],
  deleteWebhook: [(f) => ({ id: f.webhook })],
  rotateWebhookSecret: [(f) => ({ id: f.webhook })],
  pingWebhook: [(f) => ({ id: f.webhook })],
  redeliverWebhookDelivery: [(f) => ({ webhookId: f.webhook, deliveryId: f.webhookDelivery }), (f, own) => ({ webhookId: own.webhook, deliveryId: f.webhookDelivery })],
};

