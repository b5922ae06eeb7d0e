import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { TaskModel, TaskConnectionModel, TaskEdgeModel, TaskHistoryEntryModel, TaskStatsModel } from '../models.ts';
import type { EntityRef } from '../../../platform/subgraph/models.ts';
import type { SubgraphContext } from '../../../platform/subgraph/context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD (RFC 3339 full-date), years 1900 to 2999. */
  Date: { input: string; output: string; }
  /** An instant, answered as an RFC 3339 date-time in UTC, e.g. 2026-04-10T10:00:00Z; also taken as a date alone (its midnight UTC) or without an offset (UTC). */
  DateTime: { input: Date; output: Date; }
  /** Any JSON value (RFC 8259): an object, list, string, number, boolean or null. */
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type CreateTaskInput = {
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to MEDIUM. */
  priority?: InputMaybe<TaskPriority>;
  projectId?: InputMaybe<Scalars['ID']['input']>;
  serviceLineId?: InputMaybe<Scalars['ID']['input']>;
  /** Defaults to BACKLOG. */
  status?: InputMaybe<TaskStatus>;
  title: Scalars['String']['input'];
  /** Required unless serviceLineId is given (the task then lives in the line's workspace). */
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

export type ExternalBinding = {
  __typename?: 'ExternalBinding';
  id: Scalars['String']['output'];
  source: Scalars['String']['output'];
  url: Maybe<Scalars['String']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Creates a task; a Service Line is required unless the workspace's settings say otherwise. */
  createTask: Task;
  /** Updates a task; done or cancelled counts toward its Service Line's delivery velocity. */
  updateTask: Task;
};


export type MutationCreateTaskArgs = {
  input: CreateTaskInput;
};


export type MutationUpdateTaskArgs = {
  id: Scalars['ID']['input'];
  input: UpdateTaskInput;
};

/** An object with a platform ID (PREFIX-YY-NNNNNN); the prefix names its type. */
export type Node = {
  id: Scalars['ID']['output'];
};

/** Where a page of a connection stands in its list (Relay). */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

/** Calendar buckets of a series, in UTC; a week starts on Monday. */
export type Period =
  | 'day'
  | 'month'
  | 'week';

export type Project = {
  __typename?: 'Project';
  id: Scalars['ID']['output'];
  taskStats: Maybe<TaskStats>;
  tasks: Maybe<TaskConnection>;
};


export type ProjectTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  priority?: InputMaybe<Array<TaskPriority>>;
  status?: InputMaybe<Array<TaskStatus>>;
};

export type Query = {
  __typename?: 'Query';
  task: Maybe<Task>;
  /** Counts of the tasks of a workspace, Service Line or project (at least one is required), computed in the database. */
  taskStats: Maybe<TaskStats>;
  /** Tasks of a workspace or of a Service Line: one of the two is required, as in REST. */
  tasks: Maybe<TaskConnection>;
};


export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTaskStatsArgs = {
  projectId?: InputMaybe<Scalars['ID']['input']>;
  serviceLineId?: InputMaybe<Scalars['ID']['input']>;
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  priority?: InputMaybe<Array<TaskPriority>>;
  projectId?: InputMaybe<Scalars['ID']['input']>;
  serviceLineId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<Array<TaskStatus>>;
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

export type ServiceLine = {
  __typename?: 'ServiceLine';
  id: Scalars['ID']['output'];
  taskStats: Maybe<TaskStats>;
  tasks: Maybe<TaskConnection>;
};


export type ServiceLineTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  priority?: InputMaybe<Array<TaskPriority>>;
  projectId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<Array<TaskStatus>>;
};

export type Task = Node & {
  __typename?: 'Task';
  assignee: Maybe<User>;
  completedAt: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  description: Maybe<Scalars['String']['output']>;
  /** The binding to the connected PM tool, when the task is synced. */
  external: Maybe<ExternalBinding>;
  /** Every change, oldest first. */
  history: Array<TaskHistoryEntry>;
  id: Scalars['ID']['output'];
  priority: TaskPriority;
  project: Maybe<Project>;
  serviceLine: Maybe<ServiceLine>;
  status: TaskStatus;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  workspace: Maybe<Workspace>;
};

