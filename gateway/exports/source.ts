import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import {
  Kind, TypeInfo, getNamedType, isLeafType, isListType, isNonNullType, isObjectType, isInterfaceType, parse, print, validate,
  visit, visitWithTypeInfo, type ArgumentNode, type DocumentNode, type FieldNode, type GraphQLField, type GraphQLOutputType,
  type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import type { Principal } from '../../platform/auth/tokens.ts';
import { MAX_PAGE_SIZE } from '../../platform/connection.ts';
import { isPlatformError, PlatformError, unprocessable } from '../../platform/errors.ts';
import type { GraphContext } from '../graph.ts';
import { costRefusal, type DocumentLimits } from '../limits/index.ts';
import { limitReasonOf } from '../limits/refusal.ts';
import { executeDocument } from '../rest/execute.ts';
import { createRouteMatcher, REST_ROUTES, withRestNames, type MatchedRequest } from '../rest/router.ts';
import { directEventsPlan, directEventsSource, shapeJson, type DirectReader } from './direct.ts';

/**
 * What an export pages through, and how one page of it is read. Two kinds, as the issue asks:
 *
 * - `graphql`: a query document with ONE connection to page through. The rule (checked up front,
 *   422 naming `query` otherwise): the document holds a single `query` operation that declares
 *   `$after: String` and passes it as the `after` argument of exactly one field, the connection;
 *   every field on the way to it returns one object, never a list; the connection selects
 *   `nodes { ... }` and `pageInfo { hasNextPage endCursor }`. `first` sets the page size (the
 *   graph's maximum, 100, when the connection has none); `last`/`before` are refused. Each node
 *   is one output row, written as the graph returned it (nested connections inside a node are
 *   written as the one page the node selected, they are not paged).
 * - `rest`: a REST list route (`GET /v1/...` with `limit`/`cursor`) and its query parameters as
 *   JSON; rows are the route's documented snake_case items. `params.limit` sets the page size
 *   (default 100); `params.cursor` is refused, an export always starts at the beginning.
 */
export type ExportSourceKind = 'graphql' | 'rest';

export interface Page {
  /** The page's output rows; with `encoded`, each already its JSON text as UTF-8 bytes or a string (a line without its newline). */
  rows: unknown[];
  encoded?: boolean;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** A source ready to run: what is stored in export_jobs (query, variables) and how to read a page. */
export interface ExportSource {
  kind: ExportSourceKind;
  /** export_jobs.query: the (normalised) document, or the REST route's path. */
  query: string;
  /** export_jobs.variables: the document's variables, or the REST query parameters. */
  variables: Record<string, unknown>;
  /** Whether its pages are read in batches where the rows are, not through the graph (direct.ts). */
  direct?: boolean;
  fetchPage(runtime: GatewayRuntime<GraphContext>, principal: Principal, after: string | null): Promise<Page>;
}

// ---------------------------------------------------------------------------------------------
// GraphQL

/**
 * The limits /graphql holds a document to (gateway/limits): an export's query meets them before
 * anything else looks at it, so a document /graphql would refuse is refused here the same way
 * (400 bad_request with the limit's message and `reason`), before it costs a full parse, a
 * validation or a page.
 */
export interface QueryLimits {
  document: DocumentLimits;
  maxNodes: number;
}

/** A limit's refusal of the query, as REST says it: /graphql's BAD_USER_INPUT is bad_request. */
function refusedByLimit(error: Error, reason: string): PlatformError {
  return new PlatformError('bad_request', error.message, 'query', { reason });
}

interface GraphQLPlan {
  document: string;
  /** Response keys from the operation's root to the connection. */
  path: string[];
}

/**
 * Parses and checks a submitted document against the schema: first the graph's limits (400 with
 * their reason), then the export's rule; every failure of the rule is a 422 naming `query`.
 */
export function planGraphQL(schema: GraphQLSchema, source: string, limits: QueryLimits): GraphQLPlan {
  const refuse = (message: string) => unprocessable(`query: ${message}`, 'query');
  let document: DocumentNode;
  try {
    document = limits.document.parse(source, { noLocation: true });
  } catch (error) {
    const reason = limitReasonOf(error);
    if (reason) throw refusedByLimit(error as Error, reason);
    throw refuse(`is not a GraphQL document (${(error as Error).message}).`);
  }
  for (const error of validate(schema, document, limits.document.rules)) {
    const reason = limitReasonOf(error);
    if (reason) throw refusedByLimit(error, reason);
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) throw refuse(`must hold exactly one operation, found ${operations.length}.`);
  const [operation] = operations;
  if (operation.operation !== 'query') throw refuse(`must be a query, not a ${operation.operation}.`);
  const afterVariable = operation.variableDefinitions?.find((v) => v.variable.name.value === 'after');
  if (!afterVariable || afterVariable.type.kind !== Kind.NAMED_TYPE || afterVariable.type.name.value !== 'String') {
    throw refuse('must declare the variable $after: String (nullable) and pass it as the after argument of the connection to page through.');
  }
  const errors = validate(schema, document);
  if (errors.length > 0) throw refuse(`is not valid against the schema: ${errors[0].message}`);

  // Find the one field taking `after: $after`, with the response keys and types leading to it.
  const typeInfo = new TypeInfo(schema);
  const stack: { key: string; type: GraphQLOutputType | undefined }[] = [];
  const found: { path: string[]; field: FieldNode; types: (GraphQLOutputType | undefined)[]; def: GraphQLField<unknown, unknown> | null }[] = [];
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  if (fragments.size > 0) throw refuse('must not use named fragments; write the selection inline (inline fragments are fine).');
  visit(operation, visitWithTypeInfo(typeInfo, {
    Field: {
      enter(node) {
        stack.push({ key: node.alias?.value ?? node.name.value, type: typeInfo.getType() ?? undefined });
        const after = node.arguments?.find((a) => a.name.value === 'after');
        if (after && after.value.kind === Kind.VARIABLE && after.value.name.value === 'after') {
          found.push({ path: stack.map((s) => s.key), field: node, types: stack.map((s) => s.type), def: typeInfo.getFieldDef() ?? null });
        }
      },
      leave() {
        stack.pop();
      },
    },
  }));
  if (found.length !== 1) throw refuse(`must pass $after as the after argument of exactly one field, found ${found.length}.`);
  const [connection] = found;
  const usesElsewhere = countVariableUses(operation, 'after');
  if (usesElsewhere !== 1) throw refuse('must use $after only as the connection\'s after argument.');
  connection.types.slice(0, -1).forEach((type, i) => {
    if (type && isListType(unwrapNonNull(type))) {
      throw refuse(`the connection must be reached through single objects, but ${connection.path.slice(0, i + 1).join('.')} is a list.`);
    }
  });
  const args = connection.field.arguments ?? [];
  for (const name of ['last', 'before']) {
    if (args.some((a) => a.name.value === name)) throw refuse(`the connection pages forward with first and $after; drop ${name}.`);
  }
  const selections = connection.field.selectionSet?.selections ?? [];
  const selected = (name: string) => selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name && !s.alias);
  const nodes = selected('nodes');
  const pageInfo = selected('pageInfo');
  const pageInfoFields = new Set(pageInfo?.selectionSet?.selections.map((s) => (s.kind === Kind.FIELD && !s.alias ? s.name.value : '')));
  if (!nodes?.selectionSet || !pageInfo || !pageInfoFields.has('hasNextPage') || !pageInfoFields.has('endCursor')) {
    throw refuse(`the connection ${connection.path.join('.')} must select nodes { ... } and pageInfo { hasNextPage endCursor } (without aliases).`);
  }
  const nodeType = connection.def ? getNamedType(connection.def.type) : undefined;
  const nodesField = nodeType && (isObjectType(nodeType) || isInterfaceType(nodeType)) ? nodeType.getFields().nodes : undefined;
  if (!nodesField) throw refuse(`${connection.path.join('.')} is not a connection with nodes.`);

  // No `first`: the graph's maximum page, so an export makes as few round trips as it may.
  const hasFirst = args.some((a) => a.name.value === 'first');
  const normalised = hasFirst ? document : visit(document, {
    Field(node) {
      if (node !== connection.field) return undefined;
      const first: ArgumentNode = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: { kind: Kind.INT, value: String(MAX_PAGE_SIZE) } };
      return { ...node, arguments: [first, ...(node.arguments ?? [])] };
    },
  });
  return { document: print(normalised), path: connection.path };
}

