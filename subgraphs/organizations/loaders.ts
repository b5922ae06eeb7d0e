import type DataLoader from 'dataloader';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { pageRequest, toConnection, type ConnectionArgs } from '../../platform/connection.ts';
import { argsKey } from '../../platform/loaders.ts';
import { notFound } from '../../platform/errors.ts';
import {
  organizationsByIds, workspacesWithOrganizationByIds, usersByIds, projectsByIds, subscriptionsByIds, plansByIds,
  subscriptionsByOrganization, workspacePagesByOrganization, userPagesByOrganization,
  projectPagesByOrganization, memberPagesByWorkspace, type UserFilter, type MemberFilter,
} from './data.ts';
import { apiKeysByIds } from './data-api-keys.ts';
import type { WorkspaceMemberRow } from './models.ts';
import { requireCapability } from '../../platform/auth/roles.ts';

/** The organizations subgraph's per-request loaders: every reference and nested list is batched. */
export const organizationById = (ctx: SubgraphContext) =>
  ctx.loaders.get('Organization.byId', (ids) => organizationsByIds(ctx.db, ctx.scope, ids));

/** Workspaces, each read with its organization, which primes `organizationById` (no statement of its own then). */
export const workspaceById = (ctx: SubgraphContext) =>
  ctx.loaders.get('Workspace.byId', async (ids) => {
    const found = await workspacesWithOrganizationByIds(ctx.db, ctx.scope, ids);
    const organizations = organizationById(ctx);
    for (const organization of found.organizations.values()) organizations.prime(organization.id, organization);
    return found.workspaces;
  });

export const userById = (ctx: SubgraphContext) =>
  ctx.loaders.get('User.byId', (ids) => usersByIds(ctx.db, ctx.scope, ids));

export const projectById = (ctx: SubgraphContext) =>
  ctx.loaders.get('Project.byId', (ids) => projectsByIds(ctx.db, ctx.scope, ids));

export const subscriptionById = (ctx: SubgraphContext) =>
  ctx.loaders.get('PlanSubscription.byId', (ids) => subscriptionsByIds(ctx.db, ctx.scope, ids));

export const planById = (ctx: SubgraphContext) =>
  ctx.loaders.get('Plan.byId', (ids) => plansByIds(ctx.db, ids));

/** API keys are access management: only a caller who may administer sees them, by any path. */
export const apiKeyById = (ctx: SubgraphContext) =>
  ctx.loaders.get('ApiKey.byId', async (ids) => {
    requireCapability(ctx.principal, 'admin');
    return apiKeysByIds(ctx.db, ctx.scope, ids);
  });

export const subscriptionsOf = (ctx: SubgraphContext) =>
  ctx.loaders.get('Organization.subscriptions', (ids) => subscriptionsByOrganization(ctx.db, ctx.scope, ids));

/** `workspaces(...)` under organizations: one statement for all parents with the same arguments. */
export async function nestedWorkspaces(ctx: SubgraphContext, organizationId: string, args: ConnectionArgs) {
  const page = pageRequest(args, 'Workspace');
  const loader = ctx.loaders.get(argsKey('Organization.workspaces', args), (ids) => workspacePagesByOrganization(ctx.db, ctx.scope, ids, page));
  return toConnection(await loader.load(organizationId), page);
}

export type UserListArgs = ConnectionArgs & { status?: UserFilter['status'] | null; role?: UserFilter['role'] | null };

export async function nestedUsers(ctx: SubgraphContext, organizationId: string, args: UserListArgs) {
  const page = pageRequest(args, 'User');
  const filter: UserFilter = { status: args.status ?? undefined, role: args.role ?? undefined };
  const loader = ctx.loaders.get(argsKey('Organization.users', args), (ids) => userPagesByOrganization(ctx.db, ctx.scope, ids, filter, page));
  return toConnection(await loader.load(organizationId), page);
}

export async function nestedProjects(ctx: SubgraphContext, organizationId: string, args: ConnectionArgs) {
  const page = pageRequest(args, 'Project');
  const loader = ctx.loaders.get(argsKey('Organization.projects', args), (ids) => projectPagesByOrganization(ctx.db, ctx.scope, ids, page));
  return toConnection(await loader.load(organizationId), page);
}

export type MemberListArgs = ConnectionArgs & { role?: MemberFilter['role'] | null };

/** `members(...)` under workspaces; a member's cursor names its user. */
export async function nestedMembers(ctx: SubgraphContext, workspaceId: string, args: MemberListArgs) {
  const page = pageRequest(args, 'User');
  const filter: MemberFilter = { role: args.role ?? undefined };
  const loader = ctx.loaders.get(argsKey('Workspace.members', args), (ids) => memberPagesByWorkspace(ctx.db, ctx.scope, ids, filter, page));
  return toConnection(await loader.load(workspaceId), page, undefined, (m: WorkspaceMemberRow) => m.userId);
}

/** A row that a foreign key (or the signed principal) names; were it missing, it reads as not found. */
export async function required<T>(loader: DataLoader<string, T | undefined>, type: string, id: string): Promise<T> {
  const row = await loader.load(id);
  if (row == null) throw notFound(`${type} ${id} not found.`);
  return row;
}
