import {
  GraphQLIncludeDirective, GraphQLSkipDirective, Kind, OperationTypeNode, getArgumentValues, getDirectiveValues, getNamedType, getOperationAST, getVariableValues,
  isLeafType, isObjectType, print, visit, type GraphQLScalarType,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionNode,
  type SelectionSetNode, type VariableDefinitionNode,
} from 'graphql';
import { ROW_FIELDS, type ActivityArgs } from '../../subgraphs/events/public.ts';
import { scalarResolvers } from '../../platform/subgraph/scalars.ts';
import { perOperation } from '../../platform/per-operation.ts';

/** A field of an event's node served from its row (ROW_FIELDS), serialised as the events subgraph does; `column` null is `__typename`. */
export interface RowField {
  key: string;
  column: string | null;
  serialize: (value: unknown) => unknown;
}

/**
 * One field of the subscriber's `EventEdge`, in response order: the cursor, `__typename`, a node
 * made of row fields only (nothing to read), or the k-th node selection the batch query reads.
 */
export type EdgeField = { key: string; kind: 'cursor' | 'typename' } | { key: string; kind: 'row'; fields: RowField[] } | { key: string; kind: 'node'; k: number };

/**
 * What the events of an `activity` subscription look like, apart from which events it gets: the
 * query that reads a batch of n events with the subscriber's `node` selection (one aliased
 * `event(id:)` per event and node selection, each spreading a fragment of that selection, so the
 * planner reads all of them with one fetch per subgraph), and how each event's edge is put together
 * from it. Subscriptions with the same `selectionKey` get byte-identical events from the same visibility.
 */
export interface EdgePlan {
  /** The root field's response key (`activity`, or its alias). */
  rootKey: string;
  edge: EdgeField[];
  /** How many node selections the batch query reads (0: all the events show comes from their rows, nothing is read). */
  nodeSelections: number;
  /** The query for a batch of `n` events (variables: `idVariable(i)` for each event, plus `variables`). */
  document(n: number): DocumentNode;
  idVariable(i: number): string;
  /** The response key of event i's k-th node selection. */
  alias(i: number, k: number): string;
  /** Values of the subscriber's variables the query uses. */
  variables: Record<string, unknown>;
  selectionKey: string;
}

export interface ActivityRequest {
  plan: EdgePlan;
  /** The field's arguments, coerced: the filter and the resume cursor (shared by the subscribers that sent the same, frozen). */
  args: Readonly<ActivityArgs>;
}

