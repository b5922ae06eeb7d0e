import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import type { Scope } from '../../platform/scope.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/server.ts';
import { schemaFileOf } from '../registry.ts';
import { tasks } from './tables.ts';
import { scoped } from './data.ts';

/**
 * The tasks subgraph's public module: the one file of this folder that code outside it may import
 * (everything else here is private).
 */
export const definition: SubgraphDefinition = {
  name: 'tasks',
  schemaFile: schemaFileOf('tasks'),
  loadResolvers: async () => (await import('./resolvers/index.ts')).resolvers,
};

// ---------------------------------------------------------------------------------------------
// Reads

/** Which of `ids` are tasks the scope may see (node(id:) asks). */
export const existingTasks = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, tasks, tasks.id, ids, scoped(scope));

/** Service Line health's reads (subgraphs/service-lines/health): completions and work in progress of many lines per statement. */
export { completionsByLine, workInProgressByLine, type LineCompletions, type LineWip, type WipTask } from './data-health.ts';
