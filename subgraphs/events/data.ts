import { and, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { PageRequest } from '../../platform/connection.ts';
import { badRequest } from '../../platform/errors.ts';
import { fetchPage, fetchPagesPerParentLateral } from '../../platform/keyset.ts';
import { byId } from '../../platform/loaders.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { events } from '../../platform/event-log-table.ts';
import { typesSql } from './type-filter.ts';
import type { EventRow } from './models.ts';

/** The reads of the events subgraph: the only SQL over the log (writers append via platform/event-log.ts). */
export interface EventFilter {
  workspaceId?: string;
  /** Exact types, and prefixes ending in a dot. */
  types?: readonly string[];
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  /** Half-open range [from, to) on created_at. */
  from?: Date;
  to?: Date;
}

/**
 * Events visible to a scope: the organization's; for a workspace-narrowed token only that
 * workspace's (organization-level events, such as invoices, stay with organization-wide tokens).
 */
export function eventScope(scope: Scope) {
  return inScope(scope, { organizationId: events.organizationId, workspaceId: events.workspaceId });
}

/** The stream's order: newest first by seq, the position every writer's commit was given. */
const stream = { table: events, id: events.id, sort: events.seq, descending: true } as const;

export function filterSql(scope: Scope, filter: EventFilter): SQL {
  return and(
    eventScope(scope),
    filter.workspaceId ? eq(events.workspaceId, filter.workspaceId) : undefined,
    typesSql(filter.types),
    filter.subjectType ? eq(events.subjectType, filter.subjectType) : undefined,
    filter.subjectId ? eq(events.subjectId, filter.subjectId) : undefined,
    filter.actorId ? eq(events.actorId, filter.actorId) : undefined,
    filter.from ? gte(events.createdAt, filter.from) : undefined,
    filter.to ? lt(events.createdAt, filter.to) : undefined,
  )!;
}

export async function eventsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, EventRow>> {
  return byId(await db.select().from(events).where(and(inArray(events.id, [...ids]), eventScope(scope))));
}

export function listEvents(db: Db, scope: Scope, filter: EventFilter, page: PageRequest) {
  return fetchPage(db, { ...stream, where: filterSql(scope, filter) }, page);
}

/**
 * The position (seq) of the event with this ID, if the scope may see it (undefined otherwise, exactly
 * as for no event): a cursor's event, which retention may have deleted. One lookup by the unique ID index.
 */
export async function eventSeq(db: Db, scope: Scope, id: string): Promise<number | undefined> {
  const [row] = await db.select({ seq: events.seq }).from(events).where(and(eq(events.id, id), eventScope(scope))).limit(1);
  return row?.seq;
}

/**
 * A cursor naming an event the log no longer holds (90-day retention) would silently yield an
 * empty page; the caller must learn to start over instead. Asked once the page was read, and only
 * when it came back empty (`empty`): a page holding rows was anchored on the cursor's event (the
 * keyset finds its position among the rows the list may return), so the event is there. One
 * lookup by the unique ID index then, none for every other page.
 */
export async function checkCursorRetained(db: Db, scope: Scope, page: PageRequest, empty: boolean): Promise<void> {
  if (!empty || page.cursorId === null || (await eventSeq(db, scope, page.cursorId)) !== undefined) return;
  const argument = page.backward ? 'before' : 'after';
  throw badRequest(`${argument}: event ${page.cursorId} is no longer retained (events are kept for 90 days); start again without a cursor.`, argument);
}

export type EventParent = 'subjectId' | 'workspaceId' | 'organizationId';

/**
 * One page of the timeline of each parent (a subject, workspace or organization) in one statement.
 * Timelines can be as long as the log itself, so each parent's page is its own index scan that
 * stops at the page's end (LATERAL) rather than a window over every event of every parent.
 */
export function eventPagesByParent(db: Db, scope: Scope, parent: EventParent, parentIds: readonly string[], filter: EventFilter, page: PageRequest, columns?: readonly string[]) {
  return fetchPagesPerParentLateral(db, { ...stream, parent: events[parent], parentIds, where: filterSql(scope, filter), columns }, page);
}
