import { badRequest, unprocessable } from '../../platform/errors.ts';
import { EVENT_TYPE } from '../../subgraphs/webhooks/public.ts';
import { graphql } from './generated/gql.ts';
import { WebhookDeliveryStatus } from './generated/graphql.ts';
import { idField, intField, stringField, stringListField, type BodyField } from './body.ts';
import { enumListParam, idParam, pageParams, type QueryParam } from './params.ts';
import { textParam } from './events.ts';
import { instantParam } from './params.ts';
import { many, one, restValues, route, type Route } from './route.ts';
import { at, lowered, each, shape, within } from './shape.ts';

graphql(`fragment RestWebhook on Webhook {
  id organization { id } workspace { id } url description eventTypes enabled disabledReason verification previousSecretExpiresAt createdAt updatedAt
}`);
graphql(`fragment RestWebhookDelivery on WebhookDelivery {
  id webhook { id } kind eventId eventType status attemptCount nextAttemptAt requestBody redeliveryOf createdAt finishedAt
  attempts { attempt startedAt requestHeaders responseStatus responseBody latencyMs error nextAttemptAt }
}`);

/** An endpoint: never its secret, which is shown once, in the answer that mints it. */
export const WEBHOOK = shape('Webhook', {
  id: at('id'),
  organization_id: at('organization.id'),
  workspace_id: at('workspace.id'),
  url: at('url'),
  description: at('description'),
  event_types: at('eventTypes'),
  enabled: at('enabled'),
  disabled_reason: lowered('disabledReason'),
  verification: lowered('verification'),
  previous_secret_expires_at: at('previousSecretExpiresAt'),
  created_at: at('createdAt'),
  updated_at: at('updatedAt'),
}, { description: 'A webhook endpoint; never its signing secret.' });

/** The whsec_ secret verifies signatures; it is shown in the answer that mints it and never again. */
export const WEBHOOK_WITH_SECRET = shape('WebhookWithSecret', {
  ...within('webhook', WEBHOOK.fields),
  secret: at('secret', { description: 'The whsec_... signing secret; verify signatures with it. It is never shown again.' }),
}, {
  description: 'A webhook endpoint with a signing secret just minted, shown in this answer only.',
});

/** A delivery with every attempt: what was sent (headers; the body is the same each time) and what came back. */
export const WEBHOOK_DELIVERY = shape('WebhookDelivery', {
  id: at('id'),
  webhook_id: at('webhook.id'),
  kind: lowered('kind'),
  event_id: at('eventId'),
  event_type: at('eventType'),
  status: lowered('status'),
  attempt_count: at('attemptCount'),
  next_attempt_at: at('nextAttemptAt'),
  request_body: at('requestBody'),
  redelivery_of: at('redeliveryOf'),
  created_at: at('createdAt'),
  finished_at: at('finishedAt'),
  attempts: each('attempts', {
    attempt: at('attempt'),
    started_at: at('startedAt'),
    request_headers: at('requestHeaders'),
    response_status: at('responseStatus'),
    response_body: at('responseBody'),
    latency_ms: at('latencyMs'),
    error: at('error'),
    next_attempt_at: at('nextAttemptAt'),
  }),
}, { description: 'A delivery of an event (or ping) to a webhook endpoint, with every attempt.' });

/** `enabled=true|false`. */
const enabledParam: QueryParam<'enabled'> = {
  variable: 'enabled',
  schema: { type: 'boolean' },
  parse(raw, name) {
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') throw badRequest(`${name} must be true or false, got "${raw}".`, name);
    return raw === 'true';
  },
};

const enabledField: BodyField<'enabled'> = {
  variable: 'enabled',
  schema: { type: 'boolean', description: 'false stops deliveries (queued events wait); true resumes them in order.' },
  parse(value, name) {
    if (typeof value !== 'boolean') throw unprocessable(`${name} must be true or false, got ${JSON.stringify(value)}.`, name);
    return value;
  },
};

const urlField = (options: { required?: boolean } = {}): BodyField<'url'> => ({
  ...stringField('url', options),
  schema: { type: 'string', format: 'uri', description: 'https, at a public address (http only for this machine, with WEBHOOK_ALLOW_LOOPBACK).', examples: ['https://hooks.example.com/scrums'] },
});

const eventTypesField = (options: { required?: boolean } = {}): BodyField<'eventTypes'> => ({
  ...stringListField('eventTypes', options),
  schema: {
    type: 'array',
    description: 'Exact event types (task.created) or domain prefixes ending in a dot (task.).',
    items: { type: 'string', pattern: EVENT_TYPE.source, examples: ['task.created', 'service_line.'] },
  },
});

