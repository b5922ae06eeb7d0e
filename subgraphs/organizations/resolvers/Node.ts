import type { NodeResolvers } from '../generated/resolvers.ts';
import type { NodeValue } from '../node-index.ts';

/** node(id:) results carry their type name, taken from the ID prefix (see node-index.ts). */
export const Node: NodeResolvers = {
  __resolveType: (node) => (node as NodeValue).__typename,
};
