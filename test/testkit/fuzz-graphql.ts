import fc from 'fast-check';
import {
  getNamedType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType, isRequiredArgument,
  type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import {
  anyHostile, hostileCursor, hostileFor, hostilePick, leaf, materialize, ourId, prefixOfName, rarely, strayKey, validDate, validInstant, validText, wrongType,
} from './fuzz-values.ts';
import { fragmentFanOut } from './hostile-documents.ts';

/**
 * Operations over every root field of the graph's Query and Mutation types, read from the served
 * schema (introspection), each argument passed as a variable of its declared type, with values
 * built from the argument's type and name (test/fuzz.e2e.ts): valid ones from the demo data, one
 * of them (a scalar, a list, an input object) swapped for a hostile one: the wrong type, a null
 * for a non-null type, hostile text, dates or JSON; now and then a stray input field.
 */

export interface GraphQLOperation {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

export interface GraphQLRequest {
  operation: string;
  kind: 'query' | 'mutation';
  query: string;
  variables: Record<string, unknown>;
  /** A query may go as GET (variables in the query string), as clients with caches send them. */
  get: boolean;
}

export function graphqlOperations(schema: GraphQLSchema): GraphQLOperation[] {
  const fields = (kind: 'query' | 'mutation') => Object.values((kind === 'query' ? schema.getQueryType() : schema.getMutationType())?.getFields() ?? {}).map((field) => ({ kind, field }));
  return [...fields('query'), ...fields('mutation')];
}

/** How many values a request for the operation is made of (input objects counted by their fields): its share of the fuzzing budget. */
export function graphqlWeight({ kind, field }: GraphQLOperation): number {
  const count = (type: GraphQLInputType, depth: number): number => {
    const named = getNamedType(type);
    return isInputObjectType(named) && depth < 2 ? Object.values(named.getFields()).reduce((n, f) => n + count(f.type, depth + 1), 0) : 1;
  };
  // Writes count double: what they do with a bad value is what matters most.
  return (kind === 'mutation' ? 2 : 1) * (1 + field.args.reduce((n, a) => n + count(a.type, 0), 0));
}

/** Leaves of the returned object (no required arguments), so its values are serialised too; `__typename` for anything else. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return '{ __typename }';
  const leaves = Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some(isRequiredArgument))
    .map((f) => f.name);
  const nodes = type.getFields().nodes ? ' nodes { __typename }' : '';
  return `{ __typename ${leaves.join(' ')}${nodes} }`;
}

/** A valid value for a named input type, knowing the argument's or field's name. */
function validNamed(typeName: string, name: string): fc.Arbitrary<unknown> {
  switch (typeName) {
    case 'ID':
      return ourId(prefixOfName(name));
    case 'String':
      if (name === 'after' || name === 'before') return hostileCursor;
      if (name === 'period' || name === 'from' || name === 'to') return fc.constantFrom('2026-01', '2026-03', '2026-04');
      if (name === 'types' || name === 'subjectType') return fc.constantFrom('task.', 'task.created', 'service_line', 'incident.');
      return validText;
    case 'Int':
      return name === 'first' || name === 'last' ? fc.integer({ min: 1, max: 100 }) : fc.integer({ min: 1, max: 12 });
    case 'Float':
      return fc.double({ min: 0, max: 100, noNaN: true });
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return validDate;
    case 'DateTime':
      return validInstant;
    case 'JSON':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      return wrongType;
  }
}

const HOSTILE_KIND: Record<string, Parameters<typeof hostileFor>[0]> = { ID: 'id', String: 'text', Int: 'int', Float: 'int', Date: 'date', DateTime: 'date', JSON: 'json' };

/**
 * An input value as a tree of Leafs: each scalar, enum, list and input object a Leaf with its
 * hostile alternative (null among them for a non-null type); input objects now and then carry a
 * stray field. `materialize` makes one Leaf of the request hostile.
 */
function inputTree(type: GraphQLInputType, name: string, depth = 0): fc.Arbitrary<unknown> {
  const nonNull = isNonNullType(type);
  const inner = nonNull ? type.ofType : type;
  const withNull = (hostile: fc.Arbitrary<unknown>) => (nonNull ? fc.oneof({ arbitrary: hostile, weight: 6 }, { arbitrary: fc.constant(null), weight: 1 }) : hostile);
  if (isListType(inner)) {
    const item = inputTree(inner.ofType, name, depth + 1);
    return leaf(fc.array(item, { maxLength: 4 }), withNull(fc.oneof(item.map((i) => materialize(i, -1)), fc.array(item, { minLength: 51, maxLength: 60 }).map((a) => materialize(a, -1)), anyHostile)));
  }
  if (isEnumType(inner)) return leaf(fc.constantFrom(...inner.getValues().map((v) => v.name)), withNull(hostileFor('enum')));
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    const record = depth > 3 ? fc.constant({}) : fc.record(
      Object.fromEntries(fields.map((f) => [f.name, isNonNullType(f.type) ? inputTree(f.type, f.name, depth + 1) : fc.option(inputTree(f.type, f.name, depth + 1), { nil: undefined })])),
    );
    const object = fc.tuple(record, rarely(fc.tuple(strayKey, wrongType), 16)).map(([value, stray]) => {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      return Object.fromEntries(stray ? [...entries, stray] : entries);
    });
    return leaf(object, withNull(anyHostile));
  }
  const named = getNamedType(inner).name;
  return leaf(validNamed(named, name), withNull(HOSTILE_KIND[named] ? hostileFor(HOSTILE_KIND[named], named === 'ID' ? prefixOfName(name) : undefined) : anyHostile));
}

/** One request for an operation: every argument declared as a variable, most of them given. */
export function graphqlRequest({ kind, field }: GraphQLOperation): fc.Arbitrary<GraphQLRequest> {
  const declarations = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `${kind} Fuzz${declarations ? `(${declarations})` : ''} { f: ${field.name}${args ? `(${args})` : ''} ${selection(field)} }`;
  // `id` names an object of the type the field returns: task(id:) a Task, updateTask(id:) too.
  const nameOf = (arg: string) => (arg === 'id' ? `${getNamedType(field.type).name}Id` : arg);
  const values = fc.record(
    Object.fromEntries(field.args.map((a) => {
      const tree = inputTree(a.type, nameOf(a.name));
      return [a.name, isNonNullType(a.type) ? fc.oneof({ arbitrary: tree, weight: 15 }, { arbitrary: fc.constant(undefined), weight: 1 }) : fc.option(tree, { nil: undefined })];
    })),
  );
  return fc.tuple(values, hostilePick, fc.integer({ min: 0, max: 5 })).map(([given, pick, transport]) => ({
    operation: `${kind} ${field.name}`,
    kind,
    query,
    variables: materialize(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)), pick) as Record<string, unknown>,
    get: kind === 'query' && transport === 0,
  }));
}

