import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ServiceLineModel, ServiceLineConnectionModel, ServiceLineEdgeModel, ServiceLineHealthModel, HealthSignalModel, WorkspaceHealthModel, ServiceLineHealthConnectionModel, ServiceLineHealthEdgeModel } from '../models.ts';
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

export type BillingModel =
  | 'fixed_monthly'
  | 'fixed_price'
  | 'subscription'
  | 'time_and_materials'
  | 'usage_based';

export type ExecutionModel =
  | 'agent'
  | 'analysis'
  | 'capacity'
  | 'estate'
  | 'ongoing_sla'
  | 'outcome';

/** OK takes no points; WARNING takes points; CRITICAL makes the line CRITICAL whatever its score. */
export type HealthLevel =
  | 'critical'
  | 'ok'
  | 'warning';

/** A record behind a signal: its type (as event subjects name types: incident, ticket, task ...), its ID, and the /v1 URL that serves it. */
export type HealthLink = {
  __typename?: 'HealthLink';
  href: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  type: Scalars['String']['output'];
};

/** The rules a line's health is assessed by, in the order its signals are listed (README: Service Line health). */
export type HealthRule =
  | 'blocked'
  | 'capacity'
  | 'incidents'
  | 'integrations'
  | 'sla'
  | 'spend'
  | 'tickets'
  | 'velocity'
  | 'work_in_progress';

export type HealthSignal = {
  __typename?: 'HealthSignal';
  /** The measures behind the signal (counts, ages, ratios, IDs), snake_case as the REST API prints them. */
  evidence: Scalars['JSON']['output'];
  level: HealthLevel;
  /** The records behind the signal (at most 10): incidents, tickets, tasks, events, integrations, the SLA report, the usage. */
  links: Array<HealthLink>;
  /** Points this signal takes off the score. */
  penalty: Scalars['Int']['output'];
  rule: HealthRule;
  /** What was found, in one sentence. */
  summary: Scalars['String']['output'];
};

/** HEALTHY: score 80 or more, no critical signal. AT_RISK: 50 to 79. CRITICAL: below 50, or any critical signal. */
export type HealthStatus =
  | 'at_risk'
  | 'critical'
  | 'healthy';

/**
 * The lifecycle of a Service Line: DRAFT → ACTIVE ⇄ PAUSED, and any of them → CLOSED (final). Each
 * transition is allowed to owners and admins only (it starts or stops billing), is refused as CONFLICT
 * from a status it does not leave, and appends one event in the same transaction: the docs'
 * service_line.activated, .paused or .closed, and service_line.status_changed for a resume (paused →
 * active), each with previous_status, new_status, execution_model and product_line.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /** Activates a DRAFT line (sets activatedAt): service_line.activated. */
  activateServiceLine: ServiceLine;
  /** Closes a DRAFT, ACTIVE or PAUSED line for good (sets closedAt): service_line.closed. */
  closeServiceLine: ServiceLine;
  /** Pauses an ACTIVE line: service_line.paused. */
  pauseServiceLine: ServiceLine;
  /** Resumes a PAUSED line: service_line.status_changed (paused → active). */
  resumeServiceLine: ServiceLine;
};


/**
 * The lifecycle of a Service Line: DRAFT → ACTIVE ⇄ PAUSED, and any of them → CLOSED (final). Each
 * transition is allowed to owners and admins only (it starts or stops billing), is refused as CONFLICT
 * from a status it does not leave, and appends one event in the same transaction: the docs'
 * service_line.activated, .paused or .closed, and service_line.status_changed for a resume (paused →
 * active), each with previous_status, new_status, execution_model and product_line.
 */
export type MutationActivateServiceLineArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The lifecycle of a Service Line: DRAFT → ACTIVE ⇄ PAUSED, and any of them → CLOSED (final). Each
 * transition is allowed to owners and admins only (it starts or stops billing), is refused as CONFLICT
 * from a status it does not leave, and appends one event in the same transaction: the docs'
 * service_line.activated, .paused or .closed, and service_line.status_changed for a resume (paused →
 * active), each with previous_status, new_status, execution_model and product_line.
 */
