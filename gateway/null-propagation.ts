import {
  GraphQLIncludeDirective, GraphQLSkipDirective, Kind, getDirectiveValues, getNamedType, getOperationAST, isAbstractType, isLeafType,
  isListType, isNonNullType, isObjectType, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType,
  type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';

/** A non-null position that holds nothing: its parent must become null in its place. */
const BUBBLE = Symbol('bubble');

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/**
 * The answer as GraphQL's execution would have completed it: a non-null field that holds nothing
 * (its subgraph failed) makes its parent null, up to the nearest nullable field, and every nullable
 * field that is missing is null. The gateway's planner does the first step only (an object missing
 * a non-null field becomes null, even in a non-null place) and, for a union member, keeps a bare
 * `{__typename}`; clients typed from the schema would read nulls where it promises values.
 * Only answers with errors need this; a complete answer is returned as it is.
 */
export function propagateNulls(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined, data: unknown): Record<string, unknown> | null {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return (data ?? null) as Record<string, unknown> | null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const walk: Walk = { schema, fragments, variables: variables ?? {} };
  const completed = completeObject(walk, (data ?? {}) as Record<string, unknown>, root, [operation.selectionSet]);
  return completed === BUBBLE ? null : completed;
}

function completeObject(walk: Walk, data: Record<string, unknown>, type: GraphQLCompositeType, selectionSets: readonly SelectionSetNode[]): Record<string, unknown> | typeof BUBBLE {
  const runtime = isAbstractType(type) ? walk.schema.getType(String(data.__typename)) : type;
  // Without a concrete type there is no telling which fields it promises: leave it as it is.
  if (!isObjectType(runtime)) return data;
  const result: Record<string, unknown> = {};
  for (const [key, nodes] of collectFields(walk, runtime, selectionSets)) {
    const name = nodes[0].name.value;
    if (name === '__typename') {
      result[key] = data[key] ?? runtime.name;
      continue;
    }
    const field = runtime.getFields()[name];
    if (!field) {
      // Introspection's meta fields are no field of the type: as they came.
      if (key in data) result[key] = data[key];
      continue;
    }
    const value = completeValue(walk, data[key], field.type, nodes);
    if (value === BUBBLE) return BUBBLE;
    result[key] = value;
  }
  return result;
}

function completeValue(walk: Walk, value: unknown, type: GraphQLOutputType, nodes: readonly FieldNode[]): unknown {
  if (isNonNullType(type)) {
    const inner = completeValue(walk, value, type.ofType, nodes);
    return inner === null || inner === undefined || inner === BUBBLE ? BUBBLE : inner;
  }
  if (value === null || value === undefined) return null;
  if (isListType(type)) {
    if (!Array.isArray(value)) return value;
    const items = value.map((item) => completeValue(walk, item, type.ofType, nodes));
    return items.includes(BUBBLE) ? null : items;
  }
  if (isLeafType(type) || typeof value !== 'object') return value;
  const selectionSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const completed = completeObject(walk, value as Record<string, unknown>, getNamedType(type) as GraphQLCompositeType, selectionSets);
  return completed === BUBBLE ? null : completed;
}

/** graphql-js's CollectFields: the fields asked of an object of `type`, by response key. */
function collectFields(walk: Walk, type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[], into = new Map<string, FieldNode[]>(), seen = new Set<string>()): Map<string, FieldNode[]> {
  for (const selectionSet of selectionSets) {
    for (const selection of selectionSet.selections) {
      if (!included(walk, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        into.set(key, [...(into.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(walk, type, selection.typeCondition?.name.value)) collectFields(walk, type, [selection.selectionSet], into, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = walk.fragments.get(selection.name.value);
        if (fragment && applies(walk, type, fragment.typeCondition.name.value)) collectFields(walk, type, [fragment.selectionSet], into, seen);
      }
    }
  }
  return into;
}

function included(walk: Walk, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
}

function applies(walk: Walk, type: GraphQLObjectType, condition: string | undefined): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = walk.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type);
}
