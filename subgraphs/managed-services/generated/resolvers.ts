import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PodModel, PodMemberModel, SlaModel, SlaReportModel, TicketModel, IncidentModel, PodConnectionModel, PodEdgeModel, TicketConnectionModel, TicketEdgeModel, SlaReportConnectionModel, SlaReportEdgeModel, IncidentConnectionModel, IncidentEdgeModel } from '../models.ts';
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

export type DeliveryModel =
  | 'dedicated_team'
  | 'managed_delivery'
  | 'staff_augmentation';

export type Incident = Node & {
  __typename?: 'Incident';
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  openedAt: Scalars['DateTime']['output'];
  pod: Maybe<Pod>;
  raisedBy: Maybe<User>;
  resolvedAt: Maybe<Scalars['DateTime']['output']>;
  serviceLine: Maybe<ServiceLine>;
  severity: IncidentSeverity;
  status: IncidentStatus;
  title: Scalars['String']['output'];
  type: IncidentType;
  workspace: Maybe<Workspace>;
};

export type IncidentConnection = {
  __typename?: 'IncidentConnection';
  edges: Array<IncidentEdge>;
  nodes: Array<Incident>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type IncidentEdge = {
  __typename?: 'IncidentEdge';
  cursor: Scalars['String']['output'];
  node: Incident;
};

export type IncidentSeverity =
  | 'critical'
  | 'high'
  | 'low'
  | 'medium';

export type IncidentStatus =
  | 'investigating'
  | 'open'
  | 'resolved';

export type IncidentType =
  | 'availability'
  | 'delivery_failure'
  | 'other'
  | 'quality'
  | 'sla_breach';

export type Mutation = {
  __typename?: 'Mutation';
  /** Raises an incident against a pod (suspected SLA breach or delivery failure). */
  raiseIncident: Incident;
  /** Requests a managed pod; it starts in SCOPING until the account team confirms it. */
  requestPod: Pod;
  /** Resolves an OPEN or INVESTIGATING incident (sets resolvedAt): incident.resolved, whose payload carries the resolution note. A resolved incident is a CONFLICT. */
  resolveIncident: Incident;
  /** Submits a ticket to a pod; its SLA response deadline follows the pod's response time. */
  submitServiceRequest: Ticket;
  /** Changes an unresolved incident's severity: incident.severity_changed (previous_severity, new_severity); the same severity changes nothing and appends nothing. A resolved incident is a CONFLICT. */
  updateIncidentSeverity: Incident;
};


export type MutationRaiseIncidentArgs = {
  input: RaiseIncidentInput;
};


export type MutationRequestPodArgs = {
  input: RequestPodInput;
};


export type MutationResolveIncidentArgs = {
  id: Scalars['ID']['input'];
  resolution?: InputMaybe<Scalars['String']['input']>;
};


export type MutationSubmitServiceRequestArgs = {
  input: ServiceRequestInput;
};


export type MutationUpdateIncidentSeverityArgs = {
  id: Scalars['ID']['input'];
  severity: IncidentSeverity;
};

/** An object with a platform ID (PREFIX-YY-NNNNNN); the prefix names its type. */
export type Node = {
  id: Scalars['ID']['output'];
};

export type Organization = {
  __typename?: 'Organization';
  id: Scalars['ID']['output'];
  pods: Maybe<PodConnection>;
};


export type OrganizationPodsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<PodStatus>>;
};

/** Where a page of a connection stands in its list (Relay). */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

