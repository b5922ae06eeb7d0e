import { describe, it, expect } from 'vitest';
import { parse, visit, type DocumentNode } from 'graphql';
import { countExecutedFields } from './fields.ts';
import { fragmentFanOut, fieldsByExpansion } from '../../test/testkit/hostile-documents.ts';
import { DASHBOARD, POD_DETAIL, TASK_DETAIL } from '../../test/testkit/screens.ts';
import { loadLimitsConfig } from './config.ts';

/** Selections written in the document: the most a linear count may look at. */
function selectionsIn(document: DocumentNode): number {
  let n = 0;
  visit(document, { Field: () => void n++, InlineFragment: () => void n++, FragmentSpread: () => void n++ });
  return n;
}

const only = (document: DocumentNode, cap?: number) => [...countExecutedFields(document, cap).byOperation.values()][0];

describe('countExecutedFields', () => {
  it('counts what fragment spreads expand to, as the expanding reference does', () => {
    const documents = [
      ...[1, 2, 3, 4].flatMap((k) => [1, 2, 3, 4].map((levels) => fragmentFanOut(k, levels))),
      `{ viewer { ...V ...V } ...Q } fragment V on Viewer { role user { ...U } } fragment U on User { id name ... on User { email } }
       fragment Q on Query { __typename viewer { ...V } }`,
      `query A { ...Q ...Q ...Q } fragment Q on Query { workspace(id: "x") { id ... { name } } }`,
      DASHBOARD, POD_DETAIL, TASK_DETAIL,
    ];
    for (const source of documents) expect(only(parse(source)), source).toBe(fieldsByExpansion(source));
    expect(only(parse(fragmentFanOut(8)))).toBe(8 ** 6);
  });

  it('counts each operation of a document on its own', () => {
    const { byOperation } = countExecutedFields(parse('query A { a b } query B { ...F ...F } fragment F on Query { c d e }'));
    expect([...byOperation.values()]).toEqual([2, 6]);
  });

  it('looks at each written selection once, however far the document expands, and saturates at the cap', () => {
    // About as many spreads as the default token limit admits: 350^6 fields once expanded.
    const document = parse(fragmentFanOut(350));
    const { byOperation, visited } = countExecutedFields(document, 1001);
    expect([...byOperation.values()]).toEqual([1001]);
    expect(visited).toBe(selectionsIn(document));
    expect(visited).toBe(1 + 6 * 350 + 1);
    expect(only(document)).toBe(350 ** 6);
    expect(only(parse(fragmentFanOut(350, 7)))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('counts nothing for a spread that validation refuses: unknown or cyclic', () => {
    expect(only(parse('{ a ...Missing ...Self } fragment Self on Query { b ...Self }'))).toBe(2);
  });

  it('leaves every screen far inside the default MAX_FIELDS', () => {
    const { maxFields } = loadLimitsConfig({});
    for (const screen of [DASHBOARD, POD_DETAIL, TASK_DETAIL]) expect(only(parse(screen))).toBeLessThan(maxFields / 10);
  });
});
