import type { Database, Db } from './db.ts';
import type { Principal } from './auth/tokens.ts';
import type { SealingKey } from './secrets.ts';
import type { WebhookSettings } from '../webhooks/settings.ts';
import { Loaders } from './loaders.ts';
import { scopeOf, type Scope } from './scope.ts';

/** What every subgraph needs to serve requests; made once per process. */
export interface SubgraphDeps {
  database: Database;
  /** Key of the gateway's signed principal header. */
  principalKey: Buffer;
  /** Seals integration credentials. */
  sealingKey: SealingKey;
  /** NATS JetStream for the event stream's fan-out between replicas (NATS_URL), when set. */
  natsUrl?: string;
  /** Keeps this deployment's NATS stream apart from others on the same server (NATS_NAMESPACE, default scrums). */
  natsNamespace?: string;
  /** How webhooks are checked and delivered (WEBHOOK_*); the environment's when absent. */
  webhooks?: WebhookSettings;
}

/** The context of one request to one subgraph. */
export interface SubgraphContext {
  db: Db;
  database: Database;
  principal: Principal;
  scope: Scope;
  loaders: Loaders;
  deps: SubgraphDeps;
}

export function createContext(deps: SubgraphDeps, principal: Principal): SubgraphContext {
  return {
    db: deps.database.db,
    database: deps.database,
    principal,
    scope: scopeOf(principal),
    loaders: new Loaders(),
    deps,
  };
}