export type Pod = Node & {
  __typename?: 'Pod';
  costPerMonth: Maybe<Scalars['Float']['output']>;
  createdAt: Scalars['DateTime']['output'];
  currency: Scalars['String']['output'];
  deliveryModel: DeliveryModel;
  description: Maybe<Scalars['String']['output']>;
  durationMonths: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  incidents: IncidentConnection;
  /** The most recent monthly SLA report. */
  latestSlaReport: Maybe<SlaReport>;
  name: Scalars['String']['output'];
  organization: Maybe<Organization>;
  projects: Array<Maybe<Project>>;
  renewsAt: Maybe<Scalars['DateTime']['output']>;
  requestedTeamSize: Maybe<Scalars['Int']['output']>;
  requiredCapabilities: Array<Scalars['String']['output']>;
  /** Null while the pod is being scoped. */
  serviceLine: Maybe<ServiceLine>;
  sla: Maybe<Sla>;
  /** Monthly SLA compliance, oldest period first, between two periods (YYYY-MM, both inclusive, both optional). */
  slaHistory: Array<SlaReport>;
  slaReports: SlaReportConnection;
  startDate: Maybe<Scalars['Date']['output']>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: PodStatus;
  /** Individual talent allocations. */
  team: Array<PodMember>;
  teamSize: Scalars['Int']['output'];
  tickets: TicketConnection;
  workspace: Maybe<Workspace>;
};


export type PodIncidentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  severity?: InputMaybe<Array<IncidentSeverity>>;
  status?: InputMaybe<Array<IncidentStatus>>;
};


export type PodSlaHistoryArgs = {
  from?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['String']['input']>;
};


export type PodSlaReportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type PodTicketsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  priority?: InputMaybe<Array<TicketPriority>>;
  status?: InputMaybe<Array<TicketStatus>>;
};

export type PodConnection = {
  __typename?: 'PodConnection';
  edges: Array<PodEdge>;
  nodes: Array<Pod>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PodEdge = {
  __typename?: 'PodEdge';
  cursor: Scalars['String']['output'];
  node: Pod;
};

export type PodMember = {
  __typename?: 'PodMember';
  role: Scalars['String']['output'];
  talentId: Scalars['String']['output'];
};

export type PodStatus =
  | 'active'
  | 'cancelled'
  | 'completed'
  | 'paused'
  | 'scoping';

export type Project = {
  __typename?: 'Project';
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  incident: Maybe<Incident>;
  incidents: Maybe<IncidentConnection>;
  pod: Maybe<Pod>;
  /** Pods of the caller's organization, optionally of one workspace. Naming another organization lists none, as workspaces(organizationId:) does. */
  pods: Maybe<PodConnection>;
  /** A pod's SLA reports, newest period first; one period when given (YYYY-MM). */
  slaReports: Maybe<SlaReportConnection>;
  ticket: Maybe<Ticket>;
  tickets: Maybe<TicketConnection>;
};


export type QueryIncidentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryIncidentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  podId?: InputMaybe<Scalars['ID']['input']>;
  serviceLineId?: InputMaybe<Scalars['ID']['input']>;
  severity?: InputMaybe<Array<IncidentSeverity>>;
  status?: InputMaybe<Array<IncidentStatus>>;
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPodArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPodsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<Array<PodStatus>>;
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};


export type QuerySlaReportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  period?: InputMaybe<Scalars['String']['input']>;
  podId: Scalars['ID']['input'];
};


export type QueryTicketArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTicketsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  podId: Scalars['ID']['input'];
  priority?: InputMaybe<Array<TicketPriority>>;
  status?: InputMaybe<Array<TicketStatus>>;
};

export type RaiseIncidentInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  podId: Scalars['ID']['input'];
  /** Defaults to MEDIUM. */
  severity?: InputMaybe<IncidentSeverity>;
  title: Scalars['String']['input'];
  /** Defaults to SLA_BREACH. */
  type?: InputMaybe<IncidentType>;
};

export type RequestPodInput = {
  deliveryModel: DeliveryModel;
  description?: InputMaybe<Scalars['String']['input']>;
  durationMonths?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  /** The caller's organization, if given (REST clients name it); another one is refused as not found. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  projectTags?: InputMaybe<Array<Scalars['ID']['input']>>;
  requestedTeamSize: Scalars['Int']['input'];
  requiredCapabilities?: InputMaybe<Array<Scalars['String']['input']>>;
  startDate?: InputMaybe<Scalars['Date']['input']>;
  subscriptionId?: InputMaybe<Scalars['ID']['input']>;
  /** Defaults to the caller's workspace when the token is narrowed to one. */
  workspaceId?: InputMaybe<Scalars['ID']['input']>;
};

