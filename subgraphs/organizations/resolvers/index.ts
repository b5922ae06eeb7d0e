import { Query } from './Query.ts';
import { Viewer } from './Viewer.ts';
import { Node } from './Node.ts';
import { Organization } from './Organization.ts';
import { Workspace } from './Workspace.ts';
import { WorkspaceMember } from './WorkspaceMember.ts';
import { User } from './User.ts';
import { Project } from './Project.ts';
import { PlanSubscription } from './PlanSubscription.ts';
import { ApiKey } from './ApiKey.ts';
import { Mutation } from './Mutation.ts';

export const resolvers = { Query, Mutation, Viewer, Node, Organization, Workspace, WorkspaceMember, User, Project, PlanSubscription, ApiKey };
