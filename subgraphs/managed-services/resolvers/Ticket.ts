import type { TicketResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { podById, ticketById } from '../loaders.ts';

/** A ticket lives in its pod's workspace, so whoever sees the ticket sees the pod. */
export const Ticket: TicketResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, ticketById(ctx)),
  pod: async (ticket, _, ctx) => (await podById(ctx).load(ticket.podId))!,
  submittedBy: (ticket) => (ticket.submittedBy ? { id: ticket.submittedBy } : null),
};