export type ServiceLine = {
  __typename?: 'ServiceLine';
  id: Scalars['ID']['output'];
  incidents: Maybe<IncidentConnection>;
  /** The managed pod delivering on this line, if any. */
  pod: Maybe<Pod>;
};


export type ServiceLineIncidentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  severity?: InputMaybe<Array<IncidentSeverity>>;
  status?: InputMaybe<Array<IncidentStatus>>;
};

export type ServiceRequestInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  podId: Scalars['ID']['input'];
  /** Defaults to MEDIUM. (Enum defaults live in code: SDL defaults would bypass the stored-value mapping.) */
  priority?: InputMaybe<TicketPriority>;
  /** Defaults to the caller. */
  submittedBy?: InputMaybe<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
  type: TicketType;
};

export type Sla = Node & {
  __typename?: 'Sla';
  availabilityHoursPerWeek: Scalars['Int']['output'];
  currentCompliance: Maybe<Scalars['Float']['output']>;
  id: Scalars['ID']['output'];
  pod: Pod;
  qualityGatePercent: Scalars['Float']['output'];
  responseTimeHours: Scalars['Float']['output'];
  throughputTasksPerSprint: Scalars['Int']['output'];
};

export type SlaMetric = {
  __typename?: 'SlaMetric';
  actual: Scalars['Float']['output'];
  metric: Scalars['String']['output'];
  status: SlaMetricStatus;
  target: Scalars['Float']['output'];
};

export type SlaMetricStatus =
  | 'breached'
  | 'met';

export type SlaReport = {
  __typename?: 'SlaReport';
  compliancePercent: Scalars['Float']['output'];
  incidents: Array<Incident>;
  metrics: Array<SlaMetric>;
  /** YYYY-MM */
  period: Scalars['String']['output'];
  pod: Pod;
  sla: Sla;
};

export type SlaReportConnection = {
  __typename?: 'SlaReportConnection';
  edges: Array<SlaReportEdge>;
  nodes: Array<SlaReport>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type SlaReportEdge = {
  __typename?: 'SlaReportEdge';
  cursor: Scalars['String']['output'];
  node: SlaReport;
};

export type Ticket = Node & {
  __typename?: 'Ticket';
  createdAt: Scalars['DateTime']['output'];
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  pod: Pod;
  priority: TicketPriority;
  resolvedAt: Maybe<Scalars['DateTime']['output']>;
  respondedAt: Maybe<Scalars['DateTime']['output']>;
  /** When the pod must have responded, from its SLA's response time. */
  slaResponseDueAt: Scalars['DateTime']['output'];
  status: TicketStatus;
  submittedBy: Maybe<User>;
  title: Scalars['String']['output'];
  type: TicketType;
};

export type TicketConnection = {
  __typename?: 'TicketConnection';
  edges: Array<TicketEdge>;
  nodes: Array<Ticket>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TicketEdge = {
  __typename?: 'TicketEdge';
  cursor: Scalars['String']['output'];
  node: Ticket;
};

export type TicketPriority =
  | 'critical'
  | 'high'
  | 'low'
  | 'medium';

export type TicketStatus =
  | 'acknowledged'
  | 'closed'
  | 'in_progress'
  | 'open'
  | 'resolved';

export type TicketType =
  | 'bug_report'
  | 'change_request'
  | 'escalation'
  | 'priority_item'
  | 'support_request';

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
};

export type Workspace = {
  __typename?: 'Workspace';
  id: Scalars['ID']['output'];
  incidents: Maybe<IncidentConnection>;
  pods: Maybe<PodConnection>;
};


export type WorkspaceIncidentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  severity?: InputMaybe<Array<IncidentSeverity>>;
  status?: InputMaybe<Array<IncidentStatus>>;
};


