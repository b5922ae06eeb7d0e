import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { argsKey } from '../../platform/loaders.ts';
import { seriesOf, type Period } from '../../platform/periods.ts';
import { usageBucketsByParent, type UsageBucketRow } from './data-stats.ts';

export interface UsageSeriesArgs { period: Period; from: string; to: string }

/**
 * A dense usage series: every bucket times every (metric, currency) metered in the range, zeros
 * included, ordered by bucket then metric. All parents asking with the same arguments share one statement.
 */
export async function usageSeries(ctx: SubgraphContext, parent: 'serviceLineId' | 'workspaceId' | null, id: string, args: UsageSeriesArgs) {
  const series = seriesOf(args.period, args.from, args.to);
  const loader = ctx.loaders.get(argsKey(`usageSeries.${parent ?? 'scope'}`, args), (ids) => usageBucketsByParent(ctx.db, ctx.scope, parent, ids, series));
  const rows: UsageBucketRow[] = (await loader.load(parent ? id : '')) ?? [];
  const found = new Map(rows.map((r) => [`${r.bucket}|${r.metric}|${r.currency}`, r]));
  const metrics = [...new Map(rows.map((r) => [`${r.metric}|${r.currency}`, { metric: r.metric, currency: r.currency }])).values()]
    .sort((a, b) => (a.metric === b.metric ? a.currency.localeCompare(b.currency) : a.metric.localeCompare(b.metric)));
  return series.buckets.flatMap((periodStart) => metrics.map(({ metric, currency }) => {
    const hit = found.get(`${periodStart}|${metric}|${currency}`);
    return { periodStart, metric, currency, quantity: hit?.quantity ?? 0, cost: hit?.cost ?? 0 };
  }));
}
