import type { AuditLogResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { requireCapability } from '../../../platform/auth/roles.ts';
import { auditLogById } from '../loaders.ts';

export const AuditLog: AuditLogResolvers = {
  // node(id:) reaches entries through here: owners and admins only, like the list.
  __resolveReference(reference, ctx) {
    requireCapability(ctx.principal, 'admin');
    return resolveReference(reference, auditLogById(ctx));
  },
  organization: (entry) => ({ id: entry.organizationId }),
  workspace: (entry) => (entry.workspaceId ? { id: entry.workspaceId } : null),
};
