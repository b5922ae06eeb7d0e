import { Query } from './Query.ts';
import { ServiceLine } from './ServiceLine.ts';
import { Workspace, Project } from './parents.ts';

export const resolvers = { Query, ServiceLine, Workspace, Project };
