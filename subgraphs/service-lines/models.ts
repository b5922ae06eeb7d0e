import type { Connection, Edge } from '../../platform/connection.ts';
import type { serviceLines } from './tables.ts';
import type { HealthAssessment, HealthSignal } from './health/rules.ts';
import type { WorkspaceHealthModel as RollUp } from './health/loaders.ts';

/** What the service-lines subgraph's GraphQL types resolve from (codegen mappers). */
export type ServiceLineRow = typeof serviceLines.$inferSelect;

export type ServiceLineModel = ServiceLineRow;
export type ServiceLineConnectionModel = Connection<ServiceLineRow>;
export type ServiceLineEdgeModel = Edge<ServiceLineRow>;

export type ServiceLineHealthModel = HealthAssessment;
export type HealthSignalModel = HealthSignal;
export type WorkspaceHealthModel = RollUp;
export type ServiceLineHealthConnectionModel = Connection<HealthAssessment>;
export type ServiceLineHealthEdgeModel = Edge<HealthAssessment>;
