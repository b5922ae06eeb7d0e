import { Kind, type DocumentNode } from 'graphql';

/**
 * GraphQL enums are UPPER_CASE, as clients expect; the database and REST use the docs' lowercase
 * values. Every enum value maps to its lowercase form, so resolvers (and their generated types)
 * only ever see the stored values and no mapping code is written per enum.
 */
export function enumInternalValues(typeDefs: DocumentNode): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
    result[definition.name.value] = Object.fromEntries(
      (definition.values ?? []).map((v) => [v.name.value, v.name.value.toLowerCase()]),
    );
  }
  return result;
}
