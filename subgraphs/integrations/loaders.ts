import type { GraphQLResolveInfo } from 'graphql';
import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { columnSelection } from '../../platform/subgraph/selection.ts';
import { pageRequest, toConnection, type ConnectionArgs } from '../../platform/connection.ts';
import { argsKey } from '../../platform/loaders.ts';
import { checkOptionalId } from '../../platform/args.ts';
import {
  integrationsByIds, credentialsStored, syncRunsByIds, syncRunPagesByIntegration, integrationPagesByWorkspace,
  type IntegrationFilter,
} from './data.ts';
import { integrations } from './tables.ts';

/** The integrations subgraph's per-request loaders: every reference and nested list is batched. */
export const integrationById = (ctx: SubgraphContext) =>
  ctx.loaders.get('Integration.byId', (ids) => integrationsByIds(ctx.db, ctx.scope, ids));

export const hasCredentials = (ctx: SubgraphContext) =>
  ctx.loaders.get('Integration.hasCredentials', (ids) => credentialsStored(ctx.db, ids));

export const syncRunById = (ctx: SubgraphContext) =>
  ctx.loaders.get('SyncRun.byId', (ids) => syncRunsByIds(ctx.db, ctx.scope, ids));

export type IntegrationListArgs = ConnectionArgs & {
  workspaceId?: string | null;
  type?: IntegrationFilter['type'] | null;
  status?: IntegrationFilter['status'] | null;
};

/** Validated filters of an integration list; a workspaceId of the wrong type is BAD_USER_INPUT. */
export function integrationFilter(args: IntegrationListArgs): IntegrationFilter {
  return {
    workspaceId: checkOptionalId('Workspace', args.workspaceId, 'workspaceId'),
    type: args.type ?? undefined,
    status: args.status ?? undefined,
  };
}

/** The columns an integration list's selection needs: every Integration field not named like a column (resolvers/Integration.ts). */
const integrationListColumns = columnSelection(integrations, {
  workspace: ['workspaceId'],
  hasCredentials: ['id'],
  syncHistory: ['id'],
});

/**
 * `integrations(...)` under a workspace: one statement for all workspaces, reading the columns the
 * query's selection of integrations needs.
 */
export async function workspaceIntegrations(ctx: SubgraphContext, workspaceId: string, args: IntegrationListArgs, info: GraphQLResolveInfo) {
  const page = pageRequest(args, 'Integration');
  const filter = integrationFilter(args);
  const columns = integrationListColumns(info);
  const loader = ctx.loaders.get(argsKey('integrations.workspaceId', args, columns), (ids) => integrationPagesByWorkspace(ctx.db, ctx.scope, ids, filter, page, columns));
  return toConnection(await loader.load(workspaceId), page);
}

/** `syncHistory(...)` of integrations: one statement for all integrations. */
export async function syncHistory(ctx: SubgraphContext, integrationId: string, args: ConnectionArgs) {
  const page = pageRequest(args, 'SyncRun');
  const loader = ctx.loaders.get(argsKey('Integration.syncHistory', args), (ids) => syncRunPagesByIntegration(ctx.db, ctx.scope, ids, page));
  return toConnection(await loader.load(integrationId), page);
}
