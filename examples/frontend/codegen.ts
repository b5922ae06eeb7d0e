import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import { CLIENT_SCALARS } from './scalars.ts';

/**
 * GraphQL Code Generator for a frontend of the graph (README, "For frontend teams"): the schema
 * from the running gateway (introspection needs a token, like every request), the app's documents,
 * and out come TypedDocumentNodes for Apollo Client with the persisted documents manifest beside
 * them (`persisted-documents.json`, for PERSISTED_DOCUMENTS). `__typename` is added to every
 * selection as Apollo Client's cache does, so the manifest holds exactly what the client runs.
 *
 *   TOKEN=... npx graphql-codegen --config examples/frontend/codegen.ts
 */
export function frontendCodegen(options: { url: string; token: string; src: string }): CodegenConfig {
  return {
    overwrite: true,
    silent: true,
    schema: { [options.url]: { headers: { Authorization: `Bearer ${options.token}` } } },
    documents: [path.join(options.src, '**/*.graphql')],
    generates: {
      [`${path.join(options.src, 'gql')}/`]: {
        preset: 'client',
        presetConfig: { persistedDocuments: true, fragmentMasking: false },
        documentTransforms: [addTypenameSelectionDocumentTransform],
        config: { scalars: CLIENT_SCALARS, useTypeImports: true },
      },
    },
  };
}

export default frontendCodegen({
  url: process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql',
  token: process.env.TOKEN ?? '',
  // Where the app's documents are and its gql/ goes (tests point it at a copy).
  src: process.env.FRONTEND_SRC ?? path.join(import.meta.dirname, 'src'),
});
