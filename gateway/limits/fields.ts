import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValidationContext, type ASTVisitor } from 'graphql';
import { limitRefusal } from './refusal.ts';

export interface ExecutedFields {
  /** Fields each operation executes, fragments expanded where they are spread, saturating at the cap. */
  byOperation: Map<OperationDefinitionNode, number>;
  /** Selections looked at to count them: each selection of the document once, whatever it expands to. */
  visited: number;
}

/**
 * Counts the fields a document executes, which is what the planner and executor work through:
 * a fragment spread stands for all its fragment's fields, so `{ ...F1 }` where F1 spreads F2 k times,
 * F2 spreads F3 k times, ... executes k^6 fields from a few hundred bytes. Each fragment is counted
 * once and its count reused at every spread, so the count costs one pass over the document however
 * much it expands to; sums stop growing at `cap` (the limit plus one is enough to refuse).
 * Fragments that do not exist or spread themselves count nothing: validation refuses those.
 */
export function countExecutedFields(document: DocumentNode, cap = Number.MAX_SAFE_INTEGER): ExecutedFields {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const counted = new Map<string, number>();
  const counting = new Set<string>();
  let visited = 0;
  const add = (a: number, b: number) => Math.min(a + b, cap);

  const countFragment = (name: string): number => {
    const known = counted.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || counting.has(name)) return 0;
    counting.add(name);
    const n = countSelections(fragment.selectionSet);
    counting.delete(name);
    counted.set(name, n);
    return n;
  };
  const countSelections = (selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      visited++;
      if (selection.kind === Kind.FIELD) total = add(total, add(1, selection.selectionSet ? countSelections(selection.selectionSet) : 0));
      else if (selection.kind === Kind.INLINE_FRAGMENT) total = add(total, countSelections(selection.selectionSet));
      else total = add(total, countFragment(selection.name.value));
    }
    return total;
  };

  const byOperation = new Map<OperationDefinitionNode, number>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) byOperation.set(definition, countSelections(definition.selectionSet));
  }
  return { byOperation, visited };
}

/** MAX_FIELDS as a validation rule: an operation executing more fields is refused before it is planned. */
export function maxFieldsRule(maxFields: number) {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      for (const [operation, fields] of countExecutedFields(document, maxFields + 1).byOperation) {
        if (fields <= maxFields) continue;
        const name = operation.name ? `Operation ${operation.name.value}` : 'This operation';
        context.reportError(limitRefusal('MAX_FIELDS', `${name} executes more than ${maxFields} fields once its fragment spreads are expanded; the limit is ${maxFields}.`, { limit: maxFields }));
      }
      return false;
    },
  });
}
