/* eslint-disable */
import * as types from './graphql.ts';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment RestApiKey on ApiKey { id name role workspace { id } tokenPrefix createdBy createdAt lastUsedAt expiresAt revokedAt }": typeof types.RestApiKeyFragmentDoc,
    "query RestApiKeys($includeRevoked: Boolean, $first: Int, $after: String) {\n      apiKeys(includeRevoked: $includeRevoked, first: $first, after: $after) { nodes { ...RestApiKey } pageInfo { hasNextPage endCursor } }\n    }": typeof types.RestApiKeysDocument,
    "mutation RestCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ...RestApiKey } } }": typeof types.RestCreateApiKeyDocument,
    "mutation RestRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { ...RestApiKey } }": typeof types.RestRevokeApiKeyDocument,
    "fragment RestAuditLog on AuditLog {\n  id organization { id } workspace { id } actorType actorId keyPrefix action resourceType resourceId outcome errorCode changedFields\n  clientAddress userAgent channel createdAt\n}": typeof types.RestAuditLogFragmentDoc,
    "query RestAuditLogs($actorId: ID, $actions: [String!], $resourceType: String, $resourceId: ID, $outcome: [AuditOutcome!],\n      $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n      auditLogs(actorId: $actorId, actions: $actions, resourceType: $resourceType, resourceId: $resourceId, outcome: $outcome, from: $from, to: $to,\n        first: $first, after: $after) { nodes { ...RestAuditLog } pageInfo { hasNextPage endCursor } }\n    }": typeof types.RestAuditLogsDocument,
    "fragment RestEventFields on Event { id type organization { id } workspace { id } actorType actorId subjectType subjectId payload createdAt }": typeof types.RestEventFieldsFragmentDoc,
    "query RestEvents($organizationId: ID, $workspaceId: ID, $types: [String!], $subjectType: String, $subjectId: ID, $actorId: ID,\n      $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n      events(organizationId: $organizationId, workspaceId: $workspaceId, types: $types, subjectType: $subjectType, subjectId: $subjectId,\n        actorId: $actorId, from: $from, to: $to, first: $first, after: $after) { nodes { ...RestEventFields } pageInfo { hasNextPage endCursor } }\n    }": typeof types.RestEventsDocument,
    "query RestEvent($id: ID!) { event(id: $id) { ...RestEventFields } }": typeof types.RestEventDocument,
    "fragment RestIntegrationSummary on Integration { id workspace { id } type name status lastSyncedAt syncStatus createdAt }": typeof types.RestIntegrationSummaryFragmentDoc,
    "fragment RestIntegrationDetail on Integration {\n  id workspace { id } type name status config lastSyncedAt syncStatus\n  syncHistory(first: 10) { nodes { startedAt status recordsSynced } }\n  createdAt\n}": typeof types.RestIntegrationDetailFragmentDoc,
    "query RestIntegrations($workspaceId: ID, $first: Int, $after: String) {\n      integrations(workspaceId: $workspaceId, first: $first, after: $after) { nodes { ...RestIntegrationSummary } pageInfo { hasNextPage endCursor } }\n    }": typeof types.RestIntegrationsDocument,
    "mutation RestConnectIntegration($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { ...RestIntegrationDetail } }": typeof types.RestConnectIntegrationDocument,
    "query RestIntegration($id: ID!) { integration(id: $id) { ...RestIntegrationDetail } }": typeof types.RestIntegrationDocument,
    "mutation RestUpdateIntegration($id: ID!, $input: UpdateIntegrationInput!) { updateIntegration(id: $id, input: $input) { ...RestIntegrationDetail } }": typeof types.RestUpdateIntegrationDocument,
    "mutation RestDisconnectIntegration($id: ID!) { disconnectIntegration(id: $id) { ...RestIntegrationDetail } }": typeof types.RestDisconnectIntegrationDocument,
    "mutation RestSyncIntegration($id: ID!) { syncIntegration(id: $id) { id status startedAt } }": typeof types.RestSyncIntegrationDocument,
    "fragment RestPodFields on Pod {\n  id organization { id } workspace { id } serviceLine { id } name status teamSize deliveryModel sla { id } startedAt renewsAt costPerMonth currency\n}": typeof types.RestPodFieldsFragmentDoc,
    "fragment RestPodDetail on Pod {\n  id serviceLine { id } name status teamSize team { talentId role }\n  sla { id throughputTasksPerSprint responseTimeHours availabilityHoursPerWeek currentCompliance } costPerMonth currency startedAt renewsAt\n}": typeof types.RestPodDetailFragmentDoc,
    "fragment RestTicket on Ticket {\n  id pod { id } type title description priority status submittedBy { id } slaResponseDueAt respondedAt resolvedAt createdAt\n}": typeof types.RestTicketFragmentDoc,
    "fragment RestIncident on Incident {\n  id pod { id } serviceLine { id } workspace { id } title description type severity status raisedBy { id } openedAt resolvedAt\n}": typeof types.RestIncidentFragmentDoc,
    "fragment RestSlaReportFields on SlaReport { pod { id } sla { id } period compliancePercent metrics { metric target actual status } incidents { id } }": typeof types.RestSlaReportFieldsFragmentDoc,
    "query RestPods($organizationId: ID, $workspaceId: ID, $status: [PodStatus!], $first: Int, $after: String) {\n      pods(organizationId: $organizationId, workspaceId: $workspaceId, status: $status, first: $first, after: $after) { nodes { ...RestPodFields } pageInfo { hasNextPage endCursor } }\n    }": typeof types.RestPodsDocument,
    "mutation RestRequestPod($input: RequestPodInput!) { requestPod(input: $input) { ...RestPodFields } }": typeof types.RestRequestPodDocument,
    "query RestPod($id: ID!) { pod(id: $id) { ...RestPodDetail } }": typeof types.RestPodDocument,
    "mutation RestSubmitServiceRequest($input: ServiceRequestInput!) { submitServiceRequest(input: $input) { ...RestTicket } }": typeof types.RestSubmitServiceRequestDocument,
    "query RestTickets($podId: ID!, $status: [TicketStatus!], $priority: [TicketPriority!], $first: Int, $after: String) {\n      pod(id: $podId) { tickets(status: $status, priority: $priority, first: $first, after: $after) { nodes { ...RestTicket } pageInfo { hasNextPage endCursor } } }\n    }": typeof types.RestTicketsDocument,
    "query RestSlaReport($podId: ID!, $period: String) {\n      pod(id: $podId) { id latestSlaReport { period } }\n      slaReports(podId: $podId, period: $period, first: 1) { nodes { ...RestSlaReportFields } }\n    }": typeof types.RestSlaReportDocument,
    "mutation RestRaiseIncident($input: RaiseIncidentInput!) { raiseIncident(input: $input) { ...RestIncident } }": typeof types.RestRaiseIncidentDocument,
    "query RestIncidents($workspaceId: ID, $serviceLineId: ID, $podId: ID, $status: [IncidentStatus!], $severity: [IncidentSeverity!], $first: Int, $after: String) {\n      incidents(workspaceId: $workspaceId, serviceLineId: $serviceLineId, podId: $podId, status: $status, severity: $severity, first: $first, after: $after) {\n        nodes { ...RestIncident } pageInfo { hasNextPage endCursor }\n      }\n    }": typeof types.RestIncidentsDocument,
    "fragment RestServiceLineHealth on ServiceLineHealth {\n  serviceLineId serviceLine { name workspace { id } } score status from to\n  signals { rule level penalty summary evidence links { type id href } }\n}": typeof types.RestServiceLineHealthFragmentDoc,
    "query RestHealth($serviceLineId: ID, $workspaceId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n      serviceLineHealth(serviceLineId: $serviceLineId, workspaceId: $workspaceId, from: $from, to: $to, first: $first, after: $after) {\n        nodes { ...RestServiceLineHealth } pageInfo { hasNextPage endCursor }\n      }\n    }": typeof types.RestHealthDocument,
    "query RestOrganization($id: ID!) { organization(id: $id) { id name slug createdAt } }": typeof types.RestOrganizationDocument,
    "fragment RestServiceLineSummary on ServiceLine { id name productLine executionModel billingModel status }": typeof types.RestServiceLineSummaryFragmentDoc,
    "fragment RestServiceLineDetail on ServiceLine {\n  ...RestServiceLineSummary workspace { id } projects { id } activatedAt closedAt createdAt updatedAt\n}": typeof types.RestServiceLineDetailFragmentDoc,
    "query RestServiceLines($workspaceId: ID, $status: [ServiceLineStatus!], $productLine: [ProductLine!], $projectId: ID, $first: Int, $after: String) {\n      serviceLines(workspaceId: $workspaceId, status: $status, productLine: $productLine, projectId: $projectId, first: $first, after: $after) {\n        nodes { ...RestServiceLineSummary } pageInfo { hasNextPage endCursor }\n      }\n    }": typeof types.RestServiceLinesDocument,
    "query RestServiceLine($id: ID!) { serviceLine(id: $id) { ...RestServiceLineDetail } }": typeof types.RestServiceLineDocument,
    "query RestServiceLineUsage($id: ID!, $from: Date!, $to: Date!) {\n      serviceLine(id: $id) { usage(from: $from, to: $to) { serviceLineId metrics { metric quantity cost currency } totalCost } }\n    }": typeof types.RestServiceLineUsageDocument,
    "fragment RestTaskSummary on Task {\n  id workspace { id } serviceLine { id } project { id } title status priority assignee { id } external { id source } createdAt updatedAt\n}": typeof types.RestTaskSummaryFragmentDoc,
    "fragment RestTaskDetail on Task {\n  id workspace { id } serviceLine { id } project { id } title description status priority assignee { id }\n  external { id source url } history { at change from to by } createdAt updatedAt\n}": typeof types.RestTaskDetailFragmentDoc,
    "query RestTasks($workspaceId: ID, $serviceLineId: ID, $projectId: ID, $assigneeId: ID, $status: [TaskStatus!], $priority: [TaskPriority!], $first: Int, $after: String) {\n      tasks(workspaceId: $workspaceId, serviceLineId: $serviceLineId, projectId: $projectId, assigneeId: $assigneeId, status: $status, priority: $priority, first: $first, after: $after) {\n        nodes { ...RestTaskSummary } pageInfo { hasNextPage endCursor }\n      }\n    }": typeof types.RestTasksDocument,
    "mutation RestCreateTask($input: CreateTaskInput!) { createTask(input: $input) { ...RestTaskDetail } }": typeof types.RestCreateTaskDocument,
    "query RestTask($id: ID!) { task(id: $id) { ...RestTaskDetail } }": typeof types.RestTaskDocument,
    "mutation RestUpdateTask($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ...RestTaskDetail } }": typeof types.RestUpdateTaskDocument,
    "fragment RestWebhook on Webhook {\n  id organization { id } workspace { id } url description eventTypes enabled disabledReason verification previousSecretExpiresAt createdAt updatedAt\n}": typeof types.RestWebhookFragmentDoc,
    "fragment RestWebhookDelivery on WebhookDelivery {\n  id webhook { id } kind eventId eventType status attemptCount nextAttemptAt requestBody redeliveryOf createdAt finishedAt\n  attempts { attempt startedAt requestHeaders responseStatus responseBody latencyMs error nextAttemptAt }\n}": typeof types.RestWebhookDeliveryFragmentDoc,
    "query RestWebhooks($workspaceId: ID, $enabled: Boolean, $first: Int, $after: String) {\n      webhooks(workspaceId: $workspaceId, enabled: $enabled, first: $first, after: $after) { nodes { ...RestWebhook } pageInfo { hasNextPage endCursor } }\n    }": typeof types.RestWebhooksDocument,
    "mutation RestCreateWebhook($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { ...RestWebhook } } }": typeof types.RestCreateWebhookDocument,
    "query RestWebhook($id: ID!) { webhook(id: $id) { ...RestWebhook } }": typeof types.RestWebhookDocument,
    "mutation RestUpdateWebhook($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { ...RestWebhook } }": typeof types.RestUpdateWebhookDocument,
    "mutation RestDeleteWebhook($id: ID!) { deleteWebhook(id: $id) { ...RestWebhook } }": typeof types.RestDeleteWebhookDocument,
    "mutation RestRotateWebhookSecret($id: ID!, $input: RotateWebhookSecretInput!) {\n      rotateWebhookSecret(id: $id, input: $input) { secret previousSecretExpiresAt webhook { ...RestWebhook } }\n    }": typeof types.RestRotateWebhookSecretDocument,
    "mutation RestPingWebhook($id: ID!) { pingWebhook(id: $id) { ...RestWebhookDelivery } }": typeof types.RestPingWebhookDocument,
    "query RestWebhookDeliveries($id: ID!, $eventTypes: [String!], $eventId: ID, $status: [WebhookDeliveryStatus!], $from: DateTime, $to: DateTime,\n      $first: Int, $after: String) {\n      webhook(id: $id) {\n        deliveries(eventTypes: $eventTypes, eventId: $eventId, status: $status, from: $from, to: $to, first: $first, after: $after) { nodes { ...RestWebhookDelivery } pageInfo { hasNextPage endCursor } }\n      }\n    }": typeof types.RestWebhookDeliveriesDocument,
    "mutation RestRedeliver($id: ID!, $delivery_id: ID!) { redeliverWebhookDelivery(webhookId: $id, deliveryId: $delivery_id) { ...RestWebhookDelivery } }": typeof types.RestRedeliverDocument,
    "fragment RestWorkspaceFields on Workspace { id name slug organization { id } settings { requireTaskServiceLine } createdAt }": typeof types.RestWorkspaceFieldsFragmentDoc,
    "query RestWorkspaces($organizationId: ID, $first: Int, $after: String) {\n      workspaces(organizationId: $organizationId, first: $first, after: $after) { nodes { ...RestWorkspaceFields } pageInfo { hasNextPage endCursor } }\n    }": typeof types.RestWorkspacesDocument,
    "query RestWorkspace($id: ID!) { workspace(id: $id) { ...RestWorkspaceFields } }": typeof types.RestWorkspaceDocument,
};
const documents: Documents = {
    "fragment RestApiKey on ApiKey { id name role workspace { id } tokenPrefix createdBy createdAt lastUsedAt expiresAt revokedAt }": types.RestApiKeyFragmentDoc,
    "query RestApiKeys($includeRevoked: Boolean, $first: Int, $after: String) {\n      apiKeys(includeRevoked: $includeRevoked, first: $first, after: $after) { nodes { ...RestApiKey } pageInfo { hasNextPage endCursor } }\n    }": types.RestApiKeysDocument,
    "mutation RestCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ...RestApiKey } } }": types.RestCreateApiKeyDocument,
    "mutation RestRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { ...RestApiKey } }": types.RestRevokeApiKeyDocument,
    "fragment RestAuditLog on AuditLog {\n  id organization { id } workspace { id } actorType actorId keyPrefix action resourceType resourceId outcome errorCode changedFields\n  clientAddress userAgent channel createdAt\n}": types.RestAuditLogFragmentDoc,
    "query RestAuditLogs($actorId: ID, $actions: [String!], $resourceType: String, $resourceId: ID, $outcome: [AuditOutcome!],\n      $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n      auditLogs(actorId: $actorId, actions: $actions, resourceType: $resourceType, resourceId: $resourceId, outcome: $outcome, from: $from, to: $to,\n        first: $first, after: $after) { nodes { ...RestAuditLog } pageInfo { hasNextPage endCursor } }\n    }": types.RestAuditLogsDocument,
    "fragment RestEventFields on Event { id type organization { id } workspace { id } actorType actorId subjectType subjectId payload createdAt }": types.RestEventFieldsFragmentDoc,
    "query RestEvents($organizationId: ID, $workspaceId: ID, $types: [String!], $subjectType: String, $subjectId: ID, $actorId: ID,\n      $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n      events(organizationId: $organizationId, workspaceId: $workspaceId, types: $types, subjectType: $subjectType, subjectId: $subjectId,\n        actorId: $actorId, from: $from, to: $to, first: $first, after: $after) { nodes { ...RestEventFields } pageInfo { hasNextPage endCursor } }\n    }": types.RestEventsDocument,
    "query RestEvent($id: ID!) { event(id: $id) { ...RestEventFields } }": types.RestEventDocument,
    "fragment RestIntegrationSummary on Integration { id workspace { id } type name status lastSyncedAt syncStatus createdAt }": types.RestIntegrationSummaryFragmentDoc,
    "fragment RestIntegrationDetail on Integration {\n  id workspace { id } type name status config lastSyncedAt syncStatus\n  syncHistory(first: 10) { nodes { startedAt status recordsSynced } }\n  createdAt\n}": types.RestIntegrationDetailFragmentDoc,
    "query RestIntegrations($workspaceId: ID, $first: Int, $after: String) {\n      integrations(workspaceId: $workspaceId, first: $first, after: $after) { nodes { ...RestIntegrationSummary } pageInfo { hasNextPage endCursor } }\n    }": types.RestIntegrationsDocument,
    "mutation RestConnectIntegration($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { ...RestIntegrationDetail } }": types.RestConnectIntegrationDocument,
    "query RestIntegration($id: ID!) { integration(id: $id) { ...RestIntegrationDetail } }": types.RestIntegrationDocument,
    "mutation RestUpdateIntegration($id: ID!, $input: UpdateIntegrationInput!) { updateIntegration(id: $id, input: $input) { ...RestIntegrationDetail } }": types.RestUpdateIntegrationDocument,
    "mutation RestDisconnectIntegration($id: ID!) { disconnectIntegration(id: $id) { ...RestIntegrationDetail } }": types.RestDisconnectIntegrationDocument,
    "mutation RestSyncIntegration($id: ID!) { syncIntegration(id: $id) { id status startedAt } }": types.RestSyncIntegrationDocument,
    "fragment RestPodFields on Pod {\n  id organization { id } workspace { id } serviceLine { id } name status teamSize deliveryModel sla { id } startedAt renewsAt costPerMonth currency\n}": types.RestPodFieldsFragmentDoc,
    "fragment RestPodDetail on Pod {\n  id serviceLine { id } name status teamSize team { talentId role }\n  sla { id throughputTasksPerSprint responseTimeHours availabilityHoursPerWeek currentCompliance } costPerMonth currency startedAt renewsAt\n}": types.RestPodDetailFragmentDoc,
    "fragment RestTicket on Ticket {\n  id pod { id } type title description priority status submittedBy { id } slaResponseDueAt respondedAt resolvedAt createdAt\n}": types.RestTicketFragmentDoc,
    "fragment RestIncident on Incident {\n  id pod { id } serviceLine { id } workspace { id } title description type severity status raisedBy { id } openedAt resolvedAt\n}": types.RestIncidentFragmentDoc,
    "fragment RestSlaReportFields on SlaReport { pod { id } sla { id } period compliancePercent metrics { metric target actual status } incidents { id } }": types.RestSlaReportFieldsFragmentDoc,
    "query RestPods($organizationId: ID, $workspaceId: ID, $status: [PodStatus!], $first: Int, $after: String) {\n      pods(organizationId: $organizationId, workspaceId: $workspaceId, status: $status, first: $first, after: $after) { nodes { ...RestPodFields } pageInfo { hasNextPage endCursor } }\n    }": types.RestPodsDocument,
    "mutation RestRequestPod($input: RequestPodInput!) { requestPod(input: $input) { ...RestPodFields } }": types.RestRequestPodDocument,
    "query RestPod($id: ID!) { pod(id: $id) { ...RestPodDetail } }": types.RestPodDocument,
    "mutation RestSubmitServiceRequest($input: ServiceRequestInput!) { submitServiceRequest(input: $input) { ...RestTicket } }": types.RestSubmitServiceRequestDocument,
    "query RestTickets($podId: ID!, $status: [TicketStatus!], $priority: [TicketPriority!], $first: Int, $after: String) {\n      pod(id: $podId) { tickets(status: $status, priority: $priority, first: $first, after: $after) { nodes { ...RestTicket } pageInfo { hasNextPage endCursor } } }\n    }": types.RestTicketsDocument,
    "query RestSlaReport($podId: ID!, $period: String) {\n      pod(id: $podId) { id latestSlaReport { period } }\n      slaReports(podId: $podId, period: $period, first: 1) { nodes { ...RestSlaReportFields } }\n    }": types.RestSlaReportDocument,
    "mutation RestRaiseIncident($input: RaiseIncidentInput!) { raiseIncident(input: $input) { ...RestIncident } }": types.RestRaiseIncidentDocument,
    "query RestIncidents($workspaceId: ID, $serviceLineId: ID, $podId: ID, $status: [IncidentStatus!], $severity: [IncidentSeverity!], $first: Int, $after: String) {\n      incidents(workspaceId: $workspaceId, serviceLineId: $serviceLineId, podId: $podId, status: $status, severity: $severity, first: $first, after: $after) {\n        nodes { ...RestIncident } pageInfo { hasNextPage endCursor }\n      }\n    }": types.RestIncidentsDocument,
    "fragment RestServiceLineHealth on ServiceLineHealth {\n  serviceLineId serviceLine { name workspace { id } } score status from to\n  signals { rule level penalty summary evidence links { type id href } }\n}": types.RestServiceLineHealthFragmentDoc,
    "query RestHealth($serviceLineId: ID, $workspaceId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n      serviceLineHealth(serviceLineId: $serviceLineId, workspaceId: $workspaceId, from: $from, to: $to, first: $first, after: $after) {\n        nodes { ...RestServiceLineHealth } pageInfo { hasNextPage endCursor }\n      }\n    }": types.RestHealthDocument,
    "query RestOrganization($id: ID!) { organization(id: $id) { id name slug createdAt } }": types.RestOrganizationDocument,
    "fragment RestServiceLineSummary on ServiceLine { id name productLine executionModel billingModel status }": types.RestServiceLineSummaryFragmentDoc,
    "fragment RestServiceLineDetail on ServiceLine {\n  ...RestServiceLineSummary workspace { id } projects { id } activatedAt closedAt createdAt updatedAt\n}": types.RestServiceLineDetailFragmentDoc,
    "query RestServiceLines($workspaceId: ID, $status: [ServiceLineStatus!], $productLine: [ProductLine!], $projectId: ID, $first: Int, $after: String) {\n      serviceLines(workspaceId: $workspaceId, status: $status, productLine: $productLine, projectId: $projectId, first: $first, after: $after) {\n        nodes { ...RestServiceLineSummary } pageInfo { hasNextPage endCursor }\n      }\n    }": types.RestServiceLinesDocument,
    "query RestServiceLine($id: ID!) { serviceLine(id: $id) { ...RestServiceLineDetail } }": types.RestServiceLineDocument,
    "query RestServiceLineUsage($id: ID!, $from: Date!, $to: Date!) {\n      serviceLine(id: $id) { usage(from: $from, to: $to) { serviceLineId metrics { metric quantity cost currency } totalCost } }\n    }": types.RestServiceLineUsageDocument,
    "fragment RestTaskSummary on Task {\n  id workspace { id } serviceLine { id } project { id } title status priority assignee { id } external { id source } createdAt updatedAt\n}": types.RestTaskSummaryFragmentDoc,
    "fragment RestTaskDetail on Task {\n  id workspace { id } serviceLine { id } project { id } title description status priority assignee { id }\n  external { id source url } history { at change from to by } createdAt updatedAt\n}": types.RestTaskDetailFragmentDoc,
    "query RestTasks($workspaceId: ID, $serviceLineId: ID, $projectId: ID, $assigneeId: ID, $status: [TaskStatus!], $priority: [TaskPriority!], $first: Int, $after: String) {\n      tasks(workspaceId: $workspaceId, serviceLineId: $serviceLineId, projectId: $projectId, assigneeId: $assigneeId, status: $status, priority: $priority, first: $first, after: $after) {\n        nodes { ...RestTaskSummary } pageInfo { hasNextPage endCursor }\n      }\n    }": types.RestTasksDocument,
    "mutation RestCreateTask($input: CreateTaskInput!) { createTask(input: $input) { ...RestTaskDetail } }": types.RestCreateTaskDocument,
    "query RestTask($id: ID!) { task(id: $id) { ...RestTaskDetail } }": types.RestTaskDocument,
    "mutation RestUpdateTask($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ...RestTaskDetail } }": types.RestUpdateTaskDocument,
    "fragment RestWebhook on Webhook {\n  id organization { id } workspace { id } url description eventTypes enabled disabledReason verification previousSecretExpiresAt createdAt updatedAt\n}": types.RestWebhookFragmentDoc,
    "fragment RestWebhookDelivery on WebhookDelivery {\n  id webhook { id } kind eventId eventType status attemptCount nextAttemptAt requestBody redeliveryOf createdAt finishedAt\n  attempts { attempt startedAt requestHeaders responseStatus responseBody latencyMs error nextAttemptAt }\n}": types.RestWebhookDeliveryFragmentDoc,
    "query RestWebhooks($workspaceId: ID, $enabled: Boolean, $first: Int, $after: String) {\n      webhooks(workspaceId: $workspaceId, enabled: $enabled, first: $first, after: $after) { nodes { ...RestWebhook } pageInfo { hasNextPage endCursor } }\n    }": types.RestWebhooksDocument,
    "mutation RestCreateWebhook($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { ...RestWebhook } } }": types.RestCreateWebhookDocument,
    "query RestWebhook($id: ID!) { webhook(id: $id) { ...RestWebhook } }": types.RestWebhookDocument,
    "mutation RestUpdateWebhook($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { ...RestWebhook } }": types.RestUpdateWebhookDocument,
    "mutation RestDeleteWebhook($id: ID!) { deleteWebhook(id: $id) { ...RestWebhook } }": types.RestDeleteWebhookDocument,
    "mutation RestRotateWebhookSecret($id: ID!, $input: RotateWebhookSecretInput!) {\n      rotateWebhookSecret(id: $id, input: $input) { secret previousSecretExpiresAt webhook { ...RestWebhook } }\n    }": types.RestRotateWebhookSecretDocument,
    "mutation RestPingWebhook($id: ID!) { pingWebhook(id: $id) { ...RestWebhookDelivery } }": types.RestPingWebhookDocument,
    "query RestWebhookDeliveries($id: ID!, $eventTypes: [String!], $eventId: ID, $status: [WebhookDeliveryStatus!], $from: DateTime, $to: DateTime,\n      $first: Int, $after: String) {\n      webhook(id: $id) {\n        deliveries(eventTypes: $eventTypes, eventId: $eventId, status: $status, from: $from, to: $to, first: $first, after: $after) { nodes { ...RestWebhookDelivery } pageInfo { hasNextPage endCursor } }\n      }\n    }": types.RestWebhookDeliveriesDocument,
    "mutation RestRedeliver($id: ID!, $delivery_id: ID!) { redeliverWebhookDelivery(webhookId: $id, deliveryId: $delivery_id) { ...RestWebhookDelivery } }": types.RestRedeliverDocument,
    "fragment RestWorkspaceFields on Workspace { id name slug organization { id } settings { requireTaskServiceLine } createdAt }": types.RestWorkspaceFieldsFragmentDoc,
    "query RestWorkspaces($organizationId: ID, $first: Int, $after: String) {\n      workspaces(organizationId: $organizationId, first: $first, after: $after) { nodes { ...RestWorkspaceFields } pageInfo { hasNextPage endCursor } }\n    }": types.RestWorkspacesDocument,
    "query RestWorkspace($id: ID!) { workspace(id: $id) { ...RestWorkspaceFields } }": types.RestWorkspaceDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestApiKey on ApiKey { id name role workspace { id } tokenPrefix createdBy createdAt lastUsedAt expiresAt revokedAt }"): typeof import('./graphql.ts').RestApiKeyFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestApiKeys($includeRevoked: Boolean, $first: Int, $after: String) {\n      apiKeys(includeRevoked: $includeRevoked, first: $first, after: $after) { nodes { ...RestApiKey } pageInfo { hasNextPage endCursor } }\n    }"): typeof import('./graphql.ts').RestApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestCreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { ...RestApiKey } } }"): typeof import('./graphql.ts').RestCreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestRevokeApiKey($id: ID!) { revokeApiKey(id: $id) { ...RestApiKey } }"): typeof import('./graphql.ts').RestRevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestAuditLog on AuditLog {\n  id organization { id } workspace { id } actorType actorId keyPrefix action resourceType resourceId outcome errorCode changedFields\n  clientAddress userAgent channel createdAt\n}"): typeof import('./graphql.ts').RestAuditLogFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestAuditLogs($actorId: ID, $actions: [String!], $resourceType: String, $resourceId: ID, $outcome: [AuditOutcome!],\n      $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n      auditLogs(actorId: $actorId, actions: $actions, resourceType: $resourceType, resourceId: $resourceId, outcome: $outcome, from: $from, to: $to,\n        first: $first, after: $after) { nodes { ...RestAuditLog } pageInfo { hasNextPage endCursor } }\n    }"): typeof import('./graphql.ts').RestAuditLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestEventFields on Event { id type organization { id } workspace { id } actorType actorId subjectType subjectId payload createdAt }"): typeof import('./graphql.ts').RestEventFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestEvents($organizationId: ID, $workspaceId: ID, $types: [String!], $subjectType: String, $subjectId: ID, $actorId: ID,\n      $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n      events(organizationId: $organizationId, workspaceId: $workspaceId, types: $types, subjectType: $subjectType, subjectId: $subjectId,\n        actorId: $actorId, from: $from, to: $to, first: $first, after: $after) { nodes { ...RestEventFields } pageInfo { hasNextPage endCursor } }\n    }"): typeof import('./graphql.ts').RestEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestEvent($id: ID!) { event(id: $id) { ...RestEventFields } }"): typeof import('./graphql.ts').RestEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestIntegrationSummary on Integration { id workspace { id } type name status lastSyncedAt syncStatus createdAt }"): typeof import('./graphql.ts').RestIntegrationSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestIntegrationDetail on Integration {\n  id workspace { id } type name status config lastSyncedAt syncStatus\n  syncHistory(first: 10) { nodes { startedAt status recordsSynced } }\n  createdAt\n}"): typeof import('./graphql.ts').RestIntegrationDetailFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestIntegrations($workspaceId: ID, $first: Int, $after: String) {\n      integrations(workspaceId: $workspaceId, first: $first, after: $after) { nodes { ...RestIntegrationSummary } pageInfo { hasNextPage endCursor } }\n    }"): typeof import('./graphql.ts').RestIntegrationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestConnectIntegration($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { ...RestIntegrationDetail } }"): typeof import('./graphql.ts').RestConnectIntegrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestIntegration($id: ID!) { integration(id: $id) { ...RestIntegrationDetail } }"): typeof import('./graphql.ts').RestIntegrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestUpdateIntegration($id: ID!, $input: UpdateIntegrationInput!) { updateIntegration(id: $id, input: $input) { ...RestIntegrationDetail } }"): typeof import('./graphql.ts').RestUpdateIntegrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestDisconnectIntegration($id: ID!) { disconnectIntegration(id: $id) { ...RestIntegrationDetail } }"): typeof import('./graphql.ts').RestDisconnectIntegrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestSyncIntegration($id: ID!) { syncIntegration(id: $id) { id status startedAt } }"): typeof import('./graphql.ts').RestSyncIntegrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestPodFields on Pod {\n  id organization { id } workspace { id } serviceLine { id } name status teamSize deliveryModel sla { id } startedAt renewsAt costPerMonth currency\n}"): typeof import('./graphql.ts').RestPodFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestPodDetail on Pod {\n  id serviceLine { id } name status teamSize team { talentId role }\n  sla { id throughputTasksPerSprint responseTimeHours availabilityHoursPerWeek currentCompliance } costPerMonth currency startedAt renewsAt\n}"): typeof import('./graphql.ts').RestPodDetailFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestTicket on Ticket {\n  id pod { id } type title description priority status submittedBy { id } slaResponseDueAt respondedAt resolvedAt createdAt\n}"): typeof import('./graphql.ts').RestTicketFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestIncident on Incident {\n  id pod { id } serviceLine { id } workspace { id } title description type severity status raisedBy { id } openedAt resolvedAt\n}"): typeof import('./graphql.ts').RestIncidentFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestSlaReportFields on SlaReport { pod { id } sla { id } period compliancePercent metrics { metric target actual status } incidents { id } }"): typeof import('./graphql.ts').RestSlaReportFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestPods($organizationId: ID, $workspaceId: ID, $status: [PodStatus!], $first: Int, $after: String) {\n      pods(organizationId: $organizationId, workspaceId: $workspaceId, status: $status, first: $first, after: $after) { nodes { ...RestPodFields } pageInfo { hasNextPage endCursor } }\n    }"): typeof import('./graphql.ts').RestPodsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestRequestPod($input: RequestPodInput!) { requestPod(input: $input) { ...RestPodFields } }"): typeof import('./graphql.ts').RestRequestPodDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestPod($id: ID!) { pod(id: $id) { ...RestPodDetail } }"): typeof import('./graphql.ts').RestPodDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestSubmitServiceRequest($input: ServiceRequestInput!) { submitServiceRequest(input: $input) { ...RestTicket } }"): typeof import('./graphql.ts').RestSubmitServiceRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestTickets($podId: ID!, $status: [TicketStatus!], $priority: [TicketPriority!], $first: Int, $after: String) {\n      pod(id: $podId) { tickets(status: $status, priority: $priority, first: $first, after: $after) { nodes { ...RestTicket } pageInfo { hasNextPage endCursor } } }\n    }"): typeof import('./graphql.ts').RestTicketsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestSlaReport($podId: ID!, $period: String) {\n      pod(id: $podId) { id latestSlaReport { period } }\n      slaReports(podId: $podId, period: $period, first: 1) { nodes { ...RestSlaReportFields } }\n    }"): typeof import('./graphql.ts').RestSlaReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestRaiseIncident($input: RaiseIncidentInput!) { raiseIncident(input: $input) { ...RestIncident } }"): typeof import('./graphql.ts').RestRaiseIncidentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestIncidents($workspaceId: ID, $serviceLineId: ID, $podId: ID, $status: [IncidentStatus!], $severity: [IncidentSeverity!], $first: Int, $after: String) {\n      incidents(workspaceId: $workspaceId, serviceLineId: $serviceLineId, podId: $podId, status: $status, severity: $severity, first: $first, after: $after) {\n        nodes { ...RestIncident } pageInfo { hasNextPage endCursor }\n      }\n    }"): typeof import('./graphql.ts').RestIncidentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestServiceLineHealth on ServiceLineHealth {\n  serviceLineId serviceLine { name workspace { id } } score status from to\n  signals { rule level penalty summary evidence links { type id href } }\n}"): typeof import('./graphql.ts').RestServiceLineHealthFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestHealth($serviceLineId: ID, $workspaceId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n      serviceLineHealth(serviceLineId: $serviceLineId, workspaceId: $workspaceId, from: $from, to: $to, first: $first, after: $after) {\n        nodes { ...RestServiceLineHealth } pageInfo { hasNextPage endCursor }\n      }\n    }"): typeof import('./graphql.ts').RestHealthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestOrganization($id: ID!) { organization(id: $id) { id name slug createdAt } }"): typeof import('./graphql.ts').RestOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestServiceLineSummary on ServiceLine { id name productLine executionModel billingModel status }"): typeof import('./graphql.ts').RestServiceLineSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestServiceLineDetail on ServiceLine {\n  ...RestServiceLineSummary workspace { id } projects { id } activatedAt closedAt createdAt updatedAt\n}"): typeof import('./graphql.ts').RestServiceLineDetailFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestServiceLines($workspaceId: ID, $status: [ServiceLineStatus!], $productLine: [ProductLine!], $projectId: ID, $first: Int, $after: String) {\n      serviceLines(workspaceId: $workspaceId, status: $status, productLine: $productLine, projectId: $projectId, first: $first, after: $after) {\n        nodes { ...RestServiceLineSummary } pageInfo { hasNextPage endCursor }\n      }\n    }"): typeof import('./graphql.ts').RestServiceLinesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestServiceLine($id: ID!) { serviceLine(id: $id) { ...RestServiceLineDetail } }"): typeof import('./graphql.ts').RestServiceLineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestServiceLineUsage($id: ID!, $from: Date!, $to: Date!) {\n      serviceLine(id: $id) { usage(from: $from, to: $to) { serviceLineId metrics { metric quantity cost currency } totalCost } }\n    }"): typeof import('./graphql.ts').RestServiceLineUsageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestTaskSummary on Task {\n  id workspace { id } serviceLine { id } project { id } title status priority assignee { id } external { id source } createdAt updatedAt\n}"): typeof import('./graphql.ts').RestTaskSummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestTaskDetail on Task {\n  id workspace { id } serviceLine { id } project { id } title description status priority assignee { id }\n  external { id source url } history { at change from to by } createdAt updatedAt\n}"): typeof import('./graphql.ts').RestTaskDetailFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestTasks($workspaceId: ID, $serviceLineId: ID, $projectId: ID, $assigneeId: ID, $status: [TaskStatus!], $priority: [TaskPriority!], $first: Int, $after: String) {\n      tasks(workspaceId: $workspaceId, serviceLineId: $serviceLineId, projectId: $projectId, assigneeId: $assigneeId, status: $status, priority: $priority, first: $first, after: $after) {\n        nodes { ...RestTaskSummary } pageInfo { hasNextPage endCursor }\n      }\n    }"): typeof import('./graphql.ts').RestTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestCreateTask($input: CreateTaskInput!) { createTask(input: $input) { ...RestTaskDetail } }"): typeof import('./graphql.ts').RestCreateTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestTask($id: ID!) { task(id: $id) { ...RestTaskDetail } }"): typeof import('./graphql.ts').RestTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestUpdateTask($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ...RestTaskDetail } }"): typeof import('./graphql.ts').RestUpdateTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestWebhook on Webhook {\n  id organization { id } workspace { id } url description eventTypes enabled disabledReason verification previousSecretExpiresAt createdAt updatedAt\n}"): typeof import('./graphql.ts').RestWebhookFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestWebhookDelivery on WebhookDelivery {\n  id webhook { id } kind eventId eventType status attemptCount nextAttemptAt requestBody redeliveryOf createdAt finishedAt\n  attempts { attempt startedAt requestHeaders responseStatus responseBody latencyMs error nextAttemptAt }\n}"): typeof import('./graphql.ts').RestWebhookDeliveryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestWebhooks($workspaceId: ID, $enabled: Boolean, $first: Int, $after: String) {\n      webhooks(workspaceId: $workspaceId, enabled: $enabled, first: $first, after: $after) { nodes { ...RestWebhook } pageInfo { hasNextPage endCursor } }\n    }"): typeof import('./graphql.ts').RestWebhooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestCreateWebhook($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { ...RestWebhook } } }"): typeof import('./graphql.ts').RestCreateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestWebhook($id: ID!) { webhook(id: $id) { ...RestWebhook } }"): typeof import('./graphql.ts').RestWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestUpdateWebhook($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { ...RestWebhook } }"): typeof import('./graphql.ts').RestUpdateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestDeleteWebhook($id: ID!) { deleteWebhook(id: $id) { ...RestWebhook } }"): typeof import('./graphql.ts').RestDeleteWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestRotateWebhookSecret($id: ID!, $input: RotateWebhookSecretInput!) {\n      rotateWebhookSecret(id: $id, input: $input) { secret previousSecretExpiresAt webhook { ...RestWebhook } }\n    }"): typeof import('./graphql.ts').RestRotateWebhookSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestPingWebhook($id: ID!) { pingWebhook(id: $id) { ...RestWebhookDelivery } }"): typeof import('./graphql.ts').RestPingWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestWebhookDeliveries($id: ID!, $eventTypes: [String!], $eventId: ID, $status: [WebhookDeliveryStatus!], $from: DateTime, $to: DateTime,\n      $first: Int, $after: String) {\n      webhook(id: $id) {\n        deliveries(eventTypes: $eventTypes, eventId: $eventId, status: $status, from: $from, to: $to, first: $first, after: $after) { nodes { ...RestWebhookDelivery } pageInfo { hasNextPage endCursor } }\n      }\n    }"): typeof import('./graphql.ts').RestWebhookDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RestRedeliver($id: ID!, $delivery_id: ID!) { redeliverWebhookDelivery(webhookId: $id, deliveryId: $delivery_id) { ...RestWebhookDelivery } }"): typeof import('./graphql.ts').RestRedeliverDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment RestWorkspaceFields on Workspace { id name slug organization { id } settings { requireTaskServiceLine } createdAt }"): typeof import('./graphql.ts').RestWorkspaceFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestWorkspaces($organizationId: ID, $first: Int, $after: String) {\n      workspaces(organizationId: $organizationId, first: $first, after: $after) { nodes { ...RestWorkspaceFields } pageInfo { hasNextPage endCursor } }\n    }"): typeof import('./graphql.ts').RestWorkspacesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RestWorkspace($id: ID!) { workspace(id: $id) { ...RestWorkspaceFields } }"): typeof import('./graphql.ts').RestWorkspaceDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