export type MutationCloseServiceLineArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The lifecycle of a Service Line: DRAFT → ACTIVE ⇄ PAUSED, and any of them → CLOSED (final). Each
 * transition is allowed to owners and admins only (it starts or stops billing), is refused as CONFLICT
 * from a status it does not leave, and appends one event in the same transaction: the docs'
 * service_line.activated, .paused or .closed, and service_line.status_changed for a resume (paused →
 * active), each with previous_status, new_status, execution_model and product_line.
 */
export type MutationPauseServiceLineArgs = {
  id: Scalars['ID']['input'];
};


/**
 * The lifecycle of a Service Line: DRAFT → ACTIVE ⇄ PAUSED, and any of them → CLOSED (final). Each
 * transition is allowed to owners and admins only (it starts or stops billing), is refused as CONFLICT
 * from a status it does not leave, and appends one event in the same transaction: the docs'
 * service_line.activated, .paused or .closed, and service_line.status_changed for a resume (paused →
 * active), each with previous_status, new_status, execution_model and product_line.
 */
export type MutationResumeServiceLineArgs = {
  id: Scalars['ID']['input'];
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

export type ProductLine =
  | 'agents'
  | 'infrastructure'
  | 'intelligence'
  | 'managed_services'
  | 'ods'
  | 'talent';

export type Project = {
  __typename?: 'Project';
  id: Scalars['ID']['output'];
  serviceLines: Maybe<ServiceLineConnection>;
};


export type ProjectServiceLinesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<ServiceLineStatus>>;
};

export type Query = {
  __typename?: 'Query';
  serviceLine: Maybe<ServiceLine>;
  /**
   * Health assessments (GET /v1/observability/health): of one Service Line (serviceLineId), or of every
   * ACTIVE line of a workspace (workspaceId), paged by line ID. Exactly one of the two; a line or workspace
   * that is not the caller's is NOT_FOUND. The window is [from, to): to defaults to now (and a later one
   * means now), from to 28 days before to; at most 366 days.
   */
  serviceLineHealth: Maybe<ServiceLineHealthConnection>;
  /** Service Lines of a workspace, or of the caller's organization when no workspace is given. */
  serviceLines: Maybe<ServiceLineConnection>;
  /** Metered usage per period bucket and metric, of a workspace or of the caller's organization when no workspace is given. */
  usageSeries: Maybe<Array<UsagePoint>>;
};


export type QueryServiceLineArgs = {
  id: Scalars['ID']['input'];
};


export type QueryServiceLineHealthArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  serviceLineId?: InputMaybe<Scalars['ID']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryServiceLinesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  productLine?: InputMaybe<Array<ProductLine>>;
  projectId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<Array<ServiceLineStatus>>;
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryUsageSeriesArgs = {
  from: Scalars['Date']['input'];
  period: Period;
  to: Scalars['Date']['input'];
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

export type ServiceLine = Node & {
  __typename?: 'ServiceLine';
  activatedAt: Maybe<Scalars['DateTime']['output']>;
  billingModel: BillingModel;
  closedAt: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** Tasks completed (done or cancelled) on this line. */
  deliveryVelocity: Scalars['Int']['output'];
  executionModel: ExecutionModel;
  /**
   * The line's health over the window [from, to) (to defaults to now, from to 28 days before it): a score,
   * a status and the signal of every rule, computed in SQL for all the lines of a request at once.
   */
  health: ServiceLineHealth;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  productLine: ProductLine;
  /** PROJ-* labels applied to this line. */
  projects: Array<Maybe<Project>>;
  status: ServiceLineStatus;
  updatedAt: Scalars['DateTime']['output'];
  /** Metered usage between two dates (inclusive): per metric and in total. */
  usage: UsageSummary;
  /** Metered usage per period bucket and metric between two dates (inclusive). */
  usageSeries: Array<UsagePoint>;
  workspace: Maybe<Workspace>;
};


export type ServiceLineHealthArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type ServiceLineUsageArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};


export type ServiceLineUsageSeriesArgs = {
  from: Scalars['Date']['input'];
  period: Period;
  to: Scalars['Date']['input'];
};

