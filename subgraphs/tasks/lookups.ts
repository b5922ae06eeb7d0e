import type { Db } from '../kit/db.ts';
import { existingIds } from '../kit/lookup.ts';
import { inScope, type Scope } from '../kit/scope.ts';
import { tasks } from './tables.ts';

export const existingTasks = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, tasks, tasks.id, ids, inScope(scope, { organizationId: tasks.organizationId, workspaceId: tasks.workspaceId }));
