import type { Connection, Edge } from '../kit/connection.ts';
import type { tasks, taskHistory } from './tables.ts';

/** What the tasks subgraph's GraphQL types resolve from (codegen mappers). */
export type TaskRow = typeof tasks.$inferSelect;
export type TaskHistoryRow = typeof taskHistory.$inferSelect;

export type TaskModel = TaskRow;
export type TaskConnectionModel = Connection<TaskRow>;
export type TaskEdgeModel = Edge<TaskRow>;
export type TaskHistoryEntryModel = TaskHistoryRow;
