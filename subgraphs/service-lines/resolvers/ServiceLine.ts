import type { ServiceLineResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { serviceLineById, usageSummary } from '../loaders.ts';
import { usageSeries } from '../usage-series.ts';
import { lineHealth } from '../health/loaders.ts';

export const ServiceLine: ServiceLineResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, serviceLineById(ctx)),
  workspace: (line) => ({ id: line.workspaceId }),
  projects: (line) => line.projectIds.map((id) => ({ id })),
  usage: (line, { from, to }, ctx) => usageSummary(ctx, line.id, from, to),
  usageSeries: (line, args, ctx) => usageSeries(ctx, 'serviceLineId', line.id, args),
  health: (line, args, ctx) => lineHealth(ctx, line, args),
};
