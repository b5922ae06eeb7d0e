import type { GraphQLResolveInfo } from 'graphql';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { columnSelection } from '../../platform/subgraph/selection.ts';
import { pageRequest, toConnection, type ConnectionArgs } from '../../platform/connection.ts';
import { argsKey } from '../../platform/loaders.ts';
import { checkOptionalId } from '../../platform/args.ts';
import { badRequest } from '../../platform/errors.ts';
import { parseId } from '../../platform/ids.ts';
import { rowInScope } from '../../platform/scope.ts';
import { checkCursorRetained, eventsByIds, eventPagesByParent, type EventFilter, type EventParent } from './data.ts';
import { events, type EventRow } from '../../platform/event-log-table.ts';

/** The events subgraph's per-request loaders and argument checks. */
export const eventById = (ctx: SubgraphContext) =>
  ctx.loaders.get('Event.byId', (ids) => eventsByIds(ctx.db, ctx.scope, ids));

/**
 * Events the caller has already read from the log (a live activity batch: gateway/live/execute.ts),
 * handed to this request's `event(id:)` loader so it reads them without a statement. Only those the
 * request's scope may see are taken, by the test `eventScope` makes in SQL (`rowInScope`, beside
 * `inScope`); any other ID is read as before, and found or not found alike.
 */
export function primeEvents(ctx: SubgraphContext, rows: readonly EventRow[]): void {
  const loader = eventById(ctx);
  for (const row of rows) if (rowInScope(ctx.scope, row)) loader.prime(row.id, row);
}

export type EventListArgs = ConnectionArgs & {
  workspaceId?: string | null;
  types?: readonly string[] | null;
  subjectType?: string | null;
  subjectId?: string | null;
  actorId?: string | null;
  from?: Date | null;
  to?: Date | null;
};

const TYPE_PATTERN = /^[a-z0-9_.]{1,100}$/;
const SUBJECT_TYPE_PATTERN = /^[a-z0-9_]{1,100}$/;
const MAX_TYPES = 50;
/** Who can act: users, API keys and agents. */
const ACTOR_PREFIXES = new Set(['USR', 'KEY', 'AGT']);

function checkTypes(types: readonly string[] | null | undefined): readonly string[] | undefined {
  if (types == null) return undefined;
  if (types.length > MAX_TYPES) throw badRequest(`types takes at most ${MAX_TYPES} entries, got ${types.length}.`, 'types');
  const bad = types.find((t) => !TYPE_PATTERN.test(t));
  if (bad !== undefined) {
    throw badRequest(`types: "${bad}" is not an event type or prefix (lowercase letters, digits, _ and ., 1 to 100 characters).`, 'types');
  }
  return types;
}

/** Validated filters of an event list; every argument at fault is named in a BAD_USER_INPUT. */
export function eventFilter(args: EventListArgs): EventFilter {
  const { subjectType, subjectId, actorId, from, to } = args;
  if (subjectType != null && !SUBJECT_TYPE_PATTERN.test(subjectType)) {
    throw badRequest(`subjectType must be a resource type such as service_line (lowercase letters, digits and _), got "${subjectType}".`, 'subjectType');
  }
  if (subjectId != null && !parseId(subjectId)) {
    throw badRequest(`subjectId must be a platform ID (PREFIX-YY-NNNNNN), got "${subjectId}".`, 'subjectId');
  }
  if (actorId != null && !ACTOR_PREFIXES.has(parseId(actorId)?.prefix ?? '')) {
    throw badRequest(`actorId must be a USR-, KEY- or AGT- ID, got "${actorId}".`, 'actorId');
  }
  if (from && to && from.getTime() > to.getTime()) throw badRequest('to must not be before from.', 'to');
  return {
    workspaceId: checkOptionalId('Workspace', args.workspaceId, 'workspaceId'),
    types: checkTypes(args.types),
    subjectType: subjectType ?? undefined,
    subjectId: subjectId ?? undefined,
    actorId: actorId ?? undefined,
    from: from ?? undefined,
    to: to ?? undefined,
  };
}

/** The columns a timeline's selection needs: every Event field not named like a column (resolvers/Event.ts). */
const timelineColumns = columnSelection(events, {
  organization: ['organizationId'],
  workspace: ['workspaceId'],
  actor: ['actorType', 'actorId'],
  subject: ['subjectType', 'subjectId'],
});

/**
 * A timeline under a subject, workspace or organization: one statement for all parents with these
 * arguments, reading the columns the query's selection of events needs.
 */
export async function nestedEvents(ctx: SubgraphContext, parent: EventParent, parentId: string, args: EventListArgs, info: GraphQLResolveInfo) {
  const page = pageRequest(args, 'Event');
  const filter = eventFilter(args);
  const columns = timelineColumns(info);
  const loader = ctx.loaders.get(argsKey(`events.${parent}`, args, columns), async (ids) => {
    const pages = await eventPagesByParent(ctx.db, ctx.scope, parent, ids, filter, page, columns);
    await checkCursorRetained(ctx.db, ctx.scope, page, [...pages.values()].every((p) => p.rows.length === 0));
    return pages;
  });
  return toConnection(await loader.load(parentId), page);
}
