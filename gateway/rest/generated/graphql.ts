/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export const AuditOutcome = {
  Succeeded: 'SUCCEEDED',
  Refused: 'REFUSED'
} as const;

export type AuditOutcome = typeof AuditOutcome[keyof typeof AuditOutcome];
export const IntegrationType = {
  Github: 'GITHUB',
  Gitlab: 'GITLAB',
  Bitbucket: 'BITBUCKET',
  AzureDevops: 'AZURE_DEVOPS',
  Jira: 'JIRA',
  Clickup: 'CLICKUP',
  Linear: 'LINEAR',
  AzureBoards: 'AZURE_BOARDS',
  Slack: 'SLACK',
  MicrosoftTeams: 'MICROSOFT_TEAMS',
  Datadog: 'DATADOG',
  Sonarcloud: 'SONARCLOUD'
} as const;

export type IntegrationType = typeof IntegrationType[keyof typeof IntegrationType];
export const IntegrationStatus = {
  Active: 'ACTIVE',
  PendingAuth: 'PENDING_AUTH',
  Error: 'ERROR',
  Disconnected: 'DISCONNECTED'
} as const;

export type IntegrationStatus = typeof IntegrationStatus[keyof typeof IntegrationStatus];
export const SyncStatus = {
  Healthy: 'HEALTHY',
  Degraded: 'DEGRADED',
  Failed: 'FAILED'
} as const;

export type SyncStatus = typeof SyncStatus[keyof typeof SyncStatus];
export const SyncRunStatus = {
  Running: 'RUNNING',
  Success: 'SUCCESS',
  Failed: 'FAILED'
} as const;

export type SyncRunStatus = typeof SyncRunStatus[keyof typeof SyncRunStatus];
export const PodStatus = {
  Scoping: 'SCOPING',
  Active: 'ACTIVE',
  Paused: 'PAUSED',
  Completed: 'COMPLETED',
  Cancelled: 'CANCELLED'
} as const;

export type PodStatus = typeof PodStatus[keyof typeof PodStatus];
export const TicketStatus = {
  Open: 'OPEN',
  Acknowledged: 'ACKNOWLEDGED',
  InProgress: 'IN_PROGRESS',
  Resolved: 'RESOLVED',
  Closed: 'CLOSED'
} as const;

export type TicketStatus = typeof TicketStatus[keyof typeof TicketStatus];
export const TicketPriority = {
  Low: 'LOW',
  Medium: 'MEDIUM',
  High: 'HIGH',
  Critical: 'CRITICAL'
} as const;

export type TicketPriority = typeof TicketPriority[keyof typeof TicketPriority];
export const IncidentStatus = {
  Open: 'OPEN',
  Investigating: 'INVESTIGATING',
  Resolved: 'RESOLVED'
} as const;

export type IncidentStatus = typeof IncidentStatus[keyof typeof IncidentStatus];
export const IncidentSeverity = {
  Low: 'LOW',
  Medium: 'MEDIUM',
  High: 'HIGH',
  Critical: 'CRITICAL'
} as const;

export type IncidentSeverity = typeof IncidentSeverity[keyof typeof IncidentSeverity];
export const DeliveryModel = {
  ManagedDelivery: 'MANAGED_DELIVERY',
  DedicatedTeam: 'DEDICATED_TEAM',
  StaffAugmentation: 'STAFF_AUGMENTATION'
} as const;

export type DeliveryModel = typeof DeliveryModel[keyof typeof DeliveryModel];
export const TicketType = {
  PriorityItem: 'PRIORITY_ITEM',
  SupportRequest: 'SUPPORT_REQUEST',
  ChangeRequest: 'CHANGE_REQUEST',
  BugReport: 'BUG_REPORT',
  Escalation: 'ESCALATION'
} as const;

export type TicketType = typeof TicketType[keyof typeof TicketType];
export const IncidentType = {
  SlaBreach: 'SLA_BREACH',
  DeliveryFailure: 'DELIVERY_FAILURE',
  Quality: 'QUALITY',
  Availability: 'AVAILABILITY',
  Other: 'OTHER'
} as const;

export type IncidentType = typeof IncidentType[keyof typeof IncidentType];
export const SlaMetricStatus = {
  Met: 'MET',
  Breached: 'BREACHED'
} as const;

export type SlaMetricStatus = typeof SlaMetricStatus[keyof typeof SlaMetricStatus];
export const Role = {
  Owner: 'OWNER',
  Admin: 'ADMIN',
  Member: 'MEMBER',
  Viewer: 'VIEWER'
} as const;

export type Role = typeof Role[keyof typeof Role];
export const ServiceLineStatus = {
  Draft: 'DRAFT',
  Active: 'ACTIVE',
  Paused: 'PAUSED',
  Closed: 'CLOSED'
} as const;

export type ServiceLineStatus = typeof ServiceLineStatus[keyof typeof ServiceLineStatus];
export const ProductLine = {
  Talent: 'TALENT',
  ManagedServices: 'MANAGED_SERVICES',
  Ods: 'ODS',
  Infrastructure: 'INFRASTRUCTURE',
  Intelligence: 'INTELLIGENCE',
  Agents: 'AGENTS'
} as const;

export type ProductLine = typeof ProductLine[keyof typeof ProductLine];
export const ExecutionModel = {
  Capacity: 'CAPACITY',
  OngoingSla: 'ONGOING_SLA',
  Outcome: 'OUTCOME',
  Estate: 'ESTATE',
  Analysis: 'ANALYSIS',
  Agent: 'AGENT'
} as const;

export type ExecutionModel = typeof ExecutionModel[keyof typeof ExecutionModel];
export const BillingModel = {
  TimeAndMaterials: 'TIME_AND_MATERIALS',
  FixedMonthly: 'FIXED_MONTHLY',
  FixedPrice: 'FIXED_PRICE',
  UsageBased: 'USAGE_BASED',
  Subscription: 'SUBSCRIPTION'
} as const;

export type BillingModel = typeof BillingModel[keyof typeof BillingModel];
/** HEALTHY: score 80 or more, no critical signal. AT_RISK: 50 to 79. CRITICAL: below 50, or any critical signal. */
export const HealthStatus = {
  Healthy: 'HEALTHY',
  AtRisk: 'AT_RISK',
  Critical: 'CRITICAL'
} as const;

export type HealthStatus = typeof HealthStatus[keyof typeof HealthStatus];
/** OK takes no points; WARNING takes points; CRITICAL makes the line CRITICAL whatever its score. */
export const HealthLevel = {
  Ok: 'OK',
  Warning: 'WARNING',
  Critical: 'CRITICAL'
} as const;

export type HealthLevel = typeof HealthLevel[keyof typeof HealthLevel];
/** The rules a line's health is assessed by, in the order its signals are listed (README: Service Line health). */
export const HealthRule = {
  Incidents: 'INCIDENTS',
  Tickets: 'TICKETS',
  Sla: 'SLA',
  Velocity: 'VELOCITY',
  WorkInProgress: 'WORK_IN_PROGRESS',
  Blocked: 'BLOCKED',
  Capacity: 'CAPACITY',
  Integrations: 'INTEGRATIONS',
  Spend: 'SPEND'
} as const;

export type HealthRule = typeof HealthRule[keyof typeof HealthRule];
export const TaskStatus = {
  Backlog: 'BACKLOG',
  InProgress: 'IN_PROGRESS',
  InReview: 'IN_REVIEW',
  Done: 'DONE',
  Cancelled: 'CANCELLED'
} as const;

export type TaskStatus = typeof TaskStatus[keyof typeof TaskStatus];
export const TaskPriority = {
  Low: 'LOW',
  Medium: 'MEDIUM',
  High: 'HIGH',
  Critical: 'CRITICAL'
} as const;

export type TaskPriority = typeof TaskPriority[keyof typeof TaskPriority];
export const WebhookVerification = {
  Pending: 'PENDING',
  Verified: 'VERIFIED',
  Failed: 'FAILED'
} as const;

export type WebhookVerification = typeof WebhookVerification[keyof typeof WebhookVerification];
/** Why an endpoint receives nothing: disabled by its owner, answered 410 Gone, or kept failing. */
export const WebhookDisabledReason = {
  Manual: 'MANUAL',
  Gone: 'GONE',
  Failing: 'FAILING'
} as const;

export type WebhookDisabledReason = typeof WebhookDisabledReason[keyof typeof WebhookDisabledReason];
export const WebhookDeliveryStatus = {
  Pending: 'PENDING',
  Succeeded: 'SUCCEEDED',
  Failed: 'FAILED'
} as const;