function unwrapNonNull(type: GraphQLOutputType): GraphQLOutputType {
  return isNonNullType(type) ? type.ofType : type;
}

function countVariableUses(operation: OperationDefinitionNode, name: string): number {
  let uses = 0;
  visit(operation, {
    VariableDefinition: () => false,
    Variable(node) {
      if (node.name.value === name) uses++;
    },
  });
  return uses;
}

/**
 * The first field in a node's selection that would not be one CSV cell: an object (or a list of
 * them) or a JSON value. Null when every selected field is a scalar, an enum or a list of those.
 */
export function nestedFieldOf(schema: GraphQLSchema, plan: { document: string; path: string[] }): string | null {
  const typeInfo = new TypeInfo(schema);
  const document = parse(plan.document, { noLocation: true });
  const stack: string[] = [];
  let nested: string | null = null;
  const depth = plan.path.length;
  visit(document, visitWithTypeInfo(typeInfo, {
    Field: {
      enter(node) {
        stack.push(node.alias?.value ?? node.name.value);
        // Inside the connection's `nodes`: a field of a node sits at depth + 2.
        const insideNodes = stack.length === depth + 2 && stack.slice(0, depth).join('.') === plan.path.join('.') && stack[depth] === 'nodes';
        if (insideNodes && nested === null) {
          const type = typeInfo.getType();
          const named = type ? getNamedType(type) : undefined;
          if (node.selectionSet || !named || !isLeafType(named) || named.name === 'JSON') nested = stack.slice(depth + 1).join('.');
        }
      },
      leave() {
        stack.pop();
      },
    },
  }));
  return nested;
}

