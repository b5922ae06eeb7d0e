import { and, eq, sql } from 'drizzle-orm';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { appendEvents, eventOf, type EventInput } from '../../platform/event-log.ts';
import { notFound, unprocessable } from '../../platform/errors.ts';
import { requireCapability } from '../../platform/auth/roles.ts';
import { checkId, checkOptionalId } from '../../platform/args.ts';
import type { Tx } from '../../platform/db.ts';
import { findWorkspace, existingUsers, existingProjects } from '../organizations/public.ts';
import { findServiceLine, serviceLineWrites } from '../service-lines/public.ts';
import { tasks, taskHistory, TERMINAL_TASK_STATUSES } from './tables.ts';
import { scoped } from './data.ts';
import { optionalText, requiredText } from '../../platform/input-rules.ts';
import { inScope } from '../../platform/scope.ts';
import type { TaskRow } from './models.ts';
import type { CreateTaskInput, UpdateTaskInput } from './generated/resolvers.ts';

/**
 * The writes of the tasks subgraph. Each validates first (nothing is written on bad input), then
 * changes the task, its history, the line's delivery velocity and appends its events in ONE
 * transaction.
 */
const TERMINAL = new Set<string>(TERMINAL_TASK_STATUSES);

export async function createTask(ctx: SubgraphContext, input: CreateTaskInput): Promise<TaskRow> {
  requireCapability(ctx.principal, 'write');
  const title = requiredText(input.title, 'title', 'title');
  const description = optionalText(input.description, 'description', 'description');
  const serviceLineId = checkOptionalId('ServiceLine', input.serviceLineId, 'serviceLineId');
  let workspaceId = checkOptionalId('Workspace', input.workspaceId, 'workspaceId');
  const projectId = checkOptionalId('Project', input.projectId, 'projectId');
  const assigneeId = checkOptionalId('User', input.assigneeId, 'assigneeId');
  const status = input.status ?? 'backlog';

  if (serviceLineId) {
    const line = await findServiceLine(ctx.db, ctx.scope, serviceLineId);
    if (!line) throw unprocessable(`serviceLineId: Service Line ${serviceLineId} not found.`, 'serviceLineId');
    if (workspaceId && workspaceId !== line.workspaceId) {
      throw unprocessable(`serviceLineId: Service Line ${serviceLineId} belongs to workspace ${line.workspaceId}, not ${workspaceId}.`, 'serviceLineId');
    }
    workspaceId = line.workspaceId;
  }
  if (!workspaceId) throw unprocessable('workspaceId or serviceLineId is required.', 'workspaceId');
  const workspace = await findWorkspace(ctx.db, ctx.scope, workspaceId);
  if (!workspace) throw unprocessable(`workspaceId: Workspace ${workspaceId} not found.`, 'workspaceId');
  if (!serviceLineId && workspace.settings.require_task_service_line !== false) {
    throw unprocessable(`serviceLineId is required: workspace ${workspaceId} requires every task to name its Service Line.`, 'serviceLineId');
  }
  await checkReferences(ctx, { assigneeId, projectId });

  return ctx.db.transaction(async (tx) => {
    const [task] = await tx.insert(tasks).values({
      organizationId: workspace.organizationId,
      workspaceId,
      serviceLineId: serviceLineId ?? null,
      projectId: projectId ?? null,
      title,
      description: description ?? null,
      status,
      priority: input.priority ?? 'medium',
      assigneeId: assigneeId ?? null,
      createdBy: ctx.principal.actorId,
      completedAt: TERMINAL.has(status) ? sql`now()` : null,
    }).returning();
    if (TERMINAL.has(status) && task.serviceLineId) await serviceLineWrites.incrementDeliveryVelocity(tx, task.serviceLineId);
    await appendEvents(tx, [eventOf(ctx.principal, 'task.created', 'task', task, {
      title: task.title, status: task.status, priority: task.priority,
      service_line_id: task.serviceLineId, project_id: task.projectId, assignee_id: task.assigneeId,
    })]);
    return task;
  });
}