export type ServiceLineConnection = {
  __typename?: 'ServiceLineConnection';
  edges: Array<ServiceLineEdge>;
  nodes: Array<ServiceLine>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ServiceLineEdge = {
  __typename?: 'ServiceLineEdge';
  cursor: Scalars['String']['output'];
  node: ServiceLine;
};

/** A Service Line's health over a window: 100 less the penalty of every signal (at least 0), and the status that follows. */
export type ServiceLineHealth = {
  __typename?: 'ServiceLineHealth';
  /** The window read: activity inside [from, to), state as it stood at to. */
  from: Scalars['DateTime']['output'];
  score: Scalars['Int']['output'];
  serviceLine: ServiceLine;
  serviceLineId: Scalars['ID']['output'];
  /** One signal per rule, in HealthRule order. */
  signals: Array<HealthSignal>;
  status: HealthStatus;
  to: Scalars['DateTime']['output'];
};

export type ServiceLineHealthConnection = {
  __typename?: 'ServiceLineHealthConnection';
  edges: Array<ServiceLineHealthEdge>;
  nodes: Array<ServiceLineHealth>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ServiceLineHealthEdge = {
  __typename?: 'ServiceLineHealthEdge';
  cursor: Scalars['String']['output'];
  node: ServiceLineHealth;
};

export type ServiceLineStatus =
  | 'active'
  | 'closed'
  | 'draft'
  | 'paused';

export type UsageMetric = {
  __typename?: 'UsageMetric';
  cost: Scalars['Float']['output'];
  currency: Scalars['String']['output'];
  metric: Scalars['String']['output'];
  quantity: Scalars['Float']['output'];
};

/**
 * Usage of one metric in one bucket. A series has a point for every bucket from the one holding
 * from to the one holding to (at most 400) and every metric metered in the range, zeros included;
 * ordered by bucket, then metric.
 */
export type UsagePoint = {
  __typename?: 'UsagePoint';
  cost: Scalars['Float']['output'];
  currency: Scalars['String']['output'];
  metric: Scalars['String']['output'];
  /** First day of the bucket. */
  periodStart: Scalars['Date']['output'];
  quantity: Scalars['Float']['output'];
};

export type UsageSummary = {
  __typename?: 'UsageSummary';
  currency: Scalars['String']['output'];
  from: Scalars['Date']['output'];
  metrics: Array<UsageMetric>;
  serviceLineId: Scalars['ID']['output'];
  to: Scalars['Date']['output'];
  totalCost: Scalars['Float']['output'];
};

export type Workspace = {
  __typename?: 'Workspace';
  /** The health of the workspace's active lines over the window [from, to) (defaults as ServiceLine.health); null when it has no active line. */
  health: Maybe<WorkspaceHealth>;
  id: Scalars['ID']['output'];
  serviceLines: Maybe<ServiceLineConnection>;
  /** Metered usage of the workspace's lines per period bucket and metric between two dates (inclusive). */
  usageSeries: Maybe<Array<UsagePoint>>;
};


export type WorkspaceHealthArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type WorkspaceServiceLinesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  productLine?: InputMaybe<Array<ProductLine>>;
  projectId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<Array<ServiceLineStatus>>;
};


export type WorkspaceUsageSeriesArgs = {
  from: Scalars['Date']['input'];
  period: Period;
  to: Scalars['Date']['input'];
};

/** The health of a workspace's ACTIVE Service Lines over one window. */
export type WorkspaceHealth = {
  __typename?: 'WorkspaceHealth';
  atRisk: Scalars['Int']['output'];
  /** The lines that are not HEALTHY, worst first (critical, then at risk; lower scores first): at most limit, 1 to 100. */
  attention: Array<ServiceLineHealth>;
  critical: Scalars['Int']['output'];
  from: Scalars['DateTime']['output'];
  healthy: Scalars['Int']['output'];
  lines: Scalars['Int']['output'];
  /** The mean of the lines' scores, rounded. */
  score: Scalars['Int']['output'];
  /** The worst status of its lines: a workspace is as healthy as its least healthy line. */
  status: HealthStatus;
  to: Scalars['DateTime']['output'];
  workspace: Maybe<Workspace>;
};


/** The health of a workspace's ACTIVE Service Lines over one window. */
export type WorkspaceHealthAttentionArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
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
  Workspace:
    ( { __typename: 'Workspace' }
    & GraphQLRecursivePick<FederationTypes['Workspace'], {"id":true}> );
};