export async function graphqlSource(schema: GraphQLSchema, query: unknown, variables: unknown, format: string, limits: QueryLimits): Promise<ExportSource> {
  if (typeof query !== 'string' || query.trim() === '') throw unprocessable('query must be a GraphQL document (a string).', 'query');
  const given = checkVariables(variables);
  if (Object.hasOwn(given, 'after')) throw unprocessable('variables.after is set by the export as it pages; leave it out.', 'variables.after');
  const plan = planGraphQL(schema, query, limits);
  // Priced as every page will be (the cursor changes nothing of the price).
  const overCost = costRefusal({ schema, document: parse(plan.document, { noLocation: true }), variableValues: { ...given, after: null } }, limits.maxNodes);
  if (overCost) {
    // Over the node limit, or a connection without a page size; or an argument the pricing found
    // out of range (`first: 500`), which is the caller's bad request as /graphql says it.
    const reason = limitReasonOf(overCost);
    throw reason ? refusedByLimit(overCost, reason) : new PlatformError('bad_request', overCost.message, 'query');
  }
  if (format === 'csv') {
    const nested = nestedFieldOf(schema, plan);
    if (nested) throw unprocessable(`query: CSV takes flat rows, but nodes.${nested} is an object or JSON value; select scalar fields only, or use format ndjson.`, 'query');
  }
  return storedGraphQLSource(plan.document, given);
}

/**
 * A GraphQL source as stored in a job (its document already checked and normalised); with a
 * `reader`, read in batches where the rows are when the document allows it (direct.ts).
 */
export function storedGraphQLSource(document: string, variables: Record<string, unknown>, reader?: DirectReader): ExportSource {
  const source = graphQLPages(document, variables);
  const plan = reader && directEventsPlan(reader.schema, document, variables);
  if (!plan) return source;
  return directEventsSource(source, plan, reader, { page: (nodes, hasNextPage, endCursor) => ({ rows: nodes, hasNextPage, endCursor }), row: plan.json });
}

