import type { SubgraphContext } from '../../platform/subgraph/context.ts';
import { pageRequest, toConnection, type ConnectionArgs } from '../../platform/connection.ts';
import { argsKey } from '../../platform/loaders.ts';
import { checkOptionalId } from '../../platform/args.ts';
import {
  integrationsByIds, credentialsStored, syncRunsByIds, syncRunPagesByIntegration, integrationPagesByWorkspace,
  type IntegrationFilter,
} from './data.ts';

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

/** `integrations(...)` under a workspace: one statement for all workspaces. */
export async function workspaceIntegrations(ctx: SubgraphContext, workspaceId: string, args: IntegrationListArgs) {
  const page = pageRequest(args, 'Integration');
  const filter = integrationFilter(args);
  const loader = ctx.loaders.get(argsKey('integrations.workspaceId', args), (ids) => integrationPagesByWorkspace(ctx.db, ctx.scope, ids, filter, page));
  return toConnection(await loader.load(workspaceId), page);
}

/** `syncHistory(...)` of integrations: one statement for all integrations. */
export async function syncHistory(ctx: SubgraphContext, integrationId: string, args: ConnectionArgs) {
  const page = pageRequest(args, 'SyncRun');
  const loader = ctx.loaders.get(argsKey('Integration.syncHistory', args), (ids) => syncRunPagesByIntegration(ctx.db, ctx.scope, ids, page));
  return toConnection(await loader.load(integrationId), page);
}
