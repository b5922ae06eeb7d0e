import type { ApiKeyResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { apiKeyById, workspaceById } from '../loaders.ts';

export const ApiKey: ApiKeyResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, apiKeyById(ctx)),
  workspace: async (key, _, ctx) => (key.workspaceId ? (await workspaceById(ctx).load(key.workspaceId)) ?? null : null),
};
