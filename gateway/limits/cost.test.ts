import { describe, it, expect } from 'vitest';
import { GraphQLError, buildSchema, parse } from 'graphql';
import { queryCost } from './cost.ts';
import { fragmentFanOut } from '../../test/testkit/hostile-documents.ts';

const schema = buildSchema(`
  type Query { viewer: User! nodes(ids: [ID!]!): [Repository]! }
  type User { login: String! repositories(first: Int, last: Int): RepositoryConnection! }
  type RepositoryConnection { nodes: [Repository!]! }
  type Repository { id: ID! issues(first: Int, last: Int): IssueConnection! }
  type IssueConnection { nodes: [Issue!]! }
  type Issue { id: ID! labels(first: Int, last: Int): LabelConnection! }
  type LabelConnection { nodes: [Label!]! }
  type Label { name: String! }
`);

const cost = (query: string, variables?: Record<string, unknown>) => queryCost(schema, parse(query), undefined, variables);

describe('queryCost', () => {
  it("reproduces the figures of GitHub's own worked example", () => {
    // GitHub's docs: 100 repositories, 50 issues each, 60 labels each: 305,100 nodes;
    // 1 + 100 + 5,000 = 5,101 requests, score 51.
    const query = `query($issues: Int) { viewer { repositories(first: 100) { nodes { issues(first: $issues) {
      nodes { labels(last: 60) { nodes { name } } } } } } } }`;
    expect(cost(query, { issues: 50 })).toMatchObject({ nodes: 305_100, requests: 5_101, score: 51 });
  });

  it('counts fragments where they are spread, and lookups by their number of IDs', () => {
    const query = `{ nodes(ids: ["a", "b", "c"]) { ...Issues } viewer { repositories(first: 2) { nodes { ...Issues } } } }
      fragment Issues on Repository { issues(first: 10) { nodes { id } } }`;
    // 3 + 3 × 10 through the lookup; 2 + 2 × 10 through the connection.
    expect(cost(query)).toMatchObject({ nodes: 33 + 22, requests: 1 + 3 + 1 + 2, score: 1 });
  });

  it('refuses a connection without a page size, or with one out of range', () => {
    const missing = cost('{ viewer { repositories(first: 1) { nodes { issues { nodes { id } } } } } }');
    expect(missing).toBeInstanceOf(GraphQLError);
    expect((missing as GraphQLError).message).toBe('You must provide first or last to paginate the issues connection.');
    expect((cost('query($n: Int) { viewer { repositories(first: $n) { nodes { id } } } }', { n: 0 }) as GraphQLError).extensions)
      .toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('leaves variables that do not coerce to execution, which reports them', () => {
    expect(cost('query($n: Int!) { viewer { repositories(first: $n) { nodes { id } } } }', { n: 'ten' })).toBeUndefined();
  });

  it('prices a fragment once however often it is spread, and saturates instead of overflowing', () => {
    // F1 spreads F2 k times ... F6 spreads F7 k times; F7 asks for a page of 2 repositories: 2 × k^6 nodes.
    const fanOut = (k: number, levels = 6) => fragmentFanOut(k, levels)
      .replace(`fragment F${levels + 1} on Query { __typename }`, `fragment F${levels + 1} on Query { viewer { repositories(first: 2) { nodes { id } } } }`);
    expect(cost(fanOut(3))).toMatchObject({ nodes: 2 * 3 ** 6, requests: 3 ** 6, visited: 1 + 6 * 3 + 4 });
    // About as many spreads as the default token limit admits: each written selection looked at once.
    const huge = cost(fanOut(350)) as { nodes: number; visited: number };
    expect(huge).toMatchObject({ nodes: 2 * 350 ** 6, visited: 1 + 6 * 350 + 4 });
    expect((cost(fanOut(350, 8)) as { nodes: number }).nodes).toBe(Number.MAX_SAFE_INTEGER);
  });
});
