import type { QueryResolvers } from '../generated/resolvers.ts';
import { pageRequest, toConnection, MAX_PAGE_SIZE } from '../../../platform/connection.ts';
import { checkOptionalId } from '../../../platform/args.ts';
import { badRequest } from '../../../platform/errors.ts';
import { findOrNotFound } from '../../../platform/subgraph/resolve.ts';
import { requireCapability } from '../../../platform/auth/roles.ts';
import { listWorkspaces, countWorkspaces } from '../data.ts';
import { listApiKeys, countApiKeys } from '../data-api-keys.ts';
import { organizationById, workspaceById, userById, projectById } from '../loaders.ts';
import { checkNodeId, loadNode } from '../node-index.ts';

export const Query: QueryResolvers = {
  node: (_, { id }, ctx) => loadNode(ctx, checkNodeId(id, 'id'), id),

  nodes(_, { ids }, ctx) {
    if (ids.length > MAX_PAGE_SIZE) throw badRequest(`ids takes at most ${MAX_PAGE_SIZE} IDs, got ${ids.length}.`, 'ids');
    // Every ID is checked before any is looked up; each missing one is a null with its own error.
    const types = ids.map((id) => checkNodeId(id, 'ids'));
    return ids.map((id, i) => loadNode(ctx, types[i], id));
  },

  viewer: (_, __, ctx) => ctx.principal,

  organization: (_, { id }, ctx) => findOrNotFound('Organization', id, organizationById(ctx)),
  workspace: (_, { id }, ctx) => findOrNotFound('Workspace', id, workspaceById(ctx)),
  user: (_, { id }, ctx) => findOrNotFound('User', id, userById(ctx)),
  project: (_, { id }, ctx) => findOrNotFound('Project', id, projectById(ctx)),

  async workspaces(_, args, ctx) {
    const organizationId = checkOptionalId('Organization', args.organizationId, 'organizationId');
    const page = pageRequest(args, 'Workspace');
    // Another organization's workspaces are not the caller's to list: an empty list, as for any filter.
    if (organizationId && organizationId !== ctx.scope.organizationId) return toConnection({ rows: [], hasMore: false, total: 0 }, page);
    return toConnection(await listWorkspaces(ctx.db, ctx.scope, page), page, () => countWorkspaces(ctx.db, ctx.scope));
  },

  async apiKeys(_, args, ctx) {
    requireCapability(ctx.principal, 'admin');
    const page = pageRequest(args, 'ApiKey');
    const filter = { includeRevoked: args.includeRevoked ?? false };
    return toConnection(await listApiKeys(ctx.db, ctx.scope, filter, page), page, () => countApiKeys(ctx.db, ctx.scope, filter));
  },
};
