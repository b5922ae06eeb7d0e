import type {
  TaskResolvers, ServiceLineResolvers, PodResolvers, IntegrationResolvers, WorkspaceResolvers, OrganizationResolvers,
} from '../generated/resolvers.ts';
import { nestedEvents } from '../loaders.ts';

/** Timelines this subgraph adds to entities other subgraphs own: events whose subject they are. */
export const Task: TaskResolvers = {
  __resolveReference: (reference) => reference,
  events: (task, args, ctx, info) => nestedEvents(ctx, 'subjectId', task.id, args, info),
};

export const ServiceLine: ServiceLineResolvers = {
  __resolveReference: (reference) => reference,
  events: (line, args, ctx, info) => nestedEvents(ctx, 'subjectId', line.id, args, info),
};

export const Pod: PodResolvers = {
  __resolveReference: (reference) => reference,
  events: (pod, args, ctx, info) => nestedEvents(ctx, 'subjectId', pod.id, args, info),
};

export const Integration: IntegrationResolvers = {
  __resolveReference: (reference) => reference,
  events: (integration, args, ctx, info) => nestedEvents(ctx, 'subjectId', integration.id, args, info),
};

/** Everything that happened in a workspace or organization, whatever its subject. */
export const Workspace: WorkspaceResolvers = {
  __resolveReference: (reference) => reference,
  events: (workspace, args, ctx, info) => nestedEvents(ctx, 'workspaceId', workspace.id, args, info),
};

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference) => reference,
  events: (organization, args, ctx, info) => nestedEvents(ctx, 'organizationId', organization.id, args, info),
};
