import type { TaskResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { taskById, taskHistory } from '../loaders.ts';

const ref = (id: string | null) => (id ? { id } : null);

export const Task: TaskResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, taskById(ctx)),
  workspace: (task) => ({ id: task.workspaceId }),
  serviceLine: (task) => ref(task.serviceLineId),
  project: (task) => ref(task.projectId),
  assignee: (task) => ref(task.assigneeId),
  external: (task) => (task.externalId ? { id: task.externalId, source: task.externalSource ?? 'unknown', url: task.externalUrl } : null),
  history: async (task, _, ctx) => (await taskHistory(ctx).load(task.id)) ?? [],
};