export type WorkspacePodsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<PodStatus>>;
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
  Incident: Incident;
  Organization: Organization;
  Pod: Pod;
  ServiceLine: ServiceLine;
  Sla: Sla;
  Ticket: Ticket;
  Workspace: Workspace;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Incident:
    ( { __typename: 'Incident' }
    & GraphQLRecursivePick<FederationTypes['Incident'], {"id":true}> );
  Organization:
    ( { __typename: 'Organization' }
    & GraphQLRecursivePick<FederationTypes['Organization'], {"id":true}> );
  Pod:
    ( { __typename: 'Pod' }
    & GraphQLRecursivePick<FederationTypes['Pod'], {"id":true}> );
  ServiceLine:
    ( { __typename: 'ServiceLine' }
    & GraphQLRecursivePick<FederationTypes['ServiceLine'], {"id":true}> );
  Sla:
    ( { __typename: 'Sla' }
    & GraphQLRecursivePick<FederationTypes['Sla'], {"id":true}> );
  Ticket:
    ( { __typename: 'Ticket' }
    & GraphQLRecursivePick<FederationTypes['Ticket'], {"id":true}> );
  Workspace:
    ( { __typename: 'Workspace' }
    & GraphQLRecursivePick<FederationTypes['Workspace'], {"id":true}> );
};


/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node:
    | ( IncidentModel )
    | ( PodModel )
    | ( SlaModel )
    | ( TicketModel )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeliveryModel: ResolverTypeWrapper<DeliveryModel>;
  Incident: ResolverTypeWrapper<IncidentModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IncidentConnection: ResolverTypeWrapper<IncidentConnectionModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  IncidentEdge: ResolverTypeWrapper<IncidentEdgeModel>;
  IncidentSeverity: ResolverTypeWrapper<IncidentSeverity>;
  IncidentStatus: ResolverTypeWrapper<IncidentStatus>;
  IncidentType: ResolverTypeWrapper<IncidentType>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  Organization: ResolverTypeWrapper<EntityRef>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Pod: ResolverTypeWrapper<PodModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  PodConnection: ResolverTypeWrapper<PodConnectionModel>;
  PodEdge: ResolverTypeWrapper<PodEdgeModel>;
  PodMember: ResolverTypeWrapper<PodMemberModel>;
  PodStatus: ResolverTypeWrapper<PodStatus>;
  Project: ResolverTypeWrapper<EntityRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RaiseIncidentInput: RaiseIncidentInput;
  RequestPodInput: RequestPodInput;
  ServiceLine: ResolverTypeWrapper<EntityRef>;
  ServiceRequestInput: ServiceRequestInput;
  Sla: ResolverTypeWrapper<SlaModel>;
  SlaMetric: ResolverTypeWrapper<Omit<SlaMetric, 'status'> & { status: ResolversTypes['SlaMetricStatus'] }>;
  SlaMetricStatus: ResolverTypeWrapper<SlaMetricStatus>;
  SlaReport: ResolverTypeWrapper<SlaReportModel>;
  SlaReportConnection: ResolverTypeWrapper<SlaReportConnectionModel>;
  SlaReportEdge: ResolverTypeWrapper<SlaReportEdgeModel>;
  Ticket: ResolverTypeWrapper<TicketModel>;
  TicketConnection: ResolverTypeWrapper<TicketConnectionModel>;
  TicketEdge: ResolverTypeWrapper<TicketEdgeModel>;
  TicketPriority: ResolverTypeWrapper<TicketPriority>;
  TicketStatus: ResolverTypeWrapper<TicketStatus>;
  TicketType: ResolverTypeWrapper<TicketType>;
  User: ResolverTypeWrapper<EntityRef>;
  Workspace: ResolverTypeWrapper<EntityRef>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Incident: IncidentModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  IncidentConnection: IncidentConnectionModel;
  Int: Scalars['Int']['output'];
  IncidentEdge: IncidentEdgeModel;
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  Organization: EntityRef;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Pod: PodModel;
  Float: Scalars['Float']['output'];
  PodConnection: PodConnectionModel;
  PodEdge: PodEdgeModel;
  PodMember: PodMemberModel;
  Project: EntityRef;
  Query: Record<PropertyKey, never>;
  RaiseIncidentInput: RaiseIncidentInput;
  RequestPodInput: RequestPodInput;
  ServiceLine: EntityRef;
  ServiceRequestInput: ServiceRequestInput;
  Sla: SlaModel;
  SlaMetric: SlaMetric;
  SlaReport: SlaReportModel;
  SlaReportConnection: SlaReportConnectionModel;
  SlaReportEdge: SlaReportEdgeModel;
  Ticket: TicketModel;
  TicketConnection: TicketConnectionModel;
  TicketEdge: TicketEdgeModel;
  User: EntityRef;
  Workspace: EntityRef;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeliveryModelResolvers = { DEDICATED_TEAM: 'dedicated_team', MANAGED_DELIVERY: 'managed_delivery', STAFF_AUGMENTATION: 'staff_augmentation' };

