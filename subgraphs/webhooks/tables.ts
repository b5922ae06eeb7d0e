import { sql } from 'drizzle-orm';
import { pgSchema, text, integer, bigint, boolean, jsonb, index, primaryKey } from 'drizzle-orm/pg-core';
import { mintedIdColumn, idSequence } from '../../platform/ids.ts';
import { createdAt, updatedAt, ts } from '../../platform/columns.ts';

export const webhooksSchema = pgSchema('webhooks');
const s = webhooksSchema;

export const whkIdSeq = idSequence(s, 'WHK');
export const whdIdSeq = idSequence(s, 'WHD');

export const VERIFICATION_STATUSES = ['pending', 'verified', 'failed'] as const;
/** Why an endpoint stopped receiving: its owner said so, it answered 410 Gone, or it kept failing. */
export const DISABLED_REASONS = ['manual', 'gone', 'failing'] as const;
export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
/**
 * `event`: an event of the log, delivered in seq order behind the endpoint's earlier events.
 * `ping`: the verification at creation, or a test ping; `redelivery`: an event sent again on
 * request. Neither of the last two waits for the ordered queue, nor holds it up.
 */
export const DELIVERY_KINDS = ['event', 'ping', 'redelivery'] as const;

export const verificationStatusEnum = s.enum('verification_status', VERIFICATION_STATUSES);
export const disabledReasonEnum = s.enum('disabled_reason', DISABLED_REASONS);
export const deliveryStatusEnum = s.enum('delivery_status', DELIVERY_STATUSES);
export const deliveryKindEnum = s.enum('delivery_kind', DELIVERY_KINDS);

/**
 * A customer's endpoint (WHK-*): where an organization's events (a workspace's, when narrowed) of
 * the listed types are POSTed. `after_seq` is the log position at creation: only later events
 * are delivered to it.
 */
export const endpoints = s.table('endpoints', {
  id: mintedIdColumn(s, 'WHK'),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id'),
  url: text('url').notNull(),
  description: text('description'),
  /** Exact event types and domain prefixes ending in a dot (`task.`). */
  eventTypes: text('event_types').array().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  disabledReason: disabledReasonEnum('disabled_reason'),
  verification: verificationStatusEnum('verification').notNull().default('pending'),
  afterSeq: bigint('after_seq', { mode: 'number' }).notNull().default(0),
  createdBy: text('created_by'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  index('endpoints_org_idx').on(t.organizationId, t.id),
]);

/**
 * Signing secrets, sealed like integration credentials (kit/secrets.ts): the delivery worker needs
 * them back to sign, the API never shows one again after creating it. During a rotation the old
 * secret keeps a row until `expires_at`, and both sign.
 */
export const secrets = s.table('secrets', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  endpointId: text('endpoint_id').notNull().references(() => endpoints.id, { onDelete: 'cascade' }),
  keyId: text('key_id').notNull(),
  sealed: text('sealed').notNull(),
  createdAt: createdAt(),
  expiresAt: ts('expires_at'),
}, (t) => [index('secrets_endpoint_idx').on(t.endpointId)]);

/**
 * One message for one endpoint (WHD-*), and the delivery queue itself: the worker claims a due row
 * with FOR UPDATE SKIP LOCKED, leases it (`lease_until`) while it POSTs, then records the attempt
 * and the row's next state in one transaction. An `event` delivery is due only when no earlier
 * pending event delivery of its endpoint exists (per-endpoint seq order).
 */
export const deliveries = s.table('deliveries', {
  id: mintedIdColumn(s, 'WHD'),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id'),
  endpointId: text('endpoint_id').notNull().references(() => endpoints.id, { onDelete: 'cascade' }),
  kind: deliveryKindEnum('kind').notNull(),
  /** The event delivered (null for pings); its ID is the `webhook-id` receivers deduplicate by. */
  eventId: text('event_id'),
  eventSeq: bigint('event_seq', { mode: 'number' }),
  eventType: text('event_type').notNull(),
  /** The exact JSON body every attempt sends. */
  body: text('body').notNull(),
  status: deliveryStatusEnum('status').notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at').defaultNow(),
  leaseUntil: ts('lease_until'),
  /** The delivery a redelivery repeats. */
  redeliveryOf: text('redelivery_of'),
  createdAt: createdAt(),
  finishedAt: ts('finished_at'),
}, (t) => [
  index('deliveries_endpoint_idx').on(t.endpointId, t.id),
  // The head of each endpoint's ordered queue, and the due rows the worker claims.
  index('deliveries_queue_idx').on(t.endpointId, t.eventSeq).where(sql`status = 'pending' and kind = 'event'`),
  index('deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
  index('deliveries_created_idx').on(t.createdAt),
]);

/** Every attempt of a delivery, as sent and as answered. */
export const attempts = s.table('attempts', {
  deliveryId: text('delivery_id').notNull().references(() => deliveries.id, { onDelete: 'cascade' }),
  attempt: integer('attempt').notNull(),
  organizationId: text('organization_id').notNull(),
  startedAt: ts('started_at').notNull(),
  requestHeaders: jsonb('request_headers').$type<Record<string, string>>().notNull(),
  responseStatus: integer('response_status'),
  /** The first KB of the answer's body. */
  responseBody: text('response_body'),
  latencyMs: integer('latency_ms').notNull(),
  error: text('error'),
  /** When this attempt's failure scheduled the next one; null after a success or the last try. */
  nextAttemptAt: ts('next_attempt_at'),
}, (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })]);

/** Where the dispatcher stands in the event log: every event up to `seq` has its deliveries. */
export const dispatchCursor = s.table('dispatch_cursor', {
  name: text('name').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  updatedAt: updatedAt(),
});
