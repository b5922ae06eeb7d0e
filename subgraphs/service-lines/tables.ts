import { sql } from 'drizzle-orm';
import { pgSchema, text, integer, bigint, index, char } from 'drizzle-orm/pg-core';
import { mintedIdColumn, idSequence } from '../../platform/ids.ts';
import { createdAt, updatedAt, ts, decimal } from '../../platform/columns.ts';

export const serviceLinesSchema = pgSchema('service_lines');
const s = serviceLinesSchema;

export const linIdSeq = idSequence(s, 'LIN');

export const PRODUCT_LINES = ['talent', 'managed_services', 'ods', 'infrastructure', 'intelligence', 'agents'] as const;
export const EXECUTION_MODELS = ['capacity', 'ongoing_sla', 'outcome', 'estate', 'analysis', 'agent'] as const;
export const BILLING_MODELS = ['time_and_materials', 'fixed_monthly', 'fixed_price', 'usage_based', 'subscription'] as const;
export const SERVICE_LINE_STATUSES = ['draft', 'active', 'paused', 'closed'] as const;

export const productLineEnum = s.enum('product_line', PRODUCT_LINES);
export const executionModelEnum = s.enum('execution_model', EXECUTION_MODELS);
export const billingModelEnum = s.enum('billing_model', BILLING_MODELS);
export const serviceLineStatusEnum = s.enum('service_line_status', SERVICE_LINE_STATUSES);

/** The execution contract (LIN-*) that all delivery, billing and observability hang off. */
export const serviceLines = s.table('service_lines', {
  id: mintedIdColumn(s, 'LIN'),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  name: text('name').notNull(),
  productLine: productLineEnum('product_line').notNull(),
  executionModel: executionModelEnum('execution_model').notNull(),
  billingModel: billingModelEnum('billing_model').notNull(),
  status: serviceLineStatusEnum('status').notNull().default('draft'),
  /** PROJ-* labels; labels, not hierarchy. */
  projectIds: text('project_ids').array().notNull().default(sql`'{}'::text[]`),
  /** Tasks moved to done or cancelled; incremented in the same transaction as the task change. */
  deliveryVelocity: integer('delivery_velocity').notNull().default(0),
  activatedAt: ts('activated_at'),
  closedAt: ts('closed_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('service_lines_ws_idx').on(t.workspaceId, t.status, t.id),
  index('service_lines_org_idx').on(t.organizationId, t.status, t.id),
  index('service_lines_projects_idx').using('gin', t.projectIds),
]);

/** One metered usage record; `/usage` summaries are sums over these. */
export const usageRecords = s.table('usage_records', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  serviceLineId: text('service_line_id').notNull().references(() => serviceLines.id),
  metric: text('metric').notNull(),
  quantity: decimal('quantity', 18, 4).notNull(),
  cost: decimal('cost', 18, 2).notNull(),
  currency: char('currency', { length: 3 }).notNull().default('USD'),
  recordedAt: ts('recorded_at').notNull(),
}, (t) => [
  index('usage_records_line_idx').on(t.serviceLineId, t.recordedAt),
  index('usage_records_ws_idx').on(t.workspaceId, t.recordedAt),
  index('usage_records_org_idx').on(t.organizationId, t.recordedAt),
]);

export const HEALTH_STATUSES = ['healthy', 'at_risk', 'critical'] as const;
export const healthStatusEnum = s.enum('health_status', HEALTH_STATUSES);

/**
 * The health status the periodic evaluation last recorded for each line (health/evaluation.ts):
 * written, with the service_line.health_changed event that announces it, in one transaction.
 */
export const healthStates = s.table('health_states', {
  serviceLineId: text('service_line_id').primaryKey().references(() => serviceLines.id),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  status: healthStatusEnum('status').notNull(),
  score: integer('score').notNull(),
  /** The evaluation that found this status (its window's end). */
  changedAt: ts('changed_at').notNull(),
});

/**
 * When the periodic evaluation last ran (health/evaluation.ts), by the database's clock: one row
 * per kind of evaluation ('periodic'). A replica whose turn comes sooner than its interval after
 * this leaves the work to the replica that did it, so several replicas evaluate about once per
 * interval between them.
 */
export const healthEvaluations = s.table('health_evaluations', {
  name: text('name').primaryKey(),
  evaluatedAt: ts('evaluated_at').notNull(),
});
