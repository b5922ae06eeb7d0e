import { describe, it, expect } from 'vitest';
import { parse, Kind, type TypeNode } from 'graphql';
import { SUBGRAPHS, schemaFileOf } from '../registry.ts';
import { subgraphSdl } from './subgraph-server.ts';

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
