import {
  Kind, Lexer, Source, TokenKind, getNamedType, parse, isInterfaceType, isLeafType, isNonNullType, isObjectType, isUnionType,
  type GraphQLField, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Selection sets written from a schema rather than by hand, so a field added tomorrow is selected
 * tomorrow. The leak check reads IDs, so leaves are the ones that can carry one (ID, String, JSON)
 * plus `totalCount` (a count can betray what a list hides); every joined object, list and union
 * member is followed `depth` hops deep, and one hop further as its leaves alone. Connections are
 * paged with `first` (the gateway refuses a connection without it).
 */
export interface SelectionOptions {
  depth: number;
  first: number;
}

const ID_CARRIERS = new Set(['ID', 'String', 'JSON']);
/** Leaves that count rows: selected so that a count of another tenant's rows shows. */
const COUNTERS = new Set(['totalCount', 'total', 'count', 'completed']);

/** Values for the required arguments the graph has; a new one fails loudly until it is given here. */
const REQUIRED_ARGUMENTS: Record<string, string> = {
  'ServiceLine.usage.from': '"2026-01-01"',
  'ServiceLine.usage.to': '"2026-12-31"',
  ...series('TaskStats.velocity', '"2026-01-01"', '"2026-12-31"'),
  ...series('ServiceLine.usageSeries', '"2026-01-01"', '"2026-12-31"'),
  ...series('Workspace.usageSeries', '"2026-01-01"', '"2026-12-31"'),
  ...series('Query.usageSeries', '"2026-01-01"', '"2026-12-31"'),
  ...series('Query.eventCounts', '"2026-01-01T00:00:00Z"', '"2027-01-01T00:00:00Z"'),
};

/** The arguments of a period series: a year in months. */
function series(field: string, from: string, to: string): Record<string, string> {
  return { [`${field}.period`]: 'MONTH', [`${field}.from`]: from, [`${field}.to`]: to };
}

export function selectionOf(schema: GraphQLSchema, type: GraphQLNamedType, options: SelectionOptions): string {
  const fields = select(schema, type, options.depth, options.first);
  return `{ ${fields.length ? fields.join(' ') : '__typename'} }`;
}

/** `(first: 3)` and required arguments for a field, or '' when it takes none. */
export function argumentsOf(parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>, first: number, given: Record<string, string> = {}): string {
  const parts: string[] = [];
  for (const arg of field.args) {
    const key = `${parent.name}.${field.name}.${arg.name}`;
    if (arg.name in given) parts.push(`${arg.name}: ${given[arg.name]}`);
    else if (arg.name === 'first' && !('last' in given)) parts.push(`first: ${first}`);
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
      if (!(key in REQUIRED_ARGUMENTS)) throw new Error(`selection: no value for required argument ${key}; add one to REQUIRED_ARGUMENTS`);
      parts.push(`${arg.name}: ${REQUIRED_ARGUMENTS[key]}`);
    }
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

export function isConnection(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && 'nodes' in type.getFields() && 'pageInfo' in type.getFields();
}

/** depth >= 1: everything; 0: leaves, and joined objects as their leaves; -1: leaves only. */
function select(schema: GraphQLSchema, type: GraphQLNamedType, depth: number, first: number, conflicting = new Set<string>()): string[] {
  if (isUnionType(type) || isInterfaceType(type)) {
    const possible = schema.getPossibleTypes(type);
    const conflicting = conflictingFields(possible);
    const members = possible.flatMap((member) => {
      const inner = select(schema, member, depth, first, conflicting);
      return inner.length ? [`... on ${member.name} { ${inner.join(' ')} }`] : [];
    });
    return ['__typename', ...members];
  }
  if (!isObjectType(type)) return [];
  const out: string[] = [];
  for (const field of Object.values(type.getFields())) {
    // Members of one union that share a field name with different types must alias it (`podOfTicket: pod`).
    const name = conflicting.has(field.name) ? `${field.name}Of${type.name}: ${field.name}` : field.name;
    if (field.name.startsWith('_')) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      if (ID_CARRIERS.has(named.name) || COUNTERS.has(field.name)) out.push(`${name}${argumentsOf(type, field, first)}`);
      continue;
    }
    if (depth < 0) continue;
    let inner: string[];
    if (isConnection(named)) {
      if (depth < 1) continue;
      const nodes = select(schema, getNamedType(named.getFields().nodes.type), depth - 1, first);
      inner = [...('totalCount' in named.getFields() ? ['totalCount'] : []), `nodes { ${nodes.join(' ')} }`];
    } else {
      inner = select(schema, named, depth - 1, first);
    }
    if (inner.length) out.push(`${name}${argumentsOf(type, field, first)} { ${inner.join(' ')} }`);
  }
  return out;
}

/** Field names that the given object types declare with different types. */
function conflictingFields(types: readonly GraphQLObjectType[]): Set<string> {
  const typesByName = new Map<string, Set<string>>();
  for (const type of types) {
    for (const field of Object.values(type.getFields())) {
      typesByName.set(field.name, (typesByName.get(field.name) ?? new Set()).add(String(field.type)));
    }
  }
  return new Set([...typesByName].filter(([, set]) => set.size > 1).map(([name]) => name));
}

/** Lexical tokens of a document, as the gateway's token limit counts them. */
export function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

/** What the gateway's limits measure of a document (gateway/limits): tokens, depth, aliases, fields, and objects it may return. */
export interface DocumentShape {
  tokens: number;
  /** Fields and inline fragments nested, as GraphQL Armor counts them (fragments unflattened). */
  depth: number;
  aliases: number;
  /** Fields the operation executes (these documents spread no fragments). */
  fields: number;
  /** Page sizes multiplied along each path, summed (a `nodes(ids:)` list counts as a page of its IDs). */
  nodes: number;
}

export function documentShape(document: string): DocumentShape {
  const operation = parse(document).definitions[0] as OperationDefinitionNode;
  let aliases = 0;
  let fields = 0;
  let nodes = 0;
  const walk = (set: SelectionSetNode | undefined, depth: number, multiplier: number): number => {
    let max = depth;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, walk(selection.selectionSet, depth + 1, multiplier));
      if (selection.kind !== Kind.FIELD) continue;
      fields++;
      if (selection.alias) aliases++;
      const page = selection.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'ids')?.value;
      const fanOut = page?.kind === Kind.INT ? Number(page.value) : page?.kind === Kind.LIST ? page.values.length : 0;
      nodes += multiplier * fanOut;
      max = Math.max(max, walk(selection.selectionSet, depth + 1, fanOut ? multiplier * fanOut : multiplier));
    }
    return max;
  };
  const depth = walk(operation.selectionSet, 0, 1);
  return { tokens: tokenCount(document), depth, aliases, fields, nodes };
}