export type TaskConnection = {
  __typename?: 'TaskConnection';
  edges: Array<TaskEdge>;
  nodes: Array<Task>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TaskEdge = {
  __typename?: 'TaskEdge';
  cursor: Scalars['String']['output'];
  node: Task;
};

export type TaskHistoryEntry = {
  __typename?: 'TaskHistoryEntry';
  at: Scalars['DateTime']['output'];
  /** USR-* or AGT-* that made the change. */
  by: Maybe<Scalars['ID']['output']>;
  /** The field that changed: status, assignee, priority ... */
  change: Scalars['String']['output'];
  from: Maybe<Scalars['String']['output']>;
  to: Maybe<Scalars['String']['output']>;
};

export type TaskPriority =
  | 'critical'
  | 'high'
  | 'low'
  | 'medium';

export type TaskPriorityCount = {
  __typename?: 'TaskPriorityCount';
  count: Scalars['Int']['output'];
  priority: TaskPriority;
};

/** Aggregates over a set of tasks, so that nobody downloads rows to count them. */
export type TaskStats = {
  __typename?: 'TaskStats';
  /** Every priority, zero counts included. */
  byPriority: Array<TaskPriorityCount>;
  /** Every status, zero counts included. */
  byStatus: Array<TaskStatusCount>;
  /** done / (total - cancelled); 0 when there is nothing to complete. */
  completionRate: Scalars['Float']['output'];
  total: Scalars['Int']['output'];
  /** Tasks completed (done or cancelled, by completedAt) per bucket from the one holding from to the one holding to, zero buckets included; at most 400 buckets. */
  velocity: Array<VelocityPoint>;
};


/** Aggregates over a set of tasks, so that nobody downloads rows to count them. */
export type TaskStatsVelocityArgs = {
  from: Scalars['Date']['input'];
  period: Period;
  to: Scalars['Date']['input'];
};

export type TaskStatus =
  | 'backlog'
  | 'cancelled'
  | 'done'
  | 'in_progress'
  | 'in_review';

export type TaskStatusCount = {
  __typename?: 'TaskStatusCount';
  count: Scalars['Int']['output'];
  status: TaskStatus;
};

export type UpdateTaskInput = {
  /** null unassigns. */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  priority?: InputMaybe<TaskPriority>;
  /** null removes the project label. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  serviceLineId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<TaskStatus>;
  title?: InputMaybe<Scalars['String']['input']>;
};

export type User = {
  __typename?: 'User';
  assignedTasks: Maybe<TaskConnection>;
  id: Scalars['ID']['output'];
};


export type UserAssignedTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  priority?: InputMaybe<Array<TaskPriority>>;
  status?: InputMaybe<Array<TaskStatus>>;
};

export type VelocityPoint = {
  __typename?: 'VelocityPoint';
  completed: Scalars['Int']['output'];
  /** First day of the bucket. */
  periodStart: Scalars['Date']['output'];
};

export type Workspace = {
  __typename?: 'Workspace';
  id: Scalars['ID']['output'];
  taskStats: Maybe<TaskStats>;
  tasks: Maybe<TaskConnection>;
};


export type WorkspaceTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  priority?: InputMaybe<Array<TaskPriority>>;
  projectId?: InputMaybe<Scalars['ID']['input']>;
  serviceLineId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<Array<TaskStatus>>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Project: Project;
  ServiceLine: ServiceLine;
  Task: Task;
  User: User;
  Workspace: Workspace;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Project:
    ( { __typename: 'Project' }
    & GraphQLRecursivePick<FederationTypes['Project'], {"id":true}> );
  ServiceLine:
    ( { __typename: 'ServiceLine' }
    & GraphQLRecursivePick<FederationTypes['ServiceLine'], {"id":true}> );
  Task:
    ( { __typename: 'Task' }
    & GraphQLRecursivePick<FederationTypes['Task'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
  Workspace:
    ( { __typename: 'Workspace' }
    & GraphQLRecursivePick<FederationTypes['Workspace'], {"id":true}> );
};


/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node: ( TaskModel );
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  CreateTaskInput: CreateTaskInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  ExternalBinding: ResolverTypeWrapper<ExternalBinding>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Period: ResolverTypeWrapper<Period>;
  Project: ResolverTypeWrapper<EntityRef>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ServiceLine: ResolverTypeWrapper<EntityRef>;
  Task: ResolverTypeWrapper<TaskModel>;
  TaskConnection: ResolverTypeWrapper<TaskConnectionModel>;
  TaskEdge: ResolverTypeWrapper<TaskEdgeModel>;
  TaskHistoryEntry: ResolverTypeWrapper<TaskHistoryEntryModel>;
  TaskPriority: ResolverTypeWrapper<TaskPriority>;
  TaskPriorityCount: ResolverTypeWrapper<Omit<TaskPriorityCount, 'priority'> & { priority: ResolversTypes['TaskPriority'] }>;
  TaskStats: ResolverTypeWrapper<TaskStatsModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  TaskStatus: ResolverTypeWrapper<TaskStatus>;
  TaskStatusCount: ResolverTypeWrapper<Omit<TaskStatusCount, 'status'> & { status: ResolversTypes['TaskStatus'] }>;
  UpdateTaskInput: UpdateTaskInput;
  User: ResolverTypeWrapper<EntityRef>;
  VelocityPoint: ResolverTypeWrapper<VelocityPoint>;
  Workspace: ResolverTypeWrapper<EntityRef>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  CreateTaskInput: CreateTaskInput;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  ExternalBinding: ExternalBinding;
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Project: EntityRef;
  Int: Scalars['Int']['output'];
  Query: Record<PropertyKey, never>;
  ServiceLine: EntityRef;
  Task: TaskModel;
  TaskConnection: TaskConnectionModel;
  TaskEdge: TaskEdgeModel;
  TaskHistoryEntry: TaskHistoryEntryModel;
  TaskPriorityCount: TaskPriorityCount;
  TaskStats: TaskStatsModel;
  Float: Scalars['Float']['output'];
  TaskStatusCount: TaskStatusCount;
  UpdateTaskInput: UpdateTaskInput;
  User: EntityRef;
  VelocityPoint: VelocityPoint;
  Workspace: EntityRef;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ExternalBindingResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ExternalBinding'] = ResolversParentTypes['ExternalBinding']> = {
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationCreateTaskArgs, 'input'>>;
  updateTask?: Resolver<ResolversTypes['Task'], ParentType, ContextType, RequireFields<MutationUpdateTaskArgs, 'id' | 'input'>>;
};

export type NodeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'Task', ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PeriodResolvers = { DAY: 'day', MONTH: 'month', WEEK: 'week' };

export type ProjectResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Project'] = ResolversParentTypes['Project'], FederationReferenceType extends FederationReferenceTypes['Project'] = FederationReferenceTypes['Project']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Project']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  taskStats?: Resolver<Maybe<ResolversTypes['TaskStats']>, ParentType, ContextType>;
  tasks?: Resolver<Maybe<ResolversTypes['TaskConnection']>, ParentType, ContextType, Partial<ProjectTasksArgs>>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType, RequireFields<QueryTaskArgs, 'id'>>;
  taskStats?: Resolver<Maybe<ResolversTypes['TaskStats']>, ParentType, ContextType, Partial<QueryTaskStatsArgs>>;
  tasks?: Resolver<Maybe<ResolversTypes['TaskConnection']>, ParentType, ContextType, Partial<QueryTasksArgs>>;
};

