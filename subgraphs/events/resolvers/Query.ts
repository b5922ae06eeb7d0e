import type { QueryResolvers } from '../generated/resolvers.ts';
import { toConnection } from '../../../platform/connection.ts';
import { findOrNotFound } from '../../../platform/subgraph/resolve.ts';
import { eventById } from '../loaders.ts';
import { checkEventList, readEventBatch, readEventList } from '../list.ts';
import { eventCounts } from '../counts.ts';

export const Query: QueryResolvers = {
  event: (_, { id }, ctx) => findOrNotFound('Event', id, eventById(ctx)),

  /**
   * No totalCount: counting a large log is not cheap, and a stream has no natural total. A page
   * forward (how clients walk the log) is read without the query builder's row mapping
   * (`readEventBatch`: the same rows, list.test.ts); a page backward through it.
   */
  async events(_, args, ctx) {
    const checked = checkEventList(ctx.scope, args);
    const page = checked.page.backward ? await readEventList(ctx.db, ctx.scope, checked) : await readEventBatch(ctx.database, ctx.scope, checked, checked.page.limit);
    return toConnection(page, checked.page);
  },

  eventCounts: (_, args, ctx) => eventCounts(ctx, args),
};
