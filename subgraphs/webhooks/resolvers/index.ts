import { Query } from './Query.ts';
import { Mutation } from './Mutation.ts';
import { Webhook, WebhookDelivery } from './Webhook.ts';

export const resolvers = { Query, Mutation, Webhook, WebhookDelivery };
