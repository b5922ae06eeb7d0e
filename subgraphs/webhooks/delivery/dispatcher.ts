import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { EventRow } from '../../../platform/event-log-table.ts';
import { events } from '../../../platform/event-log-table.ts';
import { deliveries, dispatchCursor, endpoints } from '../tables.ts';
import { eventEnvelope } from '../envelope.ts';
import { lockEndpoints, promoteHeads, rowsOf, WEBHOOKS_CHANNEL } from './queue.ts';
import type { EndpointRow } from '../models.ts';

/**
 * The dispatcher turns the event log into deliveries: it reads the log by `seq`, as the live
 * stream does, and queues each event for every enabled endpoint that subscribes to it, advancing
 * its cursor in the same transaction. The cursor row is claimed with SKIP LOCKED, so however many
 * processes run a worker, one dispatches a batch at a time and no event is queued twice.
 */
export const CURSOR = 'events';

/** Whether an endpoint's filters take an event: exact types, or domain prefixes ending in a dot. */
export function subscribes(endpoint: Pick<EndpointRow, 'organizationId' | 'workspaceId' | 'eventTypes' | 'afterSeq' | 'id'>, event: EventRow): boolean {
  if (event.organizationId !== endpoint.organizationId) return false;
  if (endpoint.workspaceId && event.workspaceId !== endpoint.workspaceId) return false;
  if (event.seq <= endpoint.afterSeq) return false;
  // An endpoint is not told about itself (its own failure or verification).
  if (event.subjectType === 'webhook' && event.subjectId === endpoint.id) return false;
  return endpoint.eventTypes.some((t) => (t.endsWith('.') ? event.type.startsWith(t) : event.type === t));
}

const cursorReady = new WeakSet<Db>();

/**
 * The cursor starts where the oldest endpoint's interest starts, or at the log's end when there is
 * no endpoint: a first start never walks a log no one subscribed to.
 */
async function ensureCursor(db: Db): Promise<void> {
  await db.execute(sql`
    insert into webhooks.dispatch_cursor (name, seq)
    values (${CURSOR}, coalesce((select min(after_seq) from webhooks.endpoints), (select max(seq) from events.events), 0))
    on conflict (name) do nothing`);
}

/**
 * Queues the deliveries of up to `batchSize` events past the cursor. Returns how many events it
 * read (0 when the log has nothing new or another process is dispatching).
 */
export async function dispatchBatch(db: Db, batchSize = 500): Promise<number> {
  if (!cursorReady.has(db)) {
    await ensureCursor(db);
    cursorReady.add(db);
  }
  return db.transaction(async (tx) => {
    const cursor = rowsOf(await tx.execute(sql`select seq from webhooks.dispatch_cursor where name = ${CURSOR} for update skip locked`));
    if (cursor.length === 0) return 0;
    const after = Number(cursor[0].seq);
    const batch = await tx.select().from(events).where(gt(events.seq, after)).orderBy(asc(events.seq)).limit(batchSize);
    if (batch.length === 0) return 0;
    const organizations = [...new Set(batch.map((e) => e.organizationId))];
    const candidates = await tx.select().from(endpoints).where(and(inArray(endpoints.organizationId, organizations), eq(endpoints.enabled, true)));
    const rows: Array<typeof deliveries.$inferInsert> = [];
    for (const event of batch) {
      const body = JSON.stringify(eventEnvelope(event));
      for (const endpoint of candidates) {
        if (!subscribes(endpoint, event)) continue;
        rows.push({
          organizationId: endpoint.organizationId, workspaceId: endpoint.workspaceId, endpointId: endpoint.id, kind: 'event',
          eventId: event.id, eventSeq: event.seq, eventType: event.type, body, nextAttemptAt: null,
        });
      }
    }
    if (rows.length > 0) {
      const touched = [...new Set(rows.map((r) => r.endpointId))];
      await lockEndpoints(tx, touched);
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(deliveries).values(rows.slice(i, i + 1000));
      if ((await promoteHeads(tx, touched)) > 0) await tx.execute(sql`select pg_notify(${WEBHOOKS_CHANNEL}, '')`);
    }
    await tx.update(dispatchCursor).set({ seq: batch[batch.length - 1].seq, updatedAt: sql`now()` }).where(eq(dispatchCursor.name, CURSOR));
    return batch.length;
  });
}
