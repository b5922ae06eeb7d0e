import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The composed supergraph (npm run compose writes it, committed): all the gateway knows of the subgraphs. */
export const SUPERGRAPH_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'supergraph.graphql');