export type WebhookDeliveryStatus = typeof WebhookDeliveryStatus[keyof typeof WebhookDeliveryStatus];
/** EVENT: an event of the log, in order; PING: verification or test; REDELIVERY: an event sent again. */
export const WebhookDeliveryKind = {
  Event: 'EVENT',
  Ping: 'PING',
  Redelivery: 'REDELIVERY'
} as const;

export type WebhookDeliveryKind = typeof WebhookDeliveryKind[keyof typeof WebhookDeliveryKind];
export type ConnectIntegrationInput = {
  workspaceId: string;
  type: IntegrationType;
  name: string;
  config?: unknown;
  /** Shape varies by type (installation_id, api_key ...). Stored sealed; never returned. */
  credentials?: unknown;
};

export type UpdateIntegrationInput = {
  name?: string | null | undefined;
  config?: unknown;
  credentials?: unknown;
};

export type RequestPodInput = {
  /** The caller's organization, if given (REST clients name it); another one is refused as not found. */
  organizationId?: string | null | undefined;
  /** Defaults to the caller's workspace when the token is narrowed to one. */
  workspaceId?: string | null | undefined;
  subscriptionId?: string | null | undefined;
  projectTags?: Array<string> | null | undefined;
  name: string;
  deliveryModel: DeliveryModel;
  requestedTeamSize: number;
  requiredCapabilities?: Array<string> | null | undefined;
  startDate?: string | null | undefined;
  durationMonths?: number | null | undefined;
  description?: string | null | undefined;
};

export type ServiceRequestInput = {
  podId: string;
  type: TicketType;
  title: string;
  description?: string | null | undefined;
  /** Defaults to MEDIUM. (Enum defaults live in code: SDL defaults would bypass the stored-value mapping.) */
  priority?: TicketPriority | null | undefined;
  /** Defaults to the caller. */
  submittedBy?: string | null | undefined;
};

export type RaiseIncidentInput = {
  podId: string;
  title: string;
  description?: string | null | undefined;
  /** Defaults to MEDIUM. */
  severity?: IncidentSeverity | null | undefined;
  /** Defaults to SLA_BREACH. */
  type?: IncidentType | null | undefined;
};

export type CreateApiKeyInput = {
  name: string;
  /** Defaults to MEMBER; never above the creator's own role. */
  role?: Role | null | undefined;
  /** Narrows the key to one workspace. A narrowed creator's keys are always narrowed to its own workspace. */
  workspaceId?: string | null | undefined;
  /** When the key stops working; unset means never. Must lie in the future. */
  expiresAt?: string | null | undefined;
};

export type CreateTaskInput = {
  /** Required unless serviceLineId is given (the task then lives in the line's workspace). */
  workspaceId?: string | null | undefined;
  serviceLineId?: string | null | undefined;
  projectId?: string | null | undefined;
  title: string;
  description?: string | null | undefined;
  /** Defaults to BACKLOG. */
  status?: TaskStatus | null | undefined;
  /** Defaults to MEDIUM. */
  priority?: TaskPriority | null | undefined;
  assigneeId?: string | null | undefined;
};

export type UpdateTaskInput = {
  title?: string | null | undefined;
  description?: string | null | undefined;
  status?: TaskStatus | null | undefined;
  priority?: TaskPriority | null | undefined;
  /** null unassigns. */
  assigneeId?: string | null | undefined;
  /** null removes the project label. */
  projectId?: string | null | undefined;
  serviceLineId?: string | null | undefined;
};

export type CreateWebhookInput = {
  /** https (http only for this machine, with WEBHOOK_ALLOW_LOOPBACK); never a private, loopback or link-local address. */
  url: string;
  /** Exact event types (task.created) or domain prefixes ending in a dot (task.). */
  eventTypes: Array<string>;
  /** Receive only this workspace's events; the caller's own when narrowed. */
  workspaceId?: string | null | undefined;
  description?: string | null | undefined;
  enabled?: boolean | null | undefined;
};

export type UpdateWebhookInput = {
  url?: string | null | undefined;
  eventTypes?: Array<string> | null | undefined;
  description?: string | null | undefined;
  enabled?: boolean | null | undefined;
};

export type RotateWebhookSecretInput = {
  /** How long the previous secret keeps signing: 0 to 604800 seconds, 86400 when absent. */
  overlapSeconds?: number | null | undefined;
};

export type RestApiKeyFragment = { id: string, name: string, role: Role, tokenPrefix: string, createdBy: string | null, createdAt: string, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, workspace: { id: string } | null };

