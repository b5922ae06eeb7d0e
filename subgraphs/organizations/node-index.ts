import type DataLoader from 'dataloader';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import type { Db } from '../../platform/db.ts';
import type { Scope } from '../../platform/scope.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { typeOfId, type EntityType } from '../../platform/ids.ts';
import { displayName } from '../../platform/subgraph/resolve.ts';
import { existingServiceLines } from '../service-lines/public.ts';
import { existingTasks } from '../tasks/public.ts';
import { existingPods, existingSlas, existingTickets, existingIncidents } from '../managed-services/public.ts';
import { existingIntegrations, existingSyncRuns } from '../integrations/public.ts';
import { existingEvents } from '../events/public.ts';
import { existingWebhooks, existingWebhookDeliveries } from '../webhooks/public.ts';
import { existingAuditLogs } from '../audit-logs/public.ts';
import type { NodeResolvers } from './generated/resolvers.ts';
import { organizationById, workspaceById, userById, projectById, subscriptionById, apiKeyById } from './loaders.ts';

/**
 * node(id:) dispatch: the ID prefix names the type, and the type's owner says whether the object
 * exists within the caller's scope. Types owned here resolve to their full row (the gateway asks
 * this subgraph for their fields); types owned elsewhere resolve to `{ id }`, and the gateway then
 * fetches their fields from the owner. Every entry is a per-request DataLoader, so any number of
 * IDs costs one statement per prefix.
 */
type Find = (ctx: SubgraphContext) => DataLoader<string, { id: string } | undefined>;
type Existing = (db: Db, scope: Scope, ids: readonly string[]) => Promise<Set<string>>;

/** An owner's existence lookup as a loader of `{ id }` references. */
const reference = (type: EntityType, existing: Existing): Find => (ctx) =>
  ctx.loaders.get(`Node.${type}`, async (ids) => {
    const found = await existing(ctx.db, ctx.scope, ids);
    return new Map([...found].map((id) => [id, { id }]));
  });

/** The GraphQL types that implement Node, as the generated resolver types name them. */
export type NodeTypename = NonNullable<Awaited<ReturnType<NodeResolvers['__resolveType']>>>;

export const NODE_TYPES: Partial<Record<EntityType, { typename: NodeTypename; find: Find }>> = {
  Organization: { typename: 'Organization', find: organizationById },
  Workspace: { typename: 'Workspace', find: workspaceById },
  User: { typename: 'User', find: userById },
  Project: { typename: 'Project', find: projectById },
  Subscription: { typename: 'PlanSubscription', find: subscriptionById },
  ApiKey: { typename: 'ApiKey', find: apiKeyById },
  ServiceLine: { typename: 'ServiceLine', find: reference('ServiceLine', existingServiceLines) },
  Task: { typename: 'Task', find: reference('Task', existingTasks) },
  Pod: { typename: 'Pod', find: reference('Pod', existingPods) },
  Sla: { typename: 'Sla', find: reference('Sla', existingSlas) },
  Ticket: { typename: 'Ticket', find: reference('Ticket', existingTickets) },
  Incident: { typename: 'Incident', find: reference('Incident', existingIncidents) },
  Integration: { typename: 'Integration', find: reference('Integration', existingIntegrations) },
  SyncRun: { typename: 'SyncRun', find: reference('SyncRun', existingSyncRuns) },
  Event: { typename: 'Event', find: reference('Event', existingEvents) },
  Webhook: { typename: 'Webhook', find: reference('Webhook', existingWebhooks) },
  WebhookDelivery: { typename: 'WebhookDelivery', find: reference('WebhookDelivery', existingWebhookDeliveries) },
  AuditLog: { typename: 'AuditLog', find: reference('AuditLog', existingAuditLogs) },
};

/** The Node type an ID names; anything else is BAD_USER_INPUT naming the argument. */
export function checkNodeId(id: string, argument: string): EntityType {
  const type = typeOfId(id);
  if (!type || !NODE_TYPES[type]) {
    throw badRequest(`${argument} must be the ID of a Node (PREFIX-YY-NNNNNN with a known prefix), got "${id}".`, argument);
  }
  return type;
}

export type NodeValue = { __typename: NodeTypename; id: string };

/** One node of an ID already checked; NOT_FOUND when it does not exist or is not the caller's. */
export async function loadNode(ctx: SubgraphContext, type: EntityType, id: string): Promise<NodeValue> {
  const entry = NODE_TYPES[type]!;
  const found = await entry.find(ctx).load(id);
  if (!found) throw notFound(`${displayName(type)} ${id} not found.`);
  return { ...found, __typename: entry.typename };
}
