import { badRequest } from '../../platform/errors.ts';
import { graphql } from './generated/gql.ts';
import { idParam, instantParam, pageParams, type QueryParam } from './params.ts';
import { many, one, route, type Route } from './route.ts';
import { at, record, shape } from './shape.ts';

graphql(`fragment RestEventFields on Event { id type organization { id } workspace { id } actorType actorId subjectType subjectId payload createdAt }`);

/**
 * An event as the docs print it. The envelope is read as stored (actorType, subjectType ...): the
 * docs' lowercase snake_case types (user, agent, service_line, run) rather than the graph's union
 * members, so a subject no graph type holds (an agent run) reads the same as one that has a type.
 */
export const EVENT = shape('Event', {
  id: at('id'),
  type: at('type'),
  organization_id: at('organization.id'),
  workspace_id: at('workspace.id'),
  // The platform itself acts with no ID: { "type": "system", "id": null }.
  actor: record({ type: at('actorType'), id: at('actorId') }, { description: 'Who acted: user, agent, api_key or system (whose id is null).' }),
  subject: record({ type: at('subjectType'), id: at('subjectId') }, { description: 'The resource the event is about.' }),
  payload: at('payload'),
  created_at: at('createdAt'),
}, { description: 'An event of the platform\'s stream.' });

/** Free text handed to the graph, which checks it and names the parameter (renamed to the REST name). */
export function textParam<V extends string>(variable: V, description: string): QueryParam<V> {
  return {
    variable,
    schema: { type: 'string', description },
    parse(raw, name) {
      if (raw === undefined) return undefined;
      if (raw.trim() === '') throw badRequest(`${name} must not be empty.`, name);
      return raw;
    },
  };
}

export const eventRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/events',
    summary: "Query an organization's event stream, newest first.",
    query: {
      // Required by the docs; another organization's stream lists nothing, as /v1/workspaces does.
      organization_id: idParam('organizationId', 'Organization', { required: true }),
      workspace_id: idParam('workspaceId', 'Workspace'),
      type: {
        ...textParam('types', 'An event type (invoice.finalized) or a domain prefix ending in a dot (task.); several comma-separated.'),
        parse(raw, name) {
          if (raw === undefined) return undefined;
          const types = raw.split(',').map((t) => t.trim());
          if (types.some((t) => t === '')) throw badRequest(`${name} must name event types, comma-separated, got "${raw}".`, name);
          return [...new Set(types)];
        },
      },
      subject_type: textParam('subjectType', 'Resource type of the subject, as the docs write it (service_line, run ...).'),
      subject_id: textParam('subjectId', 'ID of the subject resource.'),
      actor_id: textParam('actorId', 'A USR-, KEY- or AGT- ID.'),
      from: instantParam('from', 'from'),
      to: instantParam('to', 'to'),
      ...pageParams('Event'),
    },
    document: graphql(`query RestEvents($organizationId: ID, $workspaceId: ID, $types: [String!], $subjectType: String, $subjectId: ID, $actorId: ID,
      $from: DateTime, $to: DateTime, $first: Int, $after: String) {
      events(organizationId: $organizationId, workspaceId: $workspaceId, types: $types, subjectType: $subjectType, subjectId: $subjectId,
        actorId: $actorId, from: $from, to: $to, first: $first, after: $after) { nodes { ...RestEventFields } pageInfo { hasNextPage endCursor } }
    }`),
    answer: many('events', EVENT),
  }),
  route({
    method: 'GET',
    path: '/v1/events/{id}',
    summary: 'Retrieve one event with its full payload.',
    document: graphql(`query RestEvent($id: ID!) { event(id: $id) { ...RestEventFields } }`),
    answer: one('event', EVENT),
  }),
];
