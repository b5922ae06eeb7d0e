import type { WorkspaceResolvers, ServiceLineResolvers, UserResolvers, ProjectResolvers } from '../generated/resolvers.ts';
import { nestedTasks } from '../loaders.ts';
import { statsOf } from '../stats.ts';

/** Task lists this subgraph adds to entities other subgraphs own. */
export const Workspace: WorkspaceResolvers = {
  __resolveReference: (reference) => reference,
  tasks: (workspace, args, ctx, info) => nestedTasks(ctx, 'workspaceId', workspace.id, args, info),
  taskStats: (workspace, _, ctx) => statsOf(ctx, 'workspaceId', workspace.id),
};

export const ServiceLine: ServiceLineResolvers = {
  __resolveReference: (reference) => reference,
  tasks: (line, args, ctx, info) => nestedTasks(ctx, 'serviceLineId', line.id, args, info),
  taskStats: (line, _, ctx) => statsOf(ctx, 'serviceLineId', line.id),
};

export const User: UserResolvers = {
  __resolveReference: (reference) => reference,
  assignedTasks: (user, args, ctx, info) => nestedTasks(ctx, 'assigneeId', user.id, args, info),
};

export const Project: ProjectResolvers = {
  __resolveReference: (reference) => reference,
  tasks: (project, args, ctx, info) => nestedTasks(ctx, 'projectId', project.id, args, info),
  taskStats: (project, _, ctx) => statsOf(ctx, 'projectId', project.id),
};