export type IncidentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Incident'] = ResolversParentTypes['Incident'], FederationReferenceType extends FederationReferenceTypes['Incident'] = FederationReferenceTypes['Incident']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Incident']> | FederationReferenceType, FederationReferenceType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  pod?: Resolver<Maybe<ResolversTypes['Pod']>, ParentType, ContextType>;
  raisedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  serviceLine?: Resolver<Maybe<ResolversTypes['ServiceLine']>, ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['IncidentSeverity'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IncidentStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['IncidentType'], ParentType, ContextType>;
  workspace?: Resolver<Maybe<ResolversTypes['Workspace']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type IncidentConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IncidentConnection'] = ResolversParentTypes['IncidentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['IncidentEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Incident']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type IncidentEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IncidentEdge'] = ResolversParentTypes['IncidentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Incident'], ParentType, ContextType>;
};

export type IncidentSeverityResolvers = { CRITICAL: 'critical', HIGH: 'high', LOW: 'low', MEDIUM: 'medium' };

export type IncidentStatusResolvers = { INVESTIGATING: 'investigating', OPEN: 'open', RESOLVED: 'resolved' };

export type IncidentTypeResolvers = { AVAILABILITY: 'availability', DELIVERY_FAILURE: 'delivery_failure', OTHER: 'other', QUALITY: 'quality', SLA_BREACH: 'sla_breach' };

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  raiseIncident?: Resolver<ResolversTypes['Incident'], ParentType, ContextType, RequireFields<MutationRaiseIncidentArgs, 'input'>>;
  requestPod?: Resolver<ResolversTypes['Pod'], ParentType, ContextType, RequireFields<MutationRequestPodArgs, 'input'>>;
  resolveIncident?: Resolver<ResolversTypes['Incident'], ParentType, ContextType, RequireFields<MutationResolveIncidentArgs, 'id'>>;
  submitServiceRequest?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType, RequireFields<MutationSubmitServiceRequestArgs, 'input'>>;
  updateIncidentSeverity?: Resolver<ResolversTypes['Incident'], ParentType, ContextType, RequireFields<MutationUpdateIncidentSeverityArgs, 'id' | 'severity'>>;
};

export type NodeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'Incident' | 'Pod' | 'Sla' | 'Ticket', ParentType, ContextType>;
};