/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node: ( ServiceLineModel );
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  BillingModel: ResolverTypeWrapper<BillingModel>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  ExecutionModel: ResolverTypeWrapper<ExecutionModel>;
  HealthLevel: ResolverTypeWrapper<HealthLevel>;
  HealthLink: ResolverTypeWrapper<HealthLink>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  HealthRule: ResolverTypeWrapper<HealthRule>;
  HealthSignal: ResolverTypeWrapper<HealthSignalModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  HealthStatus: ResolverTypeWrapper<HealthStatus>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Period: ResolverTypeWrapper<Period>;
  ProductLine: ResolverTypeWrapper<ProductLine>;
  Project: ResolverTypeWrapper<EntityRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ServiceLine: ResolverTypeWrapper<ServiceLineModel>;
  ServiceLineConnection: ResolverTypeWrapper<ServiceLineConnectionModel>;
  ServiceLineEdge: ResolverTypeWrapper<ServiceLineEdgeModel>;
  ServiceLineHealth: ResolverTypeWrapper<ServiceLineHealthModel>;
  ServiceLineHealthConnection: ResolverTypeWrapper<ServiceLineHealthConnectionModel>;
  ServiceLineHealthEdge: ResolverTypeWrapper<ServiceLineHealthEdgeModel>;
  ServiceLineStatus: ResolverTypeWrapper<ServiceLineStatus>;
  UsageMetric: ResolverTypeWrapper<UsageMetric>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  UsagePoint: ResolverTypeWrapper<UsagePoint>;
  UsageSummary: ResolverTypeWrapper<UsageSummary>;
  Workspace: ResolverTypeWrapper<EntityRef>;
  WorkspaceHealth: ResolverTypeWrapper<WorkspaceHealthModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  HealthLink: HealthLink;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  HealthSignal: HealthSignalModel;
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Project: EntityRef;
  Query: Record<PropertyKey, never>;
  ServiceLine: ServiceLineModel;
  ServiceLineConnection: ServiceLineConnectionModel;
  ServiceLineEdge: ServiceLineEdgeModel;
  ServiceLineHealth: ServiceLineHealthModel;
  ServiceLineHealthConnection: ServiceLineHealthConnectionModel;
  ServiceLineHealthEdge: ServiceLineHealthEdgeModel;
  UsageMetric: UsageMetric;
  Float: Scalars['Float']['output'];
  UsagePoint: UsagePoint;
  UsageSummary: UsageSummary;
  Workspace: EntityRef;
  WorkspaceHealth: WorkspaceHealthModel;
};

export type BillingModelResolvers = { FIXED_MONTHLY: 'fixed_monthly', FIXED_PRICE: 'fixed_price', SUBSCRIPTION: 'subscription', TIME_AND_MATERIALS: 'time_and_materials', USAGE_BASED: 'usage_based' };

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ExecutionModelResolvers = { AGENT: 'agent', ANALYSIS: 'analysis', CAPACITY: 'capacity', ESTATE: 'estate', ONGOING_SLA: 'ongoing_sla', OUTCOME: 'outcome' };

export type HealthLevelResolvers = { CRITICAL: 'critical', OK: 'ok', WARNING: 'warning' };

