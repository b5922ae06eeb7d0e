import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EventModel, EventConnectionModel, EventEdgeModel, ResourceRefModel, EventSubjectModel, EventActorModel } from '../models.ts';
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

/** An immutable record of something that happened on the platform. */
export type Event = Node & {
  __typename?: 'Event';
  /** Who acted: a User, a reference for agents and API keys, or the platform itself. */
  actor: Maybe<EventActor>;
  /** Null for the platform itself. */
  actorId: Maybe<Scalars['ID']['output']>;
  /** The envelope as stored: the actor's and subject's docs types (user, agent, task, run ...) and IDs. */
  actorType: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  organization: Maybe<Organization>;
  payload: Scalars['JSON']['output'];
  /** What it happened to, resolved by the subgraph that owns it; a plain reference when no type of the graph holds it. */
  subject: Maybe<EventSubject>;
  subjectId: Scalars['ID']['output'];
  subjectType: Scalars['String']['output'];
  /** Namespaced type, e.g. service_line.activated. */
  type: Scalars['String']['output'];
  /** Null for organization-level events. */
  workspace: Maybe<Workspace>;
};

export type EventActor = ResourceRef | SystemActor | User;

export type EventConnection = {
  __typename?: 'EventConnection';
  edges: Array<EventEdge>;
  nodes: Array<Event>;
  pageInfo: PageInfo;
};

export type EventCount = {
  __typename?: 'EventCount';
  count: Scalars['Int']['output'];
  /** First day of the bucket. */
  periodStart: Scalars['Date']['output'];
  type: Scalars['String']['output'];
};

export type EventEdge = {
  __typename?: 'EventEdge';
  cursor: Scalars['String']['output'];
  node: Event;
};

export type EventSubject = Incident | Integration | Organization | Pod | Project | ResourceRef | ServiceLine | Sla | SyncRun | Task | Ticket | User | Workspace;

export type Incident = {
  __typename?: 'Incident';
  id: Scalars['ID']['output'];
};

export type Integration = {
  __typename?: 'Integration';
  events: Maybe<EventConnection>;
  id: Scalars['ID']['output'];
};


export type IntegrationEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** An object with a platform ID (PREFIX-YY-NNNNNN); the prefix names its type. */
export type Node = {
  id: Scalars['ID']['output'];
};

export type Organization = {
  __typename?: 'Organization';
  events: Maybe<EventConnection>;
  id: Scalars['ID']['output'];
};


