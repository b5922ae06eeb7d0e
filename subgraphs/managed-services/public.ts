import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import type { Scope } from '../../platform/scope.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/server.ts';
import { schemaFileOf } from '../registry.ts';
import { pods, slas, tickets, incidents } from './tables.ts';
import { podScoped } from './data.ts';
import { ticketScoped, incidentScoped } from './data-activity.ts';

/**
 * The managed-services subgraph's public module: the one file of this folder that code outside it
 * may import (everything else here is private); only this subgraph's code reads its tables.
 */
export const definition: SubgraphDefinition = {
  name: 'managed-services',
  schemaFile: schemaFileOf('managed-services'),
  loadResolvers: async () => (await import('./resolvers/index.ts')).resolvers,
};

// ---------------------------------------------------------------------------------------------
// Reads (node(id:) asks which IDs exist for the caller)

export const existingPods = (db: Db, scope: Scope, ids: readonly string[]) => existingIds(db, pods, pods.id, ids, podScoped(scope));

/** SLAs are visible through their pod. */
export const existingSlas = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, slas, slas.id, ids, podScoped(scope), { table: pods, on: eq(pods.id, slas.podId) });

export const existingTickets = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, tickets, tickets.id, ids, ticketScoped(scope));

export const existingIncidents = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, incidents, incidents.id, ids, incidentScoped(scope));

/** Service Line health's reads (subgraphs/service-lines/health): open incidents, overdue tickets and the pod of many lines per statement. */
export {
  openIncidentsByLine, overdueTicketsByLine, podsByLine,
  type IncidentSeverity, type OpenIncident, type LineIncidents, type OverdueTicket, type LineTickets, type LinePod,
} from './data-health.ts';
