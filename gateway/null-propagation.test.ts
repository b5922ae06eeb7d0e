import { describe, it, expect } from 'vitest';
import { buildSchema, parse } from 'graphql';
import { propagateNulls } from './null-propagation.ts';

const schema = buildSchema(`
  type Query { a: A  b: B!  list: [A!]  items: [A]!  thing: Thing }
  type A { id: ID!  name: String!  note: String }
  type B { id: ID! }
  union Thing = A | B
`);
const run = (query: string, data: unknown, variables?: Record<string, unknown>) => propagateNulls(schema, parse(query), undefined, variables, data);

describe('null propagation of a partial answer', () => {
  it('nulls the nearest nullable parent of a missing non-null field, and fills missing nullable fields with null', () => {
    expect(run('{ a { id name note } b { id } }', { a: { id: '1' }, b: { id: '2' } })).toEqual({ a: null, b: { id: '2' } });
    expect(run('{ a { id note } }', { a: { id: '1' } })).toEqual({ a: { id: '1', note: null } });
  });

  it('nulls the whole answer when a non-null root field holds nothing, and a list whose non-null item does', () => {
    expect(run('{ b { id } }', {})).toBeNull();
    expect(run('{ list { name } items { name } }', { list: [{ name: 'x' }, {}], items: [{ name: 'x' }, {}] })).toEqual({ list: null, items: [{ name: 'x' }, null] });
  });

  it('nulls a union member that lost a field, not keeping a bare __typename', () => {
    expect(run('{ thing { __typename ... on A { id name } } }', { thing: { __typename: 'A' } })).toEqual({ thing: null });
    expect(run('{ thing { ...F } } fragment F on A { name }', { thing: { __typename: 'A', name: 'n' } })).toEqual({ thing: { name: 'n' } });
  });

  it('leaves out what @skip and @include left out, and introspection as it came', () => {
    expect(run('query($s: Boolean!) { a { id name @skip(if: $s) } }', { a: { id: '1' } }, { s: true })).toEqual({ a: { id: '1' } });
    expect(run('{ a { id name @include(if: false) } __typename }', { a: { id: '1' }, __typename: 'Query' })).toEqual({ a: { id: '1' }, __typename: 'Query' });
    expect(run('{ __schema { queryType { name } } a { id } }', { __schema: { queryType: { name: 'Query' } }, a: { id: '1' } })).toEqual({ __schema: { queryType: { name: 'Query' } }, a: { id: '1' } });
  });
});
