import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSubgraph } from '../kit/subgraph-server.ts';
import type { SubgraphDeps } from '../kit/context.ts';
import { resolvers } from './resolvers/index.ts';

export const definition = {
  name: 'webhooks',
  schemaFile: path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.graphql'),
  resolvers,
} as const;

export const createWebhooksSubgraph = (deps: SubgraphDeps) => createSubgraph(definition, deps);
