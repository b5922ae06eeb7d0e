import type { Connection, Edge } from '../../platform/connection.ts';
import type { EventRow } from '../../platform/event-log-table.ts';
import type { ResourceRef, EventSubjectRef, EventActorRef } from './subjects.ts';

/** What the events subgraph's GraphQL types resolve from (codegen mappers). */
export type { EventRow };

export type EventModel = EventRow;
export type EventConnectionModel = Connection<EventRow>;
export type EventEdgeModel = Edge<EventRow>;
export type ResourceRefModel = ResourceRef;
export type EventSubjectModel = EventSubjectRef;
export type EventActorModel = EventActorRef;
