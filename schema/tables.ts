/**
 * Every table of every layer (the platform's event log, each subgraph's, the gateway's), for the tools that need
 * them all: the seed, drizzle-kit's migrations (drizzle.config.ts) and the tests.
 */
export * from '../subgraphs/organizations/tables.ts';
export * from '../subgraphs/service-lines/tables.ts';
export * from '../subgraphs/tasks/tables.ts';
export * from '../subgraphs/managed-services/tables.ts';
export * from '../subgraphs/integrations/tables.ts';
export * from '../subgraphs/webhooks/tables.ts';
export * from '../subgraphs/audit-logs/tables.ts';
export * from '../platform/event-log-table.ts';
export * from '../gateway/tables.ts';
