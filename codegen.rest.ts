import type { CodegenConfig } from '@graphql-codegen/cli';
import { CodeFileLoader } from '@graphql-tools/code-file-loader';
import { composeGraph } from './schema/compose.ts';

/**
 * The CLI's own document loader (same pluck settings), answering a glob's files in path order.
 * `sort: false` below is passed to the document loading too, where it turns off the sorting of
 * sources by path: they would then come in the order their reads completed, and the generated
 * files would change with the machine's load.
 */
class SortedCodeFileLoader extends CodeFileLoader {
  override async load(pointer: string, options: Parameters<CodeFileLoader['load']>[1]): ReturnType<CodeFileLoader['load']> {
    const sources = await super.load(pointer, options);
    return sources.sort((a, b) => (a.location ?? '').localeCompare(b.location ?? ''));
  }
}

/**
 * Types of the REST shim's stored documents (gateway/rest/*.ts), from the API schema the gateway
 * serves: each route's `graphql(...)` document comes back as a TypedDocumentString of its result
 * and variables, so a mapper that reads a field the graph no longer has fails the typecheck, and
 * the docs' enum values (`status=active`) are the SDL's (enumType const: runtime objects). Fragments
 * are not masked: a mapper reads the fields its fragment selects.
 */
// `sort` and `loaders` are the loaders' options (the CLI passes them through), not in CodegenConfig's type.
const config: CodegenConfig & { sort: boolean; loaders: CodeFileLoader[] } = {
  overwrite: true,
  silent: true,
  // The SDL's own order: REST lists enum values (in errors and OpenAPI) in the order the schema declares them.
  sort: false,
  // The schema is SDL text (no loader reads it); the documents are read by this one, in path order.
  loaders: [new SortedCodeFileLoader({ pluckConfig: { skipIndent: true } })],
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
