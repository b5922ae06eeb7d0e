import type { Db } from '../kit/db.ts';
import { existingIds } from '../kit/lookup.ts';
import type { Scope } from '../kit/scope.ts';
import { endpoints } from './tables.ts';
import { endpointScope } from './data.ts';

/** What other subgraphs may ask the webhooks subgraph: which endpoints exist in a scope (node(id:)). */
export const existingWebhooks = (db: Db, scope: Scope, ids: readonly string[]) =>
  existingIds(db, endpoints, endpoints.id, ids, endpointScope(scope));
