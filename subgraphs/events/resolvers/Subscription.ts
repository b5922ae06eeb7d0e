import type { SubscriptionResolvers } from '../generated/resolvers.ts';
import type { SubgraphContext } from '../../../platform/subgraph/context.ts';
import { checkOptionalId } from '../../../platform/args.ts';
import { checkCursor } from '../../../platform/connection.ts';
import { encodeCursor } from '../../../platform/cursor.ts';
import { badRequest, notFound } from '../../../platform/errors.ts';
import { eventFilter } from '../loaders.ts';
import { eventSeq } from '../data.ts';
import { streamOf } from '../stream/process-stream.ts';
import type { ActivityFilter } from '../stream/event-stream.ts';
import type { EventRow } from '../models.ts';

type ActivityArgs = {
  organizationId?: string | null;
  workspaceId?: string | null;
  types?: readonly string[] | null;
  subjectId?: string | null;
  actorId?: string | null;
  after?: string | null;
};

/** The caller's filter: always its organization, and its workspace when its token is narrowed. */
function activityFilter(ctx: SubgraphContext, args: ActivityArgs): ActivityFilter {
  const organizationId = checkOptionalId('Organization', args.organizationId, 'organizationId');
  if (organizationId && organizationId !== ctx.scope.organizationId) throw notFound(`Organization ${organizationId} not found.`);
  const { workspaceId, types, subjectId, actorId } = eventFilter(args);
  const narrowed = ctx.scope.workspaceId;
  if (narrowed && workspaceId && workspaceId !== narrowed) throw notFound(`Workspace ${workspaceId} not found.`);
  return { organizationId: ctx.scope.organizationId, workspaceId: narrowed ?? workspaceId ?? null, types, subjectId, actorId };
}

async function* edges(rows: AsyncIterableIterator<EventRow>) {
  try {
    for await (const node of rows) yield { activity: { cursor: encodeCursor(node.id), node } };
  } finally {
    await rows.return?.();
  }
}

export const Subscription: SubscriptionResolvers = {
  activity: {
    async subscribe(_, args, ctx) {
      const filter = activityFilter(ctx, args);
      const stream = await streamOf(ctx.deps);
      let afterSeq: number | null = null;
      if (args.after != null) {
        const id = checkCursor(args.after, 'after', 'Event');
        const seq = await eventSeq(ctx.db, ctx.scope, id);
        if (seq === undefined) {
          throw badRequest(
            `after: event ${id} is not in this organization's stream: it may be older than the event retention (EVENT_RETENTION_DAYS, 90 days by default) and removed. Read what you need with the events query and subscribe again without after.`,
            'after',
          );
        }
        afterSeq = seq;
      }
      return edges(await stream.subscribe(filter, afterSeq)) as never;
    },
  },
};
