import { pgSchema, text, integer, bigint, jsonb, primaryKey, index } from 'drizzle-orm/pg-core';
import { mintedIdColumn, idSequence } from '../platform/ids.ts';
import { ts } from '../platform/columns.ts';

/**
 * What the gateway itself keeps, apart from every subgraph's data: REST idempotency records and
 * bulk export jobs. Both are bounded by the principal that made them, like everything else.
 */
export const gatewaySchema = pgSchema('gateway');
const s = gatewaySchema;

/**
 * One Idempotency-Key as Stripe keeps it: scoped to the caller (organization and actor), holding the
 * hash of the request it was first used with and, once that request finished, its response.
 * A row in state `pending` is a request still running: a second one with the same key waits or is refused.
 */
export const idempotencyKeys = s.table('idempotency_keys', {
  organizationId: text('organization_id').notNull(),
  actorId: text('actor_id').notNull(),
  key: text('key').notNull(),
  method: text('method').notNull(),
  path: text('path').notNull(),
  requestHash: text('request_hash').notNull(),
  state: text('state').notNull().default('pending'),
  responseStatus: integer('response_status'),
  /** The response body exactly as sent, as a JSON string (jsonb would reorder an object's keys on replay). */
  responseBody: jsonb('response_body'),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [
  primaryKey({ columns: [t.organizationId, t.actorId, t.key] }),
  index('idempotency_keys_expires_idx').on(t.expiresAt),
]);

export const expIdSeq = idSequence(s, 'EXP');

/**
 * A bulk export: a GraphQL query (or a REST list with its filters) run page after page on behalf
 * of the principal that submitted it, written as NDJSON or CSV into `export_chunks`.
 * `resume_after` is the cursor of the last page written, so a restarted worker carries on from it.
 */
export const exportJobs = s.table('export_jobs', {
  id: mintedIdColumn(s, 'EXP'),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id'),
  actorType: text('actor_type').notNull(),
  actorId: text('actor_id'),
  role: text('role').notNull(),
  source: text('source').notNull(),
  query: text('query').notNull(),
  variables: jsonb('variables').$type<Record<string, unknown>>().notNull().default({}),
  format: text('format').notNull(),
  status: text('status').notNull().default('queued'),
  objectsWritten: bigint('objects_written', { mode: 'number' }).notNull().default(0),
  bytesWritten: bigint('bytes_written', { mode: 'number' }).notNull().default(0),
  chunksWritten: integer('chunks_written').notNull().default(0),
  resumeAfter: text('resume_after'),
  errorMessage: text('error_message'),
  createdAt: ts('created_at').notNull().defaultNow(),
  startedAt: ts('started_at'),
  heartbeatAt: ts('heartbeat_at'),
  finishedAt: ts('finished_at'),
  expiresAt: ts('expires_at'),
}, (t) => [
  index('export_jobs_org_idx').on(t.organizationId, t.id),
  index('export_jobs_status_idx').on(t.status),
]);

/** The output of an export in order, a chunk per page or so, streamed back on download. */
export const exportChunks = s.table('export_chunks', {
  jobId: text('job_id').notNull(),
  seq: integer('seq').notNull(),
  data: text('data').notNull(),
}, (t) => [primaryKey({ columns: [t.jobId, t.seq] })]);
