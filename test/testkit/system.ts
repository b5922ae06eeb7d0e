import { loadConfig } from '../../subgraphs/kit/config.ts';
import type { Database } from '../../subgraphs/kit/db.ts';
import type { Principal } from '../../subgraphs/kit/auth/tokens.ts';
import { startSystem, type RunningSystem } from '../../gateway/system.ts';
import { TEST_AUTH_SECRET, bearer } from './auth.ts';
import type { GraphQLResponse } from './subgraph.ts';

export interface TestSystem {
  system: RunningSystem;
  url: string;
  /** POSTs a GraphQL request to the gateway over real HTTP with a bearer token for `principal`. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, principal?: Principal | null): Promise<GraphQLResponse<T> & { extensions?: Record<string, any> }>;
  /** Counts the SQL statements and subgraph fetches one call makes. */
  measure<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; fetches: number }>;
  close(): Promise<void>;
}

/** The whole system (six subgraphs and the gateway) on free ports over a test database. */
export async function startTestSystem(database: Database, defaultPrincipal: Principal): Promise<TestSystem> {
  const config = { ...loadConfig({ AUTH_SECRET: TEST_AUTH_SECRET }), port: 0 };
  const system = await startSystem(config, database);
  return {
    system,
    url: system.url,
    async graphql(query, variables, principal = defaultPrincipal) {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      if (principal) headers.authorization = `Bearer ${await bearer(principal)}`;
      const res = await fetch(`${system.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: any[]; extensions?: Record<string, any> };
      return { status: res.status, data: body.data, errors: body.errors, extensions: body.extensions };
    },
    async measure(fn) {
      const fetchesBefore = system.stats.subgraphFetches;
      const { result, statements } = await database.statements.measure(fn);
      return { result, statements, fetches: system.stats.subgraphFetches - fetchesBefore };
    },
    close: () => system.close(),
  };
}
