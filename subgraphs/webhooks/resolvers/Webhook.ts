import type { WebhookResolvers, WebhookDeliveryResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { requireCapability } from '../../../platform/auth/roles.ts';
import { webhookById, webhookDeliveryById, previousSecretExpiry, attemptsOf, webhookDeliveries } from '../loaders.ts';

export const Webhook: WebhookResolvers = {
  // node(id:) reaches endpoints through here: owners and admins only, like every other read of them.
  __resolveReference(reference, ctx) {
    requireCapability(ctx.principal, 'admin');
    return resolveReference(reference, webhookById(ctx));
  },
  workspace: (webhook) => (webhook.workspaceId ? { id: webhook.workspaceId } : null),
  organization: (webhook) => ({ id: webhook.organizationId }),
  previousSecretExpiresAt: async (webhook, _, ctx) => (await previousSecretExpiry(ctx).load(webhook.id)) ?? null,
  deliveries: (webhook, args, ctx) => webhookDeliveries(ctx, webhook.id, args),
};

export const WebhookDelivery: WebhookDeliveryResolvers = {
  __resolveReference(reference, ctx) {
    requireCapability(ctx.principal, 'admin');
    return resolveReference(reference, webhookDeliveryById(ctx));
  },
  webhook: async (delivery, _, ctx) => (await webhookById(ctx).load(delivery.endpointId)) ?? null,
  event: (delivery) => (delivery.eventId ? { id: delivery.eventId } : null),
  attemptCount: (delivery) => delivery.attempts,
  requestBody: (delivery) => delivery.body,
  attempts: async (delivery, _, ctx) => (await attemptsOf(ctx).load(delivery.id)) ?? [],
};
