import type { Connection, Edge } from '../../platform/connection.ts';
import type { endpoints, deliveries, attempts } from './tables.ts';

/** What the webhooks subgraph's GraphQL types resolve from (codegen mappers). */
export type EndpointRow = typeof endpoints.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type AttemptRow = typeof attempts.$inferSelect;

export type WebhookModel = EndpointRow;
export type WebhookConnectionModel = Connection<EndpointRow>;
export type WebhookEdgeModel = Edge<EndpointRow>;
export type WebhookDeliveryModel = DeliveryRow;
export type WebhookDeliveryConnectionModel = Connection<DeliveryRow>;
export type WebhookDeliveryEdgeModel = Edge<DeliveryRow>;
export type WebhookAttemptModel = AttemptRow;
export interface CreatedWebhookModel {
  webhook: EndpointRow;
  secret: string;
}
export interface RotatedWebhookSecretModel {
  webhook: EndpointRow;
  secret: string;
  previousSecretExpiresAt: Date | null;
}
