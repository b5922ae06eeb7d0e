import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { IntegrationModel, IntegrationConnectionModel, IntegrationEdgeModel, SyncRunModel, SyncRunConnectionModel, SyncRunEdgeModel } from '../models.ts';
import type { EntityRef } from '../../../platform/subgraph/models.ts';
import type { SubgraphContext } from '../../../platform/subgraph/context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
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

export type ConnectIntegrationInput = {
  config?: InputMaybe<Scalars['JSON']['input']>;
  /** Shape varies by type (installation_id, api_key ...). Stored sealed; never returned. */
  credentials?: InputMaybe<Scalars['JSON']['input']>;
  name: Scalars['String']['input'];
  type: IntegrationType;
  workspaceId: Scalars['ID']['input'];
};

export type Integration = Node & {
  __typename?: 'Integration';
  config: Scalars['JSON']['output'];
  createdAt: Scalars['DateTime']['output'];
  disconnectedAt: Maybe<Scalars['DateTime']['output']>;
  /** Whether credentials are stored (they are never returned). */
  hasCredentials: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** Most recent successful sync. */
  lastSyncedAt: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  status: IntegrationStatus;
  /** Sync runs, newest first. */
  syncHistory: SyncRunConnection;
  syncStatus: Maybe<SyncStatus>;
  type: IntegrationType;
  workspace: Maybe<Workspace>;
};


export type IntegrationSyncHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type IntegrationConnection = {
  __typename?: 'IntegrationConnection';
  edges: Array<IntegrationEdge>;
  nodes: Array<Integration>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type IntegrationEdge = {
  __typename?: 'IntegrationEdge';
  cursor: Scalars['String']['output'];
  node: Integration;
};

export type IntegrationStatus =
  | 'active'
  | 'disconnected'
  | 'error'
  | 'pending_auth';

export type IntegrationType =
  | 'azure_boards'
  | 'azure_devops'
  | 'bitbucket'
  | 'clickup'
  | 'datadog'
  | 'github'
  | 'gitlab'
  | 'jira'
  | 'linear'
  | 'microsoft_teams'
  | 'slack'
  | 'sonarcloud';

export type Mutation = {
  __typename?: 'Mutation';
  /** Connects a tool. OAuth-based types start as PENDING_AUTH until the OAuth flow completes. */
  connectIntegration: Integration;
  /** Disconnects: synced data is kept, no new data arrives. */
  disconnectIntegration: Integration;
  /** Starts a manual sync run. */
  syncIntegration: SyncRun;
  /** Changes name or configuration (config keys given replace the stored ones); credentials can be replaced. */
  updateIntegration: Integration;
};


export type MutationConnectIntegrationArgs = {
  input: ConnectIntegrationInput;
};


export type MutationDisconnectIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSyncIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateIntegrationArgs = {
  id: Scalars['ID']['input'];
  input: UpdateIntegrationInput;
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

export type Query = {
  __typename?: 'Query';
  integration: Maybe<Integration>;
  /** Integrations of a workspace, or of the caller's organization when no workspace is given. */
  integrations: Maybe<IntegrationConnection>;
};


export type QueryIntegrationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryIntegrationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<IntegrationStatus>>;
  type?: InputMaybe<Array<IntegrationType>>;
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

export type SyncRun = Node & {
  __typename?: 'SyncRun';
  error: Maybe<Scalars['String']['output']>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  integration: Integration;
  recordsSynced: Maybe<Scalars['Int']['output']>;
  startedAt: Scalars['DateTime']['output'];
  status: SyncRunStatus;
};

export type SyncRunConnection = {
  __typename?: 'SyncRunConnection';
  edges: Array<SyncRunEdge>;
  nodes: Array<SyncRun>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type SyncRunEdge = {
  __typename?: 'SyncRunEdge';
  cursor: Scalars['String']['output'];
  node: SyncRun;
};

export type SyncRunStatus =
  | 'failed'
  | 'running'
  | 'success';

export type SyncStatus =
  | 'degraded'
  | 'failed'
  | 'healthy';

export type UpdateIntegrationInput = {
  config?: InputMaybe<Scalars['JSON']['input']>;
  credentials?: InputMaybe<Scalars['JSON']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type Workspace = {
  __typename?: 'Workspace';
  id: Scalars['ID']['output'];
  integrations: Maybe<IntegrationConnection>;
};


export type WorkspaceIntegrationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<IntegrationStatus>>;
  type?: InputMaybe<Array<IntegrationType>>;
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
  Integration: Integration;
  SyncRun: SyncRun;
  Workspace: Workspace;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Integration:
    ( { __typename: 'Integration' }
    & GraphQLRecursivePick<FederationTypes['Integration'], {"id":true}> );
  SyncRun:
    ( { __typename: 'SyncRun' }
    & GraphQLRecursivePick<FederationTypes['SyncRun'], {"id":true}> );
  Workspace:
    ( { __typename: 'Workspace' }
    & GraphQLRecursivePick<FederationTypes['Workspace'], {"id":true}> );
};


/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node:
    | ( IntegrationModel )
    | ( SyncRunModel )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  ConnectIntegrationInput: ConnectIntegrationInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Integration: ResolverTypeWrapper<IntegrationModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  IntegrationConnection: ResolverTypeWrapper<IntegrationConnectionModel>;
  IntegrationEdge: ResolverTypeWrapper<IntegrationEdgeModel>;
  IntegrationStatus: ResolverTypeWrapper<IntegrationStatus>;
  IntegrationType: ResolverTypeWrapper<IntegrationType>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SyncRun: ResolverTypeWrapper<SyncRunModel>;
  SyncRunConnection: ResolverTypeWrapper<SyncRunConnectionModel>;
  SyncRunEdge: ResolverTypeWrapper<SyncRunEdgeModel>;
  SyncRunStatus: ResolverTypeWrapper<SyncRunStatus>;
  SyncStatus: ResolverTypeWrapper<SyncStatus>;
  UpdateIntegrationInput: UpdateIntegrationInput;
  Workspace: ResolverTypeWrapper<EntityRef>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  ConnectIntegrationInput: ConnectIntegrationInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Integration: IntegrationModel;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  IntegrationConnection: IntegrationConnectionModel;
  IntegrationEdge: IntegrationEdgeModel;
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  SyncRun: SyncRunModel;
  SyncRunConnection: SyncRunConnectionModel;
  SyncRunEdge: SyncRunEdgeModel;
  UpdateIntegrationInput: UpdateIntegrationInput;
  Workspace: EntityRef;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type IntegrationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Integration'] = ResolversParentTypes['Integration'], FederationReferenceType extends FederationReferenceTypes['Integration'] = FederationReferenceTypes['Integration']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Integration']> | FederationReferenceType, FederationReferenceType, ContextType>;
  config?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  disconnectedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  hasCredentials?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastSyncedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IntegrationStatus'], ParentType, ContextType>;
  syncHistory?: Resolver<ResolversTypes['SyncRunConnection'], ParentType, ContextType, Partial<IntegrationSyncHistoryArgs>>;
  syncStatus?: Resolver<Maybe<ResolversTypes['SyncStatus']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['IntegrationType'], ParentType, ContextType>;
  workspace?: Resolver<Maybe<ResolversTypes['Workspace']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type IntegrationConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IntegrationConnection'] = ResolversParentTypes['IntegrationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['IntegrationEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Integration']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type IntegrationEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IntegrationEdge'] = ResolversParentTypes['IntegrationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Integration'], ParentType, ContextType>;
};

export type IntegrationStatusResolvers = { ACTIVE: 'active', DISCONNECTED: 'disconnected', ERROR: 'error', PENDING_AUTH: 'pending_auth' };

export type IntegrationTypeResolvers = { AZURE_BOARDS: 'azure_boards', AZURE_DEVOPS: 'azure_devops', BITBUCKET: 'bitbucket', CLICKUP: 'clickup', DATADOG: 'datadog', GITHUB: 'github', GITLAB: 'gitlab', JIRA: 'jira', LINEAR: 'linear', MICROSOFT_TEAMS: 'microsoft_teams', SLACK: 'slack', SONARCLOUD: 'sonarcloud' };

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  connectIntegration?: Resolver<ResolversTypes['Integration'], ParentType, ContextType, RequireFields<MutationConnectIntegrationArgs, 'input'>>;
  disconnectIntegration?: Resolver<ResolversTypes['Integration'], ParentType, ContextType, RequireFields<MutationDisconnectIntegrationArgs, 'id'>>;
  syncIntegration?: Resolver<ResolversTypes['SyncRun'], ParentType, ContextType, RequireFields<MutationSyncIntegrationArgs, 'id'>>;
  updateIntegration?: Resolver<ResolversTypes['Integration'], ParentType, ContextType, RequireFields<MutationUpdateIntegrationArgs, 'id' | 'input'>>;
};

