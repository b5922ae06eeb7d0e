import type { Connection, Edge } from '../../platform/connection.ts';
import type { auditLogs } from './tables.ts';

/** What the audit-logs subgraph's GraphQL types resolve from (codegen mappers). */
export type AuditLogRow = typeof auditLogs.$inferSelect;

export type AuditLogModel = AuditLogRow;
export type AuditLogConnectionModel = Connection<AuditLogRow>;
export type AuditLogEdgeModel = Edge<AuditLogRow>;
