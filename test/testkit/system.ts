import { loadConfig } from '../../platform/config.ts';
import type { Database } from '../../platform/db.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { startSystem, type RunningSystem } from '../../scripts/system.ts';
import { loadLimitsConfig, type LimitsConfig } from '../../gateway/limits/index.ts';
import type { WebhookSettings } from '../../platform/webhook-settings.ts';
import { TEST_AUTH_SECRET, bearer } from './auth.ts';
import type { GraphQLResponse } from './subgraph.ts';

export interface TestSystem {
  system: RunningSystem;
  url: string;
  /** POSTs a GraphQL request to the gateway over real HTTP with a bearer token for `principal`. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, principal?: Principal | null): Promise<GraphQLResponse<T> & { extensions?: Record<string, any>; headers: Headers }>;
  /** The same with `authorization` sent as is (an API key, a foreign token, garbage), or no header for null. */
  graphqlWith<T = any>(authorization: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T> & { extensions?: Record<string, any>; headers: Headers }>;
  /** Counts the SQL statements and subgraph fetches one call makes. */
  measure<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; fetches: number }>;
  close(): Promise<void>;
}

export interface TestSystemOptions {
  /** Limits to lower (or raise) for this system; the rest are the defaults, never the environment's. */
  limits?: Partial<LimitsConfig>;
  /** Run as under NODE_ENV=production (no GraphiQL, no suggestions, opaque errors). */
  production?: boolean;
  /** Retired signing secrets the gateway still verifies tokens with (AUTH_PREVIOUS_SECRETS). */
  previousSecrets?: string[];
  /** NATS JetStream fan-out (NATS_URL) under its own namespace, as replicas of one deployment share. */
  nats?: { url: string; namespace: string };
  /**
   * Seconds between periodic health evaluations (HEALTH_EVALUATION_SECONDS). Off unless given: an
   * evaluation appends events, which tests that read the event stream do not expect.
   */
  healthEvaluationSeconds?: number;
  /** WEBHOOK_* settings to override (tests allow loopback receivers and shorten the retry schedule). */
  webhooks?: Partial<WebhookSettings>;
  /** false: no webhook delivery worker (deliveries stay queued, so a suite can compare table snapshots). */
  webhookWorker?: boolean;
  /** More environment for the configuration (CORS_ORIGINS, ...). */
  env?: Record<string, string>;
  /** GraphiQL's Headers tab starts with this token (as under npm start). */
  graphiqlToken?: () => Promise<string>;
}

/** The whole system (six subgraphs and the gateway) on free ports over a test database. */
export async function startTestSystem(database: Database, defaultPrincipal: Principal, options: TestSystemOptions = {}): Promise<TestSystem> {
  const env = {
    AUTH_SECRET: TEST_AUTH_SECRET,
    ...(options.production ? { NODE_ENV: 'production' } : {}),
    ...(options.previousSecrets ? { AUTH_PREVIOUS_SECRETS: options.previousSecrets.join(',') } : {}),
    ...(options.nats ? { NATS_URL: options.nats.url, NATS_NAMESPACE: options.nats.namespace } : {}),
    HEALTH_EVALUATION_SECONDS: String(options.healthEvaluationSeconds ?? 'off'),
    ...options.env,
  };
  const loaded = loadConfig(env);
  const config = { ...loaded, port: 0, webhooks: { ...loaded.webhooks, ...options.webhooks } };
  const system = await startSystem(config, database, { ...loadLimitsConfig({}), ...options.limits }, { webhookWorker: options.webhookWorker, graphiqlToken: options.graphiqlToken });
  async function graphqlWith(authorization: string | null, query: string, variables?: Record<string, unknown>) {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (authorization !== null) headers.authorization = authorization;
    const res = await fetch(`${system.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: any[]; extensions?: Record<string, any> };
    return { status: res.status, data: body.data, errors: body.errors, extensions: body.extensions, headers: res.headers };
  }
  return {
    system,
    url: system.url,
    async graphql(query, variables, principal = defaultPrincipal) {
      return graphqlWith(principal ? `Bearer ${await bearer(principal)}` : null, query, variables);
    },
    graphqlWith,
    async measure(fn) {
      const fetchesBefore = system.stats.subgraphFetches;
      const { result, statements } = await database.statements.measure(fn);
      return { result, statements, fetches: system.stats.subgraphFetches - fetchesBefore };
    },
    close: () => system.close(),
  };
}
