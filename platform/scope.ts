import { and, eq, type SQL, type Column } from 'drizzle-orm';
import type { Principal } from './auth/tokens.ts';

/**
 * The tenancy bound of a request: every read and write is filtered by the caller's organization,
 * and by its workspace when the token is narrowed to one.
 */
export interface Scope {
  organizationId: string;
  workspaceId: string | null;
}

export function scopeOf(principal: Principal): Scope {
  return { organizationId: principal.organizationId, workspaceId: principal.workspaceId };
}

/** `inScope`'s test on a row already in hand (the organization, and the workspace when narrowed). */
export function rowInScope(scope: Scope, row: { organizationId: string; workspaceId: string | null }): boolean {
  return row.organizationId === scope.organizationId && (!scope.workspaceId || row.workspaceId === scope.workspaceId);
}

/** The WHERE condition that keeps a table's rows inside the scope. */
export function inScope(scope: Scope, columns: { organizationId: Column; workspaceId?: Column }): SQL {
  const conditions = [eq(columns.organizationId, scope.organizationId)];
  if (scope.workspaceId && columns.workspaceId) conditions.push(eq(columns.workspaceId, scope.workspaceId));
  return and(...conditions)!;
}
