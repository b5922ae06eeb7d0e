import type { Database } from '../../platform/db.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import { signPrincipal, PRINCIPAL_HEADER } from '../../platform/auth/principal-header.ts';
import { createSubgraph, type SubgraphDefinition } from '../../platform/subgraph/server.ts';
import type { WebhookSettings } from '../../platform/webhook-settings.ts';
import { loadConfig } from '../../platform/config.ts';
import { TEST_AUTH_SECRET, TEST_PRINCIPAL_KEY } from './auth.ts';
import { auditLogWrites } from '../../subgraphs/audit-logs/public.ts';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

export interface SubgraphClient {
  url: string;
  /** Sends a query as the gateway would, with `principal` signed in the principal header. */
  query<T = any>(query: string, variables?: Record<string, unknown>, principal?: Principal | null): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * One subgraph on a loopback port over a test database, queried over real HTTP. Its background
 * workers stay off (tests run a webhook worker of their own); `options.webhooks` overrides WEBHOOK_* settings.
 */
export async function startSubgraph(
  definition: SubgraphDefinition, database: Database, defaultPrincipal: Principal, options: { webhooks?: Partial<WebhookSettings> } = {},
): Promise<SubgraphClient> {
  const config = loadConfig({ AUTH_SECRET: TEST_AUTH_SECRET, HEALTH_EVALUATION_SECONDS: 'off' });
  const subgraph = await createSubgraph(definition, {
    database,
    principalKey: TEST_PRINCIPAL_KEY,
    config: { ...config, webhooks: { ...config.webhooks, ...options.webhooks } },
    workers: false,
    recordWrite: auditLogWrites.recordWriteAttempt,
  });
  const listener = await subgraph.listen(0);
  return {
    url: listener.url,
    async query(query, variables, principal = defaultPrincipal) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (principal) headers[PRINCIPAL_HEADER] = signPrincipal(TEST_PRINCIPAL_KEY, principal);
      const res = await fetch(listener.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as GraphQLResponse;
      return { status: res.status, data: body.data, errors: body.errors };
    },
    async close() {
      await listener.close();
      await subgraph.stop();
    },
  };
}
