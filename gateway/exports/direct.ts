import {
  Kind, getArgumentValues, getNamedType, getOperationAST, getVariableValues, isObjectType, parse,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { MAX_PAGE_SIZE, type PageInfo } from '../../platform/connection.ts';
import { encodeCursor } from '../../platform/cursor.ts';
import type { Database } from '../../platform/db.ts';
import { isPlatformError } from '../../platform/errors.ts';
import { scopeOf } from '../../platform/scope.ts';
import { DateTimeScalar } from '../../platform/subgraph/scalars.ts';
import {
  JSON_COLUMNS, ROW_FIELDS, checkEventList, lineShape, readEventBatch, readEventLines, rowJsonValue, type EventRow, type JsonColumn, type RootEventListArgs, type RowJson,
} from '../../subgraphs/events/public.ts';
import type { Fields as ShapeFields } from '../rest/shape.ts';
import type { ExportSource, Page } from './source.ts';

/**
 * Reads of the event log where the rows are. What a document reads of the root `events` page
 * (`eventsPageShape`, `eventsPageArgs`) also lets the gateway answer a /graphql page directly
 * (gateway/direct-pages.ts).
 *
 * Exports and NDJSON lists of the event log, read where the rows are instead of through the graph's
 * 100-row pages: when a source pages the root `events` connection at the graph's largest page
 * (first: 100, or none) and every field it selects of a node is served from the event's row
 * (`ROW_FIELDS`, `__typename`, `organization { id }`, `workspace { id }`), it reads batches of
 * `EXPORT_BATCH_ROWS` through the events subgraph's public module, in this process: the same
 * argument checks, tenancy (the principal's organization and narrowed workspace), order, cursors
 * and JSON as the field. Anything else, and any page the direct read refuses (a bad filter, a cursor
 * past retention), goes through the graph, which answers with its own error.
 */
export const EXPORT_BATCH_ROWS = 5_000;

/** What the direct read needs besides the graph: the schema (to read a document) and the database. */
export interface DirectReader {
  schema: GraphQLSchema;
  database: Database;
  /** Whether the rows are written as NDJSON lines: the database then builds each line where it can (`Page.encoded`). */
  lines?: boolean;
}

export interface DirectPlan extends Pick<EventsPageShape, 'rootKey' | 'node' | 'json'> {
  /** The field's arguments, coerced (DateTime as Date), without `after`. */
  args: RootEventListArgs;
}

type Fields = Map<string, FieldNode[]>;

/** The selections of fields merged under one response key, as one selection set. */
function selectionsOf(fields: FieldNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections: fields.flatMap((f) => f.selectionSet?.selections ?? []) };
}

/** A field of the `events` connection a direct read answers: its nodes, its type's name, or its page info (keys and fields). */
export type ConnectionField = { kind: 'nodes' } | { kind: 'typename' } | { kind: 'pageInfo'; fields: [key: string, field: keyof PageInfo | '__typename'][] };

/**
 * An operation that reads only a page of the root `events` connection, every field of whose nodes
 * the event's row serves: what a direct read needs of its document, whatever its variables.
 */
export interface EventsPageShape {
  operation: OperationDefinitionNode;
  /** The response key of the `events` field. */
  rootKey: string;
  field: FieldNode;
  /** The connection's selected fields by response key, in response order. */
  connection: [key: string, field: ConnectionField][];
  /** A node as the graph answers it, from the event's row. */
  node(row: EventRow): Record<string, unknown>;
  /** The same node described for the database to build (row-json.ts). */
  json: RowJson;
}

/** The plan of a document and its variables, or undefined when the graph must read it. */
export function directEventsPlan(schema: GraphQLSchema, document: string, variables: Record<string, unknown>): DirectPlan | undefined {
  try {
    const shape = eventsPageShape(schema, parse(document, { noLocation: true }));
    const args = shape && eventsPageArgs(schema, shape, { ...variables, after: null });
    // A smaller page was asked for: the job keeps its pages (and progress) of that size, through the graph.
    if (!shape || !args || (args.first != null && args.first !== MAX_PAGE_SIZE) || args.last != null || args.before != null || args.after != null) return undefined;
    return { rootKey: shape.rootKey, args, json: shape.json, node: shape.node };
  } catch {
    return undefined;
  }
}