export type HealthLinkResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['HealthLink'] = ResolversParentTypes['HealthLink']> = {
  href?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type HealthRuleResolvers = { BLOCKED: 'blocked', CAPACITY: 'capacity', INCIDENTS: 'incidents', INTEGRATIONS: 'integrations', SLA: 'sla', SPEND: 'spend', TICKETS: 'tickets', VELOCITY: 'velocity', WORK_IN_PROGRESS: 'work_in_progress' };

export type HealthSignalResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['HealthSignal'] = ResolversParentTypes['HealthSignal']> = {
  evidence?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  level?: Resolver<ResolversTypes['HealthLevel'], ParentType, ContextType>;
  links?: Resolver<Array<ResolversTypes['HealthLink']>, ParentType, ContextType>;
  penalty?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['HealthRule'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type HealthStatusResolvers = { AT_RISK: 'at_risk', CRITICAL: 'critical', HEALTHY: 'healthy' };

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  activateServiceLine?: Resolver<ResolversTypes['ServiceLine'], ParentType, ContextType, RequireFields<MutationActivateServiceLineArgs, 'id'>>;
  closeServiceLine?: Resolver<ResolversTypes['ServiceLine'], ParentType, ContextType, RequireFields<MutationCloseServiceLineArgs, 'id'>>;
  pauseServiceLine?: Resolver<ResolversTypes['ServiceLine'], ParentType, ContextType, RequireFields<MutationPauseServiceLineArgs, 'id'>>;
  resumeServiceLine?: Resolver<ResolversTypes['ServiceLine'], ParentType, ContextType, RequireFields<MutationResumeServiceLineArgs, 'id'>>;
};

export type NodeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'ServiceLine', ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PeriodResolvers = { DAY: 'day', MONTH: 'month', WEEK: 'week' };

export type ProductLineResolvers = { AGENTS: 'agents', INFRASTRUCTURE: 'infrastructure', INTELLIGENCE: 'intelligence', MANAGED_SERVICES: 'managed_services', ODS: 'ods', TALENT: 'talent' };

export type ProjectResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Project'] = ResolversParentTypes['Project'], FederationReferenceType extends FederationReferenceTypes['Project'] = FederationReferenceTypes['Project']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Project']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  serviceLines?: Resolver<Maybe<ResolversTypes['ServiceLineConnection']>, ParentType, ContextType, Partial<ProjectServiceLinesArgs>>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  serviceLine?: Resolver<Maybe<ResolversTypes['ServiceLine']>, ParentType, ContextType, RequireFields<QueryServiceLineArgs, 'id'>>;
  serviceLineHealth?: Resolver<Maybe<ResolversTypes['ServiceLineHealthConnection']>, ParentType, ContextType, Partial<QueryServiceLineHealthArgs>>;
  serviceLines?: Resolver<Maybe<ResolversTypes['ServiceLineConnection']>, ParentType, ContextType, Partial<QueryServiceLinesArgs>>;
  usageSeries?: Resolver<Maybe<Array<ResolversTypes['UsagePoint']>>, ParentType, ContextType, RequireFields<QueryUsageSeriesArgs, 'from' | 'period' | 'to'>>;
};

export type ServiceLineResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ServiceLine'] = ResolversParentTypes['ServiceLine'], FederationReferenceType extends FederationReferenceTypes['ServiceLine'] = FederationReferenceTypes['ServiceLine']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ServiceLine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  activatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  billingModel?: Resolver<ResolversTypes['BillingModel'], ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliveryVelocity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  executionModel?: Resolver<ResolversTypes['ExecutionModel'], ParentType, ContextType>;
  health?: Resolver<ResolversTypes['ServiceLineHealth'], ParentType, ContextType, Partial<ServiceLineHealthArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  productLine?: Resolver<ResolversTypes['ProductLine'], ParentType, ContextType>;
  projects?: Resolver<Array<Maybe<ResolversTypes['Project']>>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ServiceLineStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  usage?: Resolver<ResolversTypes['UsageSummary'], ParentType, ContextType, RequireFields<ServiceLineUsageArgs, 'from' | 'to'>>;
  usageSeries?: Resolver<Array<ResolversTypes['UsagePoint']>, ParentType, ContextType, RequireFields<ServiceLineUsageSeriesArgs, 'from' | 'period' | 'to'>>;
  workspace?: Resolver<Maybe<ResolversTypes['Workspace']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ServiceLineConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ServiceLineConnection'] = ResolversParentTypes['ServiceLineConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ServiceLineEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['ServiceLine']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ServiceLineEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ServiceLineEdge'] = ResolversParentTypes['ServiceLineEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ServiceLine'], ParentType, ContextType>;
};

