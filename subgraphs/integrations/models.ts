import type { Connection, Edge } from '../../platform/connection.ts';
import type { integrations, syncRuns } from './tables.ts';

/** What the integrations subgraph's GraphQL types resolve from (codegen mappers). */
export type IntegrationRow = typeof integrations.$inferSelect;
export type SyncRunRow = typeof syncRuns.$inferSelect;

export type IntegrationModel = IntegrationRow;
export type IntegrationConnectionModel = Connection<IntegrationRow>;
export type IntegrationEdgeModel = Edge<IntegrationRow>;
export type SyncRunModel = SyncRunRow;
export type SyncRunConnectionModel = Connection<SyncRunRow>;
export type SyncRunEdgeModel = Edge<SyncRunRow>;
