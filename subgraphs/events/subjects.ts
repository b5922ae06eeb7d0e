import type { EntityType } from '../../platform/ids.ts';

/**
 * The event envelope names subjects and actors as `{type, id}` with the docs' snake_case types.
 * This table is the one place that says which of them are types of the graph (so `subject` can
 * resolve to the owning subgraph's entity); every other type (run, invoice, agent, webhook ...)
 * stays a plain ResourceRef. GraphQL and the REST shim both read it.
 */
export const GRAPH_TYPE_OF_SUBJECT = {
  task: 'Task',
  service_line: 'ServiceLine',
  pod: 'Pod',
  sla: 'Sla',
  ticket: 'Ticket',
  incident: 'Incident',
  integration: 'Integration',
  sync_run: 'SyncRun',
  workspace: 'Workspace',
  organization: 'Organization',
  user: 'User',
  project: 'Project',
} as const satisfies Record<string, EntityType>;

export type SubjectGraphType = (typeof GRAPH_TYPE_OF_SUBJECT)[keyof typeof GRAPH_TYPE_OF_SUBJECT];

/** A resource outside the graph, as the envelope stores it. */
export interface ResourceRef {
  __typename: 'ResourceRef';
  type: string;
  id: string;
}

/** An actor without an ID: the platform itself. */
export interface SystemActor {
  __typename: 'SystemActor';
  type: string;
}

/** An entity of the graph, by key, tagged with its type so the union can be resolved. */
export interface GraphRef<T extends string = SubjectGraphType> {
  __typename: T;
  id: string;
}

export type EventSubjectRef = GraphRef | ResourceRef;
export type EventActorRef = GraphRef<'User'> | ResourceRef | SystemActor;

export const resourceRef = (type: string, id: string): ResourceRef => ({ __typename: 'ResourceRef', type, id });

/** The graph's type for a subject type, or undefined when the graph holds no such type. */
export function graphTypeOfSubject(type: string): SubjectGraphType | undefined {
  return Object.hasOwn(GRAPH_TYPE_OF_SUBJECT, type) ? GRAPH_TYPE_OF_SUBJECT[type as keyof typeof GRAPH_TYPE_OF_SUBJECT] : undefined;
}

export function eventSubject(type: string, id: string): EventSubjectRef {
  const typename = graphTypeOfSubject(type);
  return typename ? { __typename: typename, id } : resourceRef(type, id);
}

/** Users are entities of the graph; agents and API keys are references; an actor without ID is the system. */
export function eventActor(type: string, id: string | null): EventActorRef {
  if (!id) return { __typename: 'SystemActor', type };
  return type === 'user' ? { __typename: 'User', id } : resourceRef(type, id);
}
