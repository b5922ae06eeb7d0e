import type { GraphQLResolveInfo } from 'graphql';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { columnSelection } from '../../platform/subgraph/selection.ts';
import { pageRequest, toConnection, type ConnectionArgs } from '../../platform/connection.ts';
import { argsKey } from '../../platform/loaders.ts';
import { checkOptionalId } from '../../platform/args.ts';
import { badRequest } from '../../platform/errors.ts';
import {
  serviceLinesByIds, serviceLinePagesByWorkspace, serviceLinePagesByProject, usageByLineIds, type ServiceLineFilter,
} from './data.ts';
import { serviceLines } from './tables.ts';
import type { UsageSummary } from './generated/resolvers.ts';

/** The service-lines subgraph's per-request loaders: every reference, nested list and usage is batched. */
export const serviceLineById = (ctx: SubgraphContext) =>
  ctx.loaders.get('ServiceLine.byId', (ids) => serviceLinesByIds(ctx.db, ctx.scope, ids));

export type ServiceLineListArgs = ConnectionArgs & {
  workspaceId?: string | null;
  projectId?: string | null;
  status?: ServiceLineFilter['status'] | null;
  productLine?: ServiceLineFilter['productLine'] | null;
};

/** Validated filters of a line list; ID arguments of the wrong type are BAD_USER_INPUT. */
export function serviceLineFilter(args: ServiceLineListArgs): ServiceLineFilter {
  return {
    workspaceId: checkOptionalId('Workspace', args.workspaceId, 'workspaceId'),
    projectId: checkOptionalId('Project', args.projectId, 'projectId'),
    status: args.status ?? undefined,
    productLine: args.productLine ?? undefined,
  };
}

/**
 * The columns a line list's selection needs: every ServiceLine field not named like a column
 * (resolvers/ServiceLine.ts); `health` reads the whole line.
 */
const lineListColumns = columnSelection(serviceLines, {
  workspace: ['workspaceId'],
  projects: ['projectIds'],
  usage: ['id'],
  usageSeries: ['id'],
});

/**
 * `serviceLines(...)` under a workspace or a project: one statement for all parents, reading the
 * columns the query's selection of lines needs.
 */
export async function nestedServiceLines(ctx: SubgraphContext, parent: 'workspaceId' | 'projectId', parentId: string, args: ServiceLineListArgs, info: GraphQLResolveInfo) {
  const page = pageRequest(args, 'ServiceLine');
  const filter = serviceLineFilter(args);
  const fetch = parent === 'workspaceId' ? serviceLinePagesByWorkspace : serviceLinePagesByProject;
  const columns = lineListColumns(info);
  const loader = ctx.loaders.get(argsKey(`serviceLines.${parent}`, args, columns), (ids) => fetch(ctx.db, ctx.scope, ids, filter, page, columns));
  return toConnection(await loader.load(parentId), page);
}

/** Currency of a summary with no usage in range: the platform bills in USD unless a record says otherwise. */
const DEFAULT_CURRENCY = 'USD';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A line's usage between two dates, both inclusive: records at or after `from` 00:00Z and before the
 * day after `to`. Every line asking for the same dates shares one loader, so a page of lines with
 * their usage costs one statement.
 */
export async function usageSummary(ctx: SubgraphContext, serviceLineId: string, from: string, to: string): Promise<UsageSummary> {
  // Date has already checked both as YYYY-MM-DD, which compare correctly as strings.
  if (from > to) throw badRequest(`to (${to}) must not be before from (${from}).`, 'to');
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  const loader = ctx.loaders.get(argsKey('ServiceLine.usage', { from, to }), (ids) => usageByLineIds(ctx.db, ctx.scope, ids, { start, end }));
  const totals = (await loader.load(serviceLineId)) ?? [];
  return {
    serviceLineId,
    from,
    to,
    metrics: totals.map(({ metric, quantity, cost, currency }) => ({ metric, quantity, cost, currency })),
    totalCost: totals[0]?.lineCost ?? 0,
    currency: totals[0]?.currency ?? DEFAULT_CURRENCY,
  };
}
