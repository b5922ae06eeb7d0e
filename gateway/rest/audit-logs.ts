import { badRequest } from '../../platform/errors.ts';
import { graphql } from './generated/gql.ts';
import { AuditOutcome } from './generated/graphql.ts';
import { enumListParam, pageParams } from './params.ts';
import { textParam } from './events.ts';
import { instantParam } from './params.ts';
import { many, restValues, route, type Route } from './route.ts';
import { at, lowered, record, shape } from './shape.ts';

graphql(`fragment RestAuditLog on AuditLog {
  id organization { id } workspace { id } actorType actorId keyPrefix action resourceType resourceId outcome errorCode changedFields
  clientAddress userAgent channel createdAt
}`);

/** An audit entry: who, what, when, from where, and how it ended. */
export const AUDIT_LOG = shape('AuditLog', {
  id: at('id'),
  organization_id: at('organization.id'),
  workspace_id: at('workspace.id'),
  actor: record({ type: at('actorType'), id: at('actorId'), key_prefix: at('keyPrefix') }, { description: 'Who attempted the write.' }),
  action: at('action'),
  resource: record({ type: at('resourceType'), id: at('resourceId') }, { when: 'resourceId', description: 'The object written, or aimed at; null when there is none.' }),
  outcome: lowered('outcome'),
  error_code: at('errorCode'),
  changed_fields: at('changedFields'),
  client_address: at('clientAddress'),
  user_agent: at('userAgent'),
  channel: at('channel'),
  created_at: at('createdAt'),
}, { description: 'An entry of the audit trail: a write attempted.' });

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
    answer: many('auditLogs', AUDIT_LOG),
  }),
];
