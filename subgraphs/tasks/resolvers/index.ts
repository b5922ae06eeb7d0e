import { Query } from './Query.ts';
import { Mutation } from './Mutation.ts';
import { Task } from './Task.ts';
import { TaskStats } from './TaskStats.ts';
import { Workspace, ServiceLine, User, Project } from './parents.ts';

export const resolvers = { Query, Mutation, Task, TaskStats, Workspace, ServiceLine, User, Project };
