import type { Connection, Edge } from '../../platform/connection.ts';
import type { tasks, taskHistory } from './tables.ts';

/** What the tasks subgraph's GraphQL types resolve from (codegen mappers). */
export type TaskRow = typeof tasks.$inferSelect;
export type TaskHistoryRow = typeof taskHistory.$inferSelect;

export type TaskModel = TaskRow;
export type TaskConnectionModel = Connection<TaskRow>;
export type TaskEdgeModel = Edge<TaskRow>;
export type TaskHistoryEntryModel = TaskHistoryRow;

/** One (status, priority) group of a task count. */
export interface TaskCountRow {
  status: TaskRow['status'];
  priority: TaskRow['priority'];
  count: number;
}

/** The set a TaskStats counts: a parent (batched per parent) or a root query's filter; velocity counts the same set. */
export interface TaskStatsModel {
  counts: TaskCountRow[];
  parent?: { kind: 'workspaceId' | 'serviceLineId' | 'projectId'; id: string };
  filter: { workspaceId?: string; serviceLineId?: string; projectId?: string };
}