export type ServiceLineResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ServiceLine'] = ResolversParentTypes['ServiceLine'], FederationReferenceType extends FederationReferenceTypes['ServiceLine'] = FederationReferenceTypes['ServiceLine']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ServiceLine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  taskStats?: Resolver<Maybe<ResolversTypes['TaskStats']>, ParentType, ContextType>;
  tasks?: Resolver<Maybe<ResolversTypes['TaskConnection']>, ParentType, ContextType, Partial<ServiceLineTasksArgs>>;
};

export type TaskResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Task'] = ResolversParentTypes['Task'], FederationReferenceType extends FederationReferenceTypes['Task'] = FederationReferenceTypes['Task']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Task']> | FederationReferenceType, FederationReferenceType, ContextType>;
  assignee?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  external?: Resolver<Maybe<ResolversTypes['ExternalBinding']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['TaskHistoryEntry']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['TaskPriority'], ParentType, ContextType>;
  project?: Resolver<Maybe<ResolversTypes['Project']>, ParentType, ContextType>;
  serviceLine?: Resolver<Maybe<ResolversTypes['ServiceLine']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TaskStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  workspace?: Resolver<Maybe<ResolversTypes['Workspace']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TaskConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TaskConnection'] = ResolversParentTypes['TaskConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TaskEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Task']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TaskEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TaskEdge'] = ResolversParentTypes['TaskEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Task'], ParentType, ContextType>;
};

