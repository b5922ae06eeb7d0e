import type { QueryResolvers } from '../generated/resolvers.ts';
import { toConnection } from '../../../platform/connection.ts';
import { findOrNotFound } from '../../../platform/subgraph/resolve.ts';
import { eventById } from '../loaders.ts';
import { checkEventList, readEventList } from '../list.ts';
import { eventCounts } from '../counts.ts';

export const Query: QueryResolvers = {
  event: (_, { id }, ctx) => findOrNotFound('Event', id, eventById(ctx)),

  /** No totalCount: counting a large log is not cheap, and a stream has no natural total. */
  async events(_, args, ctx) {
    const checked = checkEventList(ctx.scope, args);
    return toConnection(await readEventList(ctx.db, ctx.scope, checked), checked.page);
  },

  eventCounts: (_, args, ctx) => eventCounts(ctx, args),
};