interface Static {
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Variables the selection (not the field's own arguments) depends on. */
  selectionVariables: string[];
  plans: Map<string, EdgePlan>;
  /** Requests by the JSON of their raw variables, for the schema they were made with. */
  requests: Map<string, { schema: GraphQLSchema; request: ActivityRequest | undefined }>;
}

/** Requests remembered per document: the distinct variables it is subscribed with (a filter, a workspace). */
const REQUESTS_PER_DOCUMENT = 1024;
/** Variables longer than this as JSON are not remembered (a long list of types). */
const REQUEST_KEY_LIMIT = 1024;

const staticOfOperation = perOperation(staticOf);

/**
 * The `activity` subscription of an operation, or undefined when the operation is not one (or its
 * variables do not coerce: the runtime then reports that as for any operation). Plans are cached per
 * document (the runtime caches parsed documents by their text) and selection variables' values;
 * whole requests per document and variables' values (JSON): thousands of subscribers of a few
 * dashboards send the same few, and each would coerce them again. A cached request's arguments are
 * frozen: subscribers share them.
 */
export function activityRequest(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, rawVariables: Record<string, unknown> | null | undefined): ActivityRequest | undefined {
  const found = staticOfOperation(document, operationName);
  if (!found) return undefined;
  const key = JSON.stringify(rawVariables ?? {});
  const known = found.requests.get(key);
  if (known?.schema === schema) return known.request;
  const request = made(schema, found, rawVariables);
  if (key.length <= REQUEST_KEY_LIMIT) {
    // The oldest goes first: resumes (each its own `after`) pass through, the common ones come back.
    if (!known && found.requests.size >= REQUESTS_PER_DOCUMENT) found.requests.delete(found.requests.keys().next().value!);
    found.requests.set(key, { schema, request });
  }
  return request;
}

function made(schema: GraphQLSchema, found: Static, rawVariables: Record<string, unknown> | null | undefined): ActivityRequest | undefined {
  const field = schema.getSubscriptionType()?.getFields().activity;
  if (!field) return undefined;
  const coerced = getVariableValues(schema, found.operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return undefined;
  const variables = coerced.coerced;
  const root = collect(found.operation.selectionSet, found.fragments, variables);
  if (root.size !== 1) return undefined;
  const [[rootKey, fieldNodes]] = [...root];
  if (fieldNodes[0].name.value !== 'activity') return undefined;
  const args = getArgumentValues(field, fieldNodes[0], variables) as ActivityArgs;
  for (const value of Object.values(args)) if (Array.isArray(value)) Object.freeze(value);
  const planKey = JSON.stringify([rootKey, found.selectionVariables.map((v) => rawVariables?.[v] ?? null)]);
  let plan = found.plans.get(planKey);
  if (!plan) {
    plan = edgePlan(schema, found, rootKey, fieldNodes, variables, rawVariables ?? {});
    // A document is subscribed with few distinct selection variables; keep a bounded number of plans.
    if (found.plans.size < 256) found.plans.set(planKey, plan);
  }
  return { plan, args: Object.freeze(args) };
}

function staticOf(document: DocumentNode, operationName: string | null | undefined): Static | null {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'subscription') return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // Every variable the operation uses except inside activity's own arguments (the filter, `after`).
  const used = new Set<string>();
  const variable = { Variable: (v: { name: { value: string } }) => void used.add(v.name.value) };
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      ...variable,
      VariableDefinition: () => false,
      Field(field) {
        if (field.name.value !== 'activity') return undefined;
        for (const directive of field.directives ?? []) visit(directive, variable);
        if (field.selectionSet) visit(field.selectionSet, variable);
        return false;
      },
    });
  walk(operation);
  for (const fragment of fragments.values()) walk(fragment);
  return { operation, fragments, selectionVariables: [...used].sort(), plans: new Map(), requests: new Map() };
}

