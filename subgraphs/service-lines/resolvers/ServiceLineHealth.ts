import type { ServiceLineHealthResolvers, WorkspaceHealthResolvers } from '../generated/resolvers.ts';
import { attention } from '../health/loaders.ts';

/** Health's own types; HealthSignal and HealthLink are plain objects with default resolvers. */
export const ServiceLineHealth: ServiceLineHealthResolvers = {
  serviceLineId: (assessment) => assessment.line.id,
  serviceLine: (assessment) => assessment.line,
};

export const WorkspaceHealth: WorkspaceHealthResolvers = {
  workspace: (rollup) => ({ id: rollup.workspaceId }),
  attention: (rollup, { limit }) => attention(rollup, limit),
};
