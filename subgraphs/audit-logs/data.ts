import { and, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { PageRequest } from '../../platform/connection.ts';
import { fetchPage } from '../../platform/keyset.ts';
import { byId } from '../../platform/loaders.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { auditLogs, type AUDIT_OUTCOMES } from './tables.ts';
import type { AuditLogRow } from './models.ts';

/** The reads of the audit trail (its only writer is record.ts, its only deleter retention.ts). */
export interface AuditFilter {
  actorId?: string;
  actions?: readonly string[];
  resourceType?: string;
  resourceId?: string;
  outcome?: ReadonlyArray<(typeof AUDIT_OUTCOMES)[number]>;
  /** Half-open [from, to) on when the entry was recorded. */
  from?: Date;
  to?: Date;
}

export const auditScope = (scope: Scope) => inScope(scope, { organizationId: auditLogs.organizationId, workspaceId: auditLogs.workspaceId });

function filterSql(scope: Scope, filter: AuditFilter): SQL {
  return and(
    auditScope(scope),
    filter.actorId ? eq(auditLogs.actorId, filter.actorId) : undefined,
    filter.actions?.length ? inArray(auditLogs.action, [...filter.actions]) : undefined,
    filter.resourceType ? eq(auditLogs.resourceType, filter.resourceType) : undefined,
    filter.resourceId ? eq(auditLogs.resourceId, filter.resourceId) : undefined,
    filter.outcome?.length ? inArray(auditLogs.outcome, [...filter.outcome]) : undefined,
    filter.from ? gte(auditLogs.createdAt, filter.from) : undefined,
    filter.to ? lt(auditLogs.createdAt, filter.to) : undefined,
  )!;
}

/** Newest first: AUD- IDs are minted in the order entries are written. */
export function listAuditLogs(db: Db, scope: Scope, filter: AuditFilter, page: PageRequest) {
  return fetchPage(db, { table: auditLogs, id: auditLogs.id, sort: auditLogs.id, descending: true, where: filterSql(scope, filter) }, page);
}

export async function auditLogsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, AuditLogRow>> {
  return byId(await db.select().from(auditLogs).where(and(inArray(auditLogs.id, [...ids]), auditScope(scope))));
}
