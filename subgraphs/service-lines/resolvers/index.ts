import { Query } from './Query.ts';
import { Mutation } from './Mutation.ts';
import { ServiceLine } from './ServiceLine.ts';
import { Workspace, Project } from './parents.ts';
import { ServiceLineHealth, WorkspaceHealth } from './ServiceLineHealth.ts';

export const resolvers = { Query, Mutation, ServiceLine, Workspace, Project, ServiceLineHealth, WorkspaceHealth };
