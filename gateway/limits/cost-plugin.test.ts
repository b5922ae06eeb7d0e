import { describe, it, expect } from 'vitest';
import { buildSchema, parse, type ExecutionResult } from 'graphql';
import { useCostLimit } from './cost-plugin.ts';
import { pricedVariables } from './cost.ts';

const schema = buildSchema(`
  type Query { viewer: User! repository(name: String! = "main"): Repository nodes(ids: [ID!]!): [Repository]! }
  type User { login: String! repositories(first: Int, last: Int, after: String): RepositoryConnection! }
  type RepositoryConnection { nodes: [Repository!]! }
  type Repository { id: ID! issues(first: Int, last: Int, after: String): IssueConnection! }
  type IssueConnection { nodes: [Issue!]! }
  type Issue { id: ID! }
`);

const DOCUMENT = parse(`query Page($n: Int, $after: String, $name: String, $ids: [ID!]!, $issues: Int = 5) {
  viewer { repositories(first: $n, after: $after) { nodes { issues(first: $issues, after: $after) { nodes { id } } } } }
  repository(name: $name) { id }
  nodes(ids: $ids) { id }
}`);

type Outcome = { refused: string } | { cost: unknown } | 'unpriced';

/** What the plugin does with one request: refuses it, stamps its cost, or leaves it unpriced. */
function run(plugin: ReturnType<typeof useCostLimit>, variableValues: Record<string, unknown>): Outcome {
  let refused: string | undefined;
  const hooks = (plugin.onExecute as (payload: unknown) => { onExecuteDone(payload: unknown): void } | undefined)({
    args: { schema, document: DOCUMENT, operationName: 'Page', variableValues, contextValue: {} },
    setResultAndStopExecution: (result: ExecutionResult) => (refused = result.errors?.[0].message),
  });
  if (refused) return { refused };
  if (!hooks) return 'unpriced';
  let cost: unknown;
  hooks.onExecuteDone({ result: { data: {} }, setResult: (result: ExecutionResult) => (cost = result.extensions?.cost) });
  return { cost };
}

describe('useCostLimit', () => {
  it('keys a price on the variables that can change it: page sizes and ID lists by value, any other by absent, null or given', () => {
    expect(pricedVariables(DOCUMENT).sort()).toEqual(['ids', 'issues', 'n']);
    const requests: Record<string, unknown>[] = [
      { n: 10, after: 'a', ids: ['x'] },
      { n: 10, after: 'b', ids: ['x'] },
      { n: 10, after: 'b', ids: ['x', 'y'] },
      { n: 10, after: null, ids: ['x'] },
      { n: 10, ids: ['x'] },
      { n: 10, after: 'b', ids: ['x'], issues: 100 },
      { n: 100, after: 'c', ids: ['x'], issues: 100 },
      { n: 100, after: 'd', ids: ['x'], issues: 100 },
      { n: 0, after: 'a', ids: [] },
      { after: 'a', ids: [] },
      { n: 10, after: 7, ids: ['x'] },
      { n: 10, after: 'a', ids: ['x'], name: 'other' },
      { n: 10, after: 'a', ids: ['x'], name: null },
      { n: 10, after: 'b', ids: ['x'], name: null },
      { n: 'ten', after: 'a', ids: ['x'] },
      { n: 10, after: 'a', ids: ['x'], issues: null },
    ];
    const shared = useCostLimit(1000);
    const outcomes = requests.map((variables) => run(shared, variables));
    // The same as pricing each request afresh, in any order.
    expect(requests.map((variables) => run(useCostLimit(1000), variables))).toEqual(outcomes);
    expect([...requests].reverse().map((variables) => run(shared, variables))).toEqual([...outcomes].reverse());
    expect(outcomes.slice(0, 2)).toEqual([{ cost: { nodes: 10 + 50 + 1, score: 1, limit: 1000 } }, { cost: { nodes: 61, score: 1, limit: 1000 } }]);
    expect(outcomes[2]).toEqual({ cost: { nodes: 62, score: 1, limit: 1000 } });
    expect(outcomes[6]).toEqual({ refused: 'This query may return up to 10101 nodes; the limit is 1000 per query. Ask for smaller pages.' });
    expect(outcomes[10]).toBe('unpriced');
    // $name is nullable but lands on a non-null argument with a default: null there is refused.
    expect(outcomes[12]).toEqual({ refused: 'Argument "name" of non-null type "String!" must not be null.' });
    expect(outcomes[14]).toBe('unpriced');
  });
});
