import type { CodegenConfig } from '@graphql-codegen/cli';
import { composeGraph } from './schema/compose.ts';

/**
 * Types of the REST shim's stored documents (gateway/rest/*.ts), from the API schema the gateway
 * serves: each route's `graphql(...)` document comes back as a TypedDocumentString of its result
 * and variables, so a mapper that reads a field the graph no longer has fails the typecheck, and
 * the docs' enum values (`status=active`) are the SDL's (enumType const: runtime objects). Fragments
 * are not masked: a mapper reads the fields its fragment selects.
 */
// `sort` is the schema loader's option (the CLI passes it through), not in CodegenConfig's type.
const config: CodegenConfig & { sort: boolean } = {
  overwrite: true,
  silent: true,
  // The SDL's own order: REST lists enum values (in errors and OpenAPI) in the order the schema declares them.
  sort: false,
  schema: composeGraph().apiSdl,
  documents: ['gateway/rest/*.ts', '!gateway/rest/*.test.ts'],
  generates: {
    'gateway/rest/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumType: 'const',
        importExtension: '.ts',
        skipTypename: true,
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown', ID: { input: 'string', output: 'string' } },
      },
    },
  },
};

export default config;
