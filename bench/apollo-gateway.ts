import fs from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
// Elastic License 2.0: a devDependency for this comparison only; nothing outside bench/ imports it.
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { SUPERGRAPH_FILE } from '../schema/supergraph.ts';
import { signPrincipal, PRINCIPAL_HEADER } from '../platform/auth/principal-header.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import type { SubgraphName } from '../subgraphs/registry.ts';
import type { Authenticator } from '../gateway/auth.ts';

/**
 * The baseline: Apollo Gateway (JavaScript query planner) over the same committed supergraph and
 * the same running subgraphs as our gateway, served over HTTP by @apollo/server. It authenticates
 * the bearer token with the same authenticator and signs the principal into the same header, so
 * the per-request work outside planning and execution is the same on both sides.
 */

interface ApolloContext {
  principal: Principal;
}

export interface RunningApolloGateway {
  url: string;
  /** Subgraph fetches since start, counted as the data source sends them. */
  stats: { subgraphFetches: number };
  close(): Promise<void>;
}

export async function startApolloGateway(options: {
  subgraphUrls: Record<SubgraphName, string>;
  principalKey: Buffer;
  authenticator: Authenticator;
}): Promise<RunningApolloGateway> {
  const stats = { subgraphFetches: 0 };
  const gateway = new ApolloGateway({
    supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8'),
    // The supergraph names the standalone ports; point each subgraph where it really listens.
    buildService: ({ name }) => {
      const url = options.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`the supergraph names a subgraph the system did not start: ${name}`);
      return new RemoteGraphQLDataSource<ApolloContext>({
        url,
        willSendRequest({ request, context }) {
          stats.subgraphFetches++;
          request.http!.headers.set(PRINCIPAL_HEADER, signPrincipal(options.principalKey, context.principal));
        },
      });
    },
  });
  const server = new ApolloServer<ApolloContext>({ gateway });
  try {
    const { url } = await startStandaloneServer(server, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => ({ principal: (await options.authenticator.authenticate(req.headers.authorization)).principal }),
    });
    return { url, stats, close: () => server.stop() };
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
}