export type OrganizationEventsArgs = {
  actorId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  subjectType?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
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

export type Pod = {
  __typename?: 'Pod';
  events: Maybe<EventConnection>;
  id: Scalars['ID']['output'];
};


export type PodEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type Project = {
  __typename?: 'Project';
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  event: Maybe<Event>;
  /**
   * Events per type and period bucket in [from, to): every bucket holding an instant of the range
   * (at most 400) times every type counted or asked for by exact name, zeros included; ordered by
   * bucket, then type.
   */
  eventCounts: Maybe<Array<EventCount>>;
  /** The event stream of the caller's organization, newest first. */
  events: Maybe<EventConnection>;
};


export type QueryEventArgs = {
  id: Scalars['ID']['input'];
};


export type QueryEventCountsArgs = {
  from: Scalars['DateTime']['input'];
  period: Period;
  to: Scalars['DateTime']['input'];
  types?: InputMaybe<Array<Scalars['String']['input']>>;
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryEventsArgs = {
  actorId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  subjectId?: InputMaybe<Scalars['ID']['input']>;
  subjectType?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

/** A resource named by its type and ID, for subjects and actors outside the graph (agent runs, invoices, agents). */
export type ResourceRef = {
  __typename?: 'ResourceRef';
  id: Scalars['ID']['output'];
  type: Scalars['String']['output'];
};

export type ServiceLine = {
  __typename?: 'ServiceLine';
  /** This line's timeline: events whose subject it is, newest first. */
  events: Maybe<EventConnection>;
  id: Scalars['ID']['output'];
};


export type ServiceLineEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type Sla = {
  __typename?: 'Sla';
  id: Scalars['ID']['output'];
};

/**
 * Live activity. Events arrive oldest first, each once, as edges whose cursor is the event's position:
 * pass the cursor of the last event seen as `after` to resume (after a disconnect, a restart or a
 * slow-consumer error) and get every later event in order, then the live ones, with no gap and no
 * duplicate. Without `after`, only events committed from now on.
 */
export type Subscription = {
  __typename?: 'Subscription';
  activity: EventEdge;
};


/**
 * Live activity. Events arrive oldest first, each once, as edges whose cursor is the event's position:
 * pass the cursor of the last event seen as `after` to resume (after a disconnect, a restart or a
 * slow-consumer error) and get every later event in order, then the live ones, with no gap and no
 * duplicate. Without `after`, only events committed from now on.
 */
export type SubscriptionActivityArgs = {
  actorId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  subjectId?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

export type SyncRun = {
  __typename?: 'SyncRun';
  id: Scalars['ID']['output'];
};

/** The platform itself, acting with no user, key or agent behind it (e.g. a failed sync). */
export type SystemActor = {
  __typename?: 'SystemActor';
  type: Scalars['String']['output'];
};

export type Task = {
  __typename?: 'Task';
  events: Maybe<EventConnection>;
  id: Scalars['ID']['output'];
};


export type TaskEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type Ticket = {
  __typename?: 'Ticket';
  id: Scalars['ID']['output'];
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
};

export type Workspace = {
  __typename?: 'Workspace';
  events: Maybe<EventConnection>;
  id: Scalars['ID']['output'];
};


export type WorkspaceEventsArgs = {
  actorId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  subjectType?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  types?: InputMaybe<Array<Scalars['String']['input']>>;
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
  Event: Event;
  Integration: Integration;
  Organization: Organization;
  Pod: Pod;
  ServiceLine: ServiceLine;
  Task: Task;
  Workspace: Workspace;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Event:
    ( { __typename: 'Event' }
    & GraphQLRecursivePick<FederationTypes['Event'], {"id":true}> );
  Integration:
    ( { __typename: 'Integration' }
    & GraphQLRecursivePick<FederationTypes['Integration'], {"id":true}> );
  Organization:
    ( { __typename: 'Organization' }
    & GraphQLRecursivePick<FederationTypes['Organization'], {"id":true}> );
  Pod:
    ( { __typename: 'Pod' }
    & GraphQLRecursivePick<FederationTypes['Pod'], {"id":true}> );
  ServiceLine:
    ( { __typename: 'ServiceLine' }
    & GraphQLRecursivePick<FederationTypes['ServiceLine'], {"id":true}> );
  Task:
    ( { __typename: 'Task' }
    & GraphQLRecursivePick<FederationTypes['Task'], {"id":true}> );
  Workspace:
    ( { __typename: 'Workspace' }
    & GraphQLRecursivePick<FederationTypes['Workspace'], {"id":true}> );
};


/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node: ( EventModel );
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Event: ResolverTypeWrapper<EventModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  EventActor: ResolverTypeWrapper<EventActorModel>;
  EventConnection: ResolverTypeWrapper<EventConnectionModel>;
  EventCount: ResolverTypeWrapper<EventCount>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  EventEdge: ResolverTypeWrapper<EventEdgeModel>;
  EventSubject: ResolverTypeWrapper<EventSubjectModel>;
  Incident: ResolverTypeWrapper<EntityRef>;
  Integration: ResolverTypeWrapper<EntityRef>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  Organization: ResolverTypeWrapper<EntityRef>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Period: ResolverTypeWrapper<Period>;
  Pod: ResolverTypeWrapper<EntityRef>;
  Project: ResolverTypeWrapper<EntityRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ResourceRef: ResolverTypeWrapper<ResourceRefModel>;
  ServiceLine: ResolverTypeWrapper<EntityRef>;
  Sla: ResolverTypeWrapper<EntityRef>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SyncRun: ResolverTypeWrapper<EntityRef>;
  SystemActor: ResolverTypeWrapper<SystemActor>;
  Task: ResolverTypeWrapper<EntityRef>;
  Ticket: ResolverTypeWrapper<EntityRef>;
  User: ResolverTypeWrapper<EntityRef>;
  Workspace: ResolverTypeWrapper<EntityRef>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Event: EventModel;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  EventActor: EventActorModel;
  EventConnection: EventConnectionModel;
  EventCount: EventCount;
  Int: Scalars['Int']['output'];
  EventEdge: EventEdgeModel;
  EventSubject: EventSubjectModel;
  Incident: EntityRef;
  Integration: EntityRef;
  JSON: Scalars['JSON']['output'];
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  Organization: EntityRef;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Pod: EntityRef;
  Project: EntityRef;
  Query: Record<PropertyKey, never>;
  ResourceRef: ResourceRefModel;
  ServiceLine: EntityRef;
  Sla: EntityRef;
  Subscription: Record<PropertyKey, never>;
  SyncRun: EntityRef;
  SystemActor: SystemActor;
  Task: EntityRef;
  Ticket: EntityRef;
  User: EntityRef;
  Workspace: EntityRef;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Event'] = ResolversParentTypes['Event'], FederationReferenceType extends FederationReferenceTypes['Event'] = FederationReferenceTypes['Event']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Event']> | FederationReferenceType, FederationReferenceType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['EventActor']>, ParentType, ContextType>;
  actorId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  actorType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organization?: Resolver<Maybe<ResolversTypes['Organization']>, ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  subject?: Resolver<Maybe<ResolversTypes['EventSubject']>, ParentType, ContextType>;
  subjectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  subjectType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workspace?: Resolver<Maybe<ResolversTypes['Workspace']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EventActorResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['EventActor'] = ResolversParentTypes['EventActor']> = {
  __resolveType: TypeResolveFn<'ResourceRef' | 'SystemActor' | 'User', ParentType, ContextType>;
};

export type EventConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['EventConnection'] = ResolversParentTypes['EventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['EventEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Event']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type EventCountResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['EventCount'] = ResolversParentTypes['EventCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  periodStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EventEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['EventEdge'] = ResolversParentTypes['EventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Event'], ParentType, ContextType>;
};

export type EventSubjectResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['EventSubject'] = ResolversParentTypes['EventSubject']> = {
  __resolveType: TypeResolveFn<'Incident' | 'Integration' | 'Organization' | 'Pod' | 'Project' | 'ResourceRef' | 'ServiceLine' | 'Sla' | 'SyncRun' | 'Task' | 'Ticket' | 'User' | 'Workspace', ParentType, ContextType>;
};

export type IncidentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Incident'] = ResolversParentTypes['Incident']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type IntegrationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Integration'] = ResolversParentTypes['Integration'], FederationReferenceType extends FederationReferenceTypes['Integration'] = FederationReferenceTypes['Integration']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Integration']> | FederationReferenceType, FederationReferenceType, ContextType>;
  events?: Resolver<Maybe<ResolversTypes['EventConnection']>, ParentType, ContextType, Partial<IntegrationEventsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type NodeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'Event', ParentType, ContextType>;
};

export type OrganizationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization'], FederationReferenceType extends FederationReferenceTypes['Organization'] = FederationReferenceTypes['Organization']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Organization']> | FederationReferenceType, FederationReferenceType, ContextType>;
  events?: Resolver<Maybe<ResolversTypes['EventConnection']>, ParentType, ContextType, Partial<OrganizationEventsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PeriodResolvers = { DAY: 'day', MONTH: 'month', WEEK: 'week' };