/** Tokens of GraphQL's grammar and of this graph, for documents that are almost, or not at all, GraphQL. */
const TOKENS = [
  '{', '}', '(', ')', '[', ']', ':', '...', '=', '!', '|', '&', '$v', '@skip(if: true)', '@include(if: $v)', '@deprecated', 'query', 'mutation', 'subscription',
  'fragment', 'F', 'on', 'Query', 'Mutation', 'Workspace', 'viewer', 'role', 'id', '__typename', '__schema', '__type(name: "Task")', 'types { name }',
  'workspace(id: "WS-26-000021")', 'serviceLines(first: 2)', 'nodes', 'tasks(first: 100)', 'events', 'first: 2', 'after: "x"', '"\\u0000"', '"""x"""', '1e999',
  '-0', 'null', 'true', 'ACTIVE', '# comment\n', ',', 'a: viewer', 'node(id: "TSK-26-018841")', 'revokeApiKey(id: "KEY-26-000001")',
];

/**
 * Whole documents, as a careless or hostile client writes them: token soup of GraphQL's grammar,
 * arbitrary text, brackets nested past the parser's stack, fragment fan-out (k^levels fields from a
 * few hundred bytes), aliases, directives and fields by the thousand. Whatever the document, the
 * answer is a refusal in GraphQL's shape with a caller's code, or data: never a 5xx.
 */
