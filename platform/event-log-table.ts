import { sql, type SQL } from 'drizzle-orm';
import { pgSchema, text, bigint, jsonb, index, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { mintedId, idSequence } from './ids.ts';
import { ts } from './columns.ts';

export const eventsSchema = pgSchema('events');
const s = eventsSchema;

export const evtIdSeq = idSequence(s, 'EVT');

/** The events Service Line health reads as signals (events.txt's capacity and execution domains). */
export const LINE_SIGNAL_TYPES = ['capacity.utilisation_warning', 'capacity.gap_detected', 'execution.blocked', 'execution.resumed'] as const;
/**
 * As literals, not parameters: a query must name them exactly as the partial index's predicate does
 * for the planner to use the index under a generic plan.
 */
export const LINE_SIGNAL_TYPES_SQL = sql.raw(`(${LINE_SIGNAL_TYPES.map((type) => `'${type}'`).join(', ')})`);

/** The Service Line an event is about: its subject, or the line its payload names (task-level events). */
export function lineOfEvent(t: { subjectType: AnyPgColumn; subjectId: AnyPgColumn; payload: AnyPgColumn }): SQL<string> {
  return sql<string>`(case when ${t.subjectType} = 'service_line' then ${t.subjectId} else ${t.payload}->>'service_line_id' end)`;
}

/**
 * The immutable event log, and the outbox of every write: a writer inserts its event in its own
 * transaction. `seq` is the stream position: appends take a transaction-scoped lock first (see
 * platform/event-log.ts), so seq order is commit order and a reader that has seen seq N never later
 * finds a smaller one committed.
 */
export const events = s.table('events', {
  seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  id: mintedId(s, 'EVT'),
  type: text('type').notNull(),
  organizationId: text('organization_id').notNull(),
  workspaceId: text('workspace_id'),
  actorType: text('actor_type').notNull(),
  actorId: text('actor_id'),
  subjectType: text('subject_type').notNull(),
  subjectId: text('subject_id').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('events_id_key').on(t.id),
  index('events_org_idx').on(t.organizationId, t.seq),
  index('events_ws_idx').on(t.workspaceId, t.seq),
  index('events_subject_idx').on(t.subjectId, t.seq),
  index('events_actor_idx').on(t.actorId, t.seq),
  // text_pattern_ops lets a type prefix (`type like 'invoice.%'`) use the index in any collation,
  // so a rare prefix is a range scan instead of a walk over the organization's whole log.
  index('events_org_type_idx').on(t.organizationId, t.type.op('text_pattern_ops'), t.seq),
  index('events_org_subject_type_idx').on(t.organizationId, t.subjectType, t.seq),
  index('events_created_idx').on(t.createdAt),
  // A line's capacity and execution signals (subgraphs/events/data-health.ts, for Service Line health): the events that
  // name the line as their subject or in their payload, by time. Partial: only those four types.
  index('events_line_signals_idx').on(lineOfEvent(t), t.createdAt).where(sql`${t.type} in ${LINE_SIGNAL_TYPES_SQL}`),
]);

/** One event of the log, as read. */
export type EventRow = typeof events.$inferSelect;
