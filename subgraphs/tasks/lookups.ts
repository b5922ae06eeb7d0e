import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { tasks } from './tables.ts';

export const existingTasks = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, tasks, tasks.id, ids, inScope(scope, { organizationId: tasks.organizationId, workspaceId: tasks.workspaceId }));