/** Fields by response key, as execution collects them: fragments expanded, @skip/@include applied. */
function collect(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, variables: Record<string, unknown>, into = new Map<string, FieldNode[]>(), seen = new Set<string>()): Map<string, FieldNode[]> {
  for (const selection of selectionSet.selections) {
    if (!included(selection, variables)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const fields = into.get(key);
      if (fields) fields.push(selection);
      else into.set(key, [selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, fragments, variables, into, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) collect(fragment.selectionSet, fragments, variables, into, seen);
    }
  }
  return into;
}

function included(node: SelectionNode, variables: Record<string, unknown>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

function edgePlan(schema: GraphQLSchema, found: Static, rootKey: string, fieldNodes: FieldNode[], variables: Record<string, unknown>, raw: Record<string, unknown>): EdgePlan {
  const edgeFields = collect({ kind: Kind.SELECTION_SET, selections: fieldNodes.flatMap((f) => f.selectionSet?.selections ?? []) }, found.fragments, variables);
  const declared = (found.operation.variableDefinitions ?? []).map((d) => d.variable.name.value);
  const idPrefix = unused('liveEvent', (name) => declared.some((d) => d.startsWith(name)));
  const fragmentPrefix = unused('LiveActivityNode', (name) => [...found.fragments.keys()].some((f) => f.startsWith(name)));
  const edge: EdgeField[] = [];
  const nodeFragments: FragmentDefinitionNode[] = [];
  for (const [key, nodes] of edgeFields) {
    const name = nodes[0].name.value;
    if (name === 'cursor') edge.push({ key, kind: 'cursor' });
    else if (name === '__typename') edge.push({ key, kind: 'typename' });
    else if (name === 'node') {
      const selections = nodes.flatMap((n) => n.selectionSet?.selections ?? []);
      const fields = rowFields(schema, selections, found.fragments, variables);
      if (fields) {
        edge.push({ key, kind: 'row', fields });
        continue;
      }
      edge.push({ key, kind: 'node', k: nodeFragments.length });
      nodeFragments.push({
        kind: Kind.FRAGMENT_DEFINITION,
        name: { kind: Kind.NAME, value: `${fragmentPrefix}${nodeFragments.length}` },
        typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Event' } },
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      });
    }
  }
  const idVariable = (i: number) => `${idPrefix}${i}`;
  const alias = (i: number, k: number) => (k === 0 ? `e${i}` : `e${i}_${k}`);
  const base = { rootKey, edge, nodeSelections: nodeFragments.length, idVariable, alias };
  if (!nodeFragments.length) {
    return { ...base, variables: {}, selectionKey: JSON.stringify([rootKey, edge]), document: () => { throw new Error('nothing to read'); } };
  }

  // The fragments the node selections reach, and the variables they use.
  const fragments = new Map<string, FragmentDefinitionNode>();
  const usedVariables = new Set<string>();
  const reach = (node: FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread: (spread) => {
        const fragment = found.fragments.get(spread.name.value);
        if (fragment && !fragments.has(fragment.name.value)) {
          fragments.set(fragment.name.value, fragment);
          reach(fragment);
        }
      },
      Variable: (variable) => void usedVariables.add(variable.name.value),
    });
  for (const fragment of nodeFragments) reach(fragment);
  const definitions = (found.operation.variableDefinitions ?? []).filter((d) => usedVariables.has(d.variable.name.value));
  const values: Record<string, unknown> = {};
  for (const name of [...usedVariables].sort()) if (name in raw) values[name] = raw[name];
  const documents = new Map<number, DocumentNode>();
  const document = (n: number): DocumentNode => {
    let built = documents.get(n);
    if (!built) {
      const selections: FieldNode[] = [];
      const ids: VariableDefinitionNode[] = [];
      for (let i = 0; i < n; i++) {
        ids.push(idDefinition(idVariable(i)));
        nodeFragments.forEach((fragment, k) => selections.push(eventField(alias(i, k), idVariable(i), fragment.name.value)));
      }
      built = {
        kind: Kind.DOCUMENT,
        definitions: [
          { kind: Kind.OPERATION_DEFINITION, operation: OperationTypeNode.QUERY, name: { kind: Kind.NAME, value: 'LiveActivity' }, variableDefinitions: [...ids, ...definitions], selectionSet: { kind: Kind.SELECTION_SET, selections } },
          ...nodeFragments,
          ...fragments.values(),
        ],
      };
      documents.set(n, built);
    }
    return built;
  };
  return { ...base, variables: values, document, selectionKey: `${JSON.stringify([rootKey, edge])}\n${print(document(1))}\n${JSON.stringify(values)}` };
}

/** The node's fields when each is a row field or `__typename` (fragments and @skip/@include applied), else undefined. */
function rowFields(schema: GraphQLSchema, selections: readonly SelectionNode[], fragments: Map<string, FragmentDefinitionNode>, variables: Record<string, unknown>): RowField[] | undefined {
  const event = schema.getType('Event');
  if (!isObjectType(event)) return undefined;
  const fields: RowField[] = [];
  for (const [key, nodes] of collect({ kind: Kind.SELECTION_SET, selections }, fragments, variables)) {
    const name = nodes[0].name.value;
    if (name === '__typename') {
      fields.push({ key, column: null, serialize: () => 'Event' });
      continue;
    }
    const type = event.getFields()[name] && getNamedType(event.getFields()[name].type);
    if (!ROW_FIELDS.has(name) || !type || !isLeafType(type)) return undefined;
    const scalar = (scalarResolvers as Record<string, GraphQLScalarType>)[type.name];
    fields.push({ key, column: name, serialize: scalar ? (value) => scalar.serialize(value) : (value) => value });
  }
  return fields;
}

/** `base`, or `base_`, `base__` ... whichever `taken` says is free. */
function unused(base: string, taken: (name: string) => boolean): string {
  let name = base;
  while (taken(name)) name += '_';
  return name;
}

/** `alias: event(id: $variable) { ...fragment }`. */
function eventField(alias: string, variable: string, fragment: string): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: alias },
    name: { kind: Kind.NAME, value: 'event' },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } } }],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FRAGMENT_SPREAD, name: { kind: Kind.NAME, value: fragment } }] },
  };
}

function idDefinition(name: string): VariableDefinitionNode {
  return {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
  };
}
