import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSubgraph } from '../../platform/subgraph/server.ts';
import type { SubgraphDeps } from '../../platform/subgraph/context.ts';
import { resolvers } from './resolvers/index.ts';

export const definition = {
  name: 'service-lines',
  schemaFile: path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.graphql'),
  resolvers,
} as const;

export const createServiceLinesSubgraph = (deps: SubgraphDeps) => createSubgraph(definition, deps);
