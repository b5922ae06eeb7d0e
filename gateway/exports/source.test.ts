import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { buildSchema } from 'graphql';
import { nestedFieldOf, planGraphQL } from './source.ts';

const schema = buildSchema(fs.readFileSync(path.resolve(import.meta.dirname, '../../schema/supergraph.graphql'), 'utf8'));
const PAGE = 'pageInfo { hasNextPage endCursor }';

describe('GraphQL export documents', () => {
  it('finds the connection through single objects and keeps the given first', () => {
    const plan = planGraphQL(schema, `query($id: ID!, $after: String) { workspace(id: $id) { ws: serviceLines(first: 20, after: $after) { nodes { id name } ${PAGE} } } }`);
    expect(plan.path).toEqual(['workspace', 'ws']);
    expect(plan.document).toContain('serviceLines(first: 20, after: $after)');
  });

  it('pages with the graph\'s largest page when the document gives no first', () => {
    const plan = planGraphQL(schema, `query($after: String) { events(types: ["task."], after: $after) { nodes { id } ${PAGE} } }`);
    expect(plan.path).toEqual(['events']);
    expect(plan.document).toContain('events(first: 100, types: ["task."], after: $after)');
  });

  it('refuses documents that do not follow the rule, with 422 naming query', () => {
    const refused = (document: string, message: RegExp) => {
      try {
        planGraphQL(schema, document);
      } catch (error: any) {
        expect(error).toMatchObject({ code: 'unprocessable', status: 422, field: 'query' });
        expect(error.message).toMatch(message);
        return;
      }
      throw new Error(`accepted: ${document}`);
    };
    refused('query { events { nodes { id } } }', /declare the variable \$after: String/);
    refused(`query A($after: String) { events(after: $after) { nodes { id } ${PAGE} } } query B { viewer { role } }`, /exactly one operation, found 2/);
    refused(`query($after: String) { events(after: $after) { nodes { id } pageInfo { hasNextPage } } }`, /pageInfo \{ hasNextPage endCursor \}/);
    refused(`query($after: String) { events(after: $after) { items: nodes { id } ${PAGE} } }`, /must select nodes/);
    refused(`query($after: String) { events(after: $after, before: $after) { nodes { id } ${PAGE} } }`, /use \$after only as the connection's after argument/);
    refused(`query($after: String) { events(after: $after) { ...F } } fragment F on EventConnection { nodes { id } ${PAGE} }`, /named fragments/);
    refused(`query($after: String) { nodes(ids: ["WS-26-000021"]) { ... on Workspace { events(after: $after) { nodes { id } ${PAGE} } } } }`, /nodes is a list/);
    refused(`subscription($after: String) { x }`, /must be a query, not a subscription/);
  });

  it('knows which selections CSV cannot hold', () => {
    const flat = planGraphQL(schema, `query($after: String) { events(after: $after) { nodes { id type createdAt } ${PAGE} } }`);
    expect(nestedFieldOf(schema, flat)).toBeNull();
    const json = planGraphQL(schema, `query($after: String) { events(after: $after) { nodes { id payload } ${PAGE} } }`);
    expect(nestedFieldOf(schema, json)).toBe('payload');
    const object = planGraphQL(schema, `query($after: String) { events(after: $after) { nodes { id ws: workspace { id } } ${PAGE} } }`);
    expect(nestedFieldOf(schema, object)).toBe('ws');
  });
});
