import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { pageRequest, toConnection, type ConnectionArgs } from '../../platform/connection.ts';
import { argsKey } from '../../platform/loaders.ts';
import { checkOptionalId } from '../../platform/args.ts';
import { badRequest } from '../../platform/errors.ts';
import { checkEventTypeFilter } from './rules.ts';
import { endpointsByIds, deliveriesByIds, attemptsByDelivery, previousSecretExpiries, deliveryPagesByEndpoint, type DeliveryFilter } from './data.ts';

/** The webhooks subgraph's per-request loaders: every reference and nested list is batched. */
export const webhookById = (ctx: SubgraphContext) =>
  ctx.loaders.get('Webhook.byId', (ids) => endpointsByIds(ctx.db, ctx.scope, ids));

export const webhookDeliveryById = (ctx: SubgraphContext) =>
  ctx.loaders.get('WebhookDelivery.byId', (ids) => deliveriesByIds(ctx.db, ctx.scope, ids));

export const previousSecretExpiry = (ctx: SubgraphContext) =>
  ctx.loaders.get('Webhook.previousSecretExpiresAt', (ids) => previousSecretExpiries(ctx.db, ids));

export const attemptsOf = (ctx: SubgraphContext) =>
  ctx.loaders.get('WebhookDelivery.attempts', (ids) => attemptsByDelivery(ctx.db, ctx.scope.organizationId, ids));

export type DeliveryListArgs = ConnectionArgs & {
  eventTypes?: readonly string[] | null;
  eventId?: string | null;
  status?: DeliveryFilter['status'] | null;
  from?: Date | null;
  to?: Date | null;
};

function deliveryFilter(args: DeliveryListArgs): DeliveryFilter {
  if (args.from && args.to && args.from.getTime() > args.to.getTime()) throw badRequest('to must not be before from.', 'to');
  return {
    eventTypes: checkEventTypeFilter(args.eventTypes),
    eventId: checkOptionalId('Event', args.eventId, 'eventId'),
    status: args.status ?? undefined,
    from: args.from ?? undefined,
    to: args.to ?? undefined,
  };
}

/** `deliveries(...)` of endpoints: one statement for all endpoints of the page. */
export async function webhookDeliveries(ctx: SubgraphContext, endpointId: string, args: DeliveryListArgs) {
  const page = pageRequest(args, 'WebhookDelivery');
  const filter = deliveryFilter(args);
  const loader = ctx.loaders.get(argsKey('Webhook.deliveries', args), (ids) => deliveryPagesByEndpoint(ctx.db, ctx.scope, ids, filter, page));
  return toConnection(await loader.load(endpointId), page);
}
