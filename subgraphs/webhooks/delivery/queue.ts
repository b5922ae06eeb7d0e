import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../../platform/db.ts';
import { deliveries } from '../tables.ts';
import type { DeliveryRow } from '../models.ts';

/**
 * The delivery queue is the deliveries table itself, drained with FOR UPDATE SKIP LOCKED (the
 * README explains why no job library): a due row is claimed by exactly one worker, which leases
 * it while it POSTs and then records the outcome in one transaction.
 *
 * Order per endpoint: only the head of an endpoint's queue (its pending `event` delivery with the
 * lowest seq) has a `next_attempt_at`; the rest wait with none. The dispatcher and the recording
 * of an outcome both take the endpoint's advisory lock before moving the head, so a delivery queued
 * while the head finishes is never left behind. Pings and redeliveries have a time of their own.
 */

/** The channel a new due delivery is announced on, so idle workers of every process claim it at once. */
export const WEBHOOKS_CHANNEL = 'scrums_webhooks';
const ENDPOINT_LOCK = 7_204_620;

/** Serialises queue changes per endpoint until commit (locks taken in ID order: no deadlock). */
export async function lockEndpoints(tx: Tx | Db, endpointIds: readonly string[]): Promise<void> {
  if (endpointIds.length === 0) return;
  await tx.execute(sql`select ${endpointLocks(endpointIds)}`);
}

/**
 * The expression that takes the endpoints' locks (in ID order), for a statement that does more: a
 * lock must be held before the statement that moves a head starts, since that one's snapshot is
 * taken when it starts.
 */
export function endpointLocks(endpointIds: readonly string[], when: SQL = sql`true`): SQL {
  const ids = [...new Set(endpointIds)].sort();
  return sql`(select count(pg_advisory_xact_lock(${ENDPOINT_LOCK}, hashtext(s.id)))
    from (select id from unnest(${sql.param(ids)}::text[]) as u(id) where ${when} order by id) s)`;
}

/**
 * Gives each listed endpoint's head a due time, if it has none and the endpoint is enabled.
 * Returns how many heads became due. Callers hold the endpoints' locks. With `notify`, the same
 * statement NOTIFYs WEBHOOKS_CHANNEL with that payload when a head became due (the notifying
 * worker's ID, so that worker can tell its own notification from another process's).
 */
export async function promoteHeads(tx: Tx | Db, endpointIds: readonly string[], notify?: string): Promise<number> {
  if (endpointIds.length === 0) return 0;
  const promoted = sql`
    update webhooks.deliveries d set next_attempt_at = now()
    from (
      select h.id from unnest(${sql.param([...new Set(endpointIds)])}::text[]) as e(id)
      join webhooks.endpoints ep on ep.id = e.id and ep.enabled
      cross join lateral (
        select id, next_attempt_at from webhooks.deliveries
        where endpoint_id = e.id and status = 'pending' and kind = 'event'
        order by event_seq limit 1
      ) h
      where h.next_attempt_at is null
    ) heads
    where d.id = heads.id
    returning d.id`;
  if (notify === undefined) return rowsOf(await tx.execute(promoted)).length;
  const [row] = rowsOf(await tx.execute(sql`with promoted as (${promoted})
    select count(*)::int as promoted, (select pg_notify(${WEBHOOKS_CHANNEL}, ${notify}) where exists (select 1 from promoted)) as notified
    from promoted`));
  return Number(row.promoted);
}

/** Takes an endpoint's queue off the clock (disabled): its head waits until it is enabled again. */
export async function parkQueue(tx: Tx | Db, endpointId: string): Promise<void> {
  await tx.update(deliveries).set({ nextAttemptAt: null })
    .where(and(eq(deliveries.endpointId, endpointId), eq(deliveries.status, 'pending'), eq(deliveries.kind, 'event')));
}

export interface Claimed {
  delivery: DeliveryRow;
  /** The lease of a worker that vanished mid-attempt: that attempt's outcome is unknown. */
  lostAttempt: boolean;
}

/**
 * Claims up to `limit` of the most overdue deliveries no worker holds, in one statement, leasing
 * each for `leaseMs` and counting the attempt about to be made, most overdue first (an UPDATE's
 * RETURNING has no order of its own). A row whose lease ran out (its worker died) is claimed again:
 * the attempt it was on is recorded as lost.
 */
export async function claimDeliveries(db: Db, leaseMs: number, limit: number): Promise<Claimed[]> {
  const rows = rowsOf(await db.execute(sql`
    with c as (
      select id, lease_until from webhooks.deliveries
      where status = 'pending' and next_attempt_at <= now() and (lease_until is null or lease_until < now())
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked
    ), claimed as (
      update webhooks.deliveries d
      set attempts = d.attempts + 1, lease_until = now() + ${leaseMs} * interval '1 millisecond'
      from c where d.id = c.id
      returning ${sql.join(DELIVERY_COLUMNS.map(([, column]) => sql.raw(`d.${column.name}`)), sql`, `)}, c.lease_until is not null as lost_attempt
    )
    select * from claimed order by next_attempt_at, id`));
  return rows.map((row) => ({ delivery: rowFromDriver<DeliveryRow>(DELIVERY_COLUMNS, row), lostAttempt: Boolean(row.lost_attempt) }));
}

const DELIVERY_COLUMNS = Object.entries(getTableColumns(deliveries));

/** A raw row as drizzle would have read it (its columns' own decoders: dates, bigints). */
export function rowFromDriver<T>(columns: Array<[string, PgColumn]>, row: Record<string, unknown>): T {
  return Object.fromEntries(columns.map(([key, column]) => {
    const value = row[column.name];
    return [key, value == null ? null : column.mapFromDriverValue(value)];
  })) as T;
}

/**
 * When the next delivery can be claimed, if any is scheduled (the worker sleeps until then): its due
 * time, or for one in flight the end of its lease (the attempt in flight wakes its own worker).
 */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const rows = rowsOf(await db.execute(sql`select min(greatest(next_attempt_at, coalesce(lease_until, next_attempt_at))) as at
    from webhooks.deliveries where status = 'pending' and next_attempt_at is not null`));
  const at = (rows[0] as { at: unknown } | undefined)?.at;
  return at == null ? null : new Date(at as string);
}

/** Both drivers' `execute` results as rows (postgres.js answers an array, PGlite `{ rows }`). */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : ((result as { rows?: Record<string, unknown>[] }).rows ?? []);
}
