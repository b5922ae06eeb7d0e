import { pgSchema, text, bigint, index } from 'drizzle-orm/pg-core';
import { mintedIdColumn, idSequence } from '../../platform/ids.ts';
import { createdAt, updatedAt, ts } from '../../platform/columns.ts';

export const tasksSchema = pgSchema('tasks');
const s = tasksSchema;

export const tskIdSeq = idSequence(s, 'TSK');

export const TASK_STATUSES = ['backlog', 'in_progress', 'in_review', 'done', 'cancelled'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
/** The statuses that complete a task: it then counts toward velocity (and its line's delivery velocity). */
export const TERMINAL_TASK_STATUSES = ['done', 'cancelled'] as const satisfies ReadonlyArray<(typeof TASK_STATUSES)[number]>;

export const taskStatusEnum = s.enum('task_status', TASK_STATUSES);
export const taskPriorityEnum = s.enum('task_priority', TASK_PRIORITIES);

/** A delivery work item (TSK-*), scoped to a workspace and, normally, to the LIN-* that owns it. */
export const tasks = s.table('tasks', {
  id: mintedIdColumn(s, 'TSK'),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id').notNull(),
  serviceLineId: text('service_line_id'),
  projectId: text('project_id'),
  title: text('title').notNull(),
  description: text('description'),
  status: taskStatusEnum('status').notNull().default('backlog'),
  priority: taskPriorityEnum('priority').notNull().default('medium'),
  assigneeId: text('assignee_id'),
  externalId: text('external_id'),
  externalSource: text('external_source'),
  externalUrl: text('external_url'),
  /** USR-* or AGT-* that created the task. */
  createdBy: text('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  completedAt: ts('completed_at'),
}, (t) => [
  index('tasks_ws_idx').on(t.workspaceId, t.status, t.id),
  index('tasks_line_idx').on(t.serviceLineId, t.status, t.id),
  index('tasks_org_idx').on(t.organizationId, t.id),
  index('tasks_assignee_idx').on(t.assigneeId, t.id),
  index('tasks_project_idx').on(t.projectId, t.id),
]);

/** The change log of a task: one row per changed field, in the order the changes happened. */
export const taskHistory = s.table('task_history', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  taskId: text('task_id').notNull().references(() => tasks.id),
  at: ts('at').notNull().defaultNow(),
  change: text('change').notNull(),
  from: text('from'),
  to: text('to'),
  by: text('by'),
}, (t) => [index('task_history_task_idx').on(t.taskId, t.at, t.id)]);
