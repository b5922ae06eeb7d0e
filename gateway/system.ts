import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../subgraphs/kit/config.ts';
import type { Database } from '../subgraphs/kit/db.ts';
import { principalHeaderKey } from '../subgraphs/kit/auth/principal-header.ts';
import { signingKeyFromSecret } from '../subgraphs/kit/auth/tokens.ts';
import { sealingKey } from '../subgraphs/kit/secrets.ts';
import { createSubgraph, type Subgraph } from '../subgraphs/kit/subgraph-server.ts';
import { DEFINITIONS } from '../subgraphs/index.ts';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/registry.ts';
import { createGraph, type GraphStats } from './graph.ts';
import { bearerAuthenticator } from './auth.ts';
import { createGatewayHandler } from './server.ts';

export interface RunningSystem {
  url: string;
  server: http.Server;
  stats: GraphStats;
  subgraphUrls: Record<SubgraphName, string>;
  close(): Promise<void>;
}

/**
 * The whole system in one process: every subgraph on its own loopback port and the gateway on
 * `config.port` (0 picks a free one, as tests do). Subgraphs are reached over real HTTP, exactly as
 * when each runs as its own process.
 */
export async function startSystem(config: Config, database: Database): Promise<RunningSystem> {
  const deps = {
    database,
    principalKey: principalHeaderKey(config.authSecret),
    sealingKey: sealingKey(config.credentialsKey, config.authSecret),
  };
  const subgraphs: Subgraph[] = [];
  const listeners: Array<{ url: string; close(): Promise<void> }> = [];
  const subgraphUrls = {} as Record<SubgraphName, string>;
  for (const { name } of SUBGRAPHS) {
    const subgraph = await createSubgraph(DEFINITIONS[name], deps);
    const listener = await subgraph.listen(0, '127.0.0.1');
    subgraphs.push(subgraph);
    listeners.push(listener);
    subgraphUrls[name] = listener.url;
  }

  const graph = createGraph({ subgraphUrls, principalKey: deps.principalKey, production: config.production });
  // Load the supergraph before accepting connections, so the first request never races it.
  await graph.runtime.getSchema();
  const handler = createGatewayHandler({
    graph,
    authenticator: bearerAuthenticator([signingKeyFromSecret(config.authSecret)]),
    database,
  });
  const server = http.createServer(handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;

  let closed = false;
  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    server,
    stats: graph.stats,
    subgraphUrls,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await graph.runtime.dispose();
      for (const listener of listeners) await listener.close();
      for (const subgraph of subgraphs) await subgraph.stop();
    },
  };
}
