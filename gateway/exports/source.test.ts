import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { buildSchema } from 'graphql';
import { nestedFieldOf, planGraphQL } from './source.ts';
import { documentLimits, loadLimitsConfig } from '../limits/index.ts';
import { fragmentFanOut } from '../../test/testkit/hostile-documents.ts';

const schema = buildSchema(fs.readFileSync(path.resolve(import.meta.dirname, '../../schema/supergraph.graphql'), 'utf8'));
const PAGE = 'pageInfo { hasNextPage endCursor }';
const LIMITS = { document: documentLimits(loadLimitsConfig({})), maxNodes: 50_000 };

describe('GraphQL export documents', () => {
  it('finds the connection through single objects and keeps the given first', () => {
    const plan = planGraphQL(schema, `query($id: ID!, $after: String) { workspace(id: $id) { ws: serviceLines(first: 20, after: $after) { nodes { id name } ${PAGE} } } }`, LIMITS);
    expect(plan.path).toEqual(['workspace', 'ws']);
    expect(plan.document).toContain('serviceLines(first: 20, after: $after)');
  });

  it('pages with the graph\'s largest page when the document gives no first', () => {
    const plan = planGraphQL(schema, `query($after: String) { events(types: ["task."], after: $after) { nodes { id } ${PAGE} } }`, LIMITS);
    expect(plan.path).toEqual(['events']);
    expect(plan.document).toContain('events(first: 100, types: ["task."], after: $after)');
  });

  it('refuses documents that do not follow the rule, with 422 naming query', () => {
    const refused = (document: string, message: RegExp) => {
      try {
        planGraphQL(schema, document, LIMITS);
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

  it('holds the document to the graph\'s limits first, refusing as /graphql does: 400 with the limit as reason', () => {
    const limited = (document: string, reason: string, message: RegExp) => {
      try {
        planGraphQL(schema, document, LIMITS);
      } catch (error: any) {
        expect(error).toMatchObject({ code: 'bad_request', status: 400, field: 'query', reason });
        expect(error.message).toMatch(message);
        return;
      }
      throw new Error(`accepted: ${document.slice(0, 200)}`);
    };
    const connection = (inside: string) => `query($after: String) { events(after: $after) { nodes { ${inside} } ${PAGE} } }`;
    // Past the parser's stack: refused before parsing, not a parse failure.
    limited(connection(`id(x: ${'['.repeat(2_400)}${']'.repeat(2_400)})`), 'MAX_DEPTH', /brackets nest more than 60 deep/);
    // Named fragments are against the export's rule too, but the limits judge the document first.
    limited(`query($after: String) { events(after: $after) { nodes { id } ${PAGE} } ...F1 } ${fragmentFanOut(12).replace(/^\{ \.\.\.F1 \} /, '')}`, 'MAX_FIELDS', /executes more than 2500 fields/);
    limited(connection(Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ')), 'MAX_ALIASES', /Aliases limit of 30 exceeded, found 31/);
    limited(connection('id '.repeat(5_000)), 'MAX_TOKENS', /Token limit of 5000 exceeded/);
    limited(connection('id @skip(if: false) '.repeat(51)), 'MAX_DIRECTIVES', /Directives limit of 50 exceeded/);
  });

  it('knows which selections CSV cannot hold', () => {
    const flat = planGraphQL(schema, `query($after: String) { events(after: $after) { nodes { id type createdAt } ${PAGE} } }`, LIMITS);
    expect(nestedFieldOf(schema, flat)).toBeNull();
    const json = planGraphQL(schema, `query($after: String) { events(after: $after) { nodes { id payload } ${PAGE} } }`, LIMITS);
    expect(nestedFieldOf(schema, json)).toBe('payload');
    const object = planGraphQL(schema, `query($after: String) { events(after: $after) { nodes { id ws: workspace { id } } ${PAGE} } }`, LIMITS);
    expect(nestedFieldOf(schema, object)).toBe('ws');
  });
});
