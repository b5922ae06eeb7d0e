import type { QueryResolvers } from '../generated/resolvers.ts';
import { pageRequest, toConnection } from '../../../platform/connection.ts';
import { findOrNotFound } from '../../../platform/subgraph/resolve.ts';
import { listIntegrations, countIntegrations } from '../data.ts';
import { integrationById, integrationFilter } from '../loaders.ts';

export const Query: QueryResolvers = {
  integration: (_, { id }, ctx) => findOrNotFound('Integration', id, integrationById(ctx)),

  /** Without workspaceId: the caller's organization, or its workspace when the token is narrowed. */
  async integrations(_, args, ctx) {
    const filter = integrationFilter(args);
    const page = pageRequest(args, 'Integration');
    return toConnection(await listIntegrations(ctx.db, ctx.scope, filter, page), page, () => countIntegrations(ctx.db, ctx.scope, filter));
  },
};
