import { sql } from 'drizzle-orm';
import { pgSchema, text, integer, bigint, jsonb, index, uniqueIndex, date, char, primaryKey } from 'drizzle-orm/pg-core';
import { mintedIdColumn, idSequence } from '../../platform/ids.ts';
import { createdAt, updatedAt, ts, decimal } from '../../platform/columns.ts';

export const managedServicesSchema = pgSchema('managed_services');
const s = managedServicesSchema;

export const podIdSeq = idSequence(s, 'POD');
export const slaIdSeq = idSequence(s, 'SLA');
export const tktIdSeq = idSequence(s, 'TKT');
export const incIdSeq = idSequence(s, 'INC');

export const POD_STATUSES = ['scoping', 'active', 'paused', 'completed', 'cancelled'] as const;
export const DELIVERY_MODELS = ['managed_delivery', 'dedicated_team', 'staff_augmentation'] as const;
export const TICKET_TYPES = ['priority_item', 'support_request', 'change_request', 'bug_report', 'escalation'] as const;
export const TICKET_STATUSES = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const INCIDENT_STATUSES = ['open', 'investigating', 'resolved'] as const;
export const INCIDENT_TYPES = ['sla_breach', 'delivery_failure', 'quality', 'availability', 'other'] as const;

export const podStatusEnum = s.enum('pod_status', POD_STATUSES);
export const deliveryModelEnum = s.enum('delivery_model', DELIVERY_MODELS);
export const ticketTypeEnum = s.enum('ticket_type', TICKET_TYPES);
export const ticketStatusEnum = s.enum('ticket_status', TICKET_STATUSES);
export const priorityEnum = s.enum('priority', PRIORITIES);
export const incidentSeverityEnum = s.enum('incident_severity', INCIDENT_SEVERITIES);
export const incidentStatusEnum = s.enum('incident_status', INCIDENT_STATUSES);
export const incidentTypeEnum = s.enum('incident_type', INCIDENT_TYPES);

/** A managed delivery pod. Its Service Line exists once the pod is confirmed; while scoping it has none. */
export const pods = s.table('pods', {
  id: mintedIdColumn(s, 'POD'),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  serviceLineId: text('service_line_id'),
  subscriptionId: text('subscription_id'),
  name: text('name').notNull(),
  description: text('description'),
  status: podStatusEnum('status').notNull().default('scoping'),
  deliveryModel: deliveryModelEnum('delivery_model').notNull(),
  teamSize: integer('team_size').notNull().default(0),
  requestedTeamSize: integer('requested_team_size'),
  requiredCapabilities: text('required_capabilities').array().notNull().default(sql`'{}'::text[]`),
  projectTags: text('project_tags').array().notNull().default(sql`'{}'::text[]`),
  slaId: text('sla_id'),
  startDate: date('start_date', { mode: 'string' }),
  durationMonths: integer('duration_months'),
  startedAt: ts('started_at'),
  renewsAt: ts('renews_at'),
  costPerMonth: decimal('cost_per_month', 14, 2),
  currency: char('currency', { length: 3 }).notNull().default('USD'),
  requestedBy: text('requested_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('pods_org_idx').on(t.organizationId, t.status, t.id),
  index('pods_ws_idx').on(t.workspaceId, t.status, t.id),
  index('pods_line_idx').on(t.serviceLineId),
]);

/** The individual talent allocations of a pod, in display order. */
export const podMembers = s.table('pod_members', {
  podId: text('pod_id').notNull().references(() => pods.id),
  position: integer('position').notNull(),
  talentId: text('talent_id').notNull(),
  role: text('role').notNull(),
  allocatedAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.podId, t.position] })]);

/** SLA terms of a pod and its current compliance. */
export const slas = s.table('slas', {
  id: mintedIdColumn(s, 'SLA'),
  organizationId: text('organization_id').notNull(),
  podId: text('pod_id').notNull().references(() => pods.id),
  throughputTasksPerSprint: integer('throughput_tasks_per_sprint').notNull(),
  responseTimeHours: decimal('response_time_hours', 8, 2).notNull(),
  availabilityHoursPerWeek: integer('availability_hours_per_week').notNull(),
  qualityGatePercent: decimal('quality_gate_percent', 5, 2).notNull().default(80),
  currentCompliance: decimal('current_compliance', 5, 1),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('slas_pod_key').on(t.podId)]);

export interface SlaMetricResult {
  metric: string;
  target: number;
  actual: number;
  status: 'met' | 'breached';
}

/** One month's SLA performance of a pod: each metric's target, actual and met/breached. */
export const slaReports = s.table('sla_reports', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  organizationId: text('organization_id').notNull(),
  slaId: text('sla_id').notNull().references(() => slas.id),
  podId: text('pod_id').notNull().references(() => pods.id),
  /** YYYY-MM */
  period: text('period').notNull(),
  compliancePercent: decimal('compliance_percent', 5, 1).notNull(),
  metrics: jsonb('metrics').$type<SlaMetricResult[]>().notNull(),
  incidentIds: text('incident_ids').array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('sla_reports_pod_period_key').on(t.podId, t.period)]);

/** A request to a pod; `slaResponseDueAt` is fixed at submission from the pod's response_time_hours. */
export const tickets = s.table('tickets', {
  id: mintedIdColumn(s, 'TKT'),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  podId: text('pod_id').notNull().references(() => pods.id),
  type: ticketTypeEnum('type').notNull(),
  title: text('title').notNull(),
  description: text('description'),
  priority: priorityEnum('priority').notNull().default('medium'),
  status: ticketStatusEnum('status').notNull().default('open'),
  submittedBy: text('submitted_by'),
  slaResponseDueAt: ts('sla_response_due_at').notNull(),
  respondedAt: ts('responded_at'),
  resolvedAt: ts('resolved_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('tickets_pod_idx').on(t.podId, t.status, t.id),
  index('tickets_org_idx').on(t.organizationId, t.id),
]);

export const incidents = s.table('incidents', {
  id: mintedIdColumn(s, 'INC'),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  serviceLineId: text('service_line_id'),
  podId: text('pod_id').references(() => pods.id),
  type: incidentTypeEnum('type').notNull().default('other'),
  title: text('title').notNull(),
  description: text('description'),
  severity: incidentSeverityEnum('severity').notNull().default('medium'),
  status: incidentStatusEnum('status').notNull().default('open'),
  raisedBy: text('raised_by'),
  openedAt: ts('opened_at').notNull().defaultNow(),
  resolvedAt: ts('resolved_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('incidents_org_idx').on(t.organizationId, t.status, t.id),
  index('incidents_line_idx').on(t.serviceLineId, t.status, t.id),
  index('incidents_pod_idx').on(t.podId, t.status, t.id),
]);
