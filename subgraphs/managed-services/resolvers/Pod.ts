import type { PodResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { podById, podTeam, slaByPod, latestSlaReport, nestedTickets, nestedSlaReports, nestedIncidents, slaHistory } from '../loaders.ts';

export const Pod: PodResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, podById(ctx)),
  team: async (pod, _, ctx) => (await podTeam(ctx).load(pod.id)) ?? [],
  sla: async (pod, _, ctx) => (await slaByPod(ctx).load(pod.id)) ?? null,
  latestSlaReport: async (pod, _, ctx) => (await latestSlaReport(ctx).load(pod.id)) ?? null,
  serviceLine: (pod) => (pod.serviceLineId ? { id: pod.serviceLineId } : null),
  workspace: (pod) => ({ id: pod.workspaceId }),
  organization: (pod) => ({ id: pod.organizationId }),
  projects: (pod) => pod.projectTags.map((id) => ({ id })),
  tickets: (pod, args, ctx) => nestedTickets(ctx, pod.id, args),
  slaReports: (pod, args, ctx) => nestedSlaReports(ctx, pod.id, args),
  slaHistory: (pod, args, ctx) => slaHistory(ctx, pod.id, args),
  incidents: (pod, args, ctx) => nestedIncidents(ctx, 'podId', pod.id, args),
};
