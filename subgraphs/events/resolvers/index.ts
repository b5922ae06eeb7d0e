import { Query } from './Query.ts';
import { Subscription } from './Subscription.ts';
import { Event, EventSubject, EventActor } from './Event.ts';
import { Task, ServiceLine, Pod, Integration, Workspace, Organization } from './parents.ts';

export const resolvers = { Query, Subscription, Event, EventSubject, EventActor, Task, ServiceLine, Pod, Integration, Workspace, Organization };
