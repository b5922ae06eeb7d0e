import type { Database, Db } from '../db.ts';
import type { Principal } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import { Loaders } from '../loaders.ts';
import { scopeOf, type Scope } from '../scope.ts';
import type { WriteRecorder } from './write-audit.ts';

/** What every subgraph needs to serve requests; made once per process. */
export interface SubgraphDeps {
  database: Database;
  /** Key of the gateway's signed principal header. */
  principalKey: Buffer;
  /** The process's configuration: a subgraph reads the settings of its own (NATS_URL, CREDENTIALS_KEY ...) here. */
  config: Config;
  /**
   * false: the subgraph's background workers (the webhook delivery worker) are not started; tests
   * that drive a worker themselves, or compare table snapshots, leave them off. Started by default.
   */
  workers?: boolean;
  /**
   * Records every write attempted through a mutation, succeeded (in the write's transaction) or
   * refused: the audit trail (subgraphs/audit-logs/public.ts), given by the composition root since
   * the platform knows no subgraph (write-audit.ts).
   */
  recordWrite: WriteRecorder;
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