export const hostileDocument: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 60 }).map((tokens) => tokens.join(' ')), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 5_000 }), fc.constantFrom('[', '{', '(')).map(([n, open]) => {
    const close = { '[': ']', '{': '}', '(': ')' }[open];
    return `{ viewer(x: ${open.repeat(n)}${close.repeat(n)}) { role } }`;
  }), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom('__typename', 'viewer { role }', 'serviceLines(first: 100) { nodes { id } }'))
    .map(([k, levels, leaf]) => fragmentFanOut(k, levels, leaf)), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 1, max: 2_000 }), fc.constantFrom('a%: viewer { role }', 'viewer @skip(if: false) { role }', '__typename')).map(([n, field]) => `{ ${Array.from({ length: n }, (_, i) => field.replace('%', String(i))).join(' ')} }`), weight: 2 },
);

/** A request to /graphql as sent on the wire. */
export interface RawGraphQLRequest {
  method: string;
  /** The query string of the URL, without `?`. */
  search: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * How a document travels, carelessly or not: a POST of JSON or a GET mostly; otherwise a body with
 * no query, a query that is no string, a batch, JSON cut short, variables or an operation name of
 * the wrong type, another method, another Content-Type (text, XML, a form, none) or an Accept
 * header the graph cannot answer in. (Never `Accept: text/html`: GraphiQL's page, in development.)
 */
export function transportOf(query: string): fc.Arbitrary<RawGraphQLRequest> {
  const json = JSON.stringify(query);
  const post = (body: string, type = 'application/json'): RawGraphQLRequest => ({ method: 'POST', search: '', headers: { 'content-type': type, accept: 'application/json' }, body });
  const get = (search: string, accept = 'application/json', method = 'GET'): RawGraphQLRequest => ({ method, search, headers: { accept } });
  const inUrl = new URLSearchParams({ query }).toString();
  const odd: RawGraphQLRequest[] = [
    post('{}'), post('{"query":1}'), post('[]'), post(`[{"query":${json}}]`), post(`{"query":${json}`), post(''),
    post(`{"query":${json},"variables":"x"}`), post(`{"query":${json},"variables":[]}`), post(`{"query":${json},"operationName":1}`),
    post(`{"query":${json},"operationName":"Nope"}`), post(`{"query":${json},"extensions":"x"}`),
    post(`{"query":${json}}`, 'text/plain'), post(`{"query":${json}}`, 'application/xml'), post(`{"query":${json}}`, 'multipart/form-data; boundary=x'),
    post(`{"query":${json}}`, 'application/graphql-response+json'), post(`query=${encodeURIComponent(query)}`, 'application/x-www-form-urlencoded'),
    { method: 'POST', search: '', headers: { accept: 'application/json' }, body: `{"query":${json}}` },
    { method: 'PUT', search: '', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: `{"query":${json}}` },
    get(''),
  ];
  // A URL stays far below the server's 16 KB header limit (past it Node itself answers 431).
  if (query.length < 4_000) odd.push(get(inUrl, 'application/xml'), get(inUrl, 'application/graphql-response+json'), get(`${inUrl}&operationName=%00`), get(inUrl, 'application/json', 'DELETE'));
  return fc.oneof(
    { arbitrary: fc.constant(post(`{"query":${json}}`)), weight: 8 },
    { arbitrary: fc.constant(query.length < 4_000 ? get(inUrl) : post(`{"query":${json}}`)), weight: 4 },
    { arbitrary: fc.constantFrom(...odd), weight: 3 },
  );
}
