import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The subgraphs of the graph: name (as composition and the gateway know it, and the name of its
 * folder), and the port it listens on when run as its own process (docker-compose,
 * `npx tsx subgraphs/NAME/index.ts`).
 */
export const SUBGRAPHS = [
  { name: 'organizations', port: 4001 },
  { name: 'service-lines', port: 4002 },
  { name: 'tasks', port: 4003 },
  { name: 'managed-services', port: 4004 },
  { name: 'integrations', port: 4005 },
  { name: 'events', port: 4006 },
  { name: 'webhooks', port: 4007 },
  { name: 'audit-logs', port: 4008 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export function schemaFileOf(name: SubgraphName): string {
  return path.join(here, name, 'schema.graphql');
}

export function portOf(name: SubgraphName): number {
  return SUBGRAPHS.find((s) => s.name === name)!.port;
}

/** Where a subgraph run as its own process answers on this machine: composition writes it into the supergraph. */
export function standaloneUrl(name: SubgraphName): string {
  return `http://127.0.0.1:${portOf(name)}/graphql`;
}
