import type { EventResolvers, EventSubjectResolvers, EventActorResolvers } from '../generated/resolvers.ts';
import { resolveReference } from '../../../platform/subgraph/resolve.ts';
import { eventById } from '../loaders.ts';
import { eventActor, eventSubject } from '../subjects.ts';

export const Event: EventResolvers = {
  __resolveReference: (reference, ctx) => resolveReference(reference, eventById(ctx)),
  organization: (event) => ({ id: event.organizationId }),
  workspace: (event) => (event.workspaceId ? { id: event.workspaceId } : null),
  actor: (event) => eventActor(event.actorType, event.actorId),
  subject: (event) => eventSubject(event.subjectType, event.subjectId),
};

/** The refs carry their GraphQL type (see subjects.ts), so the unions resolve by reading it. */
export const EventSubject: EventSubjectResolvers = {
  __resolveType: (ref) => ref.__typename,
};

export const EventActor: EventActorResolvers = {
  __resolveType: (ref) => ref.__typename,
};
