import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The subgraphs of the graph: name (as composition and the gateway know it), folder, and the port
 * it listens on when run as its own process (docker-compose, `npm run subgraph -- NAME`).
 */
export const SUBGRAPHS = [
  { name: 'organizations', port: 4001 },
  { name: 'service-lines', port: 4002 },
  { name: 'tasks', port: 4003 },
  { name: 'managed-services', port: 4004 },
  { name: 'integrations', port: 4005 },
  { name: 'events', port: 4006 },
  { name: 'webhooks', port: 4007 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export function schemaFileOf(name: SubgraphName): string {
  return path.join(here, name, 'schema.graphql');
}

/** Where a subgraph is reached: SUBGRAPH_<NAME>_URL, else its standalone port on localhost. */
export function defaultSubgraphUrl(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`];
  const port = SUBGRAPHS.find((s) => s.name === name)!.port;
  return fromEnv ?? `http://127.0.0.1:${port}/graphql`;
}
