import type { WorkspaceResolvers, ServiceLineResolvers, UserResolvers, ProjectResolvers } from '../generated/resolvers.ts';
import { nestedTasks } from '../loaders.ts';
import { statsOf } from '../stats.ts';

/** Task lists this subgraph adds to entities other subgraphs own. */
export const Workspace: WorkspaceResolvers = {
  __resolveReference: (reference) => reference,
  tasks: (workspace, args, ctx) => nestedTasks(ctx, 'workspaceId', workspace.id, args),
  taskStats: (workspace, _, ctx) => statsOf(ctx, 'workspaceId', workspace.id),
};

export const ServiceLine: ServiceLineResolvers = {
  __resolveReference: (reference) => reference,
  tasks: (line, args, ctx) => nestedTasks(ctx, 'serviceLineId', line.id, args),
  taskStats: (line, _, ctx) => statsOf(ctx, 'serviceLineId', line.id),
};

export const User: UserResolvers = {
  __resolveReference: (reference) => reference,
  assignedTasks: (user, args, ctx) => nestedTasks(ctx, 'assigneeId', user.id, args),
};

export const Project: ProjectResolvers = {
  __resolveReference: (reference) => reference,
  tasks: (project, args, ctx) => nestedTasks(ctx, 'projectId', project.id, args),
  taskStats: (project, _, ctx) => statsOf(ctx, 'projectId', project.id),
};
