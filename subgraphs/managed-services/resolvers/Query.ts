import type { QueryResolvers } from '../generated/resolvers.ts';
import { pageRequest, toConnection } from '../../../platform/connection.ts';
import { checkId, checkOptionalId } from '../../../platform/args.ts';
import { badRequest } from '../../../platform/errors.ts';
import { findOrNotFound } from '../../../platform/subgraph/resolve.ts';
import { MONTH_RULE, parseMonth } from '../../../platform/dates.ts';
import { listPods, countPods, listSlaReports, countSlaReports } from '../data.ts';
import { listTickets, countTickets, listIncidents, countIncidents } from '../data-activity.ts';
import { podById, ticketById, incidentById, podFilter, ticketFilter, incidentFilter, slaReportPage, slaReportKey } from '../loaders.ts';

export const Query: QueryResolvers = {
  pod: (_, { id }, ctx) => findOrNotFound('Pod', id, podById(ctx)),
  ticket: (_, { id }, ctx) => findOrNotFound('Ticket', id, ticketById(ctx)),
  incident: (_, { id }, ctx) => findOrNotFound('Incident', id, incidentById(ctx)),

  async pods(_, args, ctx) {
    const organizationId = checkOptionalId('Organization', args.organizationId, 'organizationId');
    const filter = podFilter(args);
    const page = pageRequest(args, 'Pod');
    // Another organization's pods are not the caller's to list: an empty list, as for any filter.
    if (organizationId && organizationId !== ctx.scope.organizationId) return toConnection({ rows: [], hasMore: false, total: 0 }, page);
    return toConnection(await listPods(ctx.db, ctx.scope, filter, page), page, () => countPods(ctx.db, ctx.scope, filter));
  },

  async tickets(_, args, ctx) {
    const filter = { ...ticketFilter(args), podId: checkId('Pod', args.podId, 'podId') };
    const page = pageRequest(args, 'Ticket');
    return toConnection(await listTickets(ctx.db, ctx.scope, filter, page), page, () => countTickets(ctx.db, ctx.scope, filter));
  },

  async slaReports(_, args, ctx) {
    if (args.period != null && parseMonth(args.period) === null) throw badRequest(`period must be ${MONTH_RULE}, got "${args.period}".`, 'period');
    const filter = { podId: checkId('Pod', args.podId, 'podId'), period: args.period ?? undefined };
    const page = slaReportPage(args);
    return toConnection(await listSlaReports(ctx.db, ctx.scope, filter, page), page, () => countSlaReports(ctx.db, ctx.scope, filter), slaReportKey);
  },

  async incidents(_, args, ctx) {
    const filter = incidentFilter(args);
    const page = pageRequest(args, 'Incident');
    return toConnection(await listIncidents(ctx.db, ctx.scope, filter, page), page, () => countIncidents(ctx.db, ctx.scope, filter));
  },
};
