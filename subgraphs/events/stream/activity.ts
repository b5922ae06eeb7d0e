import type { Scope } from '../../../platform/scope.ts';
import { checkOptionalId } from '../../../platform/args.ts';
import { checkCursor } from '../../../platform/connection.ts';
import { badRequest, notFound } from '../../../platform/errors.ts';
import { eventFilter } from '../loaders.ts';
import { getTableColumns } from 'drizzle-orm';
import { events } from '../../../platform/event-log-table.ts';
import { Event } from '../resolvers/Event.ts';
import type { ActivityFilter, EventStream } from './event-stream.ts';

/**
 * Event fields this subgraph serves straight from a column of the event's row (no resolver of their
 * own: id, type, payload, createdAt ...). The gateway's live activity serves these from the rows it
 * follows, serialised by the same scalars, without asking this subgraph (gateway/live/plan.ts); a
 * field that gets a resolver here leaves the set by itself.
 */
export const ROW_FIELDS: ReadonlySet<string> = new Set(Object.keys(getTableColumns(events)).filter((column) => !Object.hasOwn(Event, column)));

/** The arguments of `activity`, as the events subgraph and the gateway's grouped fan-out both read them. */
export interface ActivityArgs {
  organizationId?: string | null;
  workspaceId?: string | null;
  types?: readonly string[] | null;
  subjectId?: string | null;
  actorId?: string | null;
  after?: string | null;
}

/** The caller's filter: always its organization, and its workspace when its token is narrowed. */
export function activityFilter(scope: Scope, args: ActivityArgs): ActivityFilter {
  const organizationId = checkOptionalId('Organization', args.organizationId, 'organizationId');
  if (organizationId && organizationId !== scope.organizationId) throw notFound(`Organization ${organizationId} not found.`);
  const { workspaceId, types, subjectId, actorId } = eventFilter(args);
  const narrowed = scope.workspaceId;
  if (narrowed && workspaceId && workspaceId !== narrowed) throw notFound(`Workspace ${workspaceId} not found.`);
  return { organizationId: scope.organizationId, workspaceId: narrowed ?? workspaceId ?? null, types, subjectId, actorId };
}

/**
 * The seq to resume after, for `after` (null without one). A cursor of an event the caller may not
 * see is refused exactly as one of an event the log no longer holds.
 */
export async function resumeSeq(stream: EventStream, scope: Scope, after: string | null | undefined): Promise<number | null> {
  if (after == null) return null;
  const id = checkCursor(after, 'after', 'Event');
  const seq = await stream.seqOf(scope, id);
  if (seq === undefined) {
    throw badRequest(
      `after: event ${id} is not in this organization's stream: it may be older than the event retention (EVENT_RETENTION_DAYS, 90 days by default) and removed. Read what you need with the events query and subscribe again without after.`,
      'after',
    );
  }
  return seq;
}
