import type { Connection, Edge } from '../kit/connection.ts';
import type { events } from './tables.ts';
import type { ResourceRef, EventSubjectRef, EventActorRef } from './subjects.ts';

/** What the events subgraph's GraphQL types resolve from (codegen mappers). */
export type EventRow = typeof events.$inferSelect;

export type EventModel = EventRow;
export type EventConnectionModel = Connection<EventRow>;
export type EventEdgeModel = Edge<EventRow>;
export type ResourceRefModel = ResourceRef;
export type EventSubjectModel = EventSubjectRef;
export type EventActorModel = EventActorRef;
