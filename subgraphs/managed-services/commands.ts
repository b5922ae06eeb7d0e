import { and, eq, sql } from 'drizzle-orm';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import type { Tx } from '../../platform/db.ts';
import { appendEvents, eventOf } from '../../platform/event-log.ts';
import { conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { requireCapability } from '../../platform/auth/roles.ts';
import { checkId, checkOptionalId } from '../../platform/args.ts';
import { toIso } from '../../platform/time.ts';
import { findWorkspace, existingUsers, existingProjects, existingSubscriptions } from '../organizations/public.ts';
import { incidentScoped } from './data-activity.ts';
import { optionalText, requiredText } from '../../platform/input-rules.ts';
import { inScope } from '../../platform/scope.ts';
import { pods, slas, tickets, incidents } from './tables.ts';
import { podScoped } from './data.ts';
import type { PodRow, TicketRow, IncidentRow } from './models.ts';
import type { RequestPodInput, ServiceRequestInput, RaiseIncidentInput } from './generated/resolvers.ts';

/**
 * The writes of the managed-services subgraph. Each validates first (nothing is written on bad
 * input), then writes its row and appends its event in ONE transaction.
 */
export async function requestPod(ctx: SubgraphContext, input: RequestPodInput): Promise<PodRow> {
  requireCapability(ctx.principal, 'write');
  const name = requiredText(input.name, 'name', 'name');
  const description = optionalText(input.description, 'description', 'description');
  const organizationId = checkOptionalId('Organization', input.organizationId, 'organizationId');
  if (organizationId && organizationId !== ctx.scope.organizationId) throw unprocessable(`organizationId: Organization ${organizationId} not found.`, 'organizationId');
  const workspaceId = checkOptionalId('Workspace', input.workspaceId, 'workspaceId') ?? ctx.scope.workspaceId;
  const subscriptionId = checkOptionalId('Subscription', input.subscriptionId, 'subscriptionId');
  const projectTags = [...new Set((input.projectTags ?? []).map((id) => checkId('Project', id, 'projectTags')))];
  const requiredCapabilities = [...new Set((input.requiredCapabilities ?? []).map((c) => requiredText(c, 'requiredCapabilities', 'capability')))];
  checkRange(input.requestedTeamSize, 1, 50, 'requestedTeamSize');
  if (input.durationMonths != null) checkRange(input.durationMonths, 1, 60, 'durationMonths');

  if (!workspaceId) throw unprocessable('workspaceId is required unless the token is narrowed to a workspace.', 'workspaceId');
  const workspace = await findWorkspace(ctx.db, ctx.scope, workspaceId);
  if (!workspace) throw unprocessable(`workspaceId: Workspace ${workspaceId} not found.`, 'workspaceId');
  if (subscriptionId && !(await existingSubscriptions(ctx.db, ctx.scope, [subscriptionId])).has(subscriptionId)) {
    throw unprocessable(`subscriptionId: Subscription ${subscriptionId} not found.`, 'subscriptionId');
  }
  const projects = await existingProjects(ctx.db, ctx.scope, projectTags);
  const unknownProject = projectTags.find((id) => !projects.has(id));
  if (unknownProject) throw unprocessable(`projectTags: Project ${unknownProject} not found.`, 'projectTags');

  return ctx.db.transaction(async (tx) => {
    // A pod starts in scoping: team, Service Line and SLA terms come once the account team confirms it.
    const [pod] = await tx.insert(pods).values({
      organizationId: workspace.organizationId,
      workspaceId,
      subscriptionId: subscriptionId ?? null,
      name,
      description: description ?? null,
      status: 'scoping',
      deliveryModel: input.deliveryModel,
      teamSize: 0,
      requestedTeamSize: input.requestedTeamSize,
      requiredCapabilities,
      projectTags,
      startDate: input.startDate ?? null,
      durationMonths: input.durationMonths ?? null,
      requestedBy: ctx.principal.actorId,
    }).returning();
    await appendEvents(tx, [eventOf(ctx.principal, 'pod.requested', 'pod', pod, {
      name: pod.name, status: pod.status, delivery_model: pod.deliveryModel, requested_team_size: pod.requestedTeamSize,
      subscription_id: pod.subscriptionId, project_tags: pod.projectTags, start_date: pod.startDate, duration_months: pod.durationMonths,
    })]);
    return pod;
  });
}

export async function submitServiceRequest(ctx: SubgraphContext, input: ServiceRequestInput): Promise<TicketRow> {
  requireCapability(ctx.principal, 'write');
  const podId = checkId('Pod', input.podId, 'podId');
  const title = requiredText(input.title, 'title', 'title');
  const description = optionalText(input.description, 'description', 'description');
  const submittedBy = checkOptionalId('User', input.submittedBy, 'submittedBy') ?? (ctx.principal.actorType === 'user' ? ctx.principal.actorId : undefined);
  if (submittedBy && !(await existingUsers(ctx.db, ctx.scope, [submittedBy])).has(submittedBy)) {
    throw unprocessable(`submittedBy: User ${submittedBy} not found.`, 'submittedBy');
  }

  return ctx.db.transaction(async (tx) => {
    const pod = await lockPod(tx, ctx, podId);
    const [sla] = await tx.select().from(slas).where(eq(slas.podId, pod.id));
    if (pod.status === 'scoping' || !sla) throw conflict(`Pod ${pod.id} is still being scoped: it has no SLA yet and takes no service requests.`);
    if (pod.status === 'completed' || pod.status === 'cancelled') throw conflict(`Pod ${pod.id} is ${pod.status}: it takes no service requests.`);
    const [ticket] = await tx.insert(tickets).values({
      organizationId: pod.organizationId,
      workspaceId: pod.workspaceId,
      podId: pod.id,
      type: input.type,
      title,
      description: description ?? null,
      priority: input.priority ?? 'medium',
      submittedBy: submittedBy ?? null,
      // The response timer starts with the ticket (created_at is the same transaction's now()).
      slaResponseDueAt: sql`now() + ${sla.responseTimeHours}::double precision * interval '1 hour'`,
    }).returning();
    await appendEvents(tx, [eventOf(ctx.principal, 'ticket.created', 'ticket', ticket, {
      pod_id: ticket.podId, type: ticket.type, title: ticket.title, priority: ticket.priority,
      submitted_by: ticket.submittedBy, sla_response_due_at: toIso(ticket.slaResponseDueAt),
    })]);
    return ticket;
  });
}

export async function raiseIncident(ctx: SubgraphContext, input: RaiseIncidentInput): Promise<IncidentRow> {
  requireCapability(ctx.principal, 'write');
  const podId = checkId('Pod', input.podId, 'podId');
  const title = requiredText(input.title, 'title', 'title');
  const description = optionalText(input.description, 'description', 'description');

  return ctx.db.transaction(async (tx) => {
    const pod = await lockPod(tx, ctx, podId);
    const [incident] = await tx.insert(incidents).values({
      organizationId: pod.organizationId,
      workspaceId: pod.workspaceId,
      serviceLineId: pod.serviceLineId,
      podId: pod.id,
      type: input.type ?? 'sla_breach',
      title,
      description: description ?? null,
      severity: input.severity ?? 'medium',
      status: 'open',
      raisedBy: ctx.principal.actorType === 'user' ? ctx.principal.actorId : null,
    }).returning();
    await appendEvents(tx, [eventOf(ctx.principal, 'incident.opened', 'incident', incident, {
      pod_id: incident.podId, service_line_id: incident.serviceLineId, severity: incident.severity, type: incident.type, title: incident.title,
    })]);
    return incident;
  });
}

/**
 * Resolves an open or investigating incident. The incident is read under FOR UPDATE, so of two
 * concurrent resolutions one wins and the other sees it resolved (409). The resolution note is the
 * event's: the incident record keeps its status and resolved_at.
 */
export async function resolveIncident(ctx: SubgraphContext, id: string, resolution?: string | null): Promise<IncidentRow> {
  requireCapability(ctx.principal, 'write');
  checkId('Incident', id, 'id');
  const note = resolution == null ? null : requiredText(resolution, 'resolution', 'resolution');

  return ctx.db.transaction(async (tx) => {
    const before = await lockIncident(tx, ctx, id);
    if (before.status === 'resolved') throw conflict(`Incident ${id} is already resolved.`);
    const [after] = await tx.update(incidents).set({ status: 'resolved', resolvedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(incidents.id, id)).returning();
    await appendEvents(tx, [eventOf(ctx.principal, 'incident.resolved', 'incident', after, {
      previous_status: before.status, severity: after.severity, pod_id: after.podId, service_line_id: after.serviceLineId, resolution: note,
    })]);
    return after;
  });
}

/** Changes an unresolved incident's severity; the same severity is no change and appends no event. */
export async function updateIncidentSeverity(ctx: SubgraphContext, id: string, severity: IncidentRow['severity']): Promise<IncidentRow> {
  requireCapability(ctx.principal, 'write');
  checkId('Incident', id, 'id');

  return ctx.db.transaction(async (tx) => {
    const before = await lockIncident(tx, ctx, id);
    if (before.status === 'resolved') throw conflict(`Incident ${id} is resolved: its severity is final.`);
    if (before.severity === severity) return before;
    const [after] = await tx.update(incidents).set({ severity, updatedAt: sql`now()` }).where(eq(incidents.id, id)).returning();
    await appendEvents(tx, [eventOf(ctx.principal, 'incident.severity_changed', 'incident', after, {
      previous_severity: before.severity, new_severity: after.severity, status: after.status, pod_id: after.podId, service_line_id: after.serviceLineId,
    })]);
    return after;
  });
}

/** The incident acted on, in the caller's scope, held against concurrent changes until commit. */
async function lockIncident(tx: Tx, ctx: SubgraphContext, id: string): Promise<IncidentRow> {
  const [row] = await tx.select().from(incidents)
    .where(and(eq(incidents.id, id), incidentScoped(ctx.scope)))
    .for('update');
  if (!row) throw notFound(`Incident ${id} not found.`);
  return row;
}

/** The pod acted on, held against concurrent changes of its status until commit. */
async function lockPod(tx: Tx, ctx: SubgraphContext, podId: string): Promise<PodRow> {
  const [pod] = await tx.select().from(pods).where(and(eq(pods.id, podId), podScoped(ctx.scope))).for('share');
  if (!pod) throw notFound(`Pod ${podId} not found.`);
  return pod;
}

function checkRange(value: number, min: number, max: number, field: string) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw unprocessable(`${field} must be between ${min} and ${max}, got ${value}.`, field);
  }
}
