import { pgSchema, text, index } from 'drizzle-orm/pg-core';
import { mintedIdColumn, idSequence } from '../../platform/ids.ts';
import { createdAt } from '../../platform/columns.ts';

export const auditSchema = pgSchema('audit');
const s = auditSchema;

export const audIdSeq = idSequence(s, 'AUD');

export const AUDIT_OUTCOMES = ['succeeded', 'refused'] as const;
export const auditOutcomeEnum = s.enum('audit_outcome', AUDIT_OUTCOMES);
/** The API a write came through: the graph, the REST shim, or a bulk export submission. */
export const AUDIT_CHANNELS = ['graphql', 'rest', 'export'] as const;

/**
 * The audit trail (AUD-*): one row per write an actor attempted, through GraphQL, REST or an export
 * submission. A succeeded write's row is inserted in the write's own transaction; a refused one's
 * on its own (nothing else was written). No API changes or deletes a row; the retention sweep
 * removes rows older than 12 months. `workspace_id` is the written object's workspace (else the
 * caller's narrowing), which decides what a narrowed owner or admin sees.
 */
export const auditLogs = s.table('audit_logs', {
  id: mintedIdColumn(s, 'AUD'),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id'),
  actorType: text('actor_type').notNull(),
  actorId: text('actor_id'),
  /** The API key's non-secret prefix, when a key acted. */
  keyPrefix: text('key_prefix'),
  /** The mutation (createTask, updateWebhook ...) or `submitExport`. */
  action: text('action').notNull(),
  /** The graph type and ID of the object written (or aimed at, when refused), when there is one. */
  resourceType: text('resource_type'),
  resourceId: text('resource_id'),
  outcome: auditOutcomeEnum('outcome').notNull(),
  /** The refusal's code (not_found, forbidden, unprocessable ...). */
  errorCode: text('error_code'),
  /** The names of the fields the write set (never their values). */
  changedFields: text('changed_fields').array().notNull(),
  clientAddress: text('client_address'),
  userAgent: text('user_agent'),
  channel: text('channel'),
  createdAt: createdAt(),
}, (t) => [
  index('audit_logs_org_idx').on(t.organizationId, t.id),
  index('audit_logs_created_idx').on(t.createdAt),
]);
