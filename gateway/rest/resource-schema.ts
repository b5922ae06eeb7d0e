import fs from 'node:fs';
import {
  Kind, buildASTSchema, getNamedType, getNullableType, isEnumType, isListType, isNonNullType, isObjectType, isAbstractType, isScalarType, parse,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLOutputType, type GraphQLSchema, type SelectionNode,
} from 'graphql';
import { ID_PREFIXES, idPattern, type EntityType } from '../../platform/ids.ts';
import { SUPERGRAPH_FILE } from '../../schema/supergraph.ts';
import type { JsonSchema } from './params.ts';
import type { Field, Fields, Shape } from './shape.ts';

/**
 * The JSON Schema of a REST resource, derived from its Shape (shape.ts) and the route's own
 * GraphQL document: each field's path is followed through the document's selection (fragments
 * expanded) and the supergraph's types, so its type, nullability (null when any step may be
 * null), enum values (in the docs' lowercase where the mapper lowers them), ID pattern and
 * description are the graph's. A path the document does not select is an error here, as it
 * would be an `undefined` in the answer.
 */

/** Where a walk stands: a field's type (wrappers kept) and what the document selects under it. */
interface Position {
  type: GraphQLOutputType;
  selections: readonly SelectionNode[];
  field?: GraphQLField<unknown, unknown>;
  /** The object type the field belongs to. */
  parent?: string;
}

interface Walked extends Position {
  nullable: boolean;
}

let supergraph: GraphQLSchema | undefined;

/** The supergraph the gateway plans over (its API types are the ones REST documents are validated against). */
export function graphSchema(): GraphQLSchema {
  supergraph ??= buildASTSchema(parse(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')), { assumeValidSDL: true });
  return supergraph;
}

class DocumentWalk {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly where: string,
    definitions: readonly { kind: Kind }[],
  ) {
    for (const d of definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set((d as FragmentDefinitionNode).name.value, d as FragmentDefinitionNode);
  }

  /** The field nodes under `selections` answering to `key`, fragments of the type expanded. */
  private fieldNodes(selections: readonly SelectionNode[], typeName: string, key: string): FieldNode[] {
    const found: FieldNode[] = [];
    const applies = (condition: string | undefined) => {
      if (condition === undefined || condition === typeName) return true;
      const abstract = this.schema.getType(condition);
      const type = this.schema.getType(typeName);
      return !!abstract && isAbstractType(abstract) && isObjectType(type) && this.schema.isSubType(abstract, type);
    };
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        if ((selection.alias?.value ?? selection.name.value) === key) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) found.push(...this.fieldNodes(selection.selectionSet.selections, typeName, key));
      } else {
        const fragment = this.fragments.get(selection.name.value);
        if (!fragment) throw new Error(`${this.where}: fragment ${selection.name.value} is not in the document`);
        if (applies(fragment.typeCondition.name.value)) found.push(...this.fieldNodes(fragment.selectionSet.selections, typeName, key));
      }
    }
    return found;
  }

  step(from: Position, key: string): Position {
    const named = getNamedType(from.type);
    if (!isObjectType(named)) throw new Error(`${this.where}: ${key} is read under ${named.name}, which is no object type`);
    const nodes = this.fieldNodes(from.selections, named.name, key);
    if (nodes.length === 0) throw new Error(`${this.where}: the document selects no ${key} on ${named.name}`);
    const field = named.getFields()[nodes[0].name.value];
    if (!field) throw new Error(`${this.where}: ${named.name} has no field ${nodes[0].name.value}`);
    return { type: field.type, selections: nodes.flatMap((n) => n.selectionSet?.selections ?? []), field, parent: named.name };
  }

  /** Follows a dotted path; only its last step may be a list. */
  walk(from: Position, path: string[]): Walked {
    let current = from;
    let nullable = false;
    path.forEach((key, i) => {
      current = this.step(current, key);
      if (!isNonNullType(current.type)) nullable = true;
      if (i < path.length - 1 && isListType(getNullableType(current.type))) {
        throw new Error(`${this.where}: ${path.slice(0, i + 1).join('.')} is a list: read its elements with each()`);
      }
    });
    return { ...current, nullable };
  }

  /** The element of the list a position holds, with what is selected under it. */
  element(list: Position, label: string): Position {
    const type = getNullableType(list.type);
    if (!isListType(type)) throw new Error(`${this.where}: ${label} is not a list`);
    return { type: type.ofType as GraphQLOutputType, selections: list.selections, parent: list.parent };
  }

  fieldSchema(field: Field, position: Position): JsonSchema {
    switch (field.kind) {
      case 'at': {
        const found = this.walk(position, field.path);
        const schema = this.leafSchema(found, field.lower, field.path.join('.'));
        return describe(found.nullable ? orNull(schema) : schema, field.description ?? found.field?.description);
      }
      case 'each': {
        const found = this.walk(position, field.path);
        const element = this.element(found, field.path.join('.'));
        const item = this.fieldSchema(field.item, element);
        const schema: JsonSchema = { type: 'array', items: isNonNullType(element.type) ? item : orNull(item) };
        return describe(found.nullable ? orNull(schema) : schema, field.description ?? found.field?.description);
      }
      case 'record': {
        let base: Position = position;
        let nullable = false;
        if (field.from) {
          const found = this.walk(position, field.from);
          base = found;
          nullable = found.nullable;
        }
        if (field.when) nullable ||= this.walk(position, field.when).nullable;
        const schema = this.recordSchema(field.fields, base);
        return describe(nullable ? orNull(schema) : schema, field.description ?? (field.from ? base.field?.description : undefined));
      }
    }
  }

  recordSchema(fields: Fields, position: Position): JsonSchema {
    const named = getNamedType(position.type);
    if (!isObjectType(named)) throw new Error(`${this.where}: a record is read from ${named.name}, which is no object type`);
    return {
      type: 'object',
      additionalProperties: false,
      required: Object.keys(fields),
      properties: Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, this.fieldSchema(field, position)])),
    };
  }

  private leafSchema(found: Walked, lower: boolean, label: string): JsonSchema {
    const type = getNullableType(found.type);
    if (isListType(type)) {
      const element = this.element(found, label);
      const item = this.leafSchema({ ...element, field: found.field, nullable: false }, lower, label);
      return { type: 'array', items: isNonNullType(element.type) ? item : orNull(item) };
    }
    if (isEnumType(type)) {
      const values = type.getValues().map((v) => String(v.value));
      return { type: 'string', enum: lower ? values.map((v) => v.toLowerCase()) : values };
    }
    if (lower) throw new Error(`${this.where}: ${label} is lowered but is no enum`);
    if (!isScalarType(type)) throw new Error(`${this.where}: ${label} is a ${type.name}: map its fields with record() or each()`);
    switch (type.name) {
      case 'ID': {
        // The `id` of an object type with an ID prefix has its pattern (TSK-26-018841).
        const owner = found.field?.name === 'id' ? found.parent : undefined;
        return owner && owner in ID_PREFIXES ? { type: 'string', pattern: idPattern(owner as EntityType) } : { type: 'string' };
      }
      case 'String':
        return { type: 'string' };
      case 'Int':
        return { type: 'integer' };
      case 'Float':
        return { type: 'number' };
      case 'Boolean':
        return { type: 'boolean' };
      case 'DateTime':
        return { type: 'string', format: 'date-time' };
      case 'Date':
        return { type: 'string', format: 'date' };
      case 'JSON':
        // Any JSON value (an event's payload, an integration's config): no type constraint.
        return {};
      default:
        throw new Error(`${this.where}: no JSON Schema for the scalar ${type.name}`);
    }
  }
}

