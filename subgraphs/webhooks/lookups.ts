import type { Db } from '../kit/db.ts';
import { existingIds } from '../kit/lookup.ts';
import type { Scope } from '../kit/scope.ts';
import { deliveries, endpoints } from './tables.ts';
import { endpointScope, deliveryScope } from './data.ts';

/** What other subgraphs may ask the webhooks subgraph: which endpoints exist in a scope (node(id:)). */
export const existingWebhooks = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, endpoints, endpoints.id, ids, endpointScope(scope));

export const existingWebhookDeliveries = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, deliveries, deliveries.id, ids, deliveryScope(scope));
