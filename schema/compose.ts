import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';
import { SUBGRAPHS, schemaFileOf, standaloneUrl } from '../subgraphs/registry.ts';
import { subgraphSdl } from '../platform/subgraph/sdl.ts';
import { SUPERGRAPH_FILE } from './supergraph.ts';

export { SUPERGRAPH_FILE };

/**
 * Composes the subgraphs' SDL: the supergraph the gateway plans with, and the API schema its clients
 * (and the REST shim's typed documents, codegen.rest.ts) see. The URLs written into the supergraph
 * are the standalone defaults; a running gateway points each subgraph wherever it really is.
 */
export function composeGraph(): { supergraphSdl: string; apiSdl: string } {
  const result = composeServices(SUBGRAPHS.map(({ name }) => ({
    name,
    typeDefs: parse(subgraphSdl(schemaFileOf(name))),
    url: standaloneUrl(name),
  })));
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return { supergraphSdl: `${result.supergraphSdl!.trim()}\n`, apiSdl: result.publicSdl! };
}

export const composeSupergraph = (): string => composeGraph().supergraphSdl;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sdl = composeSupergraph();
  fs.writeFileSync(SUPERGRAPH_FILE, sdl);
  console.log(`wrote ${path.relative(process.cwd(), SUPERGRAPH_FILE)} (${sdl.split('\n').length} lines)`);
}
