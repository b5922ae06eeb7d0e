import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { pageRequest, toConnection, type ConnectionArgs, type PageRequest } from '../../platform/connection.ts';
import { argsKey } from '../../platform/loaders.ts';
import { checkOptionalId } from '../../platform/args.ts';
import { badRequest } from '../../platform/errors.ts';
import { MONTH_RULE, parseMonth } from '../../platform/dates.ts';
import {
  podsByIds, podsByServiceLineIds, membersByPodIds, slasByIds, slaAndLatestReportByPodIds,
  podPagesByParent, slaReportPagesByPod, slaHistoryByPodIds, type PodFilter,
} from './data.ts';
import { ticketsByIds, incidentsByIds, ticketPagesByPod, incidentPagesByParent, type TicketFilter, type IncidentFilter } from './data-activity.ts';
import type { SlaReportRow } from './models.ts';

/** The managed-services subgraph's per-request loaders: every reference and nested list is batched. */
export const podById = (ctx: SubgraphContext) => ctx.loaders.get('Pod.byId', (ids) => podsByIds(ctx.db, ctx.scope, ids));
export const podByServiceLine = (ctx: SubgraphContext) => ctx.loaders.get('Pod.byServiceLine', (ids) => podsByServiceLineIds(ctx.db, ctx.scope, ids));
export const podTeam = (ctx: SubgraphContext) => ctx.loaders.get('Pod.team', (ids) => membersByPodIds(ctx.db, ids));
export const slaById = (ctx: SubgraphContext) => ctx.loaders.get('Sla.byId', (ids) => slasByIds(ctx.db, ctx.scope, ids));
/** A pod's SLA and its newest report: one loader, so a selection of both costs one statement (data.ts). */
const slaAndLatest = (ctx: SubgraphContext) => ctx.loaders.get('Pod.slaAndLatestReport', (ids) => slaAndLatestReportByPodIds(ctx.db, ctx.scope, ids));
export const slaByPod = (ctx: SubgraphContext) => ({ load: async (podId: string) => (await slaAndLatest(ctx).load(podId))?.sla ?? null });
export const latestSlaReport = (ctx: SubgraphContext) => ({ load: async (podId: string) => (await slaAndLatest(ctx).load(podId))?.latestReport ?? null });
export const ticketById = (ctx: SubgraphContext) => ctx.loaders.get('Ticket.byId', (ids) => ticketsByIds(ctx.db, ctx.scope, ids));
export const incidentById = (ctx: SubgraphContext) => ctx.loaders.get('Incident.byId', (ids) => incidentsByIds(ctx.db, ctx.scope, ids));

type Nullable<T> = { [K in keyof T]?: T[K] | null };

/** Validated filters of the lists; ID arguments of the wrong type are BAD_USER_INPUT. */
export function podFilter(args: Nullable<PodFilter>): PodFilter {
  return { workspaceId: checkOptionalId('Workspace', args.workspaceId, 'workspaceId'), status: args.status ?? undefined };
}

export function ticketFilter(args: Nullable<TicketFilter>): TicketFilter {
  return { podId: checkOptionalId('Pod', args.podId, 'podId'), status: args.status ?? undefined, priority: args.priority ?? undefined };
}

export function incidentFilter(args: Nullable<IncidentFilter>): IncidentFilter {
  return {
    workspaceId: checkOptionalId('Workspace', args.workspaceId, 'workspaceId'),
    serviceLineId: checkOptionalId('ServiceLine', args.serviceLineId, 'serviceLineId'),
    podId: checkOptionalId('Pod', args.podId, 'podId'),
    status: args.status ?? undefined,
    severity: args.severity ?? undefined,
  };
}

/** SLA reports have no platform ID: their cursor names the report's row id, a positive integer. */
export function slaReportPage(args: ConnectionArgs): PageRequest {
  const page = pageRequest(args);
  if (page.cursorId !== null && !/^[1-9]\d{0,14}$/.test(page.cursorId)) {
    const argument = page.backward ? 'before' : 'after';
    throw badRequest(`${argument} is not a valid cursor for this list.`, argument);
  }
  return page;
}

export const slaReportKey = (report: SlaReportRow) => String(report.id);

/** `pods(...)` under a workspace or organization: one statement for all parents. */
export async function nestedPods(ctx: SubgraphContext, parent: 'workspaceId' | 'organizationId', parentId: string, args: ConnectionArgs & Nullable<PodFilter>) {
  const page = pageRequest(args, 'Pod');
  const filter = podFilter({ status: args.status });
  const loader = ctx.loaders.get(argsKey(`pods.${parent}`, args), (ids) => podPagesByParent(ctx.db, ctx.scope, parent, ids, filter, page));
  return toConnection(await loader.load(parentId), page);
}

export async function nestedTickets(ctx: SubgraphContext, podId: string, args: ConnectionArgs & Nullable<TicketFilter>) {
  const page = pageRequest(args, 'Ticket');
  const filter = ticketFilter({ status: args.status, priority: args.priority });
  const loader = ctx.loaders.get(argsKey('tickets.podId', args), (ids) => ticketPagesByPod(ctx.db, ctx.scope, ids, filter, page));
  return toConnection(await loader.load(podId), page);
}

export async function nestedSlaReports(ctx: SubgraphContext, podId: string, args: ConnectionArgs) {
  const page = slaReportPage(args);
  const loader = ctx.loaders.get(argsKey('slaReports.podId', args), (ids) => slaReportPagesByPod(ctx.db, ctx.scope, ids, page));
  return toConnection(await loader.load(podId), page, undefined, slaReportKey);
}

export async function nestedIncidents(ctx: SubgraphContext, parent: 'podId' | 'serviceLineId' | 'workspaceId', parentId: string, args: ConnectionArgs & Nullable<IncidentFilter>) {
  const page = pageRequest(args, 'Incident');
  const filter = incidentFilter({ status: args.status, severity: args.severity });
  const loader = ctx.loaders.get(argsKey(`incidents.${parent}`, args), (ids) => incidentPagesByParent(ctx.db, ctx.scope, parent, ids, filter, page));
  return toConnection(await loader.load(parentId), page);
}

/** A pod's compliance per month between two YYYY-MM periods; every pod asking the same range shares one statement. */
export async function slaHistory(ctx: SubgraphContext, podId: string, args: { from?: string | null; to?: string | null }) {
  for (const name of ['from', 'to'] as const) {
    const value = args[name];
    if (value != null && parseMonth(value) === null) throw badRequest(`${name} must be ${MONTH_RULE}, got "${value}".`, name);
  }
  const range = { from: args.from ?? undefined, to: args.to ?? undefined };
  // YYYY-MM compares correctly as text.
  if (range.from && range.to && range.from > range.to) throw badRequest(`to (${range.to}) must not be before from (${range.from}).`, 'to');
  const loader = ctx.loaders.get(argsKey('slaHistory.podId', range), (ids) => slaHistoryByPodIds(ctx.db, ctx.scope, ids, range));
  return (await loader.load(podId)) ?? [];
}
