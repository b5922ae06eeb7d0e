import { Query } from './Query.ts';
import { Mutation } from './Mutation.ts';
import { Integration } from './Integration.ts';
import { SyncRun } from './SyncRun.ts';
import { Workspace } from './parents.ts';

export const resolvers = { Query, Mutation, Integration, SyncRun, Workspace };
