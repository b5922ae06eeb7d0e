import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { seriesOf, type Period } from '../../platform/periods.ts';
import { eventFilter, type EventListArgs } from './loaders.ts';
import { eventCountsPerBucket } from './data-stats.ts';

export type EventCountArgs = Pick<EventListArgs, 'workspaceId' | 'types'> & { period: Period; from: Date; to: Date };

/** A dense count series: every bucket times every type counted or asked for by exact name, zeros included. */
export async function eventCounts(ctx: SubgraphContext, args: EventCountArgs) {
  const filter = eventFilter(args);
  const series = seriesOf(args.period, args.from, args.to);
  const rows = await eventCountsPerBucket(ctx.db, ctx.scope, filter, series);
  const found = new Map(rows.map((r) => [`${r.bucket}|${r.type}`, r.count]));
  const exact = (filter.types ?? []).filter((t) => !t.endsWith('.'));
  const types = [...new Set([...exact, ...rows.map((r) => r.type)])].sort();
  return series.buckets.flatMap((periodStart) => types.map((type) => ({ type, periodStart, count: found.get(`${periodStart}|${type}`) ?? 0 })));
}
