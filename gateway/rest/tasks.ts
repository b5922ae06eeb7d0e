import { graphql } from './generated/gql.ts';
import { TaskPriority, TaskStatus } from './generated/graphql.ts';
import { enumField, idField, stringField } from './body.ts';
import { enumListParam, idParam, pageParams } from './params.ts';
import { many, one, restValues, route, type Route } from './route.ts';
import { at, each, lowered, pick, shape } from './shape.ts';

const STATUSES = restValues(TaskStatus);
const PRIORITIES = restValues(TaskPriority);

graphql(`fragment RestTaskSummary on Task {
  id workspace { id } serviceLine { id } project { id } title status priority assignee { id } external { id source } createdAt updatedAt
}`);
graphql(`fragment RestTaskDetail on Task {
  id workspace { id } serviceLine { id } project { id } title description status priority assignee { id }
  external { id source url } history { at change from to by } createdAt updatedAt
}`);

const SUMMARY = {
  id: at('id'),
  workspace_id: at('workspace.id'),
  service_line_id: at('serviceLine.id'),
  project_id: at('project.id'),
  title: at('title'),
  status: lowered('status'),
  priority: lowered('priority'),
  assignee_id: at('assignee.id'),
  external_id: at('external.id'),
  external_source: at('external.source'),
  created_at: at('createdAt'),
  updated_at: at('updatedAt'),
};

/** A list item: exactly the fields of the docs' list example (no description, link or history). */
export const TASK = shape('Task', SUMMARY, { description: 'A task as lists show it.' });

/** One task on its own, in the docs' field order: the summary plus description, deep link and history. */
export const TASK_DETAIL = shape('TaskDetail', {
  ...pick(SUMMARY, 'id', 'workspace_id', 'service_line_id', 'project_id', 'title'),
  description: at('description'),
  ...pick(SUMMARY, 'status', 'priority', 'assignee_id', 'external_id', 'external_source'),
  external_url: at('external.url'),
  // The graph stores history values as the docs write them ("backlog", "USR-.."): passed through.
  history: each('history', { at: at('at'), change: at('change'), from: at('from'), to: at('to'), by: at('by') }),
  ...pick(SUMMARY, 'created_at', 'updated_at'),
}, { description: 'A task with its description, external link and history (GET by ID, and what writes answer).' });

export const taskRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/tasks',
    summary: 'List the tasks of a workspace or Service Line, filtered by project, assignee, status or priority.',
    // "workspace_id or service_line_id" is the graph's rule (Query.tasks); its message is renamed to these names.
    query: {
      workspace_id: idParam('workspaceId', 'Workspace'),
      service_line_id: idParam('serviceLineId', 'ServiceLine'),
      project_id: idParam('projectId', 'Project'),
      assignee_id: idParam('assigneeId', 'User'),
      status: enumListParam('status', STATUSES),
      priority: enumListParam('priority', PRIORITIES),
      ...pageParams('Task'),
    },
    document: graphql(`query RestTasks($workspaceId: ID, $serviceLineId: ID, $projectId: ID, $assigneeId: ID, $status: [TaskStatus!], $priority: [TaskPriority!], $first: Int, $after: String) {
      tasks(workspaceId: $workspaceId, serviceLineId: $serviceLineId, projectId: $projectId, assigneeId: $assigneeId, status: $status, priority: $priority, first: $first, after: $after) {
        nodes { ...RestTaskSummary } pageInfo { hasNextPage endCursor }
      }
    }`),
    answer: many('tasks', TASK),
  }),
  route({
    method: 'POST',
    path: '/v1/tasks',
    summary: 'Create a task.',
    body: {
      workspace_id: idField('workspaceId', 'Workspace', { description: 'Required unless service_line_id is given.' }),
      service_line_id: idField('serviceLineId', 'ServiceLine', { description: "Required unless the workspace's require_task_service_line setting is off." }),
      project_id: idField('projectId', 'Project'),
      title: stringField('title', { required: true }),
      description: stringField('description'),
      priority: enumField('priority', PRIORITIES, { description: 'Defaults to medium.' }),
      assignee_id: idField('assigneeId', 'User'),
      status: enumField('status', STATUSES, { description: 'Defaults to backlog.' }),
    },
    status: 201,
    document: graphql(`mutation RestCreateTask($input: CreateTaskInput!) { createTask(input: $input) { ...RestTaskDetail } }`),
    answer: one('createTask', TASK_DETAIL),
  }),
  route({
    method: 'GET',
    path: '/v1/tasks/{id}',
    summary: 'Retrieve a task with its description, external link and history.',
    document: graphql(`query RestTask($id: ID!) { task(id: $id) { ...RestTaskDetail } }`),
    answer: one('task', TASK_DETAIL),
  }),
  route({
    method: 'PATCH',
    path: '/v1/tasks/{id}',
    summary: 'Update a task; done or cancelled counts toward its Service Line\'s delivery velocity.',
    body: {
      title: stringField('title'),
      description: stringField('description', { nullable: true }),
      status: enumField('status', STATUSES),
      priority: enumField('priority', PRIORITIES),
      assignee_id: idField('assigneeId', 'User', { nullable: true, description: 'null unassigns.' }),
      project_id: idField('projectId', 'Project', { nullable: true, description: 'null removes the project label.' }),
      service_line_id: idField('serviceLineId', 'ServiceLine', { description: 'A Service Line of the task\'s workspace.' }),
    },
    document: graphql(`mutation RestUpdateTask($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ...RestTaskDetail } }`),
    answer: one('updateTask', TASK_DETAIL),
  }),
];
