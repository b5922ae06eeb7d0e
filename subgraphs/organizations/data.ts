import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { PageRequest } from '../../platform/connection.ts';
import { fetchPage, fetchPagesPerParent, countRows } from '../../platform/keyset.ts';
import { groupBy, byId } from '../../platform/loaders.ts';
import { anyOf, preparedRead } from '../../platform/prepared.ts';
import { inScope, type Scope } from '../../platform/scope.ts';
import { organizations, workspaces, users, projects, plans, subscriptions, workspaceMembers } from './tables.ts';
import type { OrganizationRow, WorkspaceRow, UserRow, ProjectRow, PlanRow, SubscriptionRow, UserModel, WorkspaceMemberRow } from './models.ts';

/**
 * The reads of the organizations subgraph: the only SQL over its tables. Users, projects and
 * subscriptions belong to the organization, so a workspace-narrowed token sees them too; among
 * workspaces it sees only its own.
 */
export const orgScoped = (scope: Scope) => eq(organizations.id, scope.organizationId);
export const workspaceScoped = (scope: Scope) => inScope(scope, { organizationId: workspaces.organizationId, workspaceId: workspaces.id });
export const userScoped = (scope: Scope) => eq(users.organizationId, scope.organizationId);
export const projectScoped = (scope: Scope) => eq(projects.organizationId, scope.organizationId);
export const subscriptionScoped = (scope: Scope) => eq(subscriptions.organizationId, scope.organizationId);

export interface UserFilter {
  status?: ReadonlyArray<UserModel['status']>;
  role?: ReadonlyArray<UserModel['role']>;
}

export interface MemberFilter {
  role?: ReadonlyArray<WorkspaceMemberRow['role']>;
}

const organizationsByIdsRead = preparedRead('organizationsByIds', (db, scope) => db.select().from(organizations).where(and(anyOf(organizations.id), orgScoped(scope))));

export async function organizationsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, OrganizationRow>> {
  return byId(await organizationsByIdsRead(db, scope, { ids }));
}

/**
 * Workspaces with their organization in ONE statement: a screen that shows a workspace shows its
 * organization's name too, and that was a statement of its own. The organization of a workspace in
 * scope is the caller's own, in scope as well (orgScoped), which the join states again.
 */
const workspacesWithOrganizationRead = preparedRead('workspacesWithOrganizationByIds', (db, scope) => db
  .select({ workspace: workspaces, organization: organizations })
  .from(workspaces)
  .innerJoin(organizations, and(eq(organizations.id, workspaces.organizationId), orgScoped(scope)))
  .where(and(anyOf(workspaces.id), workspaceScoped(scope))));

export async function workspacesWithOrganizationByIds(db: Db, scope: Scope, ids: readonly string[]) {
  const found = { workspaces: new Map<string, WorkspaceRow>(), organizations: new Map<string, OrganizationRow>() };
  for (const { workspace, organization } of await workspacesWithOrganizationRead(db, scope, { ids })) {
    found.workspaces.set(workspace.id, workspace);
    found.organizations.set(organization.id, organization);
  }
  return found;
}

const usersByIdsRead = preparedRead('usersByIds', (db, scope) => db.select().from(users).where(and(anyOf(users.id), userScoped(scope))));

export async function usersByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, UserRow>> {
  return byId(await usersByIdsRead(db, scope, { ids }));
}

const projectsByIdsRead = preparedRead('projectsByIds', (db, scope) => db.select().from(projects).where(and(anyOf(projects.id), projectScoped(scope))));

export async function projectsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, ProjectRow>> {
  return byId(await projectsByIdsRead(db, scope, { ids }));
}

const subscriptionsByIdsRead = preparedRead('subscriptionsByIds', (db, scope) => db.select().from(subscriptions).where(and(anyOf(subscriptions.id), subscriptionScoped(scope))));

export async function subscriptionsByIds(db: Db, scope: Scope, ids: readonly string[]): Promise<Map<string, SubscriptionRow>> {
  return byId(await subscriptionsByIdsRead(db, scope, { ids }));
}

/** Plans are the platform's catalogue, the same for every tenant. */
export async function plansByIds(db: Db, ids: readonly string[]): Promise<Map<string, PlanRow>> {
  return byId(await db.select().from(plans).where(inArray(plans.id, [...ids])));
}

export function listWorkspaces(db: Db, scope: Scope, page: PageRequest) {
  return fetchPage(db, { table: workspaces, id: workspaces.id, where: workspaceScoped(scope) }, page);
}

export function countWorkspaces(db: Db, scope: Scope) {
  return countRows(db, workspaces, workspaceScoped(scope));
}

export function workspacePagesByOrganization(db: Db, scope: Scope, organizationIds: readonly string[], page: PageRequest) {
  return fetchPagesPerParent(db, {
    table: workspaces, id: workspaces.id, parent: workspaces.organizationId, parentIds: organizationIds, where: workspaceScoped(scope), withTotal: true,
  }, page);
}

function userFilterSql(scope: Scope, filter: UserFilter): SQL {
  return and(
    userScoped(scope),
    filter.status?.length ? inArray(users.status, [...filter.status]) : undefined,
    filter.role?.length ? inArray(users.role, [...filter.role]) : undefined,
  )!;
}

export function userPagesByOrganization(db: Db, scope: Scope, organizationIds: readonly string[], filter: UserFilter, page: PageRequest) {
  return fetchPagesPerParent(db, {
    table: users, id: users.id, parent: users.organizationId, parentIds: organizationIds, where: userFilterSql(scope, filter), withTotal: true,
  }, page);
}

export function projectPagesByOrganization(db: Db, scope: Scope, organizationIds: readonly string[], page: PageRequest) {
  return fetchPagesPerParent(db, {
    table: projects, id: projects.id, parent: projects.organizationId, parentIds: organizationIds, where: projectScoped(scope), withTotal: true,
  }, page);
}

/** Subscriptions of many organizations, oldest ID first. */
export async function subscriptionsByOrganization(db: Db, scope: Scope, organizationIds: readonly string[]): Promise<Map<string, SubscriptionRow[]>> {
  const rows = await db.select().from(subscriptions)
    .where(and(inArray(subscriptions.organizationId, [...organizationIds]), subscriptionScoped(scope)))
    .orderBy(asc(subscriptions.id));
  return groupBy(organizationIds, rows, (r) => r.organizationId);
}

/**
 * Members of many workspaces, one page each, in one statement. Memberships have no ID of their
 * own: the user ID is their key (unique within a workspace), so it orders the list and names the
 * cursor. Only workspaces visible to the scope contribute rows.
 */
export function memberPagesByWorkspace(db: Db, scope: Scope, workspaceIds: readonly string[], filter: MemberFilter, page: PageRequest) {
  const visible = db.select({ id: workspaces.id }).from(workspaces).where(workspaceScoped(scope));
  return fetchPagesPerParent(db, {
    table: workspaceMembers,
    id: workspaceMembers.userId,
    parent: workspaceMembers.workspaceId,
    parentIds: workspaceIds,
    where: and(
      inArray(workspaceMembers.workspaceId, visible),
      filter.role?.length ? inArray(workspaceMembers.role, [...filter.role]) : undefined,
    ),
    withTotal: true,
  }, page);
}
