import {
  Kind, getArgumentValues, getNamedType, getVariableValues, isLeafType, isObjectType, parse,
  type FieldNode, type FragmentDefinitionNode, type GraphQLScalarType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../../platform/connection.ts';
import { encodeCursor } from '../../platform/cursor.ts';
import type { Database } from '../../platform/db.ts';
import { isPlatformError } from '../../platform/errors.ts';
import { scopeOf } from '../../platform/scope.ts';
import { DateTimeScalar, scalarResolvers } from '../../platform/subgraph/scalars.ts';
import { ROW_FIELDS, checkEventList, readEventBatch, type EventRow, type RootEventListArgs } from '../../subgraphs/events/public.ts';
import type { ExportSource, Page } from './source.ts';

/**
 * Exports and NDJSON lists of the event log, read where the rows are instead of through the graph's
 * 100-row pages: when a source pages the root `events` connection at the graph's largest page
 * (first: 100, or none) and every field it selects of a node is served from the event's row
 * (`ROW_FIELDS`, `__typename`, `organization { id }`, `workspace { id }`), it reads batches of
 * `EXPORT_BATCH_ROWS` through the events subgraph's public module, in this process: the same
 * argument checks, tenancy (the principal's organization and narrowed workspace), order, cursors
 * and JSON as the field. Anything else, and any page the direct read refuses (a bad filter, a cursor
 * past retention), goes through the graph, which answers with its own error.
 */
export const EXPORT_BATCH_ROWS = 1_000;

/** What the direct read needs besides the graph: the schema (to read a document) and the database. */
export interface DirectReader {
  schema: GraphQLSchema;
  database: Database;
}

export interface DirectPlan {
  /** The response key of the `events` field. */
  rootKey: string;
  /** The field's arguments, coerced (DateTime as Date), without `after`. */
  args: RootEventListArgs;
  /** A node as the graph answers it, from the event's row. */
  node(row: EventRow): Record<string, unknown>;
}

type Fields = Map<string, FieldNode[]>;

/** The plan of a document and its variables, or undefined when the graph must read it. */
export function directEventsPlan(schema: GraphQLSchema, document: string, variables: Record<string, unknown>): DirectPlan | undefined {
  try {
    return planOf(schema, document, variables);
  } catch {
    return undefined;
  }
}

function planOf(schema: GraphQLSchema, source: string, variables: Record<string, unknown>): DirectPlan | undefined {
  const document = parse(source, { noLocation: true });
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0].operation !== 'query' || operations[0].directives?.length) return undefined;
  const [operation] = operations;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = collect(operation.selectionSet, fragments, 'Query');
  if (!root || root.size !== 1) return undefined;
  const [[rootKey, rootFields]] = [...root];
  const eventsField = schema.getQueryType()?.getFields().events;
  if (rootFields.length !== 1 || rootFields[0].name.value !== 'events' || !eventsField) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], { ...variables, after: null });
  if (coerced.errors) return undefined;
  const args = getArgumentValues(eventsField, rootFields[0], coerced.coerced) as RootEventListArgs & { after?: unknown };
  // A smaller page was asked for: the job keeps its pages (and progress) of that size, through the graph.
  if ((args.first != null && args.first !== MAX_PAGE_SIZE) || args.last != null || args.before != null || args.after != null) return undefined;
  for (const bound of ['from', 'to'] as const) {
    const value = args[bound];
    if (typeof value === 'string') args[bound] = DateTimeScalar.parseValue(value);
    else if (value != null && !(value instanceof Date)) return undefined;
  }
  const connection = collect(rootFields[0].selectionSet, fragments, 'EventConnection');
  if (!connection) return undefined;
  let nodes: FieldNode[] | undefined;
  for (const [key, fields] of connection) {
    const name = fields[0].name.value;
    if (name === 'nodes' && key === 'nodes') nodes = fields;
    else if (name !== 'pageInfo' && name !== '__typename') return undefined;
  }
  if (!nodes) return undefined;
  const node = nodeBuilder(schema, { kind: Kind.SELECTION_SET, selections: nodes.flatMap((f) => f.selectionSet?.selections ?? []) }, fragments);
  return node && { rootKey, args, node };
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

