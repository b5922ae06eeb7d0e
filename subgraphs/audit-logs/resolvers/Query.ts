import type { QueryResolvers } from '../generated/resolvers.ts';
import { pageRequest, toConnection } from '../../../platform/connection.ts';
import { requireCapability } from '../../../platform/auth/roles.ts';
import { listAuditLogs } from '../data.ts';
import { auditFilter } from '../loaders.ts';

export const Query: QueryResolvers = {
  /** The caller's organization's trail, or its workspace's when the token is narrowed. Owners and admins only. */
  async auditLogs(_, args, ctx) {
    requireCapability(ctx.principal, 'admin');
    const filter = auditFilter(args);
    const page = pageRequest(args, 'AuditLog');
    return toConnection(await listAuditLogs(ctx.db, ctx.scope, filter, page), page);
  },
};