export type NodeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'Integration' | 'SyncRun', ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  integration?: Resolver<Maybe<ResolversTypes['Integration']>, ParentType, ContextType, RequireFields<QueryIntegrationArgs, 'id'>>;
  integrations?: Resolver<Maybe<ResolversTypes['IntegrationConnection']>, ParentType, ContextType, Partial<QueryIntegrationsArgs>>;
};

export type SyncRunResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SyncRun'] = ResolversParentTypes['SyncRun'], FederationReferenceType extends FederationReferenceTypes['SyncRun'] = FederationReferenceTypes['SyncRun']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['SyncRun']> | FederationReferenceType, FederationReferenceType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  integration?: Resolver<ResolversTypes['Integration'], ParentType, ContextType>;
  recordsSynced?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SyncRunStatus'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SyncRunConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SyncRunConnection'] = ResolversParentTypes['SyncRunConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SyncRunEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['SyncRun']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SyncRunEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SyncRunEdge'] = ResolversParentTypes['SyncRunEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SyncRun'], ParentType, ContextType>;
};

export type SyncRunStatusResolvers = { FAILED: 'failed', RUNNING: 'running', SUCCESS: 'success' };

export type SyncStatusResolvers = { DEGRADED: 'degraded', FAILED: 'failed', HEALTHY: 'healthy' };

export type WorkspaceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Workspace'] = ResolversParentTypes['Workspace'], FederationReferenceType extends FederationReferenceTypes['Workspace'] = FederationReferenceTypes['Workspace']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Workspace']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  integrations?: Resolver<Maybe<ResolversTypes['IntegrationConnection']>, ParentType, ContextType, Partial<WorkspaceIntegrationsArgs>>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Integration?: IntegrationResolvers<ContextType>;
  IntegrationConnection?: IntegrationConnectionResolvers<ContextType>;
  IntegrationEdge?: IntegrationEdgeResolvers<ContextType>;
  IntegrationStatus?: IntegrationStatusResolvers;
  IntegrationType?: IntegrationTypeResolvers;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SyncRun?: SyncRunResolvers<ContextType>;
  SyncRunConnection?: SyncRunConnectionResolvers<ContextType>;
  SyncRunEdge?: SyncRunEdgeResolvers<ContextType>;
  SyncRunStatus?: SyncRunStatusResolvers;
  SyncStatus?: SyncStatusResolvers;
  Workspace?: WorkspaceResolvers<ContextType>;
};

