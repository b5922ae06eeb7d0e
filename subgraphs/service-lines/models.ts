import type { Connection, Edge } from '../../platform/connection.ts';
import type { serviceLines } from './tables.ts';

/** What the service-lines subgraph's GraphQL types resolve from (codegen mappers). */
export type ServiceLineRow = typeof serviceLines.$inferSelect;

export type ServiceLineModel = ServiceLineRow;
export type ServiceLineConnectionModel = Connection<ServiceLineRow>;
export type ServiceLineEdgeModel = Edge<ServiceLineRow>;