export type PodResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Pod'] = ResolversParentTypes['Pod'], FederationReferenceType extends FederationReferenceTypes['Pod'] = FederationReferenceTypes['Pod']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Pod']> | FederationReferenceType, FederationReferenceType, ContextType>;
  events?: Resolver<Maybe<ResolversTypes['EventConnection']>, ParentType, ContextType, Partial<PodEventsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ProjectResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Project'] = ResolversParentTypes['Project']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  event?: Resolver<Maybe<ResolversTypes['Event']>, ParentType, ContextType, RequireFields<QueryEventArgs, 'id'>>;
  eventCounts?: Resolver<Maybe<Array<ResolversTypes['EventCount']>>, ParentType, ContextType, RequireFields<QueryEventCountsArgs, 'from' | 'period' | 'to'>>;
  events?: Resolver<Maybe<ResolversTypes['EventConnection']>, ParentType, ContextType, Partial<QueryEventsArgs>>;
};

export type ResourceRefResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ResourceRef'] = ResolversParentTypes['ResourceRef']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ServiceLineResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ServiceLine'] = ResolversParentTypes['ServiceLine'], FederationReferenceType extends FederationReferenceTypes['ServiceLine'] = FederationReferenceTypes['ServiceLine']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ServiceLine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  events?: Resolver<Maybe<ResolversTypes['EventConnection']>, ParentType, ContextType, Partial<ServiceLineEventsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SlaResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Sla'] = ResolversParentTypes['Sla']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  activity?: SubscriptionResolver<ResolversTypes['EventEdge'], "activity", ParentType, ContextType, Partial<SubscriptionActivityArgs>>;
};

export type SyncRunResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SyncRun'] = ResolversParentTypes['SyncRun']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SystemActorResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SystemActor'] = ResolversParentTypes['SystemActor']> = {
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TaskResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Task'] = ResolversParentTypes['Task'], FederationReferenceType extends FederationReferenceTypes['Task'] = FederationReferenceTypes['Task']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Task']> | FederationReferenceType, FederationReferenceType, ContextType>;
  events?: Resolver<Maybe<ResolversTypes['EventConnection']>, ParentType, ContextType, Partial<TaskEventsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TicketResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Ticket'] = ResolversParentTypes['Ticket']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WorkspaceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Workspace'] = ResolversParentTypes['Workspace'], FederationReferenceType extends FederationReferenceTypes['Workspace'] = FederationReferenceTypes['Workspace']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Workspace']> | FederationReferenceType, FederationReferenceType, ContextType>;
  events?: Resolver<Maybe<ResolversTypes['EventConnection']>, ParentType, ContextType, Partial<WorkspaceEventsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Event?: EventResolvers<ContextType>;
  EventActor?: EventActorResolvers<ContextType>;
  EventConnection?: EventConnectionResolvers<ContextType>;
  EventCount?: EventCountResolvers<ContextType>;
  EventEdge?: EventEdgeResolvers<ContextType>;
  EventSubject?: EventSubjectResolvers<ContextType>;
  Incident?: IncidentResolvers<ContextType>;
  Integration?: IntegrationResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Node?: NodeResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Period?: PeriodResolvers;
  Pod?: PodResolvers<ContextType>;
  Project?: ProjectResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ResourceRef?: ResourceRefResolvers<ContextType>;
  ServiceLine?: ServiceLineResolvers<ContextType>;
  Sla?: SlaResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  SyncRun?: SyncRunResolvers<ContextType>;
  SystemActor?: SystemActorResolvers<ContextType>;
  Task?: TaskResolvers<ContextType>;
  Ticket?: TicketResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Workspace?: WorkspaceResolvers<ContextType>;
};

