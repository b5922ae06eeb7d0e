import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';
import { SUBGRAPHS, schemaFileOf, defaultSubgraphUrl } from '../subgraphs/registry.ts';
import { subgraphSdl } from '../platform/subgraph/sdl.ts';

export const SUPERGRAPH_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'supergraph.graphql');

/**
 * Composes the subgraphs' SDL into the supergraph. The URLs written into it are the standalone
 * defaults; a running gateway points each subgraph wherever it really is.
 */
export function composeSupergraph(): string {
  const result = composeServices(SUBGRAPHS.map(({ name }) => ({
    name,
    typeDefs: parse(subgraphSdl(schemaFileOf(name))),
    url: defaultSubgraphUrl(name, {}),
  })));
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl!.trim()}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sdl = composeSupergraph();
  fs.writeFileSync(SUPERGRAPH_FILE, sdl);
  console.log(`wrote ${path.relative(process.cwd(), SUPERGRAPH_FILE)} (${sdl.split('\n').length} lines)`);
}