export type OrganizationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization'], FederationReferenceType extends FederationReferenceTypes['Organization'] = FederationReferenceTypes['Organization']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Organization']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pods?: Resolver<Maybe<ResolversTypes['PodConnection']>, ParentType, ContextType, Partial<OrganizationPodsArgs>>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PodResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Pod'] = ResolversParentTypes['Pod'], FederationReferenceType extends FederationReferenceTypes['Pod'] = FederationReferenceTypes['Pod']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Pod']> | FederationReferenceType, FederationReferenceType, ContextType>;
  costPerMonth?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deliveryModel?: Resolver<ResolversTypes['DeliveryModel'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  durationMonths?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  incidents?: Resolver<ResolversTypes['IncidentConnection'], ParentType, ContextType, Partial<PodIncidentsArgs>>;
  latestSlaReport?: Resolver<Maybe<ResolversTypes['SlaReport']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organization?: Resolver<Maybe<ResolversTypes['Organization']>, ParentType, ContextType>;
  projects?: Resolver<Array<Maybe<ResolversTypes['Project']>>, ParentType, ContextType>;
  renewsAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  requestedTeamSize?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  requiredCapabilities?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  serviceLine?: Resolver<Maybe<ResolversTypes['ServiceLine']>, ParentType, ContextType>;
  sla?: Resolver<Maybe<ResolversTypes['Sla']>, ParentType, ContextType>;
  slaHistory?: Resolver<Array<ResolversTypes['SlaReport']>, ParentType, ContextType, Partial<PodSlaHistoryArgs>>;
  slaReports?: Resolver<ResolversTypes['SlaReportConnection'], ParentType, ContextType, Partial<PodSlaReportsArgs>>;
  startDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PodStatus'], ParentType, ContextType>;
  team?: Resolver<Array<ResolversTypes['PodMember']>, ParentType, ContextType>;
  teamSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tickets?: Resolver<ResolversTypes['TicketConnection'], ParentType, ContextType, Partial<PodTicketsArgs>>;
  workspace?: Resolver<Maybe<ResolversTypes['Workspace']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PodConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PodConnection'] = ResolversParentTypes['PodConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PodEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Pod']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PodEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PodEdge'] = ResolversParentTypes['PodEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Pod'], ParentType, ContextType>;
};

export type PodMemberResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PodMember'] = ResolversParentTypes['PodMember']> = {
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  talentId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PodStatusResolvers = { ACTIVE: 'active', CANCELLED: 'cancelled', COMPLETED: 'completed', PAUSED: 'paused', SCOPING: 'scoping' };

export type ProjectResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Project'] = ResolversParentTypes['Project']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType, RequireFields<QueryIncidentArgs, 'id'>>;
  incidents?: Resolver<Maybe<ResolversTypes['IncidentConnection']>, ParentType, ContextType, Partial<QueryIncidentsArgs>>;
  pod?: Resolver<Maybe<ResolversTypes['Pod']>, ParentType, ContextType, RequireFields<QueryPodArgs, 'id'>>;
  pods?: Resolver<Maybe<ResolversTypes['PodConnection']>, ParentType, ContextType, Partial<QueryPodsArgs>>;
  slaReports?: Resolver<Maybe<ResolversTypes['SlaReportConnection']>, ParentType, ContextType, RequireFields<QuerySlaReportsArgs, 'podId'>>;
  ticket?: Resolver<Maybe<ResolversTypes['Ticket']>, ParentType, ContextType, RequireFields<QueryTicketArgs, 'id'>>;
  tickets?: Resolver<Maybe<ResolversTypes['TicketConnection']>, ParentType, ContextType, RequireFields<QueryTicketsArgs, 'podId'>>;
};

export type ServiceLineResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ServiceLine'] = ResolversParentTypes['ServiceLine'], FederationReferenceType extends FederationReferenceTypes['ServiceLine'] = FederationReferenceTypes['ServiceLine']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ServiceLine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  incidents?: Resolver<Maybe<ResolversTypes['IncidentConnection']>, ParentType, ContextType, Partial<ServiceLineIncidentsArgs>>;
  pod?: Resolver<Maybe<ResolversTypes['Pod']>, ParentType, ContextType>;
};

export type SlaResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Sla'] = ResolversParentTypes['Sla'], FederationReferenceType extends FederationReferenceTypes['Sla'] = FederationReferenceTypes['Sla']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Sla']> | FederationReferenceType, FederationReferenceType, ContextType>;
  availabilityHoursPerWeek?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currentCompliance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pod?: Resolver<ResolversTypes['Pod'], ParentType, ContextType>;
  qualityGatePercent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  responseTimeHours?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  throughputTasksPerSprint?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SlaMetricResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SlaMetric'] = ResolversParentTypes['SlaMetric']> = {
  actual?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SlaMetricStatus'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type SlaMetricStatusResolvers = { BREACHED: 'breached', MET: 'met' };

