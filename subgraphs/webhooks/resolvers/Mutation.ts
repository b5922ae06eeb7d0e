import type { MutationResolvers } from '../generated/resolvers.ts';
import { createWebhook, updateWebhook, deleteWebhook, rotateWebhookSecret, pingWebhook, redeliverWebhookDelivery } from '../commands.ts';

export const Mutation: MutationResolvers = {
  createWebhook: (_, { input }, ctx) => createWebhook(ctx, input),
  updateWebhook: (_, { id, input }, ctx) => updateWebhook(ctx, id, input),
  deleteWebhook: (_, { id }, ctx) => deleteWebhook(ctx, id),
  rotateWebhookSecret: (_, { id, input }, ctx) => rotateWebhookSecret(ctx, id, input?.overlapSeconds),
  pingWebhook: (_, { id }, ctx) => pingWebhook(ctx, id),
  redeliverWebhookDelivery: (_, { webhookId, deliveryId }, ctx) => redeliverWebhookDelivery(ctx, webhookId, deliveryId),
};