export const webhookRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/webhooks',
    summary: "List the organization's webhook endpoints (its workspace's, for a narrowed caller), oldest first. Owners and admins only.",
    query: { workspace_id: idParam('workspaceId', 'Workspace'), enabled: enabledParam, ...pageParams('Webhook') },
    document: graphql(`query RestWebhooks($workspaceId: ID, $enabled: Boolean, $first: Int, $after: String) {
      webhooks(workspaceId: $workspaceId, enabled: $enabled, first: $first, after: $after) { nodes { ...RestWebhook } pageInfo { hasNextPage endCursor } }
    }`),
    answer: many('webhooks', WEBHOOK),
  }),
  route({
    method: 'POST',
    path: '/v1/webhooks',
    summary: 'Create a webhook endpoint; its signing secret is in this response only. A verification ping is sent at once. Owners and admins only.',
    body: {
      url: urlField({ required: true }),
      event_types: eventTypesField({ required: true }),
      workspace_id: idField('workspaceId', 'Workspace', { description: "Receive only this workspace's events." }),
      description: stringField('description'),
      enabled: enabledField,
    },
    status: 201,
    document: graphql(`mutation RestCreateWebhook($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { ...RestWebhook } } }`),
    answer: one('createWebhook', WEBHOOK_WITH_SECRET),
  }),
  route({
    method: 'GET',
    path: '/v1/webhooks/{id}',
    summary: 'Retrieve a webhook endpoint. Owners and admins only.',
    document: graphql(`query RestWebhook($id: ID!) { webhook(id: $id) { ...RestWebhook } }`),
    answer: one('webhook', WEBHOOK),
  }),
  route({
    method: 'PATCH',
    path: '/v1/webhooks/{id}',
    summary: "Change a webhook endpoint's URL (verified again), event types, description or enabled. Owners and admins only.",
    body: {
      url: urlField(),
      event_types: eventTypesField(),
      description: stringField('description', { nullable: true }),
      enabled: enabledField,
    },
    document: graphql(`mutation RestUpdateWebhook($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { ...RestWebhook } }`),
    answer: one('updateWebhook', WEBHOOK),
  }),
  route({
    method: 'DELETE',
    path: '/v1/webhooks/{id}',
    summary: 'Delete a webhook endpoint with its queued deliveries and delivery history. Owners and admins only.',
    document: graphql(`mutation RestDeleteWebhook($id: ID!) { deleteWebhook(id: $id) { ...RestWebhook } }`),
    answer: one('deleteWebhook', WEBHOOK),
  }),
  route({
    method: 'POST',
    path: '/v1/webhooks/{id}/rotate-secret',
    summary: 'Mint a new signing secret (in this response only); the previous one keeps signing beside it for overlap_seconds. Owners and admins only.',
    body: { overlap_seconds: intField('overlapSeconds', { minimum: 0, maximum: 604_800, description: 'Default 86400; 0 retires the previous secret at once.' }) },
    document: graphql(`mutation RestRotateWebhookSecret($id: ID!, $input: RotateWebhookSecretInput!) {
      rotateWebhookSecret(id: $id, input: $input) { secret previousSecretExpiresAt webhook { ...RestWebhook } }
    }`),
    answer: one('rotateWebhookSecret', WEBHOOK_WITH_SECRET),
  }),
  route({
    method: 'POST',
    path: '/v1/webhooks/{id}/test',
    summary: 'Send a webhook.ping to the endpoint now (one attempt); follow it in its deliveries. Owners and admins only.',
    status: 202,
    document: graphql(`mutation RestPingWebhook($id: ID!) { pingWebhook(id: $id) { ...RestWebhookDelivery } }`),
    answer: one('pingWebhook', WEBHOOK_DELIVERY),
  }),
  route({
    method: 'GET',
    path: '/v1/webhooks/{id}/deliveries',
    summary: "A webhook endpoint's deliveries, newest first, each with every attempt. Owners and admins only.",
    query: {
      event_type: {
        ...textParam('eventTypes', 'An event type or a domain prefix ending in a dot (task.); several comma-separated.'),
        parse(raw, name) {
          if (raw === undefined) return undefined;
          const types = raw.split(',').map((t) => t.trim());
          if (types.some((t) => t === '')) throw badRequest(`${name} must name event types, comma-separated, got "${raw}".`, name);
          return [...new Set(types)];
        },
      },
      event_id: idParam('eventId', 'Event'),
      status: enumListParam('status', restValues(WebhookDeliveryStatus)),
      from: instantParam('from', 'from'),
      to: instantParam('to', 'to'),
      ...pageParams('WebhookDelivery'),
    },
    document: graphql(`query RestWebhookDeliveries($id: ID!, $eventTypes: [String!], $eventId: ID, $status: [WebhookDeliveryStatus!], $from: DateTime, $to: DateTime,
      $first: Int, $after: String) {
      webhook(id: $id) {
        deliveries(eventTypes: $eventTypes, eventId: $eventId, status: $status, from: $from, to: $to, first: $first, after: $after) { nodes { ...RestWebhookDelivery } pageInfo { hasNextPage endCursor } }
      }
    }`),
    answer: many('webhook.deliveries', WEBHOOK_DELIVERY),
  }),
  route({
    method: 'POST',
    path: '/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver',
    summary: "Send a delivery's event again now, as a new delivery with the same webhook-id (one attempt). Owners and admins only.",
    status: 202,
    document: graphql(`mutation RestRedeliver($id: ID!, $delivery_id: ID!) { redeliverWebhookDelivery(webhookId: $id, deliveryId: $delivery_id) { ...RestWebhookDelivery } }`),
    answer: one('redeliverWebhookDelivery', WEBHOOK_DELIVERY),
  }),
];