export type SlaReportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SlaReport'] = ResolversParentTypes['SlaReport']> = {
  compliancePercent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  incidents?: Resolver<Array<ResolversTypes['Incident']>, ParentType, ContextType>;
  metrics?: Resolver<Array<ResolversTypes['SlaMetric']>, ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pod?: Resolver<ResolversTypes['Pod'], ParentType, ContextType>;
  sla?: Resolver<ResolversTypes['Sla'], ParentType, ContextType>;
};

export type SlaReportConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SlaReportConnection'] = ResolversParentTypes['SlaReportConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SlaReportEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['SlaReport']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SlaReportEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SlaReportEdge'] = ResolversParentTypes['SlaReportEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SlaReport'], ParentType, ContextType>;
};

export type TicketResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Ticket'] = ResolversParentTypes['Ticket'], FederationReferenceType extends FederationReferenceTypes['Ticket'] = FederationReferenceTypes['Ticket']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Ticket']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pod?: Resolver<ResolversTypes['Pod'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['TicketPriority'], ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  respondedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  slaResponseDueAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TicketStatus'], ParentType, ContextType>;
  submittedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['TicketType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TicketConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TicketConnection'] = ResolversParentTypes['TicketConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TicketEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Ticket']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TicketEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TicketEdge'] = ResolversParentTypes['TicketEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Ticket'], ParentType, ContextType>;
};

export type TicketPriorityResolvers = { CRITICAL: 'critical', HIGH: 'high', LOW: 'low', MEDIUM: 'medium' };

export type TicketStatusResolvers = { ACKNOWLEDGED: 'acknowledged', CLOSED: 'closed', IN_PROGRESS: 'in_progress', OPEN: 'open', RESOLVED: 'resolved' };

export type TicketTypeResolvers = { BUG_REPORT: 'bug_report', CHANGE_REQUEST: 'change_request', ESCALATION: 'escalation', PRIORITY_ITEM: 'priority_item', SUPPORT_REQUEST: 'support_request' };

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type WorkspaceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Workspace'] = ResolversParentTypes['Workspace'], FederationReferenceType extends FederationReferenceTypes['Workspace'] = FederationReferenceTypes['Workspace']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Workspace']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  incidents?: Resolver<Maybe<ResolversTypes['IncidentConnection']>, ParentType, ContextType, Partial<WorkspaceIncidentsArgs>>;
  pods?: Resolver<Maybe<ResolversTypes['PodConnection']>, ParentType, ContextType, Partial<WorkspacePodsArgs>>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DeliveryModel?: DeliveryModelResolvers;
  Incident?: IncidentResolvers<ContextType>;
  IncidentConnection?: IncidentConnectionResolvers<ContextType>;
  IncidentEdge?: IncidentEdgeResolvers<ContextType>;
  IncidentSeverity?: IncidentSeverityResolvers;
  IncidentStatus?: IncidentStatusResolvers;
  IncidentType?: IncidentTypeResolvers;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Pod?: PodResolvers<ContextType>;
  PodConnection?: PodConnectionResolvers<ContextType>;
  PodEdge?: PodEdgeResolvers<ContextType>;
  PodMember?: PodMemberResolvers<ContextType>;
  PodStatus?: PodStatusResolvers;
  Project?: ProjectResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ServiceLine?: ServiceLineResolvers<ContextType>;
  Sla?: SlaResolvers<ContextType>;
  SlaMetric?: SlaMetricResolvers<ContextType>;
  SlaMetricStatus?: SlaMetricStatusResolvers;
  SlaReport?: SlaReportResolvers<ContextType>;
  SlaReportConnection?: SlaReportConnectionResolvers<ContextType>;
  SlaReportEdge?: SlaReportEdgeResolvers<ContextType>;
  Ticket?: TicketResolvers<ContextType>;
  TicketConnection?: TicketConnectionResolvers<ContextType>;
  TicketEdge?: TicketEdgeResolvers<ContextType>;
  TicketPriority?: TicketPriorityResolvers;
  TicketStatus?: TicketStatusResolvers;
  TicketType?: TicketTypeResolvers;
  User?: UserResolvers<ContextType>;
  Workspace?: WorkspaceResolvers<ContextType>;
};

