import type { ServiceLineResolvers, WorkspaceResolvers, OrganizationResolvers } from '../generated/resolvers.ts';
import { podByServiceLine, nestedPods, nestedIncidents } from '../loaders.ts';

/** Pods and incidents this subgraph adds to entities other subgraphs own. */
export const ServiceLine: ServiceLineResolvers = {
  __resolveReference: (reference) => reference,
  pod: async (line, _, ctx) => (await podByServiceLine(ctx).load(line.id)) ?? null,
  incidents: (line, args, ctx) => nestedIncidents(ctx, 'serviceLineId', line.id, args),
};

export const Workspace: WorkspaceResolvers = {
  __resolveReference: (reference) => reference,
  pods: (workspace, args, ctx) => nestedPods(ctx, 'workspaceId', workspace.id, args),
  incidents: (workspace, args, ctx) => nestedIncidents(ctx, 'workspaceId', workspace.id, args),
};

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference) => reference,
  pods: (organization, args, ctx) => nestedPods(ctx, 'organizationId', organization.id, args),
};
