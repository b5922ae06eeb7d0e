/** Every table of every subgraph, for drizzle's typed queries and for drizzle-kit's migrations. */
export * from '../organizations/tables.ts';
export * from '../service-lines/tables.ts';
export * from '../tasks/tables.ts';
export * from '../managed-services/tables.ts';
export * from '../integrations/tables.ts';
export * from '../events/tables.ts';
export * from '../webhooks/tables.ts';
export * from '../../gateway/tables.ts';
