import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { badRequest } from '../../platform/errors.ts';
import { ID_PREFIXES, parseId } from '../../platform/ids.ts';
import { auditLogsByIds, type AuditFilter } from './data.ts';
import type { AUDIT_OUTCOMES } from './tables.ts';

/** The audit-logs subgraph's per-request loaders and argument checks. */
export const auditLogById = (ctx: SubgraphContext) =>
  ctx.loaders.get('AuditLog.byId', (ids) => auditLogsByIds(ctx.db, ctx.scope, ids));

export interface AuditListArgs {
  actorId?: string | null;
  actions?: readonly string[] | null;
  resourceType?: string | null;
  resourceId?: string | null;
  outcome?: ReadonlyArray<(typeof AUDIT_OUTCOMES)[number]> | null;
  from?: Date | null;
  to?: Date | null;
}

/** Who can act: users, API keys and agents. */
const ACTOR_PREFIXES = new Set(['USR', 'KEY', 'AGT']);
/** An action is a mutation's name (or submitExport). */
const ACTION = /^[a-zA-Z][a-zA-Z0-9_]{0,99}$/;
const MAX_ACTIONS = 50;
const RESOURCE_TYPES = new Set(Object.keys(ID_PREFIXES));

/** Validated filters of the trail; every argument at fault is named in a BAD_USER_INPUT. */
export function auditFilter(args: AuditListArgs): AuditFilter {
  const { actorId, actions, resourceType, resourceId, from, to } = args;
  if (actorId != null && !ACTOR_PREFIXES.has(parseId(actorId)?.prefix ?? '')) {
    throw badRequest(`actorId must be a USR-, KEY- or AGT- ID, got "${actorId}".`, 'actorId');
  }
  if (actions != null) {
    if (actions.length > MAX_ACTIONS) throw badRequest(`actions takes at most ${MAX_ACTIONS} entries, got ${actions.length}.`, 'actions');
    const bad = actions.find((a) => !ACTION.test(a));
    if (bad !== undefined) throw badRequest(`actions: "${bad}" is not an action name (createTask, updateWebhook, submitExport ...).`, 'actions');
  }
  if (resourceType != null && !RESOURCE_TYPES.has(resourceType)) {
    throw badRequest(`resourceType must be a graph type with IDs (Task, Webhook ...), got "${resourceType}".`, 'resourceType');
  }
  if (resourceId != null && !parseId(resourceId)?.type) throw badRequest(`resourceId must be a platform ID (PREFIX-YY-NNNNNN), got "${resourceId}".`, 'resourceId');
  if (from && to && from.getTime() > to.getTime()) throw badRequest('to must not be before from.', 'to');
  return {
    actorId: actorId ?? undefined,
    actions: actions ?? undefined,
    resourceType: resourceType ?? undefined,
    resourceId: resourceId ?? undefined,
    outcome: args.outcome ?? undefined,
    from: from ?? undefined,
    to: to ?? undefined,
  };
}
