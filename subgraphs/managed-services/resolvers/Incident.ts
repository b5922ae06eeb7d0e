import type { IncidentResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { podById, incidentById } from '../loaders.ts';

const ref = (id: string | null) => (id ? { id } : null);

export const Incident: IncidentResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, incidentById(ctx)),
  pod: async (incident, _, ctx) => (incident.podId ? (await podById(ctx).load(incident.podId)) ?? null : null),
  serviceLine: (incident) => ref(incident.serviceLineId),
  workspace: (incident) => ({ id: incident.workspaceId }),
  raisedBy: (incident) => ref(incident.raisedBy),
};
