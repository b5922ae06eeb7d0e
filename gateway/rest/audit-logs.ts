import { badRequest } from '../../platform/errors.ts';
import { graphql } from './generated/gql.ts';
import { AuditOutcome, type RestAuditLogFragment } from './generated/graphql.ts';
import { enumListParam, pageParams } from './params.ts';
import { textParam } from './events.ts';
import { instantParam } from './params.ts';
import { idOf, list, lower, restValues, route, type Route } from './route.ts';

graphql(`fragment RestAuditLog on AuditLog {
  id organization { id } workspace { id } actorType actorId keyPrefix action resourceType resourceId outcome errorCode changedFields
  clientAddress userAgent channel createdAt
}`);

/** An audit entry: who, what, when, from where, and how it ended. */
function entry(e: RestAuditLogFragment) {
  return {
    id: e.id,
    organization_id: idOf(e.organization),
    workspace_id: idOf(e.workspace),
    actor: { type: e.actorType, id: e.actorId, key_prefix: e.keyPrefix },
    action: e.action,
    resource: e.resourceId ? { type: e.resourceType, id: e.resourceId } : null,
    outcome: lower(e.outcome),
    error_code: e.errorCode,
    changed_fields: e.changedFields,
    client_address: e.clientAddress,
    user_agent: e.userAgent,
    channel: e.channel,
    created_at: e.createdAt,
  };
}

export const auditLogRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/audit-logs',
    summary: "The organization's audit trail of write actions (its workspace's, for a narrowed caller), newest first; kept 12 months. Owners and admins only.",
    query: {
      actor_id: textParam('actorId', 'A USR-, KEY- or AGT- ID.'),
      action: {
        ...textParam('actions', 'Actions (createTask, updateWebhook, submitExport ...), comma-separated.'),
        parse(raw, name) {
          if (raw === undefined) return undefined;
          const actions = raw.split(',').map((a) => a.trim());
          if (actions.some((a) => a === '')) throw badRequest(`${name} must name actions, comma-separated, got "${raw}".`, name);
          return [...new Set(actions)];
        },
      },
      resource_type: textParam('resourceType', 'The graph type of the object written (Task, Webhook ...).'),
      resource_id: textParam('resourceId', 'The ID of the object written, or aimed at by a refused write.'),
      outcome: enumListParam('outcome', restValues(AuditOutcome)),
      from: instantParam('from', 'from'),
      to: instantParam('to', 'to'),
      ...pageParams('AuditLog'),
    },
    document: graphql(`query RestAuditLogs($actorId: ID, $actions: [String!], $resourceType: String, $resourceId: ID, $outcome: [AuditOutcome!],
      $from: DateTime, $to: DateTime, $first: Int, $after: String) {
      auditLogs(actorId: $actorId, actions: $actions, resourceType: $resourceType, resourceId: $resourceId, outcome: $outcome, from: $from, to: $to,
        first: $first, after: $after) { nodes { ...RestAuditLog } pageInfo { hasNextPage endCursor } }
    }`),
    map: (data) => list(data.auditLogs, entry),
  }),
];