function graphQLPages(document: string, variables: Record<string, unknown>): ExportSource {
  const path = connectionPath(document);
  return {
    kind: 'graphql',
    query: document,
    variables,
    async fetchPage(runtime, principal, after) {
      const data = await executeDocument(runtime, principal, document, { ...variables, after }, false);
      let value: unknown = data;
      for (const key of path) {
        value = value === null || value === undefined ? null : (value as Record<string, unknown>)[key];
      }
      // A parent that resolved to null without an error holds no rows.
      if (value === null || value === undefined) return { rows: [], endCursor: null, hasNextPage: false };
      const connection = value as { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      return { rows: connection.nodes, endCursor: connection.pageInfo.endCursor, hasNextPage: connection.pageInfo.hasNextPage };
    },
  };
}

/** The response keys to the field taking `after: $after` in a stored (already checked) document. */
function connectionPath(document: string): string[] {
  const stack: string[] = [];
  let path: string[] | null = null;
  visit(parse(document, { noLocation: true }), {
    Field: {
      enter(node) {
        stack.push(node.alias?.value ?? node.name.value);
        const after = node.arguments?.find((a) => a.name.value === 'after');
        if (after && after.value.kind === Kind.VARIABLE && after.value.name.value === 'after') path = [...stack];
      },
      leave() {
        stack.pop();
      },
    },
  });
  if (!path) throw new Error('stored export document has no connection taking $after');
  return path;
}

function checkVariables(variables: unknown): Record<string, unknown> {
  if (variables === undefined || variables === null) return {};
  if (typeof variables !== 'object' || Array.isArray(variables)) throw unprocessable('variables must be a JSON object.', 'variables');
  return variables as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// REST

const matchRoute = createRouteMatcher(REST_ROUTES);

/** The REST list route a path and its parameters name, parsed exactly as a GET of that URL would be. */
function matchList(route: string, params: Record<string, unknown>): MatchedRequest {
  const url = new URL(route, 'http://gateway');
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, String(value));
  const matched = matchRoute('GET', url);
  if (!matched.route.query?.cursor || !matched.route.query?.limit) {
    throw unprocessable(`route: GET ${matched.route.path} is not a list; name a list route such as /v1/events.`, 'route');
  }
  // Without a limit, the largest page the list allows: an export makes as few round trips as it may.
  if (!Object.hasOwn(params, 'limit')) matched.variables[matched.route.query.limit.variable] = MAX_PAGE_SIZE;
  return matched;
}

export function restSource(route: unknown, params: unknown): ExportSource {
  if (typeof route !== 'string' || !route.startsWith('/v1/') || route.includes('?')) {
    throw unprocessable('route must be the path of a REST list, e.g. "/v1/events"; its filters go in params.', 'route');
  }
  if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
    throw unprocessable('params must be a JSON object of the route\'s query parameters.', 'params');
  }
  const given: Record<string, unknown> = {};
  for (const [name, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    if (name === 'cursor') throw unprocessable('params.cursor: an export starts at the beginning of the list; leave it out.', 'params.cursor');
    if (Array.isArray(value)) {
      if (!value.every((v) => typeof v === 'string')) throw unprocessable(`params.${name} must be a string, a number, a boolean or a list of strings.`, `params.${name}`);
      given[name] = value.join(',');
    } else if (['string', 'number', 'boolean'].includes(typeof value)) {
      given[name] = value;
    } else {
      throw unprocessable(`params.${name} must be a string, a number, a boolean or a list of strings.`, `params.${name}`);
    }
  }
  let matched: MatchedRequest;
  try {
    matched = matchList(route, given);
  } catch (error) {
    // A REST 400 about a parameter is, in a submitted export, a 422 about that member of params.
    if (isPlatformError(error) && error.code === 'bad_request') {
      const field = error.field ? `params.${error.field}` : 'params';
      throw new PlatformError('unprocessable', `params: ${error.message}`, field);
    }
    if (isPlatformError(error) && error.code === 'not_found') throw unprocessable(`route: no REST list at ${route}.`, 'route');
    throw error;
  }
  return restListSource(route, given, matched);
}

/** A REST source as stored in a job: the route's path and its parameters (limit = page size). */
export function storedRestSource(route: string, params: Record<string, unknown>, reader?: DirectReader): ExportSource {
  const matched = matchList(route, params);
  return restListSource(route, params, matched, reader);
}

/**
 * Pages through a matched REST list; `variables` already hold the page size as `first`. With a
 * `reader`, a list the events subgraph serves from its rows is read in batches (direct.ts), each
 * mapped by the route's own mapper as a page of the graph would be.
 */
export function restListSource(route: string, params: Record<string, unknown>, matched: MatchedRequest, reader?: DirectReader): ExportSource {
  const source = restPages(route, params, matched);
  const plan = reader && directEventsPlan(reader.schema, matched.route.document, matched.variables);
  if (!plan) return source;
  const { answer } = matched.route;
  // The route's items are its shape over the connection's nodes: the database builds them when the shape reads only what the row holds.
  const row = answer?.kind === 'many' && answer.path.join('.') === plan.rootKey ? shapeJson(answer.shape.fields, plan.json) : undefined;
  return directEventsSource(source, plan, reader, {
    page(nodes, hasNextPage, endCursor) {
      const body = matched.route.map({ [plan.rootKey]: { nodes, pageInfo: { hasNextPage, endCursor } } });
      return { rows: Array.isArray(body.data) ? body.data : [], endCursor: body.meta?.cursor ?? null, hasNextPage: body.meta?.has_more ?? false };
    },
    row,
  });
}

function restPages(route: string, params: Record<string, unknown>, matched: MatchedRequest): ExportSource {
  return {
    kind: 'rest',
    query: route,
    variables: params,
    async fetchPage(runtime, principal, after) {
      const variables = { ...matched.variables, after: after ?? undefined };
      const data = await executeDocument(runtime, principal, matched.route.document, variables).catch((error) => {
        throw withRestNames(error, matched.restNames);
      });
      const body = matched.route.map(data);
      const rows = Array.isArray(body.data) ? body.data : [];
      return { rows, endCursor: body.meta?.cursor ?? null, hasNextPage: body.meta?.has_more ?? false };
    },
  };
}

/** A job's stored source, rebuilt to run (with a `reader`, read directly where it may be: direct.ts). */
export function storedSource(kind: string, query: string, variables: Record<string, unknown>, reader?: DirectReader): ExportSource {
  return kind === 'rest' ? storedRestSource(query, variables, reader) : storedGraphQLSource(query, variables, reader);
}
