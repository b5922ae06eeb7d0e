import type { SyncRunResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { integrationById, syncRunById } from '../loaders.ts';

export const SyncRun: SyncRunResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, syncRunById(ctx)),
  // A run is only ever read through a visible integration, so its integration always loads.
  integration: async (run, _, ctx) => (await integrationById(ctx).load(run.integrationId))!,
};