export async function updateTask(ctx: SubgraphContext, id: string, input: UpdateTaskInput): Promise<TaskRow> {
  requireCapability(ctx.principal, 'write');
  checkId('Task', id, 'id');
  const changes: Partial<Record<'title' | 'description' | 'status' | 'priority' | 'assigneeId' | 'projectId' | 'serviceLineId', string | null>> = {};
  if (input.title != null) changes.title = requiredText(input.title, 'title', 'title');
  if (input.description !== undefined) changes.description = optionalText(input.description, 'description', 'description');
  if (input.status != null) changes.status = input.status;
  if (input.priority != null) changes.priority = input.priority;
  if (input.assigneeId !== undefined) changes.assigneeId = checkOptionalId('User', input.assigneeId, 'assigneeId') ?? null;
  if (input.projectId !== undefined) changes.projectId = checkOptionalId('Project', input.projectId, 'projectId') ?? null;
  if (input.serviceLineId != null) changes.serviceLineId = checkId('ServiceLine', input.serviceLineId, 'serviceLineId');
  if (Object.keys(changes).length === 0) throw unprocessable('input must change at least one field.', 'input');
  await checkReferences(ctx, { assigneeId: changes.assigneeId ?? undefined, projectId: changes.projectId ?? undefined });

  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(tasks)
      .where(and(eq(tasks.id, id), scoped(ctx.scope)))
      .for('update');
    if (!before) throw notFound(`Task ${id} not found.`);
    if (changes.serviceLineId) {
      const line = await findServiceLine(tx, ctx.scope, changes.serviceLineId);
      if (!line || line.workspaceId !== before.workspaceId) {
        throw unprocessable(`serviceLineId: Service Line ${changes.serviceLineId} not found in workspace ${before.workspaceId}.`, 'serviceLineId');
      }
    }
    const changed = (Object.keys(changes) as Array<keyof typeof changes>).filter((k) => changes[k] !== before[k]);
    if (changed.length === 0) return before;

    const completing = changed.includes('status') && TERMINAL.has(changes.status!) && !TERMINAL.has(before.status);
    const [after] = await tx.update(tasks).set({
      ...Object.fromEntries(changed.map((k) => [k, changes[k]])),
      updatedAt: sql`now()`,
      ...(completing ? { completedAt: sql`now()` } : {}),
    }).where(eq(tasks.id, id)).returning();

    // History keeps from/to values; a description (up to 20,000 characters) is not one of them, so
    // an edit of the description alone has no history row, only its task.updated event.
    const history = changed.filter((k) => k !== 'description').map((k) => ({
      taskId: id,
      change: HISTORY_NAMES[k],
      from: before[k],
      to: after[k],
      by: ctx.principal.actorId,
    }));
    if (history.length > 0) await tx.insert(taskHistory).values(history);
    if (completing && after.serviceLineId) await serviceLineWrites.incrementDeliveryVelocity(tx, after.serviceLineId);

    const events: EventInput[] = [];
    if (changed.includes('status')) {
      events.push(eventOf(ctx.principal, 'task.status_changed', 'task', after, { previous_status: before.status, new_status: after.status, service_line_id: after.serviceLineId }));
    }
    if (changed.includes('assigneeId')) {
      events.push(eventOf(ctx.principal, 'task.assigned', 'task', after, { previous_assignee_id: before.assigneeId, assignee_id: after.assigneeId }));
    }
    const other = changed.filter((k) => k !== 'status' && k !== 'assigneeId');
    if (other.length) events.push(eventOf(ctx.principal, 'task.updated', 'task', after, { changed: other.map((k) => HISTORY_NAMES[k]) }));
    await appendEvents(tx, events);
    return after;
  });
}

const HISTORY_NAMES = {
  title: 'title', description: 'description', status: 'status', priority: 'priority',
  assigneeId: 'assignee', projectId: 'project', serviceLineId: 'service_line',
} as const;

async function checkReferences(ctx: SubgraphContext | { db: Tx; scope: SubgraphContext['scope'] }, refs: { assigneeId?: string; projectId?: string }) {
  if (refs.assigneeId && !(await existingUsers(ctx.db, ctx.scope, [refs.assigneeId])).has(refs.assigneeId)) {
    throw unprocessable(`assigneeId: User ${refs.assigneeId} not found.`, 'assigneeId');
  }
  if (refs.projectId && !(await existingProjects(ctx.db, ctx.scope, [refs.projectId])).has(refs.projectId)) {
    throw unprocessable(`projectId: Project ${refs.projectId} not found.`, 'projectId');
  }
}
