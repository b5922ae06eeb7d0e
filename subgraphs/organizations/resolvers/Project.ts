import type { ProjectResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { projectById, organizationById, required } from '../loaders.ts';

export const Project: ProjectResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, projectById(ctx)),
  organization: (project, _, ctx) => required(organizationById(ctx), 'Organization', project.organizationId),
};
