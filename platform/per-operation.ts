import type { DocumentNode } from 'graphql';

/**
 * `make` computed once per parsed document and operation name, and remembered as long as the
 * document lives: the runtimes cache parsed documents by their text (Yoga's parser cache, the
 * planner's documents of a plan), so each request of a known operation finds its answer here.
 * What else `make` is given (`rest`: the schema a gateway executes against) is the first call's,
 * so it must be the same for every call with the document.
 */
export function perOperation<T, A extends unknown[] = []>(
  make: (document: DocumentNode, operationName: string | undefined, ...rest: A) => T,
): (document: DocumentNode, operationName: string | null | undefined, ...rest: A) => T {
  const made = new WeakMap<DocumentNode, Map<string, T>>();
  return (document, operationName, ...rest) => {
    let byName = made.get(document);
    if (!byName) made.set(document, (byName = new Map()));
    const key = operationName ?? '';
    if (byName.has(key)) return byName.get(key)!;
    const value = make(document, operationName ?? undefined, ...rest);
    byName.set(key, value);
    return value;
  };
}
