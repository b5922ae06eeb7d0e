import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { events } from '../../platform/event-log-table.ts';

/**
 * Events visible to a scope: the organization's; for a workspace-narrowed token only that
 * workspace's (organization-level events, such as invoices, stay with organization-wide tokens).
 */
export function eventScope(scope: Scope) {
  return inScope(scope, { organizationId: events.organizationId, workspaceId: events.workspaceId });
}

export const existingEvents = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, events, events.id, ids, eventScope(scope));
