import type { SlaResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { podById, slaById } from '../loaders.ts';

/** An SLA is only visible through its pod, so its pod is always there. */
export const Sla: SlaResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, slaById(ctx)),
  pod: async (sla, _, ctx) => (await podById(ctx).load(sla.podId))!,
};