type Getter = (row: EventRow) => unknown;

/** How each selected field of a node is read from the row, in response order; undefined when one is not a row's. */
function nodeBuilder(schema: GraphQLSchema, selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): DirectPlan['node'] | undefined {
  const event = schema.getType('Event');
  const fields = collect(selectionSet, fragments, 'Event');
  if (!isObjectType(event) || !fields) return undefined;
  const getters: [string, Getter][] = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0].name.value;
    if (name === '__typename') {
      getters.push([key, () => 'Event']);
      continue;
    }
    if (name === 'organization' || name === 'workspace') {
      const reference = referenceGetter(name, nodes, fragments);
      if (!reference) return undefined;
      getters.push([key, reference]);
      continue;
    }
    const field = event.getFields()[name];
    const type = field && getNamedType(field.type);
    if (!ROW_FIELDS.has(name) || !type || !isLeafType(type) || nodes.some((n) => n.arguments?.length || n.selectionSet)) return undefined;
    const scalar = (scalarResolvers as Record<string, GraphQLScalarType>)[type.name];
    const column = name as keyof EventRow;
    getters.push([key, scalar ? (row) => scalar.serialize(row[column]) : (row) => row[column] ?? null]);
  }
  return (row) => {
    const node: Record<string, unknown> = {};
    for (const [key, get] of getters) node[key] = get(row);
    return node;
  };
}

/** `organization { id }` and `workspace { id }` (and `__typename`): the key the event's row holds, as the graph answers it. */
function referenceGetter(name: 'organization' | 'workspace', nodes: FieldNode[], fragments: Map<string, FragmentDefinitionNode>): Getter | undefined {
  const typename = name === 'organization' ? 'Organization' : 'Workspace';
  const fields = collect({ kind: Kind.SELECTION_SET, selections: nodes.flatMap((n) => n.selectionSet?.selections ?? []) }, fragments, typename);
  if (!fields || nodes.some((n) => n.arguments?.length)) return undefined;
  const keys: [string, 'id' | '__typename'][] = [];
  for (const [key, [field]] of fields) {
    const child = field.name.value;
    if ((child !== 'id' && child !== '__typename') || field.arguments?.length || field.selectionSet) return undefined;
    keys.push([key, child]);
  }
  const column = name === 'organization' ? 'organizationId' : 'workspaceId';
  return (row) => {
    const id = row[column];
    if (id == null) return null;
    const reference: Record<string, unknown> = {};
    for (const [key, child] of keys) reference[key] = child === 'id' ? id : typename;
    return reference;
  };
}

/**
 * `base` (a source reading through the graph) with its pages read directly, in batches: `shape`
 * turns a batch of nodes into the page the source would have read (its rows and next cursor).
 */
export function directEventsSource(base: ExportSource, plan: DirectPlan, reader: DirectReader, shape: (nodes: Record<string, unknown>[], hasNextPage: boolean, endCursor: string | null) => Page): ExportSource {
  return {
    ...base,
    direct: true,
    async fetchPage(runtime, principal, after) {
      const scope = scopeOf(principal);
      let batch: { rows: EventRow[]; hasMore: boolean };
      try {
        batch = await readEventBatch(reader.database, scope, checkEventList(scope, { ...plan.args, after }), EXPORT_BATCH_ROWS);
      } catch (error) {
        // The caller's mistake is told as the graph tells it (its code, message and names).
        if (isPlatformError(error) && error.code !== 'service_unavailable') return base.fetchPage(runtime, principal, after);
        throw error;
      }
      const last = batch.rows.at(-1);
      return shape(batch.rows.map(plan.node), batch.hasMore, last ? encodeCursor(last.id) : null);
    },
  };
}
