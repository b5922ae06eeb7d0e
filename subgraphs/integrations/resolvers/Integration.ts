import type { IntegrationResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { integrationById, hasCredentials, syncHistory } from '../loaders.ts';

export const Integration: IntegrationResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, integrationById(ctx)),
  workspace: (integration) => ({ id: integration.workspaceId }),
  hasCredentials: async (integration, _, ctx) => (await hasCredentials(ctx).load(integration.id)) ?? false,
  syncHistory: (integration, args, ctx) => syncHistory(ctx, integration.id, args),
};
