import type { Connection, Edge } from '../../platform/connection.ts';
import type { pods, podMembers, slas, slaReports, tickets, incidents } from './tables.ts';

/** What the managed-services subgraph's GraphQL types resolve from (codegen mappers). */
export type PodRow = typeof pods.$inferSelect;
export type PodMemberRow = typeof podMembers.$inferSelect;
export type SlaRow = typeof slas.$inferSelect;
export type SlaReportRow = typeof slaReports.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;
export type IncidentRow = typeof incidents.$inferSelect;

export type PodModel = PodRow;
export type PodMemberModel = PodMemberRow;
export type SlaModel = SlaRow;
export type SlaReportModel = SlaReportRow;
export type TicketModel = TicketRow;
export type IncidentModel = IncidentRow;

export type PodConnectionModel = Connection<PodRow>;
export type PodEdgeModel = Edge<PodRow>;
export type TicketConnectionModel = Connection<TicketRow>;
export type TicketEdgeModel = Edge<TicketRow>;
export type SlaReportConnectionModel = Connection<SlaReportRow>;
export type SlaReportEdgeModel = Edge<SlaReportRow>;
export type IncidentConnectionModel = Connection<IncidentRow>;
export type IncidentEdgeModel = Edge<IncidentRow>;
