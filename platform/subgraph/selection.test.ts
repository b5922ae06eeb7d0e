import { describe, it, expect } from 'vitest';
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { columnSelection, selectedFields } from './selection.ts';
import { tasks } from '../../subgraphs/tasks/tables.ts';

/** The resolve info of the first field under the operation's root field (`line { <here> }`). */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const root = operation.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [root.selectionSet!.selections[0] as FieldNode], fragments };
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
