import { Query } from './Query.ts';
import { Event, EventSubject, EventActor } from './Event.ts';
import { Task, ServiceLine, Pod, Integration, Workspace, Organization } from './parents.ts';

export const resolvers = { Query, Event, EventSubject, EventActor, Task, ServiceLine, Pod, Integration, Workspace, Organization };
