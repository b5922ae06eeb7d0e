/**
 * Documents built to exhaust a GraphQL server, as issue 11 found them: the limits' tests send
 * them and `npm run bench -- fragments` times them.
 */

/**
 * `{ ...F1 } fragment F1 on Query { ...F2 ...F2 (k times) } ... fragment F<levels+1> on Query { __typename }`:
 * a few hundred bytes that expand to k^levels fields when executed.
 */
export function fragmentFanOut(k: number, levels = 6): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Query { ${`...F${i + 2} `.repeat(k)}}`);
  return `{ ...F1 } ${fragments.join(' ')} fragment F${levels + 1} on Query { __typename }`;
}

/**
 * `{ __typename(nested: [[[...]]]) }` with brackets `levels` deep: two tokens a level, so it passes
 * a token limit that graphql-js's recursive parser does not survive (about 2,400 levels).
 */
export function deepNesting(levels: number): string {
  return `{ __typename(nested: ${'['.repeat(levels)}${']'.repeat(levels)}) }`;
}
