import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { PageRequest } from '../../platform/connection.ts';
import { fetchPage, fetchPagesPerParent, countRows } from '../../platform/keyset.ts';
import { byId } from '../../platform/loaders.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { tickets, incidents, type TICKET_STATUSES, type PRIORITIES, type INCIDENT_STATUSES, type INCIDENT_SEVERITIES } from './tables.ts';
import type { TicketRow, IncidentRow } from './models.ts';

/** The reads of tickets and incidents, the day-to-day traffic of a pod. */
export interface TicketFilter {
  podId?: string;
  status?: ReadonlyArray<(typeof TICKET_STATUSES)[number]>;
  priority?: ReadonlyArray<(typeof PRIORITIES)[number]>;
}

export interface IncidentFilter {
  workspaceId?: string;
  serviceLineId?: string;
  podId?: string;
  status?: ReadonlyArray<(typeof INCIDENT_STATUSES)[number]>;
  severity?: ReadonlyArray<(typeof INCIDENT_SEVERITIES)[number]>;
}

export const ticketScoped = (scope: Scope) => inScope(scope, { organizationId: tickets.organizationId, workspaceId: tickets.workspaceId });
export const incidentScoped = (scope: Scope) => inScope(scope, { organizationId: incidents.organizationId, workspaceId: incidents.workspaceId });

function ticketFilterSql(scope: Scope, filter: TicketFilter): SQL {
  return and(
    ticketScoped(scope),
    filter.podId ? eq(tickets.podId, filter.podId) : undefined,
    filter.status?.length ? inArray(tickets.status, [...filter.status]) : undefined,
    filter.priority?.length ? inArray(tickets.priority, [...filter.priority]) : undefined,
  )!;
}

function incidentFilterSql(scope: Scope, filter: IncidentFilter): SQL {
  return and(
    incidentScoped(scope),
    filter.workspaceId ? eq(incidents.workspaceId, filter.workspaceId) : undefined,
    filter.serviceLineId ? eq(incidents.serviceLineId, filter.serviceLineId) : undefined,
    filter.podId ? eq(incidents.podId, filter.podId) : undefined,
    filter.status?.length ? inArray(incidents.status, [...filter.status]) : undefined,
    filter.severity?.length ? inArray(incidents.severity, [...filter.severity]) : undefined,
  )!;
}

export async function ticketsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, TicketRow>> {
  return byId(await db.select().from(tickets).where(and(inArray(tickets.id, [...ids]), ticketScoped(scope))));
}

export function listTickets(db: Db, scope: Scope, filter: TicketFilter, page: PageRequest) {
  return fetchPage(db, { table: tickets, id: tickets.id, where: ticketFilterSql(scope, filter) }, page);
}

export function countTickets(db: Db, scope: Scope, filter: TicketFilter) {
  return countRows(db, tickets, ticketFilterSql(scope, filter));
}

/** One page of tickets for each pod in one statement. */
export function ticketPagesByPod(db: Db, scope: Scope, podIds: readonly string[], filter: TicketFilter, page: PageRequest) {
  return fetchPagesPerParent(db, {
    table: tickets, id: tickets.id, parent: tickets.podId, parentIds: podIds, where: ticketFilterSql(scope, filter), withTotal: true,
  }, page);
}

export async function incidentsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, IncidentRow>> {
  return byId(await db.select().from(incidents).where(and(inArray(incidents.id, [...ids]), incidentScoped(scope))));
}

export function listIncidents(db: Db, scope: Scope, filter: IncidentFilter, page: PageRequest) {
  return fetchPage(db, { table: incidents, id: incidents.id, where: incidentFilterSql(scope, filter) }, page);
}

export function countIncidents(db: Db, scope: Scope, filter: IncidentFilter) {
  return countRows(db, incidents, incidentFilterSql(scope, filter));
}

/** One page of incidents for each pod, Service Line or workspace in one statement. */
export function incidentPagesByParent(
  db: Db,
  scope: Scope,
  parent: 'podId' | 'serviceLineId' | 'workspaceId',
  parentIds: readonly string[],
  filter: IncidentFilter,
  page: PageRequest,
) {
  return fetchPagesPerParent(db, {
    table: incidents, id: incidents.id, parent: incidents[parent], parentIds, where: incidentFilterSql(scope, filter), withTotal: true,
  }, page);
}
