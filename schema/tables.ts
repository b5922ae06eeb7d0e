/** Every table of every subgraph, for drizzle's typed queries and for drizzle-kit's migrations. */
export * from '../subgraphs/organizations/tables.ts';
export * from '../subgraphs/service-lines/tables.ts';
export * from '../subgraphs/tasks/tables.ts';
export * from '../subgraphs/managed-services/tables.ts';
export * from '../subgraphs/integrations/tables.ts';
export * from '../platform/event-log-table.ts';
export * from '../gateway/tables.ts';
