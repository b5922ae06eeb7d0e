import type { QueryResolvers } from '../generated/resolvers.ts';
import { pageRequest, toConnection } from '../../../platform/connection.ts';
import { findOrNotFound } from '../../../platform/subgraph/resolve.ts';
import { checkOptionalId } from '../../../platform/args.ts';
import { listEvents } from '../data.ts';
import { eventById, eventFilter, checkCursorRetained } from '../loaders.ts';
import { eventCounts } from '../counts.ts';

export const Query: QueryResolvers = {
  event: (_, { id }, ctx) => findOrNotFound('Event', id, eventById(ctx)),

  /** No totalCount: counting a large log is not cheap, and a stream has no natural total. */
  async events(_, args, ctx) {
    const organizationId = checkOptionalId('Organization', args.organizationId, 'organizationId');
    const filter = eventFilter(args);
    const page = pageRequest(args, 'Event');
    // Another organization's stream is not the caller's to read: an empty list, as for any filter.
    if (organizationId && organizationId !== ctx.scope.organizationId) return toConnection({ rows: [], hasMore: false }, page);
    await checkCursorRetained(ctx, page);
    return toConnection(await listEvents(ctx.db, ctx.scope, filter, page), page);
  },

  eventCounts: (_, args, ctx) => eventCounts(ctx, args),
};
