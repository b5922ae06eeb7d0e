import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Documents built to exhaust a GraphQL server, as issue 11 found them: the limits' tests send
 * them and `npm run bench -- fragments` times them.
 */

/**
 * `{ ...F1 } fragment F1 on Query { ...F2 ...F2 (k times) } ... fragment F<levels+1> on Query { __typename }`:
 * a few hundred bytes that expand to k^levels fields when executed.
 */
export function fragmentFanOut(k: number, levels = 6, leaf = '__typename'): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Query { ${`...F${i + 2} `.repeat(k)}}`);
  return `{ ...F1 } ${fragments.join(' ')} fragment F${levels + 1} on Query { ${leaf} }`;
}

/**
 * The fields a document's first operation executes, found the way an executor without memory would:
 * every spread expanded where it stands (exponential; the reference the limit's own count is held to).
 */
export function fieldsByExpansion(source: string): number {
  const document = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const count = (set: SelectionSetNode): number => set.selections.reduce((n, s) => {
    if (s.kind === Kind.FIELD) return n + 1 + (s.selectionSet ? count(s.selectionSet) : 0);
    if (s.kind === Kind.INLINE_FRAGMENT) return n + count(s.selectionSet);
    return n + count(fragments.get(s.name.value)!.selectionSet);
  }, 0);
  return count(document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!.selectionSet);
}

/**
 * `{ __typename(nested: [[[...]]]) }` with brackets `levels` deep: two tokens a level, so it passes
 * a token limit that graphql-js's recursive parser does not survive (about 2,400 levels).
 */
export function deepNesting(levels: number): string {
  return `{ __typename(nested: ${'['.repeat(levels)}${']'.repeat(levels)}) }`;
}