/** The shape of a document's operation when it reads only a page of `events` from the rows (else undefined). */
export function eventsPageShape(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): EventsPageShape | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query' || operation.directives?.length) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = collect(operation.selectionSet, fragments, 'Query');
  if (!root || root.size !== 1) return undefined;
  const [[rootKey, rootFields]] = [...root];
  if (rootFields.length !== 1 || rootFields[0].name.value !== 'events' || !schema.getQueryType()?.getFields().events) return undefined;
  const selected = collect(rootFields[0].selectionSet, fragments, 'EventConnection');
  if (!selected) return undefined;
  const connection: [string, ConnectionField][] = [];
  const nodes: FieldNode[] = [];
  for (const [key, fields] of selected) {
    const name = fields[0].name.value;
    if (name === '__typename') connection.push([key, { kind: 'typename' }]);
    else if (name === 'nodes' && key === 'nodes') {
      nodes.push(...fields);
      connection.push([key, { kind: 'nodes' }]);
    } else if (name === 'pageInfo') {
      const info = collect(selectionsOf(fields), fragments, 'PageInfo');
      if (!info) return undefined;
      const infoFields: [string, keyof PageInfo | '__typename'][] = [];
      for (const [infoKey, [infoField]] of info) {
        if (!PAGE_INFO_FIELDS.has(infoField.name.value)) return undefined;
        infoFields.push([infoKey, infoField.name.value as keyof PageInfo | '__typename']);
      }
      connection.push([key, { kind: 'pageInfo', fields: infoFields }]);
    } else return undefined;
  }
  if (nodes.length === 0) return undefined;
  const json = nodeJson(schema, selectionsOf(nodes), fragments);
  return json && { operation, rootKey, field: rootFields[0], connection, json, node: rowJsonValue(json) as (row: EventRow) => Record<string, unknown> };
}

const PAGE_INFO_FIELDS = new Set(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor', '__typename']);

/** The `events` field's arguments under these variables, coerced as execution would (DateTime as Date); undefined when they do not coerce. */
export function eventsPageArgs(schema: GraphQLSchema, shape: EventsPageShape, variables: Record<string, unknown>): RootEventListArgs | undefined {
  const eventsField = schema.getQueryType()!.getFields().events;
  const coerced = getVariableValues(schema, shape.operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return undefined;
  const args = getArgumentValues(eventsField, shape.field, coerced.coerced) as RootEventListArgs;
  for (const bound of ['from', 'to'] as const) {
    const value = args[bound];
    if (typeof value === 'string') args[bound] = DateTimeScalar.parseValue(value);
    else if (value != null && !(value instanceof Date)) return undefined;
  }
  return args;
}

/**
 * Fields by response key, as execution collects them, for selections without directives whose
 * fragments apply to `type`; undefined for anything else (the graph then reads it).
 */
function collect(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, type: string, into: Fields = new Map(), seen = new Set<string>()): Fields | undefined {
  if (!selectionSet) return undefined;
  for (const selection of selectionSet.selections) {
    if (selection.directives?.length) return undefined;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const fields = into.get(key);
      if (fields) fields.push(selection);
      else into.set(key, [selection]);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
    if (!fragment || (fragment.typeCondition && fragment.typeCondition.name.value !== type)) return undefined;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      if (seen.has(selection.name.value)) continue;
      seen.add(selection.name.value);
    }
    if (!collect(fragment.selectionSet, fragments, type, into, seen)) return undefined;
  }
  return into;
}

/** Each selected field of a node read from the row, in response order; undefined when one is not a row's. */
function nodeJson(schema: GraphQLSchema, selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): RowJson | undefined {
  const event = schema.getType('Event');
  const fields = collect(selectionSet, fragments, 'Event');
  if (!isObjectType(event) || !fields) return undefined;
  const entries: [string, RowJson][] = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0].name.value;
    if (name === '__typename') {
      entries.push([key, { kind: 'constant', value: 'Event' }]);
      continue;
    }
    if (name === 'organization' || name === 'workspace') {
      const reference = referenceJson(name, nodes, fragments);
      if (!reference) return undefined;
      entries.push([key, reference]);
      continue;
    }
    const field = event.getFields()[name];
    const type = field && getNamedType(field.type);
    const column = name as JsonColumn;
    // A column served as the scalar the graph's field has (row-json.ts), which must agree.
    if (!ROW_FIELDS.has(name) || !Object.hasOwn(JSON_COLUMNS, column) || type?.name !== JSON_COLUMNS[column] || nodes.some((n) => n.arguments?.length || n.selectionSet)) return undefined;
    entries.push([key, { kind: 'column', column }]);
  }
  return { kind: 'object', entries };
}

