import type { MutationResolvers } from '../generated/resolvers.ts';
import { requestPod, submitServiceRequest, raiseIncident, resolveIncident, updateIncidentSeverity } from '../commands.ts';

export const Mutation: MutationResolvers = {
  requestPod: (_, { input }, ctx) => requestPod(ctx, input),
  submitServiceRequest: (_, { input }, ctx) => submitServiceRequest(ctx, input),
  raiseIncident: (_, { input }, ctx) => raiseIncident(ctx, input),
  resolveIncident: (_, { id, resolution }, ctx) => resolveIncident(ctx, id, resolution),
  updateIncidentSeverity: (_, { id, severity }, ctx) => updateIncidentSeverity(ctx, id, severity),
};
