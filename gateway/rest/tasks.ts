import { graphql } from './generated/gql.ts';
import { TaskPriority, TaskStatus, type RestTaskDetailFragment, type RestTaskSummaryFragment } from './generated/graphql.ts';
import { enumField, idField, stringField } from './body.ts';
import { enumListParam, idParam, pageParams } from './params.ts';
import { idOf, list, lower, restValues, route, type Route } from './route.ts';

const STATUSES = restValues(TaskStatus);
const PRIORITIES = restValues(TaskPriority);

graphql(`fragment RestTaskSummary on Task {
  id workspace { id } serviceLine { id } project { id } title status priority assignee { id } external { id source } createdAt updatedAt
}`);
graphql(`fragment RestTaskDetail on Task {
  id workspace { id } serviceLine { id } project { id } title description status priority assignee { id }
  external { id source url } history { at change from to by } createdAt updatedAt
}`);

/** A list item: exactly the fields of the docs' list example (no description, link or history). */
function summary(task: RestTaskSummaryFragment) {
  return {
    id: task.id,
    workspace_id: idOf(task.workspace),
    service_line_id: idOf(task.serviceLine),
    project_id: idOf(task.project),
    title: task.title,
    status: lower(task.status),
    priority: lower(task.priority),
    assignee_id: idOf(task.assignee),
    external_id: task.external?.id ?? null,
    external_source: task.external?.source ?? null,
    created_at: task.createdAt,
    updated_at: task.updatedAt,
  };
}

/** One task on its own, in the docs' field order: the summary plus description, deep link and history. */
function detail(task: RestTaskDetailFragment) {
  return {
    id: task.id,
    workspace_id: idOf(task.workspace),
    service_line_id: idOf(task.serviceLine),
    project_id: idOf(task.project),
    title: task.title,
    description: task.description,
    status: lower(task.status),
    priority: lower(task.priority),
    assignee_id: idOf(task.assignee),
    external_id: task.external?.id ?? null,
    external_source: task.external?.source ?? null,
    external_url: task.external?.url ?? null,
    // The graph stores history values as the docs write them ("backlog", "USR-.."): passed through.
    history: task.history.map((h) => ({ at: h.at, change: h.change, from: h.from, to: h.to, by: h.by })),
    created_at: task.createdAt,
    updated_at: task.updatedAt,
  };
}

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
    map: (data) => list(data.tasks, summary),
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
    map: (data) => ({ data: detail(data.createTask) }),
  }),
  route({
    method: 'GET',
    path: '/v1/tasks/{id}',
    summary: 'Retrieve a task with its description, external link and history.',
    document: graphql(`query RestTask($id: ID!) { task(id: $id) { ...RestTaskDetail } }`),
    map: (data) => ({ data: detail(data.task) }),
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
    map: (data) => ({ data: detail(data.updateTask) }),
  }),
];
