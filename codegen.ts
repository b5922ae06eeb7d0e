import fs from 'node:fs';
import { parse } from 'graphql';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { SUBGRAPHS, schemaFileOf } from './subgraphs/registry.ts';
import { subgraphSdl } from './platform/subgraph/sdl.ts';
import { enumInternalValues } from './platform/subgraph/enums.ts';

/**
 * Resolver types for every subgraph. Mappers come from the subgraph's models.ts: an exported
 * `<Type>Model` maps GraphQL type <Type> (drizzle rows, connections of rows); entities the subgraph
 * only references map to EntityRef. Enums map to their stored lowercase values.
 */
function subgraphTarget(name: (typeof SUBGRAPHS)[number]['name']) {
  const sdl = subgraphSdl(schemaFileOf(name));
  const document = parse(sdl);
  const modelsFile = `subgraphs/${name}/models.ts`;
  const models = fs.existsSync(modelsFile) ? fs.readFileSync(modelsFile, 'utf8') : '';
  const mappers: Record<string, string> = {};
  for (const [, type] of models.matchAll(/export (?:type|interface) (\w+)Model\b/g)) {
    mappers[type] = `../models.ts#${type}Model`;
  }
  for (const definition of document.definitions) {
    if (definition.kind !== 'ObjectTypeDefinition' || mappers[definition.name.value]) continue;
    const isEntity = definition.directives?.some((d) => d.name.value === 'key');
    if (isEntity) mappers[definition.name.value] = '../../../platform/subgraph/models.ts#EntityRef';
  }
  // With per-value enumValues, codegen types enum results as `null`; a mapper to the generated
  // union of stored values (checked before enumValues) types them properly.
  const enums = enumInternalValues(document);
  for (const name of Object.keys(enums)) mappers[name] ??= name;
  return {
    schema: sdl,
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      enumsAsTypes: true,
      contextType: '../../../platform/subgraph/context.ts#SubgraphContext',
      mappers,
      enumValues: enums,
      scalars: { DateTime: 'Date', Date: 'string', JSON: 'unknown', ID: 'string' },
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      maybeValue: 'T | null',
      inputMaybeValue: 'T | null | undefined',
      resolverTypeWrapperSignature: 'Promise<T> | T',
    },
  };
}

const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  generates: Object.fromEntries(SUBGRAPHS.map(({ name }) => [`subgraphs/${name}/generated/resolvers.ts`, subgraphTarget(name)])),
  hooks: {},
};

export default config;