/** `organization { id }` and `workspace { id }` (and `__typename`): the key the event's row holds, as the graph answers it. */
function referenceJson(name: 'organization' | 'workspace', nodes: FieldNode[], fragments: Map<string, FragmentDefinitionNode>): RowJson | undefined {
  const typename = name === 'organization' ? 'Organization' : 'Workspace';
  const fields = collect(selectionsOf(nodes), fragments, typename);
  if (!fields || nodes.some((n) => n.arguments?.length)) return undefined;
  const column = name === 'organization' ? 'organizationId' : 'workspaceId';
  const entries: [string, RowJson][] = [];
  for (const [key, [field]] of fields) {
    const child = field.name.value;
    if ((child !== 'id' && child !== '__typename') || field.arguments?.length || field.selectionSet) return undefined;
    entries.push([key, child === 'id' ? { kind: 'column', column } : { kind: 'constant', value: typename }]);
  }
  return { kind: 'unlessNull', column, value: { kind: 'object', entries } };
}

/**
 * A REST shape's item (gateway/rest/shape.ts) over a node the plan reads from the row: each path
 * the shape reads resolved in the node's description, so the database can build the item as the
 * route's mapper would. Undefined for what it does not describe (`each`, `lowered`, `when`), or a
 * path the node lacks: such a list maps its nodes in this process.
 */
export function shapeJson(fields: ShapeFields, node: RowJson): RowJson | undefined {
  const entries: [string, RowJson][] = [];
  for (const [name, field] of Object.entries(fields)) {
    let value: RowJson | undefined;
    if (field.kind === 'at' && !field.lower) value = pathJson(node, field.path);
    else if (field.kind === 'record' && !field.when) {
      const from = field.from ? pathJson(node, field.from) : node;
      value = from && recordJson(field.fields, from);
    }
    if (!value) return undefined;
    entries.push([name, value]);
  }
  return { kind: 'object', entries };
}

/** A record's fields read from `from`, null when `from` is (a reference the row may lack). */
function recordJson(fields: ShapeFields, from: RowJson): RowJson | undefined {
  if (from.kind === 'unlessNull') {
    const value = recordJson(fields, from.value);
    return value && { kind: 'unlessNull', column: from.column, value };
  }
  return shapeJson(fields, from);
}

/** The value at `path` of `value`: null as soon as a step is null, as the shape's reader does. */
function pathJson(value: RowJson, path: string[]): RowJson | undefined {
  if (path.length === 0) return value;
  if (value.kind === 'unlessNull') {
    const inner = pathJson(value.value, path);
    return inner && { kind: 'unlessNull', column: value.column, value: inner };
  }
  if (value.kind !== 'object') return undefined;
  const entry = value.entries.find(([key]) => key === path[0]);
  return entry && pathJson(entry[1], path.slice(1));
}

/** What a direct source answers for a batch, besides reading it. */
export interface DirectOutput {
  /** A batch's nodes as the source's page: the nodes (GraphQL), or the route's items and cursor (REST). */
  page(nodes: Record<string, unknown>[], hasNextPage: boolean, endCursor: string | null): Page;
  /** Each output row, described from the event's row, when the database can build it (shapeJson); else undefined. */
  row: RowJson | undefined;
}

/**
 * `base` (a source reading through the graph) with its pages read directly, in batches. With
 * `reader.lines` and an output row the database can build (and is given: `lineShape`), a page's
 * rows are its lines' JSON texts (`Page.encoded`), built by the database (readEventLines); else the
 * batch's nodes, made into the page the source would have read by `output.page`.
 */
export function directEventsSource(base: ExportSource, plan: DirectPlan, reader: DirectReader, output: DirectOutput): ExportSource {
  // Past the line shapes the database is given (MAX_LINE_SHAPES), rows are built here.
  const lines = reader.lines && output.row ? lineShape(output.row) : undefined;
  return {
    ...base,
    direct: true,
    async fetchPage(runtime, principal, after) {
      const scope = scopeOf(principal);
      let batch: { rows: EventRow[]; lines?: undefined; hasMore: boolean } | { lines: (Buffer | string)[]; lastId: string | null; hasMore: boolean };
      try {
        const checked = checkEventList(scope, { ...plan.args, after });
        batch = lines
          ? await readEventLines(reader.database, scope, checked, EXPORT_BATCH_ROWS, lines)
          : await readEventBatch(reader.database, scope, checked, EXPORT_BATCH_ROWS);
      } catch (error) {
        // The caller's mistake is told as the graph tells it (its code, message and names).
        if (isPlatformError(error) && error.code !== 'service_unavailable') return base.fetchPage(runtime, principal, after);
        throw error;
      }
      if (batch.lines) {
        // The page's cursor as the source gives it (a REST list's `meta.cursor`), from an empty page of the same standing.
        const { endCursor, hasNextPage } = output.page([], batch.hasMore, batch.lastId === null ? null : encodeCursor(batch.lastId));
        return { rows: batch.lines, encoded: true, endCursor, hasNextPage };
      }
      const last = batch.rows.at(-1);
      return output.page(batch.rows.map(plan.node), batch.hasMore, last ? encodeCursor(last.id) : null);
    },
  };
}
