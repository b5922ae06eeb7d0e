import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { buildSchema } from 'graphql';
import { directEventsPlan, shapeJson } from './direct.ts';
import { EVENT } from '../rest/events.ts';
import { at, each, lowered, record, shape, type Fields } from '../rest/shape.ts';
import { rowJsonValue } from '../../subgraphs/events/public.ts';
import type { EventRow } from '../../subgraphs/events/public.ts';

const schema = buildSchema(fs.readFileSync(path.resolve(import.meta.dirname, '../../schema/supergraph.graphql'), 'utf8'));
const PAGE = 'pageInfo { hasNextPage endCursor }';
const ROW: EventRow = {
  seq: 7, id: 'EVT-26-000007', type: 'task.created', organizationId: 'ORG-26-090500', workspaceId: null, actorType: 'user', actorId: 'USR-26-000044',
  subjectType: 'task', subjectId: 'TSK-26-000001', payload: { title: 'x' }, createdAt: new Date('2026-04-10T10:00:00.000Z'),
};

describe('which export documents read the event log directly', () => {
  it('serves row fields, __typename and the organization and workspace keys, in the response order', () => {
    const plan = directEventsPlan(schema, `query($t: [String!], $after: String) { log: events(types: $t, from: "2026-01-01", after: $after) {
      nodes { __typename at: createdAt ...on Event { id } ws: workspace { id } organization { __typename id } payload actorId } ${PAGE} } }`, { t: ['task.'] });
    expect(plan).toBeDefined();
    expect(plan!.rootKey).toBe('log');
    expect(plan!.args).toMatchObject({ types: ['task.'], from: new Date('2026-01-01T00:00:00Z') });
    expect(JSON.stringify(plan!.node(ROW))).toBe(JSON.stringify({
      __typename: 'Event', at: '2026-04-10T10:00:00Z', id: 'EVT-26-000007', ws: null,
      organization: { __typename: 'Organization', id: 'ORG-26-090500' }, payload: { title: 'x' }, actorId: 'USR-26-000044',
    }));
  });

  it('leaves to the graph what a row does not hold, smaller pages and directives', () => {
    const none = (document: string, variables: Record<string, unknown> = {}) => expect(directEventsPlan(schema, document, variables)).toBeUndefined();
    none(`query($after: String) { events(after: $after) { nodes { id subject { __typename } } ${PAGE} } }`);
    none(`query($after: String) { events(after: $after) { nodes { id actor { __typename } } ${PAGE} } }`);
    none(`query($after: String) { events(after: $after) { nodes { id workspace { name } } ${PAGE} } }`);
    none(`query($after: String) { events(first: 40, after: $after) { nodes { id } ${PAGE} } }`);
    none(`query($n: Int, $after: String) { events(first: $n, after: $after) { nodes { id } ${PAGE} } }`, { n: 3 });
    none(`query($after: String) { events(after: $after) { nodes { id type @include(if: true) } ${PAGE} } }`);
    none(`query($after: String) { events(after: $after) { edges { node { id } } nodes { id } ${PAGE} } }`);
    none(`query($after: String) { workspace(id: "WS-26-000021") { events(after: $after) { nodes { id } ${PAGE} } } }`);
    // A variable that does not coerce: the graph reports it as it does for /graphql.
    none(`query($from: DateTime, $after: String) { events(from: $from, after: $after) { nodes { id } ${PAGE} } }`, { from: 'yesterday' });
    expect(directEventsPlan(schema, `query($n: Int, $after: String) { events(first: $n, after: $after) { nodes { id } ${PAGE} } }`, { n: 100 })).toBeDefined();
  });

  it('describes a REST item the route\'s shape maps from such a node, for the database to build', () => {
    const plan = directEventsPlan(schema, `query($after: String) { events(after: $after) { nodes { ...on Event { id type organization { id } workspace { id } actorType actorId subjectType subjectId payload createdAt } } ${PAGE} } }`, {})!;
    const item = shapeJson(EVENT.fields, plan.json)!;
    for (const row of [ROW, { ...ROW, workspaceId: 'WS-26-000021', actorId: null, createdAt: new Date('2026-04-10T10:00:00.250Z') }]) {
      expect(JSON.stringify(rowJsonValue(item)(row))).toBe(JSON.stringify(EVENT.map(plan.node(row))));
    }
    // A record read from a reference the row may lack is null with it.
    const workspace = shapeJson(shape('W', { ws: record({ id: at('id') }, { from: 'workspace' }) }).fields, plan.json)!;
    expect(rowJsonValue(workspace)(ROW)).toEqual({ ws: null });
    expect(rowJsonValue(workspace)({ ...ROW, workspaceId: 'WS-26-000021' })).toEqual({ ws: { id: 'WS-26-000021' } });
    // What it does not describe (a lowered enum, a list, a path the node lacks): mapped in this process.
    for (const fields of [{ type: lowered('type') }, { list: each('payload', { id: at('id') }) }, { name: at('subjectName') }, { id: record({ id: at('id') }, { when: 'actorId' }) }] as Fields[]) {
      expect(shapeJson(shape('X', fields).fields, plan.json)).toBeUndefined();
    }
  });
});
