import { getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { EventRow } from '../../../platform/event-log-table.ts';
import { events } from '../../../platform/event-log-table.ts';
import { deliveries } from '../tables.ts';
import { eventEnvelope } from '../envelope.ts';
import { endpointLocks, promoteHeads, rowFromDriver, rowsOf } from './queue.ts';
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

/** `subscribes` in SQL, for an enabled endpoint `ep` and an event `e` (dispatcher.test.ts holds them equal). */
export const SUBSCRIBES_SQL = sql.raw(`ep.enabled and ep.organization_id = e.organization_id
  and (ep.workspace_id is null or ep.workspace_id = e.workspace_id)
  and e.seq > ep.after_seq
  and not (e.subject_type = 'webhook' and e.subject_id = ep.id)
  and exists (select 1 from unnest(ep.event_types) as t(type)
    where case when right(t.type, 1) = '.' then left(e.type, length(t.type)) = t.type else e.type = t.type end)`);

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

export interface Dispatched {
  /** Events read past the cursor (0 when the log has nothing new or another process is dispatching). */
  read: number;
  /** Deliveries queued. */
  queued: number;
  /** Endpoint heads that became due (WEBHOOKS_CHANNEL was notified). */
  promoted: number;
}

const EVENT_COLUMNS = Object.entries(getTableColumns(events));

/**
 * Queues the deliveries of up to `batchSize` events past the cursor. One statement reads the batch
 * and the (event, endpoint) pairs that subscribe, and when there is none (most events concern no
 * endpoint) advances the cursor itself: that is the whole pass. Otherwise one transaction claims
 * the cursor again (SKIP LOCKED, and only if no other process moved it since: then it is theirs to
 * queue) with the endpoints' locks, queues the deliveries, advances the cursor and makes the heads
 * due, notifying WEBHOOKS_CHANNEL with `notifier` when one became due.
 */
export async function dispatchBatch(db: Db, batchSize = 500, notifier = ''): Promise<Dispatched> {
  if (!cursorReady.has(db)) {
    await ensureCursor(db);
    cursorReady.add(db);
  }
  const rows = rowsOf(await db.execute(sql`
    with cursor as materialized (
      select seq from webhooks.dispatch_cursor where name = ${CURSOR} for update skip locked
    ), batch as materialized (
      select e.* from events.events e where e.seq > (select seq from cursor) order by e.seq limit ${batchSize}
    ), matches as materialized (
      select e.seq as match_seq, ep.id as endpoint_id, ep.workspace_id as endpoint_workspace_id
      from batch e join webhooks.endpoints ep on ${SUBSCRIBES_SQL}
    ), summary as (
      select (select seq from cursor) as cursor_seq, count(*)::int as read, max(seq) as last_seq from batch
    ), advanced as (
      update webhooks.dispatch_cursor c set seq = s.last_seq, updated_at = now()
      from summary s where c.name = ${CURSOR} and s.read > 0 and not exists (select 1 from matches)
      returning c.seq
    )
    select s.cursor_seq, s.read, s.last_seq, (select count(*)::int from advanced) as advanced, e.*, m.endpoint_id, m.endpoint_workspace_id
    from summary s left join (matches m join batch e on e.seq = m.match_seq) on true
    order by m.match_seq, m.endpoint_id`));
  const read = Number(rows[0]?.read ?? 0);
  if (read === 0 || Number(rows[0].advanced) > 0) return { read, queued: 0, promoted: 0 };

  const after = Number(rows[0].cursor_seq);
  const last = Number(rows[0].last_seq);
  const bodies = new Map<number, string>();
  const queue: Array<typeof deliveries.$inferInsert> = rows.filter((row) => row.endpoint_id != null).map((row) => {
    const event = rowFromDriver<EventRow>(EVENT_COLUMNS, row);
    let body = bodies.get(event.seq);
    if (body === undefined) bodies.set(event.seq, (body = JSON.stringify(eventEnvelope(event))));
    return {
      organizationId: event.organizationId, workspaceId: row.endpoint_workspace_id as string | null, endpointId: row.endpoint_id as string, kind: 'event',
      eventId: event.id, eventSeq: event.seq, eventType: event.type, body, nextAttemptAt: null,
    };
  });
  // Read but neither queued nor advanced: the cursor row vanished under the statement; nothing to do.
  if (queue.length === 0) return { read: 0, queued: 0, promoted: 0 };
  const touched = [...new Set(queue.map((r) => r.endpointId))];
  return db.transaction(async (tx) => {
    // The cursor is still where this batch was read from, and this transaction holds it: the batch is
    // ours to queue, once. The endpoints' locks are taken before the heads move (queue.ts).
    const [claim] = rowsOf(await tx.execute(sql`
      with claimed as (
        update webhooks.dispatch_cursor set seq = ${last}, updated_at = now()
        where name = ${CURSOR} and seq = ${after}
          and name in (select name from webhooks.dispatch_cursor where name = ${CURSOR} for update skip locked)
        returning seq
      )
      select (select count(*)::int from claimed) as claimed, ${endpointLocks(touched, sql`exists (select 1 from claimed)`)} as locked`));
    if (Number(claim.claimed) === 0) return { read: 0, queued: 0, promoted: 0 };
    for (let i = 0; i < queue.length; i += 1000) await tx.insert(deliveries).values(queue.slice(i, i + 1000));
    const promoted = await promoteHeads(tx, touched, notifier);
    return { read, queued: queue.length, promoted };
  });
}
