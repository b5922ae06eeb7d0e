import { describe, it, expect } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { RESOURCE_EXAMPLES } from './examples.ts';
import { openApiDocument } from './openapi.ts';
import { resourceSchema, type Answer } from './resource-schema.ts';
import { REST_ROUTES } from './router.ts';
import { at, each, lowered, record, shape, within } from './shape.ts';

const answer = (kind: Answer['kind'], path: string, fields: Parameters<typeof shape>[1]): Answer => ({ kind, path: path.split('.'), shape: shape('Thing', fields) });

const TASK_DOC = `query($id: ID!) { task(id: $id) { ...T } }
fragment T on Task { id title status workspace { id } external { id source } history { at by } }`;

describe('resource schemas derived from the route documents', () => {
  it('every served route names the resource it answers', () => {
    const untyped = REST_ROUTES.filter((route) => !route.answer).map((route) => `${route.method} ${route.path}`);
    expect(untyped).toEqual([]);
  });

  it('reads type, nullability, enum values and ID patterns from the graph through the document', () => {
    const schema = resourceSchema(TASK_DOC, answer('one', 'task', {
      id: at('id'),
      title: at('title'),
      status: lowered('status'),
      workspace_id: at('workspace.id'),
      external_source: at('external.source'),
      history: each('history', { at: at('at'), by: at('by') }),
    }));
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['id', 'title', 'status', 'workspace_id', 'external_source', 'history'] });
    const p = schema.properties as Record<string, any>;
    expect(p.id).toMatchObject({ type: 'string', pattern: '^TSK-\\d{2}-\\d{6,}$' });
    expect(p.title.type).toBe('string');
    expect(p.status).toMatchObject({ type: 'string', enum: ['backlog', 'in_progress', 'in_review', 'done', 'cancelled'] });
    // external is nullable in the graph, so what is read through it is too.
    expect(p.external_source.type).toEqual(['string', 'null']);
    expect(p.history.type).toBe('array');
    expect(p.history.items.properties.at).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('derives the list item of a connection, the first of a list, and records of the same or a nested object', () => {
    const list = resourceSchema(`query { tasks { nodes { id title } pageInfo { hasNextPage } } }`, answer('many', 'tasks', { id: at('id'), title: at('title') }));
    expect(Object.keys(list.properties as object)).toEqual(['id', 'title']);
    const nested = resourceSchema(TASK_DOC, answer('one', 'task', {
      external: record({ id: at('id'), source: at('source') }, { from: 'external' }),
      pair: record({ id: at('id'), title: at('title') }),
    }));
    const p = nested.properties as Record<string, any>;
    expect(p.external.type).toEqual(['object', 'null']);
    expect(p.pair.type).toBe('object');
    expect(resourceSchema(`query { tasks { nodes { id } } }`, answer('first', 'tasks.nodes', { id: at('id') })).required).toEqual(['id']);
  });

  it('refuses a path the document does not select, one the graph does not have, and a lowered non-enum', () => {
    expect(() => resourceSchema(TASK_DOC, answer('one', 'task', { description: at('description') }))).toThrow(/selects no description on Task/);
    expect(() => resourceSchema(`query { task(id: "x") { nope } }`, answer('one', 'task', { nope: at('nope') }))).toThrow(/Task has no field nope/);
    expect(() => resourceSchema(TASK_DOC, answer('one', 'task', { title: lowered('title') }))).toThrow(/lowered but is no enum/);
    expect(() => resourceSchema(TASK_DOC, answer('one', 'task', { workspace: at('workspace') }))).toThrow(/record\(\) or each\(\)/);
    expect(() => resourceSchema(TASK_DOC, answer('one', 'task', { by: at('history.by') }))).toThrow(/is a list/);
  });

  it('maps an answer exactly as its shape says', () => {
    const task = shape('T', {
      id: at('id'),
      status: lowered('status'),
      workspace_id: at('workspace.id'),
      history: each('history', at('by')),
      external: record({ id: at('id') }, { from: 'external' }),
      maybe: record({ id: at('id') }, { when: 'external' }),
      ...within('payload', { secret: at('secret') }),
    });
    expect(task.map({ id: 'TSK-1', status: 'IN_REVIEW', workspace: null, history: [{ by: 'USR-1' }], external: null, payload: { secret: 's' } })).toEqual({
      id: 'TSK-1', status: 'in_review', workspace_id: null, history: ['USR-1'], external: null, maybe: null, secret: 's',
    });
    // A field the answer lacks is the document not selecting it: a bug, never a silent undefined.
    expect(() => task.map({ id: 'TSK-1' })).toThrow(/has no status/);
  });

  it("every example is one of the document's resources and valid against its schema", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    const schemas = (openApiDocument() as any).components.schemas as Record<string, any>;
    const resources = [...new Set(REST_ROUTES.flatMap((route) => (route.answer ? [route.answer.shape.name] : [])))];
    expect(Object.keys(RESOURCE_EXAMPLES).sort()).toEqual(resources.sort());
    for (const name of resources) {
      const { examples, ...schema } = schemas[name];
      expect(examples, name).toEqual([RESOURCE_EXAMPLES[name]]);
      const validate = ajv.compile(schema);
      expect(validate(RESOURCE_EXAMPLES[name]) ? [] : validate.errors, name).toEqual([]);
    }
  });
});
