import { Query } from './Query.ts';
import { Mutation } from './Mutation.ts';
import { Pod } from './Pod.ts';
import { Sla } from './Sla.ts';
import { SlaReport } from './SlaReport.ts';
import { Ticket } from './Ticket.ts';
import { Incident } from './Incident.ts';
import { ServiceLine, Workspace, Organization } from './parents.ts';

export const resolvers = { Query, Mutation, Pod, Sla, SlaReport, Ticket, Incident, ServiceLine, Workspace, Organization };
