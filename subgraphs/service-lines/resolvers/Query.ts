import type { QueryResolvers } from '../generated/resolvers.ts';
import { pageRequest, toConnection } from '../../../platform/connection.ts';
import { findOrNotFound } from '../../../platform/subgraph/resolve.ts';
import { listServiceLines, countServiceLines } from '../data.ts';
import { serviceLineById, serviceLineFilter } from '../loaders.ts';
import { usageSeries } from '../usage-series.ts';
import { checkOptionalId } from '../../../platform/args.ts';
import { healthConnection } from '../health/loaders.ts';

export const Query: QueryResolvers = {
  serviceLine: (_, { id }, ctx) => findOrNotFound('ServiceLine', id, serviceLineById(ctx)),

  // Without workspaceId the list is the caller's scope: its organization, or its workspace when narrowed.
  async serviceLines(_, args, ctx) {
    const filter = serviceLineFilter(args);
    const page = pageRequest(args, 'ServiceLine');
    return toConnection(await listServiceLines(ctx.db, ctx.scope, filter, page), page, () => countServiceLines(ctx.db, ctx.scope, filter));
  },

  // Without workspaceId the series sums the caller's scope, as serviceLines lists it.
  usageSeries(_, { workspaceId, ...args }, ctx) {
    const workspace = checkOptionalId('Workspace', workspaceId, 'workspaceId');
    return workspace ? usageSeries(ctx, 'workspaceId', workspace, args) : usageSeries(ctx, null, '', args);
  },
  serviceLineHealth: (_, args, ctx) => healthConnection(ctx, args),
};
