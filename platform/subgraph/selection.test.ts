import { describe, it, expect } from 'vitest';
import { Kind, buildSchema, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { columnSelection, selectedFields } from './selection.ts';
import { tasks } from '../../subgraphs/tasks/tables.ts';

const schema = buildSchema(`
  interface Node { id: ID! }
  type Task implements Node { id: ID! title: String! status: String! }
  type User implements Node { id: ID! name: String! }
  union Entity = Task | User
  type Query { line: Entity }
`);

/** The resolve info of the first field under the operation's root field (`line { <here> }`). */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const root = operation.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [root.selectionSet!.selections[0] as FieldNode], fragments, schema };
}

const taskColumns = columnSelection(tasks, 'connection', { assignee: ['assigneeId'], external: ['externalId', 'externalSource', 'externalUrl'] });

describe('selection-aware reads', () => {
  it('collects the fields of a connection\'s nodes and edges, through inline fragments and named ones', () => {
    const info = infoOf(`{ line { tasks(first: 5) {
      totalCount pageInfo { endCursor }
      nodes { id title ... on Task { status } ...More __typename }
      edges { cursor node { priority ... { createdAt } } }
    } } }
    fragment More on Task { assignee { id name } }`);
    expect([...selectedFields(info, 'connection')].sort()).toEqual(['assignee', 'createdAt', 'id', 'priority', 'status', 'title']);
    expect([...selectedFields(info, 'object')].sort()).toEqual(['edges', 'nodes', 'pageInfo', 'totalCount']);
  });

  it('follows the fragments that may hold the type given, and no other object type\'s', () => {
    const info = infoOf(`{ line { _entities { __typename ... on Task { title } ... on User { name } ... on Node { id } ... on Entity { ...Mine ...Theirs } } } }
      fragment Mine on Task { status }
      fragment Theirs on User { email }`);
    expect([...selectedFields(info, { type: 'Task' })].sort()).toEqual(['id', 'status', 'title']);
    expect([...selectedFields(info, { type: 'User' })].sort()).toEqual(['email', 'id', 'name']);
  });

  it('reads the columns of the fields selected and of the ones named in needs, the ID always, in the table\'s order', () => {
    const info = infoOf('{ line { tasks { nodes { title assignee { name } external { url } } } } }');
    expect(taskColumns(info)).toEqual(['id', 'title', 'assigneeId', 'externalId', 'externalSource', 'externalUrl']);
    expect(taskColumns(infoOf('{ line { tasks { totalCount } } }'))).toEqual(['id']);
  });

  it('reads the whole row for a field it cannot map to columns', () => {
    expect(taskColumns(infoOf('{ line { tasks { nodes { title history { at } } } } }'))).toBeUndefined();
  });

  it('answers the same field of an operation from its first answer', () => {
    const info = infoOf('{ line { tasks { nodes { title } } } }');
    const first = taskColumns(info);
    expect(taskColumns({ ...info })).toBe(first);
    expect(taskColumns(infoOf('{ line { tasks { nodes { title } } } }'))).not.toBe(first);
  });
});
