import type { Connection, Edge } from '../../platform/connection.ts';
import type { Principal } from '../../platform/auth/tokens.ts';
import type { organizations, workspaces, users, projects, plans, subscriptions, workspaceMembers, apiKeys } from './tables.ts';

/** What the organizations subgraph's GraphQL types resolve from (codegen mappers). */
export type OrganizationRow = typeof organizations.$inferSelect;
export type WorkspaceRow = typeof workspaces.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type ProjectRow = typeof projects.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type WorkspaceMemberRow = typeof workspaceMembers.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

export type OrganizationModel = OrganizationRow;
export type WorkspaceModel = WorkspaceRow;
export type UserModel = UserRow;
export type ProjectModel = ProjectRow;
export type PlanModel = PlanRow;
export type PlanSubscriptionModel = SubscriptionRow;
export type WorkspaceMemberModel = WorkspaceMemberRow;
export type ApiKeyModel = ApiKeyRow;
/** The viewer is the request's principal; its fields load the rows it names. */
export type ViewerModel = Principal;

export type WorkspaceConnectionModel = Connection<WorkspaceRow>;
export type WorkspaceEdgeModel = Edge<WorkspaceRow>;
export type UserConnectionModel = Connection<UserRow>;
export type UserEdgeModel = Edge<UserRow>;
export type ProjectConnectionModel = Connection<ProjectRow>;
export type ProjectEdgeModel = Edge<ProjectRow>;
export type WorkspaceMemberConnectionModel = Connection<WorkspaceMemberRow>;
export type WorkspaceMemberEdgeModel = Edge<WorkspaceMemberRow>;
export type ApiKeyConnectionModel = Connection<ApiKeyRow>;
export type ApiKeyEdgeModel = Edge<ApiKeyRow>;
