import type {
  TaskResolvers, ServiceLineResolvers, PodResolvers, IntegrationResolvers, WorkspaceResolvers, OrganizationResolvers,
} from '../generated/resolvers.ts';
import { nestedEvents } from '../loaders.ts';

/** Timelines this subgraph adds to entities other subgraphs own: events whose subject they are. */
export const Task: TaskResolvers = {
  __resolveReference: (reference) => reference,
  events: (task, args, ctx) => nestedEvents(ctx, 'subjectId', task.id, args),
};

export const ServiceLine: ServiceLineResolvers = {
  __resolveReference: (reference) => reference,
  events: (line, args, ctx) => nestedEvents(ctx, 'subjectId', line.id, args),
};

export const Pod: PodResolvers = {
  __resolveReference: (reference) => reference,
  events: (pod, args, ctx) => nestedEvents(ctx, 'subjectId', pod.id, args),
};

export const Integration: IntegrationResolvers = {
  __resolveReference: (reference) => reference,
  events: (integration, args, ctx) => nestedEvents(ctx, 'subjectId', integration.id, args),
};

/** Everything that happened in a workspace or organization, whatever its subject. */
export const Workspace: WorkspaceResolvers = {
  __resolveReference: (reference) => reference,
  events: (workspace, args, ctx) => nestedEvents(ctx, 'workspaceId', workspace.id, args),
};

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference) => reference,
  events: (organization, args, ctx) => nestedEvents(ctx, 'organizationId', organization.id, args),
};
