import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The SDL every subgraph starts with: federation's imports, the shared scalars, Node and PageInfo. */
const SHARED_SDL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'shared.graphql');

/** The SDL of a subgraph as composition, codegen and its server see it: the shared pieces, then its own file. */
export function subgraphSdl(schemaFile: string): string {
  return `${fs.readFileSync(SHARED_SDL, 'utf8')}\n${fs.readFileSync(schemaFile, 'utf8')}`;
}