/** The schema with JSON null allowed, as OpenAPI 3.1 says it (a type list; an enum lists null too). */
export function orNull(schema: JsonSchema): JsonSchema {
  if (schema.type === undefined) return schema;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('null')) return schema;
  return { ...schema, type: [...types, 'null'], ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}) };
}

function describe(schema: JsonSchema, description: string | null | undefined): JsonSchema {
  return description ? { ...schema, description: description.trim().replace(/\s+/g, ' ') } : schema;
}

/** How a route's answer holds its resource: at `path` of the data, alone, as a connection's nodes, or the first node of a list. */
export interface Answer {
  kind: 'one' | 'many' | 'first';
  path: string[];
  shape: Shape;
}

/** The JSON Schema of `answer.shape` as the route's `document` selects it. */
export function resourceSchema(document: string, answer: Answer, schema: GraphQLSchema = graphSchema()): JsonSchema {
  const where = `${answer.shape.name} (${answer.kind} ${answer.path.join('.')})`;
  const parsed = parse(document);
  const operation = parsed.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error(`${where}: the document has no operation`);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) throw new Error(`${where}: the graph has no ${operation.operation} type`);
  const walk = new DocumentWalk(schema, where, parsed.definitions);
  let position: Position = walk.walk({ type: root, selections: operation.selectionSet.selections }, answer.path);
  if (answer.kind === 'many') position = walk.element(walk.step(position, 'nodes'), 'nodes');
  if (answer.kind === 'first') position = walk.element(position, answer.path.join('.'));
  const resource = walk.recordSchema(answer.shape.fields, position);
  return answer.shape.description ? { description: answer.shape.description, ...resource } : resource;
}
