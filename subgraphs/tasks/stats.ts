import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { argsKey } from '../../platform/loaders.ts';
import { seriesOf, fillSeries, type Period } from '../../platform/periods.ts';
import { TASK_STATUSES, TASK_PRIORITIES } from './tables.ts';
import { taskCountsByParent, velocityByParent, velocity, type StatsParent } from './data-stats.ts';
import type { TaskStatsModel, TaskCountRow } from './models.ts';

/** TaskStats of a parent entity: every parent asked for in a request shares one statement. */
export async function statsOf(ctx: SubgraphContext, kind: StatsParent, id: string): Promise<TaskStatsModel> {
  const loader = ctx.loaders.get(`taskStats.${kind}`, (ids) => taskCountsByParent(ctx.db, ctx.scope, kind, ids));
  return { counts: await loader.load(id), parent: { kind, id }, filter: {} };
}

const sum = (rows: TaskCountRow[], keep: (r: TaskCountRow) => boolean = () => true) =>
  rows.reduce((n, r) => (keep(r) ? n + r.count : n), 0);

export const total = (stats: TaskStatsModel) => sum(stats.counts);

export const byStatus = (stats: TaskStatsModel) =>
  TASK_STATUSES.map((status) => ({ status, count: sum(stats.counts, (r) => r.status === status) }));

export const byPriority = (stats: TaskStatsModel) =>
  TASK_PRIORITIES.map((priority) => ({ priority, count: sum(stats.counts, (r) => r.priority === priority) }));

export function completionRate(stats: TaskStatsModel): number {
  const open = sum(stats.counts, (r) => r.status !== 'cancelled');
  return open === 0 ? 0 : sum(stats.counts, (r) => r.status === 'done') / open;
}

/** Completed tasks per bucket of the same set the stats count; one statement for all parents with the same arguments. */
export async function velocityOf(ctx: SubgraphContext, stats: TaskStatsModel, args: { period: Period; from: string; to: string }) {
  const series = seriesOf(args.period, args.from, args.to);
  const { parent } = stats;
  const found = parent
    ? await ctx.loaders.get(argsKey(`velocity.${parent.kind}`, args), (ids) => velocityByParent(ctx.db, ctx.scope, parent.kind, ids, {}, series)).load(parent.id)
    : await velocity(ctx.db, ctx.scope, stats.filter, series);
  return fillSeries(series, found, 0).map(({ periodStart, value }) => ({ periodStart, completed: value }));
}
