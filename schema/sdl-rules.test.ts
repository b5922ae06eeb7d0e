import { describe, it, expect } from 'vitest';
import { parse, Kind, type TypeNode } from 'graphql';
import { SUBGRAPHS, schemaFileOf } from '../subgraphs/registry.ts';
import { subgraphSdl } from '../platform/subgraph/sdl.ts';

const named = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type));

describe('subgraph SDL rules', () => {
  for (const { name } of SUBGRAPHS) {
    const document = parse(subgraphSdl(schemaFileOf(name)));
    const enums = new Set(document.definitions.filter((d) => d.kind === Kind.ENUM_TYPE_DEFINITION).map((d) => (d as { name: { value: string } }).name.value));

    it(`${name}: no enum argument or input field has an SDL default`, () => {
      // Enum values are mapped to their stored lowercase form after the schema is built; a default
      // written in SDL keeps the UPPER name and would reach SQL unmapped. Defaults live in code.
      const offenders: string[] = [];
      for (const definition of document.definitions) {
        if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
          for (const field of definition.fields ?? []) {
            if (field.defaultValue && enums.has(named(field.type))) offenders.push(`${definition.name.value}.${field.name.value}`);
          }
        }
        if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) {
          for (const field of definition.fields ?? []) {
            for (const arg of field.arguments ?? []) {
              if (arg.defaultValue && enums.has(named(arg.type))) offenders.push(`${definition.name.value}.${field.name.value}(${arg.name.value})`);
            }
          }
        }
      }
      expect(offenders).toEqual([]);
    });

    it(`${name}: every list field that takes first/last returns a connection`, () => {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
        for (const field of definition.fields ?? []) {
          const args = new Set((field.arguments ?? []).map((a) => a.name.value));
          if (args.has('first')) {
            expect(['first', 'after', 'last', 'before'].every((a) => args.has(a)), `${definition.name.value}.${field.name.value}`).toBe(true);
            expect(named(field.type), `${definition.name.value}.${field.name.value}`).toMatch(/Connection$/);
          }
        }
      }
    });
  }
});

/**
 * One subgraph that fails must not erase what the others answered. A field whose value comes from
 * another subgraph than its parent's is nullable, so that a failure there nulls that field alone
 * (with an error at its path) instead of its parent: every root field (each comes from its own
 * subgraph, and a non-null one would null the whole answer), every field a subgraph adds to an
 * entity another subgraph owns, and every place that holds another subgraph's entity (its
 * fields come from that subgraph).
 */
describe('subgraph SDL: a part that fails does not erase its parent', () => {
  const documents = SUBGRAPHS.map(({ name }) => ({ name, document: parse(subgraphSdl(schemaFileOf(name))) }));
  const isEntity = (definition: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: { kind: string; value?: unknown } }[] }[] }) =>
    definition.directives?.some((d) => d.name.value === 'key' && !d.arguments?.some((a) => a.name.value === 'resolvable' && a.value.value === false)) ?? false;
  // The owner of an entity is the subgraph that declares it a Node it resolves.
  const owner = new Map<string, string>();
  for (const { name, document } of documents) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && isEntity(definition) && definition.interfaces?.some((i) => i.name.value === 'Node')) {
        owner.set(definition.name.value, name);
      }
    }
  }
  const innermost = (type: TypeNode): TypeNode => (type.kind === Kind.NON_NULL_TYPE ? (type.type.kind === Kind.LIST_TYPE ? innermost(type.type.type) : type) : type.kind === Kind.LIST_TYPE ? innermost(type.type) : type);

  for (const { name, document } of documents) {
    // Unions and interfaces that may hold another subgraph's entity.
    const abstract = new Map<string, string[]>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.UNION_TYPE_DEFINITION) abstract.set(definition.name.value, (definition.types ?? []).map((t) => t.name.value));
    }
    abstract.set('Node', [...owner.keys()]);
    const foreign = (typeName: string) =>
      (owner.has(typeName) && owner.get(typeName) !== name) || (abstract.get(typeName) ?? []).some((member) => owner.has(member) && owner.get(member) !== name);

    it(`${name}: root fields, fields added to others' entities and places holding others' entities are nullable`, () => {
      const offenders: string[] = [];
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
        const typeName = definition.name.value;
        const contributed = isEntity(definition) && owner.get(typeName) !== name;
        for (const field of definition.fields ?? []) {
          const where = `${typeName}.${field.name.value}`;
          if (typeName === 'Query' && field.type.kind === Kind.NON_NULL_TYPE) offenders.push(`${where} (root field)`);
          else if (contributed && field.name.value !== 'id' && field.type.kind === Kind.NON_NULL_TYPE) offenders.push(`${where} (added to ${owner.get(typeName)}'s entity)`);
          else if (foreign(named(field.type)) && innermost(field.type).kind === Kind.NON_NULL_TYPE) offenders.push(`${where} (holds another subgraph's ${named(field.type)})`);
        }
      }
      expect(offenders).toEqual([]);
    });
  }
});