export type RestApiKeysQueryVariables = Exact<{
  includeRevoked?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestApiKeysQuery = { apiKeys: { nodes: Array<{ id: string, name: string, role: Role, tokenPrefix: string, createdBy: string | null, createdAt: string, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, workspace: { id: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestCreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type RestCreateApiKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, name: string, role: Role, tokenPrefix: string, createdBy: string | null, createdAt: string, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, workspace: { id: string } | null } } };

export type RestRevokeApiKeyMutationVariables = Exact<{
  id: string;
}>;


export type RestRevokeApiKeyMutation = { revokeApiKey: { id: string, name: string, role: Role, tokenPrefix: string, createdBy: string | null, createdAt: string, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, workspace: { id: string } | null } };

export type RestAuditLogFragment = { id: string, actorType: string, actorId: string | null, keyPrefix: string | null, action: string, resourceType: string | null, resourceId: string | null, outcome: AuditOutcome, errorCode: string | null, changedFields: Array<string>, clientAddress: string | null, userAgent: string | null, channel: string | null, createdAt: string, organization: { id: string } | null, workspace: { id: string } | null };

export type RestAuditLogsQueryVariables = Exact<{
  actorId?: string | null | undefined;
  actions?: Array<string> | string | null | undefined;
  resourceType?: string | null | undefined;
  resourceId?: string | null | undefined;
  outcome?: Array<AuditOutcome> | AuditOutcome | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestAuditLogsQuery = { auditLogs: { nodes: Array<{ id: string, actorType: string, actorId: string | null, keyPrefix: string | null, action: string, resourceType: string | null, resourceId: string | null, outcome: AuditOutcome, errorCode: string | null, changedFields: Array<string>, clientAddress: string | null, userAgent: string | null, channel: string | null, createdAt: string, organization: { id: string } | null, workspace: { id: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestEventFieldsFragment = { id: string, type: string, actorType: string, actorId: string | null, subjectType: string, subjectId: string, payload: unknown, createdAt: string, organization: { id: string } | null, workspace: { id: string } | null };

export type RestEventsQueryVariables = Exact<{
  organizationId?: string | null | undefined;
  workspaceId?: string | null | undefined;
  types?: Array<string> | string | null | undefined;
  subjectType?: string | null | undefined;
  subjectId?: string | null | undefined;
  actorId?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestEventsQuery = { events: { nodes: Array<{ id: string, type: string, actorType: string, actorId: string | null, subjectType: string, subjectId: string, payload: unknown, createdAt: string, organization: { id: string } | null, workspace: { id: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestEventQueryVariables = Exact<{
  id: string;
}>;


export type RestEventQuery = { event: { id: string, type: string, actorType: string, actorId: string | null, subjectType: string, subjectId: string, payload: unknown, createdAt: string, organization: { id: string } | null, workspace: { id: string } | null } | null };

export type RestIntegrationSummaryFragment = { id: string, type: IntegrationType, name: string, status: IntegrationStatus, lastSyncedAt: string | null, syncStatus: SyncStatus | null, createdAt: string, workspace: { id: string } | null };

export type RestIntegrationDetailFragment = { id: string, type: IntegrationType, name: string, status: IntegrationStatus, config: unknown, lastSyncedAt: string | null, syncStatus: SyncStatus | null, createdAt: string, workspace: { id: string } | null, syncHistory: { nodes: Array<{ startedAt: string, status: SyncRunStatus, recordsSynced: number | null }> } };

export type RestIntegrationsQueryVariables = Exact<{
  workspaceId?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestIntegrationsQuery = { integrations: { nodes: Array<{ id: string, type: IntegrationType, name: string, status: IntegrationStatus, lastSyncedAt: string | null, syncStatus: SyncStatus | null, createdAt: string, workspace: { id: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestConnectIntegrationMutationVariables = Exact<{
  input: ConnectIntegrationInput;
}>;


export type RestConnectIntegrationMutation = { connectIntegration: { id: string, type: IntegrationType, name: string, status: IntegrationStatus, config: unknown, lastSyncedAt: string | null, syncStatus: SyncStatus | null, createdAt: string, workspace: { id: string } | null, syncHistory: { nodes: Array<{ startedAt: string, status: SyncRunStatus, recordsSynced: number | null }> } } };

export type RestIntegrationQueryVariables = Exact<{
  id: string;
}>;


export type RestIntegrationQuery = { integration: { id: string, type: IntegrationType, name: string, status: IntegrationStatus, config: unknown, lastSyncedAt: string | null, syncStatus: SyncStatus | null, createdAt: string, workspace: { id: string } | null, syncHistory: { nodes: Array<{ startedAt: string, status: SyncRunStatus, recordsSynced: number | null }> } } | null };

export type RestUpdateIntegrationMutationVariables = Exact<{
  id: string;
  input: UpdateIntegrationInput;
}>;


export type RestUpdateIntegrationMutation = { updateIntegration: { id: string, type: IntegrationType, name: string, status: IntegrationStatus, config: unknown, lastSyncedAt: string | null, syncStatus: SyncStatus | null, createdAt: string, workspace: { id: string } | null, syncHistory: { nodes: Array<{ startedAt: string, status: SyncRunStatus, recordsSynced: number | null }> } } };

export type RestDisconnectIntegrationMutationVariables = Exact<{
  id: string;
}>;


export type RestDisconnectIntegrationMutation = { disconnectIntegration: { id: string, type: IntegrationType, name: string, status: IntegrationStatus, config: unknown, lastSyncedAt: string | null, syncStatus: SyncStatus | null, createdAt: string, workspace: { id: string } | null, syncHistory: { nodes: Array<{ startedAt: string, status: SyncRunStatus, recordsSynced: number | null }> } } };

export type RestSyncIntegrationMutationVariables = Exact<{
  id: string;
}>;


export type RestSyncIntegrationMutation = { syncIntegration: { id: string, status: SyncRunStatus, startedAt: string } };

export type RestPodFieldsFragment = { id: string, name: string, status: PodStatus, teamSize: number, deliveryModel: DeliveryModel, startedAt: string | null, renewsAt: string | null, costPerMonth: number | null, currency: string, organization: { id: string } | null, workspace: { id: string } | null, serviceLine: { id: string } | null, sla: { id: string } | null };

export type RestPodDetailFragment = { id: string, name: string, status: PodStatus, teamSize: number, costPerMonth: number | null, currency: string, startedAt: string | null, renewsAt: string | null, serviceLine: { id: string } | null, team: Array<{ talentId: string, role: string }>, sla: { id: string, throughputTasksPerSprint: number, responseTimeHours: number, availabilityHoursPerWeek: number, currentCompliance: number | null } | null };

export type RestTicketFragment = { id: string, type: TicketType, title: string, description: string | null, priority: TicketPriority, status: TicketStatus, slaResponseDueAt: string, respondedAt: string | null, resolvedAt: string | null, createdAt: string, pod: { id: string }, submittedBy: { id: string } | null };

export type RestIncidentFragment = { id: string, title: string, description: string | null, type: IncidentType, severity: IncidentSeverity, status: IncidentStatus, openedAt: string, resolvedAt: string | null, pod: { id: string } | null, serviceLine: { id: string } | null, workspace: { id: string } | null, raisedBy: { id: string } | null };

export type RestSlaReportFieldsFragment = { period: string, compliancePercent: number, pod: { id: string }, sla: { id: string }, metrics: Array<{ metric: string, target: number, actual: number, status: SlaMetricStatus }>, incidents: Array<{ id: string }> };

export type RestPodsQueryVariables = Exact<{
  organizationId?: string | null | undefined;
  workspaceId?: string | null | undefined;
  status?: Array<PodStatus> | PodStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestPodsQuery = { pods: { nodes: Array<{ id: string, name: string, status: PodStatus, teamSize: number, deliveryModel: DeliveryModel, startedAt: string | null, renewsAt: string | null, costPerMonth: number | null, currency: string, organization: { id: string } | null, workspace: { id: string } | null, serviceLine: { id: string } | null, sla: { id: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestRequestPodMutationVariables = Exact<{
  input: RequestPodInput;
}>;


export type RestRequestPodMutation = { requestPod: { id: string, name: string, status: PodStatus, teamSize: number, deliveryModel: DeliveryModel, startedAt: string | null, renewsAt: string | null, costPerMonth: number | null, currency: string, organization: { id: string } | null, workspace: { id: string } | null, serviceLine: { id: string } | null, sla: { id: string } | null } };

export type RestPodQueryVariables = Exact<{
  id: string;
}>;


export type RestPodQuery = { pod: { id: string, name: string, status: PodStatus, teamSize: number, costPerMonth: number | null, currency: string, startedAt: string | null, renewsAt: string | null, serviceLine: { id: string } | null, team: Array<{ talentId: string, role: string }>, sla: { id: string, throughputTasksPerSprint: number, responseTimeHours: number, availabilityHoursPerWeek: number, currentCompliance: number | null } | null } | null };

export type RestSubmitServiceRequestMutationVariables = Exact<{
  input: ServiceRequestInput;
}>;


export type RestSubmitServiceRequestMutation = { submitServiceRequest: { id: string, type: TicketType, title: string, description: string | null, priority: TicketPriority, status: TicketStatus, slaResponseDueAt: string, respondedAt: string | null, resolvedAt: string | null, createdAt: string, pod: { id: string }, submittedBy: { id: string } | null } };

export type RestTicketsQueryVariables = Exact<{
  podId: string;
  status?: Array<TicketStatus> | TicketStatus | null | undefined;
  priority?: Array<TicketPriority> | TicketPriority | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestTicketsQuery = { pod: { tickets: { nodes: Array<{ id: string, type: TicketType, title: string, description: string | null, priority: TicketPriority, status: TicketStatus, slaResponseDueAt: string, respondedAt: string | null, resolvedAt: string | null, createdAt: string, pod: { id: string }, submittedBy: { id: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type RestSlaReportQueryVariables = Exact<{
  podId: string;
  period?: string | null | undefined;
}>;


export type RestSlaReportQuery = { pod: { id: string, latestSlaReport: { period: string } | null } | null, slaReports: { nodes: Array<{ period: string, compliancePercent: number, pod: { id: string }, sla: { id: string }, metrics: Array<{ metric: string, target: number, actual: number, status: SlaMetricStatus }>, incidents: Array<{ id: string }> }> } | null };

export type RestRaiseIncidentMutationVariables = Exact<{
  input: RaiseIncidentInput;
}>;


export type RestRaiseIncidentMutation = { raiseIncident: { id: string, title: string, description: string | null, type: IncidentType, severity: IncidentSeverity, status: IncidentStatus, openedAt: string, resolvedAt: string | null, pod: { id: string } | null, serviceLine: { id: string } | null, workspace: { id: string } | null, raisedBy: { id: string } | null } };

export type RestIncidentsQueryVariables = Exact<{
  workspaceId?: string | null | undefined;
  serviceLineId?: string | null | undefined;
  podId?: string | null | undefined;
  status?: Array<IncidentStatus> | IncidentStatus | null | undefined;
  severity?: Array<IncidentSeverity> | IncidentSeverity | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestIncidentsQuery = { incidents: { nodes: Array<{ id: string, title: string, description: string | null, type: IncidentType, severity: IncidentSeverity, status: IncidentStatus, openedAt: string, resolvedAt: string | null, pod: { id: string } | null, serviceLine: { id: string } | null, workspace: { id: string } | null, raisedBy: { id: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestServiceLineHealthFragment = { serviceLineId: string, score: number, status: HealthStatus, from: string, to: string, serviceLine: { name: string, workspace: { id: string } | null }, signals: Array<{ rule: HealthRule, level: HealthLevel, penalty: number, summary: string, evidence: unknown, links: Array<{ type: string, id: string, href: string }> }> };

export type RestHealthQueryVariables = Exact<{
  serviceLineId?: string | null | undefined;
  workspaceId?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestHealthQuery = { serviceLineHealth: { nodes: Array<{ serviceLineId: string, score: number, status: HealthStatus, from: string, to: string, serviceLine: { name: string, workspace: { id: string } | null }, signals: Array<{ rule: HealthRule, level: HealthLevel, penalty: number, summary: string, evidence: unknown, links: Array<{ type: string, id: string, href: string }> }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestOrganizationQueryVariables = Exact<{
  id: string;
}>;


export type RestOrganizationQuery = { organization: { id: string, name: string, slug: string, createdAt: string } | null };

export type RestServiceLineSummaryFragment = { id: string, name: string, productLine: ProductLine, executionModel: ExecutionModel, billingModel: BillingModel, status: ServiceLineStatus };

export type RestServiceLineDetailFragment = { activatedAt: string | null, closedAt: string | null, createdAt: string, updatedAt: string, id: string, name: string, productLine: ProductLine, executionModel: ExecutionModel, billingModel: BillingModel, status: ServiceLineStatus, workspace: { id: string } | null, projects: Array<{ id: string } | null> };

export type RestServiceLinesQueryVariables = Exact<{
  workspaceId?: string | null | undefined;
  status?: Array<ServiceLineStatus> | ServiceLineStatus | null | undefined;
  productLine?: Array<ProductLine> | ProductLine | null | undefined;
  projectId?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestServiceLinesQuery = { serviceLines: { nodes: Array<{ id: string, name: string, productLine: ProductLine, executionModel: ExecutionModel, billingModel: BillingModel, status: ServiceLineStatus }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestServiceLineQueryVariables = Exact<{
  id: string;
}>;


export type RestServiceLineQuery = { serviceLine: { activatedAt: string | null, closedAt: string | null, createdAt: string, updatedAt: string, id: string, name: string, productLine: ProductLine, executionModel: ExecutionModel, billingModel: BillingModel, status: ServiceLineStatus, workspace: { id: string } | null, projects: Array<{ id: string } | null> } | null };

export type RestServiceLineUsageQueryVariables = Exact<{
  id: string;
  from: string;
  to: string;
}>;


export type RestServiceLineUsageQuery = { serviceLine: { usage: { serviceLineId: string, totalCost: number, metrics: Array<{ metric: string, quantity: number, cost: number, currency: string }> } } | null };

export type RestTaskSummaryFragment = { id: string, title: string, status: TaskStatus, priority: TaskPriority, createdAt: string, updatedAt: string, workspace: { id: string } | null, serviceLine: { id: string } | null, project: { id: string } | null, assignee: { id: string } | null, external: { id: string, source: string } | null };

export type RestTaskDetailFragment = { id: string, title: string, description: string | null, status: TaskStatus, priority: TaskPriority, createdAt: string, updatedAt: string, workspace: { id: string } | null, serviceLine: { id: string } | null, project: { id: string } | null, assignee: { id: string } | null, external: { id: string, source: string, url: string | null } | null, history: Array<{ at: string, change: string, from: string | null, to: string | null, by: string | null }> };

export type RestTasksQueryVariables = Exact<{
  workspaceId?: string | null | undefined;
  serviceLineId?: string | null | undefined;
  projectId?: string | null | undefined;
  assigneeId?: string | null | undefined;
  status?: Array<TaskStatus> | TaskStatus | null | undefined;
  priority?: Array<TaskPriority> | TaskPriority | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestTasksQuery = { tasks: { nodes: Array<{ id: string, title: string, status: TaskStatus, priority: TaskPriority, createdAt: string, updatedAt: string, workspace: { id: string } | null, serviceLine: { id: string } | null, project: { id: string } | null, assignee: { id: string } | null, external: { id: string, source: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestCreateTaskMutationVariables = Exact<{
  input: CreateTaskInput;
}>;


export type RestCreateTaskMutation = { createTask: { id: string, title: string, description: string | null, status: TaskStatus, priority: TaskPriority, createdAt: string, updatedAt: string, workspace: { id: string } | null, serviceLine: { id: string } | null, project: { id: string } | null, assignee: { id: string } | null, external: { id: string, source: string, url: string | null } | null, history: Array<{ at: string, change: string, from: string | null, to: string | null, by: string | null }> } };

export type RestTaskQueryVariables = Exact<{
  id: string;
}>;


export type RestTaskQuery = { task: { id: string, title: string, description: string | null, status: TaskStatus, priority: TaskPriority, createdAt: string, updatedAt: string, workspace: { id: string } | null, serviceLine: { id: string } | null, project: { id: string } | null, assignee: { id: string } | null, external: { id: string, source: string, url: string | null } | null, history: Array<{ at: string, change: string, from: string | null, to: string | null, by: string | null }> } | null };

export type RestUpdateTaskMutationVariables = Exact<{
  id: string;
  input: UpdateTaskInput;
}>;


export type RestUpdateTaskMutation = { updateTask: { id: string, title: string, description: string | null, status: TaskStatus, priority: TaskPriority, createdAt: string, updatedAt: string, workspace: { id: string } | null, serviceLine: { id: string } | null, project: { id: string } | null, assignee: { id: string } | null, external: { id: string, source: string, url: string | null } | null, history: Array<{ at: string, change: string, from: string | null, to: string | null, by: string | null }> } };

export type RestWebhookFragment = { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: WebhookDisabledReason | null, verification: WebhookVerification, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string, organization: { id: string } | null, workspace: { id: string } | null };

export type RestWebhookDeliveryFragment = { id: string, kind: WebhookDeliveryKind, eventId: string | null, eventType: string, status: WebhookDeliveryStatus, attemptCount: number, nextAttemptAt: string | null, requestBody: string, redeliveryOf: string | null, createdAt: string, finishedAt: string | null, webhook: { id: string } | null, attempts: Array<{ attempt: number, startedAt: string, requestHeaders: unknown, responseStatus: number | null, responseBody: string | null, latencyMs: number, error: string | null, nextAttemptAt: string | null }> };

export type RestWebhooksQueryVariables = Exact<{
  workspaceId?: string | null | undefined;
  enabled?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestWebhooksQuery = { webhooks: { nodes: Array<{ id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: WebhookDisabledReason | null, verification: WebhookVerification, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string, organization: { id: string } | null, workspace: { id: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestCreateWebhookMutationVariables = Exact<{
  input: CreateWebhookInput;
}>;


export type RestCreateWebhookMutation = { createWebhook: { secret: string, webhook: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: WebhookDisabledReason | null, verification: WebhookVerification, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string, organization: { id: string } | null, workspace: { id: string } | null } } };

export type RestWebhookQueryVariables = Exact<{
  id: string;
}>;


export type RestWebhookQuery = { webhook: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: WebhookDisabledReason | null, verification: WebhookVerification, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string, organization: { id: string } | null, workspace: { id: string } | null } | null };

export type RestUpdateWebhookMutationVariables = Exact<{
  id: string;
  input: UpdateWebhookInput;
}>;


export type RestUpdateWebhookMutation = { updateWebhook: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: WebhookDisabledReason | null, verification: WebhookVerification, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string, organization: { id: string } | null, workspace: { id: string } | null } };

export type RestDeleteWebhookMutationVariables = Exact<{
  id: string;
}>;


export type RestDeleteWebhookMutation = { deleteWebhook: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: WebhookDisabledReason | null, verification: WebhookVerification, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string, organization: { id: string } | null, workspace: { id: string } | null } };

export type RestRotateWebhookSecretMutationVariables = Exact<{
  id: string;
  input: RotateWebhookSecretInput;
}>;


export type RestRotateWebhookSecretMutation = { rotateWebhookSecret: { secret: string, previousSecretExpiresAt: string | null, webhook: { id: string, url: string, description: string | null, eventTypes: Array<string>, enabled: boolean, disabledReason: WebhookDisabledReason | null, verification: WebhookVerification, previousSecretExpiresAt: string | null, createdAt: string, updatedAt: string, organization: { id: string } | null, workspace: { id: string } | null } } };

export type RestPingWebhookMutationVariables = Exact<{
  id: string;
}>;


export type RestPingWebhookMutation = { pingWebhook: { id: string, kind: WebhookDeliveryKind, eventId: string | null, eventType: string, status: WebhookDeliveryStatus, attemptCount: number, nextAttemptAt: string | null, requestBody: string, redeliveryOf: string | null, createdAt: string, finishedAt: string | null, webhook: { id: string } | null, attempts: Array<{ attempt: number, startedAt: string, requestHeaders: unknown, responseStatus: number | null, responseBody: string | null, latencyMs: number, error: string | null, nextAttemptAt: string | null }> } };

export type RestWebhookDeliveriesQueryVariables = Exact<{
  id: string;
  eventTypes?: Array<string> | string | null | undefined;
  eventId?: string | null | undefined;
  status?: Array<WebhookDeliveryStatus> | WebhookDeliveryStatus | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestWebhookDeliveriesQuery = { webhook: { deliveries: { nodes: Array<{ id: string, kind: WebhookDeliveryKind, eventId: string | null, eventType: string, status: WebhookDeliveryStatus, attemptCount: number, nextAttemptAt: string | null, requestBody: string, redeliveryOf: string | null, createdAt: string, finishedAt: string | null, webhook: { id: string } | null, attempts: Array<{ attempt: number, startedAt: string, requestHeaders: unknown, responseStatus: number | null, responseBody: string | null, latencyMs: number, error: string | null, nextAttemptAt: string | null }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type RestRedeliverMutationVariables = Exact<{
  id: string;
  delivery_id: string;
}>;


export type RestRedeliverMutation = { redeliverWebhookDelivery: { id: string, kind: WebhookDeliveryKind, eventId: string | null, eventType: string, status: WebhookDeliveryStatus, attemptCount: number, nextAttemptAt: string | null, requestBody: string, redeliveryOf: string | null, createdAt: string, finishedAt: string | null, webhook: { id: string } | null, attempts: Array<{ attempt: number, startedAt: string, requestHeaders: unknown, responseStatus: number | null, responseBody: string | null, latencyMs: number, error: string | null, nextAttemptAt: string | null }> } };

export type RestWorkspaceFieldsFragment = { id: string, name: string, slug: string, createdAt: string, organization: { id: string }, settings: { requireTaskServiceLine: boolean } };

export type RestWorkspacesQueryVariables = Exact<{
  organizationId?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RestWorkspacesQuery = { workspaces: { nodes: Array<{ id: string, name: string, slug: string, createdAt: string, organization: { id: string }, settings: { requireTaskServiceLine: boolean } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type RestWorkspaceQueryVariables = Exact<{
  id: string;
}>;


export type RestWorkspaceQuery = { workspace: { id: string, name: string, slug: string, createdAt: string, organization: { id: string }, settings: { requireTaskServiceLine: boolean } } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const RestApiKeyFragmentDoc = new TypedDocumentString(`
    fragment RestApiKey on ApiKey {
  id
  name
  role
  workspace {
    id
  }
  tokenPrefix
  createdBy
  createdAt
  lastUsedAt
  expiresAt
  revokedAt
}
    `, {"fragmentName":"RestApiKey"}) as unknown as TypedDocumentString<RestApiKeyFragment, unknown>;
export const RestAuditLogFragmentDoc = new TypedDocumentString(`
    fragment RestAuditLog on AuditLog {
  id
  organization {
    id
  }
  workspace {
    id
  }
  actorType
  actorId
  keyPrefix
  action
  resourceType
  resourceId
  outcome
  errorCode
  changedFields
  clientAddress
  userAgent
  channel
  createdAt
}
    `, {"fragmentName":"RestAuditLog"}) as unknown as TypedDocumentString<RestAuditLogFragment, unknown>;
export const RestEventFieldsFragmentDoc = new TypedDocumentString(`
    fragment RestEventFields on Event {
  id
  type
  organization {
    id
  }
  workspace {
    id
  }
  actorType
  actorId
  subjectType
  subjectId
  payload
  createdAt
}
    `, {"fragmentName":"RestEventFields"}) as unknown as TypedDocumentString<RestEventFieldsFragment, unknown>;
export const RestIntegrationSummaryFragmentDoc = new TypedDocumentString(`
    fragment RestIntegrationSummary on Integration {
  id
  workspace {
    id
  }
  type
  name
  status
  lastSyncedAt
  syncStatus
  createdAt
}
    `, {"fragmentName":"RestIntegrationSummary"}) as unknown as TypedDocumentString<RestIntegrationSummaryFragment, unknown>;
export const RestIntegrationDetailFragmentDoc = new TypedDocumentString(`
    fragment RestIntegrationDetail on Integration {
  id
  workspace {
    id
  }
  type
  name
  status
  config
  lastSyncedAt
  syncStatus
  syncHistory(first: 10) {
    nodes {
      startedAt
      status
      recordsSynced
    }
  }
  createdAt
}
    `, {"fragmentName":"RestIntegrationDetail"}) as unknown as TypedDocumentString<RestIntegrationDetailFragment, unknown>;
export const RestPodFieldsFragmentDoc = new TypedDocumentString(`
    fragment RestPodFields on Pod {
  id
  organization {
    id
  }
  workspace {
    id
  }
  serviceLine {
    id
  }
  name
  status
  teamSize
  deliveryModel
  sla {
    id
  }
  startedAt
  renewsAt
  costPerMonth
  currency
}
    `, {"fragmentName":"RestPodFields"}) as unknown as TypedDocumentString<RestPodFieldsFragment, unknown>;
export const RestPodDetailFragmentDoc = new TypedDocumentString(`
    fragment RestPodDetail on Pod {
  id
  serviceLine {
    id
  }
  name
  status
  teamSize
  team {
    talentId
    role
  }
  sla {
    id
    throughputTasksPerSprint
    responseTimeHours
    availabilityHoursPerWeek
    currentCompliance
  }
  costPerMonth
  currency
  startedAt
  renewsAt
}
    `, {"fragmentName":"RestPodDetail"}) as unknown as TypedDocumentString<RestPodDetailFragment, unknown>;
export const RestTicketFragmentDoc = new TypedDocumentString(`
    fragment RestTicket on Ticket {
  id
  pod {
    id
  }
  type
  title
  description
  priority
  status
  submittedBy {
    id
  }
  slaResponseDueAt
  respondedAt
  resolvedAt
  createdAt
}
    `, {"fragmentName":"RestTicket"}) as unknown as TypedDocumentString<RestTicketFragment, unknown>;
export const RestIncidentFragmentDoc = new TypedDocumentString(`
    fragment RestIncident on Incident {
  id
  pod {
    id
  }
  serviceLine {
    id
  }
  workspace {
    id
  }
  title
  description
  type
  severity
  status
  raisedBy {
    id
  }
  openedAt
  resolvedAt
}
    `, {"fragmentName":"RestIncident"}) as unknown as TypedDocumentString<RestIncidentFragment, unknown>;
export const RestSlaReportFieldsFragmentDoc = new TypedDocumentString(`
    fragment RestSlaReportFields on SlaReport {
  pod {
    id
  }
  sla {
    id
  }
  period
  compliancePercent
  metrics {
    metric
    target
    actual
    status
  }
  incidents {
    id
  }
}
    `, {"fragmentName":"RestSlaReportFields"}) as unknown as TypedDocumentString<RestSlaReportFieldsFragment, unknown>;
export const RestServiceLineHealthFragmentDoc = new TypedDocumentString(`
    fragment RestServiceLineHealth on ServiceLineHealth {
  serviceLineId
  serviceLine {
    name
    workspace {
      id
    }
  }
  score
  status
  from
  to
  signals {
    rule
    level
    penalty
    summary
    evidence
    links {
      type
      id
      href
    }
  }
}
    `, {"fragmentName":"RestServiceLineHealth"}) as unknown as TypedDocumentString<RestServiceLineHealthFragment, unknown>;
export const RestServiceLineSummaryFragmentDoc = new TypedDocumentString(`
    fragment RestServiceLineSummary on ServiceLine {
  id
  name
  productLine
  executionModel
  billingModel
  status
}
    `, {"fragmentName":"RestServiceLineSummary"}) as unknown as TypedDocumentString<RestServiceLineSummaryFragment, unknown>;
export const RestServiceLineDetailFragmentDoc = new TypedDocumentString(`
    fragment RestServiceLineDetail on ServiceLine {
  ...RestServiceLineSummary
  workspace {
    id
  }
  projects {
    id
  }
  activatedAt
  closedAt
  createdAt
  updatedAt
}
    fragment RestServiceLineSummary on ServiceLine {
  id
  name
  productLine
  executionModel
  billingModel
  status
}`, {"fragmentName":"RestServiceLineDetail"}) as unknown as TypedDocumentString<RestServiceLineDetailFragment, unknown>;
export const RestTaskSummaryFragmentDoc = new TypedDocumentString(`
    fragment RestTaskSummary on Task {
  id
  workspace {
    id
  }
  serviceLine {
    id
  }
  project {
    id
  }
  title
  status
  priority
  assignee {
    id
  }
  external {
    id
    source
  }
  createdAt
  updatedAt
}
    `, {"fragmentName":"RestTaskSummary"}) as unknown as TypedDocumentString<RestTaskSummaryFragment, unknown>;
export const RestTaskDetailFragmentDoc = new TypedDocumentString(`
    fragment RestTaskDetail on Task {
  id
  workspace {
    id
  }
  serviceLine {
    id
  }
  project {
    id
  }
  title
  description
  status
  priority
  assignee {
    id
  }
  external {
    id
    source
    url
  }
  history {
    at
    change
    from
    to
    by
  }
  createdAt
  updatedAt
}
    `, {"fragmentName":"RestTaskDetail"}) as unknown as TypedDocumentString<RestTaskDetailFragment, unknown>;
export const RestWebhookFragmentDoc = new TypedDocumentString(`
    fragment RestWebhook on Webhook {
  id
  organization {
    id
  }
  workspace {
    id
  }
  url
  description
  eventTypes
  enabled
  disabledReason
  verification
  previousSecretExpiresAt
  createdAt
  updatedAt
}
    `, {"fragmentName":"RestWebhook"}) as unknown as TypedDocumentString<RestWebhookFragment, unknown>;
export const RestWebhookDeliveryFragmentDoc = new TypedDocumentString(`
    fragment RestWebhookDelivery on WebhookDelivery {
  id
  webhook {
    id
  }
  kind
  eventId
  eventType
  status
  attemptCount
  nextAttemptAt
  requestBody
  redeliveryOf
  createdAt
  finishedAt
  attempts {
    attempt
    startedAt
    requestHeaders
    responseStatus
    responseBody
    latencyMs
    error
    nextAttemptAt
  }
}
    `, {"fragmentName":"RestWebhookDelivery"}) as unknown as TypedDocumentString<RestWebhookDeliveryFragment, unknown>;
export const RestWorkspaceFieldsFragmentDoc = new TypedDocumentString(`
    fragment RestWorkspaceFields on Workspace {
  id
  name
  slug
  organization {
    id
  }
  settings {
    requireTaskServiceLine
  }
  createdAt
}
    `, {"fragmentName":"RestWorkspaceFields"}) as unknown as TypedDocumentString<RestWorkspaceFieldsFragment, unknown>;
export const RestApiKeysDocument = new TypedDocumentString(`
    query RestApiKeys($includeRevoked: Boolean, $first: Int, $after: String) {
  apiKeys(includeRevoked: $includeRevoked, first: $first, after: $after) {
    nodes {
      ...RestApiKey
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestApiKey on ApiKey {
  id
  name
  role
  workspace {
    id
  }
  tokenPrefix
  createdBy
  createdAt
  lastUsedAt
  expiresAt
  revokedAt
}`) as unknown as TypedDocumentString<RestApiKeysQuery, RestApiKeysQueryVariables>;
export const RestCreateApiKeyDocument = new TypedDocumentString(`
    mutation RestCreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    apiKey {
      ...RestApiKey
    }
  }
}
    fragment RestApiKey on ApiKey {
  id
  name
  role
  workspace {
    id
  }
  tokenPrefix
  createdBy
  createdAt
  lastUsedAt
  expiresAt
  revokedAt
}`) as unknown as TypedDocumentString<RestCreateApiKeyMutation, RestCreateApiKeyMutationVariables>;
export const RestRevokeApiKeyDocument = new TypedDocumentString(`
    mutation RestRevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    ...RestApiKey
  }
}
    fragment RestApiKey on ApiKey {
  id
  name
  role
  workspace {
    id
  }
  tokenPrefix
  createdBy
  createdAt
  lastUsedAt
  expiresAt
  revokedAt
}`) as unknown as TypedDocumentString<RestRevokeApiKeyMutation, RestRevokeApiKeyMutationVariables>;
export const RestAuditLogsDocument = new TypedDocumentString(`
    query RestAuditLogs($actorId: ID, $actions: [String!], $resourceType: String, $resourceId: ID, $outcome: [AuditOutcome!], $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  auditLogs(
    actorId: $actorId
    actions: $actions
    resourceType: $resourceType
    resourceId: $resourceId
    outcome: $outcome
    from: $from
    to: $to
    first: $first
    after: $after
  ) {
    nodes {
      ...RestAuditLog
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestAuditLog on AuditLog {
  id
  organization {
    id
  }
  workspace {
    id
  }
  actorType
  actorId
  keyPrefix
  action
  resourceType
  resourceId
  outcome
  errorCode
  changedFields
  clientAddress
  userAgent
  channel
  createdAt
}`) as unknown as TypedDocumentString<RestAuditLogsQuery, RestAuditLogsQueryVariables>;
export const RestEventsDocument = new TypedDocumentString(`
    query RestEvents($organizationId: ID, $workspaceId: ID, $types: [String!], $subjectType: String, $subjectId: ID, $actorId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  events(
    organizationId: $organizationId
    workspaceId: $workspaceId
    types: $types
    subjectType: $subjectType
    subjectId: $subjectId
    actorId: $actorId
    from: $from
    to: $to
    first: $first
    after: $after
  ) {
    nodes {
      ...RestEventFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestEventFields on Event {
  id
  type
  organization {
    id
  }
  workspace {
    id
  }
  actorType
  actorId
  subjectType
  subjectId
  payload
  createdAt
}`) as unknown as TypedDocumentString<RestEventsQuery, RestEventsQueryVariables>;
export const RestEventDocument = new TypedDocumentString(`
    query RestEvent($id: ID!) {
  event(id: $id) {
    ...RestEventFields
  }
}
    fragment RestEventFields on Event {
  id
  type
  organization {
    id
  }
  workspace {
    id
  }
  actorType
  actorId
  subjectType
  subjectId
  payload
  createdAt
}`) as unknown as TypedDocumentString<RestEventQuery, RestEventQueryVariables>;
export const RestIntegrationsDocument = new TypedDocumentString(`
    query RestIntegrations($workspaceId: ID, $first: Int, $after: String) {
  integrations(workspaceId: $workspaceId, first: $first, after: $after) {
    nodes {
      ...RestIntegrationSummary
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestIntegrationSummary on Integration {
  id
  workspace {
    id
  }
  type
  name
  status
  lastSyncedAt
  syncStatus
  createdAt
}`) as unknown as TypedDocumentString<RestIntegrationsQuery, RestIntegrationsQueryVariables>;
export const RestConnectIntegrationDocument = new TypedDocumentString(`
    mutation RestConnectIntegration($input: ConnectIntegrationInput!) {
  connectIntegration(input: $input) {
    ...RestIntegrationDetail
  }
}
    fragment RestIntegrationDetail on Integration {
  id
  workspace {
    id
  }
  type
  name
  status
  config
  lastSyncedAt
  syncStatus
  syncHistory(first: 10) {
    nodes {
      startedAt
      status
      recordsSynced
    }
  }
  createdAt
}`) as unknown as TypedDocumentString<RestConnectIntegrationMutation, RestConnectIntegrationMutationVariables>;
export const RestIntegrationDocument = new TypedDocumentString(`
    query RestIntegration($id: ID!) {
  integration(id: $id) {
    ...RestIntegrationDetail
  }
}
    fragment RestIntegrationDetail on Integration {
  id
  workspace {
    id
  }
  type
  name
  status
  config
  lastSyncedAt
  syncStatus
  syncHistory(first: 10) {
    nodes {
      startedAt
      status
      recordsSynced
    }
  }
  createdAt
}`) as unknown as TypedDocumentString<RestIntegrationQuery, RestIntegrationQueryVariables>;
export const RestUpdateIntegrationDocument = new TypedDocumentString(`
    mutation RestUpdateIntegration($id: ID!, $input: UpdateIntegrationInput!) {
  updateIntegration(id: $id, input: $input) {
    ...RestIntegrationDetail
  }
}
    fragment RestIntegrationDetail on Integration {
  id
  workspace {
    id
  }
  type
  name
  status
  config
  lastSyncedAt
  syncStatus
  syncHistory(first: 10) {
    nodes {
      startedAt
      status
      recordsSynced
    }
  }
  createdAt
}`) as unknown as TypedDocumentString<RestUpdateIntegrationMutation, RestUpdateIntegrationMutationVariables>;
export const RestDisconnectIntegrationDocument = new TypedDocumentString(`
    mutation RestDisconnectIntegration($id: ID!) {
  disconnectIntegration(id: $id) {
    ...RestIntegrationDetail
  }
}
    fragment RestIntegrationDetail on Integration {
  id
  workspace {
    id
  }
  type
  name
  status
  config
  lastSyncedAt
  syncStatus
  syncHistory(first: 10) {
    nodes {
      startedAt
      status
      recordsSynced
    }
  }
  createdAt
}`) as unknown as TypedDocumentString<RestDisconnectIntegrationMutation, RestDisconnectIntegrationMutationVariables>;
export const RestSyncIntegrationDocument = new TypedDocumentString(`
    mutation RestSyncIntegration($id: ID!) {
  syncIntegration(id: $id) {
    id
    status
    startedAt
  }
}
    `) as unknown as TypedDocumentString<RestSyncIntegrationMutation, RestSyncIntegrationMutationVariables>;
export const RestPodsDocument = new TypedDocumentString(`
    query RestPods($organizationId: ID, $workspaceId: ID, $status: [PodStatus!], $first: Int, $after: String) {
  pods(
    organizationId: $organizationId
    workspaceId: $workspaceId
    status: $status
    first: $first
    after: $after
  ) {
    nodes {
      ...RestPodFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestPodFields on Pod {
  id
  organization {
    id
  }
  workspace {
    id
  }
  serviceLine {
    id
  }
  name
  status
  teamSize
  deliveryModel
  sla {
    id
  }
  startedAt
  renewsAt
  costPerMonth
  currency
}`) as unknown as TypedDocumentString<RestPodsQuery, RestPodsQueryVariables>;
export const RestRequestPodDocument = new TypedDocumentString(`
    mutation RestRequestPod($input: RequestPodInput!) {
  requestPod(input: $input) {
    ...RestPodFields
  }
}
    fragment RestPodFields on Pod {
  id
  organization {
    id
  }
  workspace {
    id
  }
  serviceLine {
    id
  }
  name
  status
  teamSize
  deliveryModel
  sla {
    id
  }
  startedAt
  renewsAt
  costPerMonth
  currency
}`) as unknown as TypedDocumentString<RestRequestPodMutation, RestRequestPodMutationVariables>;
export const RestPodDocument = new TypedDocumentString(`
    query RestPod($id: ID!) {
  pod(id: $id) {
    ...RestPodDetail
  }
}
    fragment RestPodDetail on Pod {
  id
  serviceLine {
    id
  }
  name
  status
  teamSize
  team {
    talentId
    role
  }
  sla {
    id
    throughputTasksPerSprint
    responseTimeHours
    availabilityHoursPerWeek
    currentCompliance
  }
  costPerMonth
  currency
  startedAt
  renewsAt
}`) as unknown as TypedDocumentString<RestPodQuery, RestPodQueryVariables>;
export const RestSubmitServiceRequestDocument = new TypedDocumentString(`
    mutation RestSubmitServiceRequest($input: ServiceRequestInput!) {
  submitServiceRequest(input: $input) {
    ...RestTicket
  }
}
    fragment RestTicket on Ticket {
  id
  pod {
    id
  }
  type
  title
  description
  priority
  status
  submittedBy {
    id
  }
  slaResponseDueAt
  respondedAt
  resolvedAt
  createdAt
}`) as unknown as TypedDocumentString<RestSubmitServiceRequestMutation, RestSubmitServiceRequestMutationVariables>;
export const RestTicketsDocument = new TypedDocumentString(`
    query RestTickets($podId: ID!, $status: [TicketStatus!], $priority: [TicketPriority!], $first: Int, $after: String) {
  pod(id: $podId) {
    tickets(status: $status, priority: $priority, first: $first, after: $after) {
      nodes {
        ...RestTicket
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment RestTicket on Ticket {
  id
  pod {
    id
  }
  type
  title
  description
  priority
  status
  submittedBy {
    id
  }
  slaResponseDueAt
  respondedAt
  resolvedAt
  createdAt
}`) as unknown as TypedDocumentString<RestTicketsQuery, RestTicketsQueryVariables>;
export const RestSlaReportDocument = new TypedDocumentString(`
    query RestSlaReport($podId: ID!, $period: String) {
  pod(id: $podId) {
    id
    latestSlaReport {
      period
    }
  }
  slaReports(podId: $podId, period: $period, first: 1) {
    nodes {
      ...RestSlaReportFields
    }
  }
}
    fragment RestSlaReportFields on SlaReport {
  pod {
    id
  }
  sla {
    id
  }
  period
  compliancePercent
  metrics {
    metric
    target
    actual
    status
  }
  incidents {
    id
  }
}`) as unknown as TypedDocumentString<RestSlaReportQuery, RestSlaReportQueryVariables>;
export const RestRaiseIncidentDocument = new TypedDocumentString(`
    mutation RestRaiseIncident($input: RaiseIncidentInput!) {
  raiseIncident(input: $input) {
    ...RestIncident
  }
}
    fragment RestIncident on Incident {
  id
  pod {
    id
  }
  serviceLine {
    id
  }
  workspace {
    id
  }
  title
  description
  type
  severity
  status
  raisedBy {
    id
  }
  openedAt
  resolvedAt
}`) as unknown as TypedDocumentString<RestRaiseIncidentMutation, RestRaiseIncidentMutationVariables>;
export const RestIncidentsDocument = new TypedDocumentString(`
    query RestIncidents($workspaceId: ID, $serviceLineId: ID, $podId: ID, $status: [IncidentStatus!], $severity: [IncidentSeverity!], $first: Int, $after: String) {
  incidents(
    workspaceId: $workspaceId
    serviceLineId: $serviceLineId
    podId: $podId
    status: $status
    severity: $severity
    first: $first
    after: $after
  ) {
    nodes {
      ...RestIncident
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestIncident on Incident {
  id
  pod {
    id
  }
  serviceLine {
    id
  }
  workspace {
    id
  }
  title
  description
  type
  severity
  status
  raisedBy {
    id
  }
  openedAt
  resolvedAt
}`) as unknown as TypedDocumentString<RestIncidentsQuery, RestIncidentsQueryVariables>;
export const RestHealthDocument = new TypedDocumentString(`
    query RestHealth($serviceLineId: ID, $workspaceId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  serviceLineHealth(
    serviceLineId: $serviceLineId
    workspaceId: $workspaceId
    from: $from
    to: $to
    first: $first
    after: $after
  ) {
    nodes {
      ...RestServiceLineHealth
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestServiceLineHealth on ServiceLineHealth {
  serviceLineId
  serviceLine {
    name
    workspace {
      id
    }
  }
  score
  status
  from
  to
  signals {
    rule
    level
    penalty
    summary
    evidence
    links {
      type
      id
      href
    }
  }
}`) as unknown as TypedDocumentString<RestHealthQuery, RestHealthQueryVariables>;
export const RestOrganizationDocument = new TypedDocumentString(`
    query RestOrganization($id: ID!) {
  organization(id: $id) {
    id
    name
    slug
    createdAt
  }
}
    `) as unknown as TypedDocumentString<RestOrganizationQuery, RestOrganizationQueryVariables>;
export const RestServiceLinesDocument = new TypedDocumentString(`
    query RestServiceLines($workspaceId: ID, $status: [ServiceLineStatus!], $productLine: [ProductLine!], $projectId: ID, $first: Int, $after: String) {
  serviceLines(
    workspaceId: $workspaceId
    status: $status
    productLine: $productLine
    projectId: $projectId
    first: $first
    after: $after
  ) {
    nodes {
      ...RestServiceLineSummary
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestServiceLineSummary on ServiceLine {
  id
  name
  productLine
  executionModel
  billingModel
  status
}`) as unknown as TypedDocumentString<RestServiceLinesQuery, RestServiceLinesQueryVariables>;
export const RestServiceLineDocument = new TypedDocumentString(`
    query RestServiceLine($id: ID!) {
  serviceLine(id: $id) {
    ...RestServiceLineDetail
  }
}
    fragment RestServiceLineSummary on ServiceLine {
  id
  name
  productLine
  executionModel
  billingModel
  status
}
fragment RestServiceLineDetail on ServiceLine {
  ...RestServiceLineSummary
  workspace {
    id
  }
  projects {
    id
  }
  activatedAt
  closedAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestServiceLineQuery, RestServiceLineQueryVariables>;
export const RestServiceLineUsageDocument = new TypedDocumentString(`
    query RestServiceLineUsage($id: ID!, $from: Date!, $to: Date!) {
  serviceLine(id: $id) {
    usage(from: $from, to: $to) {
      serviceLineId
      metrics {
        metric
        quantity
        cost
        currency
      }
      totalCost
    }
  }
}
    `) as unknown as TypedDocumentString<RestServiceLineUsageQuery, RestServiceLineUsageQueryVariables>;
export const RestTasksDocument = new TypedDocumentString(`
    query RestTasks($workspaceId: ID, $serviceLineId: ID, $projectId: ID, $assigneeId: ID, $status: [TaskStatus!], $priority: [TaskPriority!], $first: Int, $after: String) {
  tasks(
    workspaceId: $workspaceId
    serviceLineId: $serviceLineId
    projectId: $projectId
    assigneeId: $assigneeId
    status: $status
    priority: $priority
    first: $first
    after: $after
  ) {
    nodes {
      ...RestTaskSummary
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestTaskSummary on Task {
  id
  workspace {
    id
  }
  serviceLine {
    id
  }
  project {
    id
  }
  title
  status
  priority
  assignee {
    id
  }
  external {
    id
    source
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestTasksQuery, RestTasksQueryVariables>;
export const RestCreateTaskDocument = new TypedDocumentString(`
    mutation RestCreateTask($input: CreateTaskInput!) {
  createTask(input: $input) {
    ...RestTaskDetail
  }
}
    fragment RestTaskDetail on Task {
  id
  workspace {
    id
  }
  serviceLine {
    id
  }
  project {
    id
  }
  title
  description
  status
  priority
  assignee {
    id
  }
  external {
    id
    source
    url
  }
  history {
    at
    change
    from
    to
    by
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestCreateTaskMutation, RestCreateTaskMutationVariables>;
export const RestTaskDocument = new TypedDocumentString(`
    query RestTask($id: ID!) {
  task(id: $id) {
    ...RestTaskDetail
  }
}
    fragment RestTaskDetail on Task {
  id
  workspace {
    id
  }
  serviceLine {
    id
  }
  project {
    id
  }
  title
  description
  status
  priority
  assignee {
    id
  }
  external {
    id
    source
    url
  }
  history {
    at
    change
    from
    to
    by
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestTaskQuery, RestTaskQueryVariables>;
export const RestUpdateTaskDocument = new TypedDocumentString(`
    mutation RestUpdateTask($id: ID!, $input: UpdateTaskInput!) {
  updateTask(id: $id, input: $input) {
    ...RestTaskDetail
  }
}
    fragment RestTaskDetail on Task {
  id
  workspace {
    id
  }
  serviceLine {
    id
  }
  project {
    id
  }
  title
  description
  status
  priority
  assignee {
    id
  }
  external {
    id
    source
    url
  }
  history {
    at
    change
    from
    to
    by
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestUpdateTaskMutation, RestUpdateTaskMutationVariables>;
export const RestWebhooksDocument = new TypedDocumentString(`
    query RestWebhooks($workspaceId: ID, $enabled: Boolean, $first: Int, $after: String) {
  webhooks(
    workspaceId: $workspaceId
    enabled: $enabled
    first: $first
    after: $after
  ) {
    nodes {
      ...RestWebhook
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestWebhook on Webhook {
  id
  organization {
    id
  }
  workspace {
    id
  }
  url
  description
  eventTypes
  enabled
  disabledReason
  verification
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestWebhooksQuery, RestWebhooksQueryVariables>;
export const RestCreateWebhookDocument = new TypedDocumentString(`
    mutation RestCreateWebhook($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    secret
    webhook {
      ...RestWebhook
    }
  }
}
    fragment RestWebhook on Webhook {
  id
  organization {
    id
  }
  workspace {
    id
  }
  url
  description
  eventTypes
  enabled
  disabledReason
  verification
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestCreateWebhookMutation, RestCreateWebhookMutationVariables>;
export const RestWebhookDocument = new TypedDocumentString(`
    query RestWebhook($id: ID!) {
  webhook(id: $id) {
    ...RestWebhook
  }
}
    fragment RestWebhook on Webhook {
  id
  organization {
    id
  }
  workspace {
    id
  }
  url
  description
  eventTypes
  enabled
  disabledReason
  verification
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestWebhookQuery, RestWebhookQueryVariables>;
export const RestUpdateWebhookDocument = new TypedDocumentString(`
    mutation RestUpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {
  updateWebhook(id: $id, input: $input) {
    ...RestWebhook
  }
}
    fragment RestWebhook on Webhook {
  id
  organization {
    id
  }
  workspace {
    id
  }
  url
  description
  eventTypes
  enabled
  disabledReason
  verification
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestUpdateWebhookMutation, RestUpdateWebhookMutationVariables>;
export const RestDeleteWebhookDocument = new TypedDocumentString(`
    mutation RestDeleteWebhook($id: ID!) {
  deleteWebhook(id: $id) {
    ...RestWebhook
  }
}
    fragment RestWebhook on Webhook {
  id
  organization {
    id
  }
  workspace {
    id
  }
  url
  description
  eventTypes
  enabled
  disabledReason
  verification
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestDeleteWebhookMutation, RestDeleteWebhookMutationVariables>;
export const RestRotateWebhookSecretDocument = new TypedDocumentString(`
    mutation RestRotateWebhookSecret($id: ID!, $input: RotateWebhookSecretInput!) {
  rotateWebhookSecret(id: $id, input: $input) {
    secret
    previousSecretExpiresAt
    webhook {
      ...RestWebhook
    }
  }
}
    fragment RestWebhook on Webhook {
  id
  organization {
    id
  }
  workspace {
    id
  }
  url
  description
  eventTypes
  enabled
  disabledReason
  verification
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RestRotateWebhookSecretMutation, RestRotateWebhookSecretMutationVariables>;
export const RestPingWebhookDocument = new TypedDocumentString(`
    mutation RestPingWebhook($id: ID!) {
  pingWebhook(id: $id) {
    ...RestWebhookDelivery
  }
}
    fragment RestWebhookDelivery on WebhookDelivery {
  id
  webhook {
    id
  }
  kind
  eventId
  eventType
  status
  attemptCount
  nextAttemptAt
  requestBody
  redeliveryOf
  createdAt
  finishedAt
  attempts {
    attempt
    startedAt
    requestHeaders
    responseStatus
    responseBody
    latencyMs
    error
    nextAttemptAt
  }
}`) as unknown as TypedDocumentString<RestPingWebhookMutation, RestPingWebhookMutationVariables>;
export const RestWebhookDeliveriesDocument = new TypedDocumentString(`
    query RestWebhookDeliveries($id: ID!, $eventTypes: [String!], $eventId: ID, $status: [WebhookDeliveryStatus!], $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  webhook(id: $id) {
    deliveries(
      eventTypes: $eventTypes
      eventId: $eventId
      status: $status
      from: $from
      to: $to
      first: $first
      after: $after
    ) {
      nodes {
        ...RestWebhookDelivery
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment RestWebhookDelivery on WebhookDelivery {
  id
  webhook {
    id
  }
  kind
  eventId
  eventType
  status
  attemptCount
  nextAttemptAt
  requestBody
  redeliveryOf
  createdAt
  finishedAt
  attempts {
    attempt
    startedAt
    requestHeaders
    responseStatus
    responseBody
    latencyMs
    error
    nextAttemptAt
  }
}`) as unknown as TypedDocumentString<RestWebhookDeliveriesQuery, RestWebhookDeliveriesQueryVariables>;
export const RestRedeliverDocument = new TypedDocumentString(`
    mutation RestRedeliver($id: ID!, $delivery_id: ID!) {
  redeliverWebhookDelivery(webhookId: $id, deliveryId: $delivery_id) {
    ...RestWebhookDelivery
  }
}
    fragment RestWebhookDelivery on WebhookDelivery {
  id
  webhook {
    id
  }
  kind
  eventId
  eventType
  status
  attemptCount
  nextAttemptAt
  requestBody
  redeliveryOf
  createdAt
  finishedAt
  attempts {
    attempt
    startedAt
    requestHeaders
    responseStatus
    responseBody
    latencyMs
    error
    nextAttemptAt
  }
}`) as unknown as TypedDocumentString<RestRedeliverMutation, RestRedeliverMutationVariables>;
export const RestWorkspacesDocument = new TypedDocumentString(`
    query RestWorkspaces($organizationId: ID, $first: Int, $after: String) {
  workspaces(organizationId: $organizationId, first: $first, after: $after) {
    nodes {
      ...RestWorkspaceFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment RestWorkspaceFields on Workspace {
  id
  name
  slug
  organization {
    id
  }
  settings {
    requireTaskServiceLine
  }
  createdAt
}`) as unknown as TypedDocumentString<RestWorkspacesQuery, RestWorkspacesQueryVariables>;
export const RestWorkspaceDocument = new TypedDocumentString(`
    query RestWorkspace($id: ID!) {
  workspace(id: $id) {
    ...RestWorkspaceFields
  }
}
    fragment RestWorkspaceFields on Workspace {
  id
  name
  slug
  organization {
    id
  }
  settings {
    requireTaskServiceLine
  }
  createdAt
}`) as unknown as TypedDocumentString<RestWorkspaceQuery, RestWorkspaceQueryVariables>;