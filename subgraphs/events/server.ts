import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSubgraph } from '../../platform/subgraph/server.ts';
import type { SubgraphDeps } from '../../platform/subgraph/context.ts';
import { resolvers } from './resolvers/index.ts';
import { stopStream } from './stream/registry.ts';

export const definition = {
  name: 'events',
  schemaFile: path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.graphql'),
  resolvers,
  onStop: stopStream,
} as const;

export const createEventsSubgraph = (deps: SubgraphDeps) => createSubgraph(definition, deps);
