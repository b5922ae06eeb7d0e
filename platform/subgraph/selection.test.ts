import { describe, it, expect } from 'vitest';
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { columnSelection, selectedFields, MAX_COLUMN_SETS } from './selection.ts';
import { tasks } from '../../subgraphs/tasks/tables.ts';

/** The resolve info of the first field under the operation's root field (`line { <here> }`). */
function infoOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const root = operation.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [root.selectionSet!.selections[0] as FieldNode], fragments };
}

const taskColumns = columnSelection(tasks, { assignee: ['assigneeId'], external: ['externalId', 'externalSource', 'externalUrl'] });

describe('selection-aware reads', () => {
  it('collects the fields of a connection\'s nodes and edges, through inline fragments and named ones', () => {
    const info = infoOf(`{ line { tasks(first: 5) {
      totalCount pageInfo { endCursor }
      nodes { id title ... on Task { status } ...More __typename }
      edges { cursor node { priority ... { createdAt } } }
    } } }
    fragment More on Task { assignee { id name } }`);
    expect([...selectedFields(info)].sort()).toEqual(['assignee', 'createdAt', 'id', 'priority', 'status', 'title']);
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
    // Another operation's selection is worked out again, to the same column set (the same array: one set, one statement).
    expect(taskColumns(infoOf('{ line { tasks { nodes { title } } } }'))).toBe(first);
  });

  it(`reads partial rows with at most ${MAX_COLUMN_SETS} distinct column sets (statements the driver and the database keep), whole rows past them`, () => {
    const columns = columnSelection(tasks, {});
    const optional = ['title', 'description', 'status', 'priority', 'createdAt', 'updatedAt', 'completedAt'];
    // Every subset of seven fields: 128 selections, each its own column set.
    const answers = Array.from({ length: 2 ** optional.length }, (_, bits) => {
      const fields = optional.filter((_, i) => bits & (1 << i));
      return columns(infoOf(`{ line { tasks { nodes { id ${fields.join(' ')} } } } }`));
    });
    const partial = answers.filter((answer) => answer !== undefined);
    expect(new Set(partial.map((answer) => answer!.join())).size).toBe(MAX_COLUMN_SETS);
    expect(partial).toHaveLength(MAX_COLUMN_SETS);
    // A set already served is served again, from another operation's selection; a new one reads the whole row.
    expect(columns(infoOf('{ line { tasks { nodes { id } } } }'))).toBe(answers[0]);
    expect(columns(infoOf(`{ line { tasks { nodes { ${optional.join(' ')} } } } }`))).toBeUndefined();
  });
});
