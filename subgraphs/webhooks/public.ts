import type { Db } from '../../platform/db.ts';
import { existingIds } from '../../platform/existing-ids.ts';
import type { Scope } from '../../platform/scope.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/server.ts';
import { schemaFileOf } from '../registry.ts';
import { credentialsKeyOf } from '../integrations/public.ts';
import { deliveries, endpoints } from './tables.ts';
import { endpointScope, deliveryScope } from './data.ts';
import { startWebhookDelivery } from './delivery/start.ts';

/**
 * The webhooks subgraph's public module: the one file of this folder that code outside it may
 * import (everything else here is private); only this subgraph's code reads its tables.
 */
export const definition: SubgraphDefinition = {
  name: 'webhooks',
  schemaFile: schemaFileOf('webhooks'),
  loadResolvers: async () => (await import('./resolvers/index.ts')).resolvers,
  /**
   * The process serving this subgraph also runs a delivery worker (as many processes as run it
   * share the queue), and with EVENT_RETENTION_DAYS the hourly sweep of old deliveries; none with
   * `workers: false`, which leaves deliveries queued.
   */
  start(deps) {
    if (deps.workers === false) return;
    return startWebhookDelivery(deps.database, {
      sealingKey: credentialsKeyOf(deps),
      settings: deps.config.webhooks,
      retentionDays: deps.config.eventRetentionDays,
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Reads (node(id:) asks which IDs exist for the caller)

export const existingWebhooks = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, endpoints, endpoints.id, ids, endpointScope(scope));

export const existingWebhookDeliveries = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, deliveries, deliveries.id, ids, deliveryScope(scope));

/** The shape of an event type or domain prefix an endpoint subscribes to (REST documents it in OpenAPI). */
export { EVENT_TYPE } from './rules.ts';
