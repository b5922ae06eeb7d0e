import type { QueryResolvers } from '../generated/resolvers.ts';
import { pageRequest, toConnection } from '../../../platform/connection.ts';
import { findOrNotFound } from '../../../platform/subgraph/resolve.ts';
import { checkOptionalId } from '../../../platform/args.ts';
import { requireCapability } from '../../../platform/auth/roles.ts';
import { listEndpoints, countEndpoints } from '../data.ts';
import { webhookById } from '../loaders.ts';

export const Query: QueryResolvers = {
  webhook(_, { id }, ctx) {
    requireCapability(ctx.principal, 'admin');
    return findOrNotFound('Webhook', id, webhookById(ctx));
  },

  /** Without workspaceId: the caller's organization, or its workspace when the token is narrowed. */
  async webhooks(_, args, ctx) {
    requireCapability(ctx.principal, 'admin');
    const filter = { workspaceId: checkOptionalId('Workspace', args.workspaceId, 'workspaceId'), enabled: args.enabled ?? undefined };
    const page = pageRequest(args, 'Webhook');
    return toConnection(await listEndpoints(ctx.db, ctx.scope, filter, page), page, () => countEndpoints(ctx.db, ctx.scope, filter));
  },
};
