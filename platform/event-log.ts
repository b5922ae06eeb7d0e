import { sql } from 'drizzle-orm';
import { events, type EventRow } from './event-log-table.ts';
import type { Tx } from './db.ts';

/** The envelope every event shares (events.txt): who did what to which resource, and its payload. */
export interface EventInput {
  type: string;
  organizationId: string;
  workspaceId: string | null;
  actor: { type: string; id: string | null };
  subject: { type: string; id: string };
  payload?: Record<string, unknown>;
}

/**
 * The event of a write the caller made to one row: organization and workspace come from the row,
 * the actor from the principal. Every command builds its events with this, so the envelope is
 * filled the same way everywhere.
 */
export function eventOf(
  principal: { actorType: string; actorId: string },
  type: string,
  subjectType: string,
  row: { id: string; organizationId: string; workspaceId: string | null },
  payload: Record<string, unknown> = {},
): EventInput {
  return {
    type,
    organizationId: row.organizationId,
    workspaceId: row.workspaceId,
    actor: { type: principal.actorType, id: principal.actorId },
    subject: { type: subjectType, id: row.id },
    payload,
  };
}

/** The channel NOTIFY wakes stream readers on; the payload is the organization of the new event. */
export const EVENTS_CHANNEL = 'scrums_events';

/** A transaction-scoped advisory lock key, held from the append to commit. */
export const APPEND_LOCK = 7_204_612;

/**
 * Appends events inside the caller's transaction, so a write and its events commit together or not
 * at all. The advisory lock serialises appenders until commit: `seq` is then assigned in commit
 * order, which lets stream readers resume with `seq > cursor` and never miss a late commit.
 * NOTIFY is transactional too: readers are woken only once the rows are visible. It takes a
 * transaction, never the database itself: outside one, each statement commits on its own, the lock
 * is released before the insert, and two racing appends could commit out of `seq` order, so a
 * reader between the two commits would pass over the lower `seq` for good.
 */
export async function appendEvents(tx: Tx, inputs: EventInput[]): Promise<EventRow[]> {
  if (inputs.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
  const rows = await tx
    .insert(events)
    .values(inputs.map((e) => ({
      type: e.type,
      organizationId: e.organizationId,
      workspaceId: e.workspaceId,
      actorType: e.actor.type,
      actorId: e.actor.id,
      subjectType: e.subject.type,
      subjectId: e.subject.id,
      payload: e.payload ?? {},
    })))
    .returning();
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${inputs[0].organizationId})`);
  return rows;
}

export async function appendEvent(tx: Tx, input: EventInput): Promise<EventRow> {
  const [row] = await appendEvents(tx, [input]);
  return row;
}
