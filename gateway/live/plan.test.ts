import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { GraphQLSchema, parse, print, validate } from 'graphql';
import { createGraph } from '../graph.ts';
import { loadLimitsConfig } from '../limits/index.ts';
import { SUBGRAPHS, type SubgraphName } from '../../subgraphs/registry.ts';
import { activityRequest } from './plan.ts';

describe('an activity subscription, split into its filter and the shape of its events', () => {
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, 'http://127.0.0.1:9/graphql'])) as Record<SubgraphName, string>;
  const graph = createGraph({ subgraphUrls, principalKey: Buffer.alloc(32), production: false, limits: loadLimitsConfig({}) });
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = (await graph.runtime.getSchema()) as GraphQLSchema;
  });
  afterAll(() => graph.runtime.dispose());

  const request = (query: string, variables: Record<string, unknown> = {}, operationName?: string) => {
    const document = parse(query);
    expect(validate(schema, document)).toEqual([]);
    return activityRequest(schema, document, operationName, variables);
  };

  it('reads the filter from the arguments, literal or variable, and leaves it out of the shape', () => {
    const a = request('subscription($t: [String!], $w: ID) { activity(types: $t, workspaceId: $w, after: "x") { cursor node { id subject { ... on Task { title } } } } }', { t: ['task.'], w: 'WS-26-000021' })!;
    const b = request('subscription Other { feed: activity(subjectId: "TSK-26-000001") { cursor node { id subject { ... on Task { title } } } } }')!;
    expect(a.args).toEqual({ types: ['task.'], workspaceId: 'WS-26-000021', after: 'x' });
    expect(b.args).toEqual({ subjectId: 'TSK-26-000001' });
    expect(a.plan.rootKey).toBe('activity');
    expect(b.plan.rootKey).toBe('feed');
    // The same selection under another root alias is another shape; under the same, the same one.
    const c = request('subscription($x: ID) { activity(actorId: $x) { cursor node { id subject { ... on Task { title } } } } }', { x: 'USR-26-000044' })!;
    expect(c.plan.selectionKey).toBe(a.plan.selectionKey);
    expect(b.plan.selectionKey).not.toBe(a.plan.selectionKey);
  });

  it('reads each batch with one query: an aliased event(id:) per event, spreading the node selection, valid against the graph', () => {
    const { plan } = request(`subscription($withSubject: Boolean!, $n: Int) {
      activity { ...Edge n: node { type } }
    }
    fragment Edge on EventEdge { cursor __typename node { id ...Subject @include(if: $withSubject) } }
    fragment Subject on Event { subject { ... on Task { title events(first: $n) { nodes { id } } } } }`, { withSubject: true, n: 3 })!;
    expect(plan.edge.map((f) => [f.key, f.kind])).toEqual([['cursor', 'cursor'], ['__typename', 'typename'], ['node', 'node'], ['n', 'row']]);
    expect(plan.nodeSelections).toBe(1);
    expect(plan.variables).toEqual({ n: 3, withSubject: true });
    const document = plan.document(3);
    expect(validate(schema, document)).toEqual([]);
    const text = print(document);
    expect(text).toContain(`e0: event(id: $${plan.idVariable(0)})`);
    expect(text).toContain(`e2: event(id: $${plan.idVariable(2)})`);
    expect(text).toContain('fragment Subject on Event');
    expect(text).not.toContain('fragment Edge');
    // Variables of the selection are part of the shape: another value is another audience.
    const other = request(print(parse(`subscription($withSubject: Boolean!, $n: Int) {
      activity { ...Edge n: node { type } }
    }
    fragment Edge on EventEdge { cursor __typename node { id ...Subject @include(if: $withSubject) } }
    fragment Subject on Event { subject { ... on Task { title events(first: $n) { nodes { id } } } } }`)), { withSubject: true, n: 4 })!;
    expect(other.plan.selectionKey).not.toBe(plan.selectionKey);
  });

  it('serves a node made of the row\'s own fields without reading anything', () => {
    const { plan } = request('subscription { activity { cursor node { __typename id type createdAt payload actorId ... on Node { id } } } }')!;
    expect(plan.nodeSelections).toBe(0);
    const row = plan.edge.find((f) => f.kind === 'row');
    expect(row?.kind === 'row' && row.fields.map((f) => [f.key, f.column])).toEqual([['__typename', null], ['id', 'id'], ['type', 'type'], ['createdAt', 'createdAt'], ['payload', 'payload'], ['actorId', 'actorId']]);
    // Dates as the events subgraph prints them.
    const createdAt = row?.kind === 'row' ? row.fields.find((f) => f.key === 'createdAt')! : undefined;
    expect(createdAt?.serialize(new Date('2026-04-10T10:00:00.000Z'))).toBe('2026-04-10T10:00:00Z');
    // Anything another subgraph serves (or an event field with a resolver) is read.
    expect(request('subscription { activity { node { id workspace { id } } } }')!.plan.nodeSelections).toBe(1);
  });

  it('keeps clear of the names the subscription uses', () => {
    const { plan } = request(`subscription($liveEvent0: Int) { activity { node { subject { ... on Task { events(first: $liveEvent0) { nodes { id } } } } ...LiveActivityNode0 } } }
      fragment LiveActivityNode0 on Event { type workspace { id } }`, { liveEvent0: 2 })!;
    expect(plan.idVariable(0)).not.toBe('liveEvent0');
    expect(validate(schema, plan.document(2))).toEqual([]);
  });

  it('makes a document\'s request once per distinct variables: the same values share one, frozen; others, another schema or a coercion failure are their own', () => {
    const document = parse('subscription($t: [String!], $w: ID, $after: String) { activity(types: $t, workspaceId: $w, after: $after) { cursor node { id subject { ... on Task { title } } } } }');
    const a = activityRequest(schema, document, undefined, { t: ['task.'], w: 'WS-26-000021' })!;
    const again = activityRequest(schema, document, undefined, { t: ['task.'], w: 'WS-26-000021' })!;
    expect(again).toBe(a);
    expect(Object.isFrozen(a.args) && Object.isFrozen(a.args.types)).toBe(true);
    const other = activityRequest(schema, document, undefined, { t: ['task.'], w: 'WS-26-000022' })!;
    expect(other.args).toEqual({ types: ['task.'], workspaceId: 'WS-26-000022' });
    expect(other.plan).toBe(a.plan);
    expect(activityRequest(schema, document, undefined, { t: 5 })).toBeUndefined();
    expect(activityRequest(schema, document, undefined, { t: ['task.'], w: 'WS-26-000021' })).toBe(a);
    // Past the remembered number of distinct variables (resumes, each its own after), the oldest are forgotten, answers unchanged.
    for (let i = 0; i < 1100; i++) expect(activityRequest(schema, document, undefined, { after: `c${i}` })!.args).toEqual({ after: `c${i}` });
    const remade = activityRequest(schema, document, undefined, { t: ['task.'], w: 'WS-26-000021' })!;
    expect(remade).not.toBe(a);
    expect(remade.args).toEqual(a.args);
    // Another schema (a new supergraph) makes it again.
    const next = new GraphQLSchema(schema.toConfig());
    const onNext = activityRequest(next, document, undefined, { t: ['task.'], w: 'WS-26-000021' })!;
    expect(onNext).not.toBe(remade);
    expect(onNext.args).toEqual(a.args);
    expect(activityRequest(next, document, undefined, { t: ['task.'], w: 'WS-26-000021' })).toBe(onNext);
  });

  it('is not an activity subscription: queries, and variables that do not coerce, are left to the runtime', () => {
    expect(activityRequest(schema, parse('{ events(first: 1) { nodes { id } } }'), undefined, {})).toBeUndefined();
    expect(activityRequest(schema, parse('subscription($t: [String!]) { activity(types: $t) { cursor } }'), undefined, { t: 'task.' })?.args).toEqual({ types: ['task.'] });
    expect(activityRequest(schema, parse('subscription($t: [String!]) { activity(types: $t) { cursor } }'), undefined, { t: 5 })).toBeUndefined();
    expect(activityRequest(schema, parse('subscription($t: [String!]!) { activity(types: $t) { cursor } }'), undefined, {})).toBeUndefined();
  });
});
