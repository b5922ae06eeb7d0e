import type { SubscriptionResolvers } from '../generated/resolvers.ts';
import { encodeCursor } from '../../../platform/cursor.ts';
import { streamOf } from '../stream/process-stream.ts';
import { activityFilter, resumeSeq } from '../stream/activity.ts';
import type { EventRow } from '../models.ts';

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
      const filter = activityFilter(ctx.scope, args);
      const stream = await streamOf(ctx.deps);
      const afterSeq = await resumeSeq(stream, ctx.scope, args.after);
      return edges(await stream.subscribe(filter, afterSeq)) as never;
    },
  },
};