export type ServiceLineHealthResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ServiceLineHealth'] = ResolversParentTypes['ServiceLineHealth']> = {
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  serviceLine?: Resolver<ResolversTypes['ServiceLine'], ParentType, ContextType>;
  serviceLineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  signals?: Resolver<Array<ResolversTypes['HealthSignal']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['HealthStatus'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ServiceLineHealthConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ServiceLineHealthConnection'] = ResolversParentTypes['ServiceLineHealthConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ServiceLineHealthEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['ServiceLineHealth']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ServiceLineHealthEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ServiceLineHealthEdge'] = ResolversParentTypes['ServiceLineHealthEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ServiceLineHealth'], ParentType, ContextType>;
};

export type ServiceLineStatusResolvers = { ACTIVE: 'active', CLOSED: 'closed', DRAFT: 'draft', PAUSED: 'paused' };

export type UsageMetricResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UsageMetric'] = ResolversParentTypes['UsageMetric']> = {
  cost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type UsagePointResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UsagePoint'] = ResolversParentTypes['UsagePoint']> = {
  cost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  periodStart?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type UsageSummaryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UsageSummary'] = ResolversParentTypes['UsageSummary']> = {
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  metrics?: Resolver<Array<ResolversTypes['UsageMetric']>, ParentType, ContextType>;
  serviceLineId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  totalCost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type WorkspaceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Workspace'] = ResolversParentTypes['Workspace'], FederationReferenceType extends FederationReferenceTypes['Workspace'] = FederationReferenceTypes['Workspace']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Workspace']> | FederationReferenceType, FederationReferenceType, ContextType>;
  health?: Resolver<Maybe<ResolversTypes['WorkspaceHealth']>, ParentType, ContextType, Partial<WorkspaceHealthArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  serviceLines?: Resolver<Maybe<ResolversTypes['ServiceLineConnection']>, ParentType, ContextType, Partial<WorkspaceServiceLinesArgs>>;
  usageSeries?: Resolver<Maybe<Array<ResolversTypes['UsagePoint']>>, ParentType, ContextType, RequireFields<WorkspaceUsageSeriesArgs, 'from' | 'period' | 'to'>>;
};

export type WorkspaceHealthResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WorkspaceHealth'] = ResolversParentTypes['WorkspaceHealth']> = {
  atRisk?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  attention?: Resolver<Array<ResolversTypes['ServiceLineHealth']>, ParentType, ContextType, RequireFields<WorkspaceHealthAttentionArgs, 'limit'>>;
  critical?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  healthy?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lines?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['HealthStatus'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  workspace?: Resolver<Maybe<ResolversTypes['Workspace']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  BillingModel?: BillingModelResolvers;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  ExecutionModel?: ExecutionModelResolvers;
  HealthLevel?: HealthLevelResolvers;
  HealthLink?: HealthLinkResolvers<ContextType>;
  HealthRule?: HealthRuleResolvers;
  HealthSignal?: HealthSignalResolvers<ContextType>;
  HealthStatus?: HealthStatusResolvers;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Period?: PeriodResolvers;
  ProductLine?: ProductLineResolvers;
  Project?: ProjectResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ServiceLine?: ServiceLineResolvers<ContextType>;
  ServiceLineConnection?: ServiceLineConnectionResolvers<ContextType>;
  ServiceLineEdge?: ServiceLineEdgeResolvers<ContextType>;
  ServiceLineHealth?: ServiceLineHealthResolvers<ContextType>;
  ServiceLineHealthConnection?: ServiceLineHealthConnectionResolvers<ContextType>;
  ServiceLineHealthEdge?: ServiceLineHealthEdgeResolvers<ContextType>;
  ServiceLineStatus?: ServiceLineStatusResolvers;
  UsageMetric?: UsageMetricResolvers<ContextType>;
  UsagePoint?: UsagePointResolvers<ContextType>;
  UsageSummary?: UsageSummaryResolvers<ContextType>;
  Workspace?: WorkspaceResolvers<ContextType>;
  WorkspaceHealth?: WorkspaceHealthResolvers<ContextType>;
};