export type TaskHistoryEntryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TaskHistoryEntry'] = ResolversParentTypes['TaskHistoryEntry']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  change?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TaskPriorityResolvers = { CRITICAL: 'critical', HIGH: 'high', LOW: 'low', MEDIUM: 'medium' };

export type TaskPriorityCountResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TaskPriorityCount'] = ResolversParentTypes['TaskPriorityCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['TaskPriority'], ParentType, ContextType>;
};

export type TaskStatsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TaskStats'] = ResolversParentTypes['TaskStats']> = {
  byPriority?: Resolver<Array<ResolversTypes['TaskPriorityCount']>, ParentType, ContextType>;
  byStatus?: Resolver<Array<ResolversTypes['TaskStatusCount']>, ParentType, ContextType>;
  completionRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  velocity?: Resolver<Array<ResolversTypes['VelocityPoint']>, ParentType, ContextType, RequireFields<TaskStatsVelocityArgs, 'from' | 'period' | 'to'>>;
};

export type TaskStatusResolvers = { BACKLOG: 'backlog', CANCELLED: 'cancelled', DONE: 'done', IN_PROGRESS: 'in_progress', IN_REVIEW: 'in_review' };

export type TaskStatusCountResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TaskStatusCount'] = ResolversParentTypes['TaskStatusCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TaskStatus'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  assignedTasks?: Resolver<Maybe<ResolversTypes['TaskConnection']>, ParentType, ContextType, Partial<UserAssignedTasksArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type VelocityPointResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VelocityPoint'] = ResolversParentTypes['VelocityPoint']> = {
  completed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  periodStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type WorkspaceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Workspace'] = ResolversParentTypes['Workspace'], FederationReferenceType extends FederationReferenceTypes['Workspace'] = FederationReferenceTypes['Workspace']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Workspace']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  taskStats?: Resolver<Maybe<ResolversTypes['TaskStats']>, ParentType, ContextType>;
  tasks?: Resolver<Maybe<ResolversTypes['TaskConnection']>, ParentType, ContextType, Partial<WorkspaceTasksArgs>>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  ExternalBinding?: ExternalBindingResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Period?: PeriodResolvers;
  Project?: ProjectResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ServiceLine?: ServiceLineResolvers<ContextType>;
  Task?: TaskResolvers<ContextType>;
  TaskConnection?: TaskConnectionResolvers<ContextType>;
  TaskEdge?: TaskEdgeResolvers<ContextType>;
  TaskHistoryEntry?: TaskHistoryEntryResolvers<ContextType>;
  TaskPriority?: TaskPriorityResolvers;
  TaskPriorityCount?: TaskPriorityCountResolvers<ContextType>;
  TaskStats?: TaskStatsResolvers<ContextType>;
  TaskStatus?: TaskStatusResolvers;
  TaskStatusCount?: TaskStatusCountResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  VelocityPoint?: VelocityPointResolvers<ContextType>;
  Workspace?: WorkspaceResolvers<ContextType>;
};

