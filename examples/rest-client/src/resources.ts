/**
 * Every field of every resource of /v1/openapi.json, each one read (see client.ts for how api.ts is
 * generated). The object literals must list exactly the fields the document types, nested records
 * included: a missing or an unknown one does not compile, so a field the API stops sending, renames
 * or retypes breaks this file as it would break an app.
 */
import type { components } from './api.ts';

type S = components['schemas'];

export const organization = (r: S['Organization']): S['Organization'] => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  created_at: r.created_at,
});

export const workspace = (r: S['Workspace']): S['Workspace'] => ({
  id: r.id,
  organization_id: r.organization_id,
  name: r.name,
  slug: r.slug,
  settings: {
    require_task_service_line: r.settings.require_task_service_line,
  },
  created_at: r.created_at,
});

export const serviceLine = (r: S['ServiceLine']): S['ServiceLine'] => ({
  id: r.id,
  name: r.name,
  product_line: r.product_line,
  execution_model: r.execution_model,
  billing_model: r.billing_model,
  status: r.status,
});

export const serviceLineDetail = (r: S['ServiceLineDetail']): S['ServiceLineDetail'] => ({
  id: r.id,
  name: r.name,
  product_line: r.product_line,
  execution_model: r.execution_model,
  billing_model: r.billing_model,
  status: r.status,
  workspace_id: r.workspace_id,
  project_ids: r.project_ids,
  activated_at: r.activated_at,
  closed_at: r.closed_at,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export const serviceLineUsage = (r: S['ServiceLineUsage']): S['ServiceLineUsage'] => ({
  service_line_id: r.service_line_id,
  metrics: r.metrics.map((x) => ({
    metric: x.metric,
    quantity: x.quantity,
    cost: x.cost,
    currency: x.currency,
  })),
  total_cost: r.total_cost,
});

export const task = (r: S['Task']): S['Task'] => ({
  id: r.id,
  workspace_id: r.workspace_id,
  service_line_id: r.service_line_id,
  project_id: r.project_id,
  title: r.title,
  status: r.status,
  priority: r.priority,
  assignee_id: r.assignee_id,
  external_id: r.external_id,
  external_source: r.external_source,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export const taskDetail = (r: S['TaskDetail']): S['TaskDetail'] => ({
  id: r.id,
  workspace_id: r.workspace_id,
  service_line_id: r.service_line_id,
  project_id: r.project_id,
  title: r.title,
  description: r.description,
  status: r.status,
  priority: r.priority,
  assignee_id: r.assignee_id,
  external_id: r.external_id,
  external_source: r.external_source,
  external_url: r.external_url,
  history: r.history.map((x) => ({
    at: x.at,
    change: x.change,
    from: x.from,
    to: x.to,
    by: x.by,
  })),
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export const integration = (r: S['Integration']): S['Integration'] => ({
  id: r.id,
  workspace_id: r.workspace_id,
  type: r.type,
  name: r.name,
  status: r.status,
  last_synced_at: r.last_synced_at,
  sync_status: r.sync_status,
  created_at: r.created_at,
});

export const integrationDetail = (r: S['IntegrationDetail']): S['IntegrationDetail'] => ({
  id: r.id,
  workspace_id: r.workspace_id,
  type: r.type,
  name: r.name,
  status: r.status,
  config: r.config,
  last_synced_at: r.last_synced_at,
  sync_status: r.sync_status,
  sync_history: r.sync_history.map((x) => ({
    at: x.at,
    status: x.status,
    records_synced: x.records_synced,
  })),
  created_at: r.created_at,
});

export const syncRun = (r: S['SyncRun']): S['SyncRun'] => ({
  sync_id: r.sync_id,
  status: r.status,
  started_at: r.started_at,
});

export const pod = (r: S['Pod']): S['Pod'] => ({
  id: r.id,
  organization_id: r.organization_id,
  workspace_id: r.workspace_id,
  service_line_id: r.service_line_id,
  name: r.name,
  status: r.status,
  team_size: r.team_size,
  delivery_model: r.delivery_model,
  sla_id: r.sla_id,
  started_at: r.started_at,
  renews_at: r.renews_at,
  cost_per_month: r.cost_per_month,
  currency: r.currency,
});

export const podDetail = (r: S['PodDetail']): S['PodDetail'] => ({
  id: r.id,
  service_line_id: r.service_line_id,
  name: r.name,
  status: r.status,
  team_size: r.team_size,
  team: r.team.map((x) => ({
    talent_id: x.talent_id,
    role: x.role,
  })),
  sla: r.sla && {
    id: r.sla.id,
    throughput_tasks_per_sprint: r.sla.throughput_tasks_per_sprint,
    response_time_hours: r.sla.response_time_hours,
    availability_hours_per_week: r.sla.availability_hours_per_week,
    current_compliance: r.sla.current_compliance,
  },
  cost_per_month: r.cost_per_month,
  currency: r.currency,
  started_at: r.started_at,
  renews_at: r.renews_at,
});

export const ticket = (r: S['Ticket']): S['Ticket'] => ({
  id: r.id,
  pod_id: r.pod_id,
  type: r.type,
  title: r.title,
  description: r.description,
  priority: r.priority,
  status: r.status,
  submitted_by: r.submitted_by,
  sla_response_due_at: r.sla_response_due_at,
  responded_at: r.responded_at,
  resolved_at: r.resolved_at,
  created_at: r.created_at,
});

export const slaReport = (r: S['SlaReport']): S['SlaReport'] => ({
  pod_id: r.pod_id,
  sla_id: r.sla_id,
  period: r.period,
  compliance_percent: r.compliance_percent,
  metrics: r.metrics.map((x) => ({
    metric: x.metric,
    target: x.target,
    actual: x.actual,
    status: x.status,
  })),
  incidents: r.incidents,
});

export const incident = (r: S['Incident']): S['Incident'] => ({
  id: r.id,
  pod_id: r.pod_id,
  service_line_id: r.service_line_id,
  workspace_id: r.workspace_id,
  title: r.title,
  description: r.description,
  type: r.type,
  severity: r.severity,
  status: r.status,
  raised_by: r.raised_by,
  opened_at: r.opened_at,
  resolved_at: r.resolved_at,
});

export const event = (r: S['Event']): S['Event'] => ({
  id: r.id,
  type: r.type,
  organization_id: r.organization_id,
  workspace_id: r.workspace_id,
  actor: {
    type: r.actor.type,
    id: r.actor.id,
  },
  subject: {
    type: r.subject.type,
    id: r.subject.id,
  },
  payload: r.payload,
  created_at: r.created_at,
});

export const apiKey = (r: S['ApiKey']): S['ApiKey'] => ({
  id: r.id,
  name: r.name,
  role: r.role,
  workspace_id: r.workspace_id,
  token_prefix: r.token_prefix,
  created_by: r.created_by,
  created_at: r.created_at,
  last_used_at: r.last_used_at,
  expires_at: r.expires_at,
  revoked_at: r.revoked_at,
});

export const apiKeyWithSecret = (r: S['ApiKeyWithSecret']): S['ApiKeyWithSecret'] => ({
  id: r.id,
  name: r.name,
  role: r.role,
  workspace_id: r.workspace_id,
  token_prefix: r.token_prefix,
  created_by: r.created_by,
  created_at: r.created_at,
  last_used_at: r.last_used_at,
  expires_at: r.expires_at,
  revoked_at: r.revoked_at,
  secret: r.secret,
});

export const serviceLineHealth = (r: S['ServiceLineHealth']): S['ServiceLineHealth'] => ({
  service_line_id: r.service_line_id,
  name: r.name,
  workspace_id: r.workspace_id,
  score: r.score,
  status: r.status,
  from: r.from,
  to: r.to,
  signals: r.signals.map((x) => ({
    rule: x.rule,
    level: x.level,
    penalty: x.penalty,
    summary: x.summary,
    evidence: x.evidence,
    links: x.links.map((x) => ({
      type: x.type,
      id: x.id,
      href: x.href,
    })),
  })),
});

export const webhook = (r: S['Webhook']): S['Webhook'] => ({
  id: r.id,
  organization_id: r.organization_id,
  workspace_id: r.workspace_id,
  url: r.url,
  description: r.description,
  event_types: r.event_types,
  enabled: r.enabled,
  disabled_reason: r.disabled_reason,
  verification: r.verification,
  previous_secret_expires_at: r.previous_secret_expires_at,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export const webhookWithSecret = (r: S['WebhookWithSecret']): S['WebhookWithSecret'] => ({
  id: r.id,
  organization_id: r.organization_id,
  workspace_id: r.workspace_id,
  url: r.url,
  description: r.description,
  event_types: r.event_types,
  enabled: r.enabled,
  disabled_reason: r.disabled_reason,
  verification: r.verification,
  previous_secret_expires_at: r.previous_secret_expires_at,
  created_at: r.created_at,
  updated_at: r.updated_at,
  secret: r.secret,
});

export const webhookDelivery = (r: S['WebhookDelivery']): S['WebhookDelivery'] => ({
  id: r.id,
  webhook_id: r.webhook_id,
  kind: r.kind,
  event_id: r.event_id,
  event_type: r.event_type,
  status: r.status,
  attempt_count: r.attempt_count,
  next_attempt_at: r.next_attempt_at,
  request_body: r.request_body,
  redelivery_of: r.redelivery_of,
  created_at: r.created_at,
  finished_at: r.finished_at,
  attempts: r.attempts.map((x) => ({
    attempt: x.attempt,
    started_at: x.started_at,
    request_headers: x.request_headers,
    response_status: x.response_status,
    response_body: x.response_body,
    latency_ms: x.latency_ms,
    error: x.error,
    next_attempt_at: x.next_attempt_at,
  })),
});

export const auditLog = (r: S['AuditLog']): S['AuditLog'] => ({
  id: r.id,
  organization_id: r.organization_id,
  workspace_id: r.workspace_id,
  actor: {
    type: r.actor.type,
    id: r.actor.id,
    key_prefix: r.actor.key_prefix,
  },
  action: r.action,
  resource: r.resource && {
    type: r.resource.type,
    id: r.resource.id,
  },
  outcome: r.outcome,
  error_code: r.error_code,
  changed_fields: r.changed_fields,
  client_address: r.client_address,
  user_agent: r.user_agent,
  channel: r.channel,
  created_at: r.created_at,
});

export const exportJob = (r: S['Export']): S['Export'] => ({
  id: r.id,
  status: r.status,
  format: r.format,
  source: r.source,
  objects_written: r.objects_written,
  bytes_written: r.bytes_written,
  created_at: r.created_at,
  started_at: r.started_at,
  finished_at: r.finished_at,
  expires_at: r.expires_at,
  error: r.error,
  download_url: r.download_url,
});

