import type { WorkspaceResolvers, ProjectResolvers } from '../generated/resolvers.ts';
import { nestedServiceLines } from '../loaders.ts';
import { usageSeries } from '../usage-series.ts';
import { workspaceHealth } from '../health/loaders.ts';

/** Line lists this subgraph adds to entities other subgraphs own. */
export const Workspace: WorkspaceResolvers = {
  __resolveReference: (reference) => reference,
  serviceLines: (workspace, args, ctx, info) => nestedServiceLines(ctx, 'workspaceId', workspace.id, args, info),
  usageSeries: (workspace, args, ctx) => usageSeries(ctx, 'workspaceId', workspace.id, args),
  health: (workspace, args, ctx) => workspaceHealth(ctx, workspace.id, args),
};

export const Project: ProjectResolvers = {
  __resolveReference: (reference) => reference,
  serviceLines: (project, args, ctx, info) => nestedServiceLines(ctx, 'projectId', project.id, args, info),
};
