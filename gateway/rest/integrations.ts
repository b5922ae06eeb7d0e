import { Kind, parse, visit } from 'graphql';
import { graphql } from './generated/gql.ts';
import { IntegrationType, RestIntegrationDetailFragmentDoc, type RestIntegrationDetailFragment, type RestIntegrationSummaryFragment } from './generated/graphql.ts';
import { enumField, idField, objectField, stringField } from './body.ts';
import { idParam, pageParams } from './params.ts';
import { idOf, list, lower, restValues, route, type Route } from './route.ts';

graphql(`fragment RestIntegrationSummary on Integration { id workspace { id } type name status lastSyncedAt syncStatus createdAt }`);
graphql(`fragment RestIntegrationDetail on Integration {
  id workspace { id } type name status config lastSyncedAt syncStatus
  syncHistory(first: 10) { nodes { startedAt status recordsSynced } }
  createdAt
}`);

/**
 * How many sync runs an integration's detail shows ("recent sync history", newest first), read from
 * its document's `syncHistory(first:)` above. The docs' example prints two; ten covers a day of
 * hourly runs without turning the record into a log.
 */
export const SYNC_HISTORY_SIZE = syncHistorySize();

function syncHistorySize(): number {
  let size: number | undefined;
  visit(parse(RestIntegrationDetailFragmentDoc.toString()), {
    Field(node) {
      const first = node.name.value === 'syncHistory' ? node.arguments?.find((a) => a.name.value === 'first')?.value : undefined;
      if (first?.kind === Kind.INT) size = Number(first.value);
    },
  });
  if (size === undefined) throw new Error('RestIntegrationDetail asks for no syncHistory(first:)');
  return size;
}

/** A list item: exactly the fields of the docs' list example. */
function summary(integration: RestIntegrationSummaryFragment) {
  return {
    id: integration.id,
    workspace_id: idOf(integration.workspace),
    type: lower(integration.type),
    name: integration.name,
    status: lower(integration.status),
    last_synced_at: integration.lastSyncedAt,
    sync_status: lower(integration.syncStatus),
    created_at: integration.createdAt,
  };
}

/**
 * One integration on its own, in the docs' field order: the summary plus its configuration and
 * recent sync runs. Credentials are write-only in the graph, so no REST answer can hold them.
 */
function detail(integration: RestIntegrationDetailFragment) {
  return {
    id: integration.id,
    workspace_id: idOf(integration.workspace),
    type: lower(integration.type),
    name: integration.name,
    status: lower(integration.status),
    config: integration.config,
    last_synced_at: integration.lastSyncedAt,
    sync_status: lower(integration.syncStatus),
    sync_history: integration.syncHistory.nodes.map((run) => ({ at: run.startedAt, status: lower(run.status), records_synced: run.recordsSynced })),
    created_at: integration.createdAt,
  };
}

export const integrationRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/integrations',
    summary: "List integrations of a workspace (of the caller's organization without workspace_id).",
    // Optional as in the graph, which lists the caller's organization (or narrowed workspace) without it.
    query: { workspace_id: idParam('workspaceId', 'Workspace'), ...pageParams('Integration') },
    document: graphql(`query RestIntegrations($workspaceId: ID, $first: Int, $after: String) {
      integrations(workspaceId: $workspaceId, first: $first, after: $after) { nodes { ...RestIntegrationSummary } pageInfo { hasNextPage endCursor } }
    }`),
    map: (data) => list(data.integrations, summary),
  }),
  route({
    method: 'POST',
    path: '/v1/integrations',
    summary: 'Connect a tool to a workspace; OAuth-based types start as pending_auth.',
    body: {
      workspace_id: idField('workspaceId', 'Workspace', { required: true }),
      type: enumField('type', restValues(IntegrationType), { required: true }),
      name: stringField('name', { required: true }),
      config: objectField('config'),
      credentials: objectField('credentials', { description: 'Shape varies by type (installation_id, api_key ...). Write-only: never returned.' }),
    },
    status: 201,
    document: graphql(`mutation RestConnectIntegration($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { ...RestIntegrationDetail } }`),
    map: (data) => ({ data: detail(data.connectIntegration) }),
  }),
  route({
    method: 'GET',
    path: '/v1/integrations/{id}',
    summary: 'Retrieve an integration with its configuration and recent sync history.',
    document: graphql(`query RestIntegration($id: ID!) { integration(id: $id) { ...RestIntegrationDetail } }`),
    map: (data) => ({ data: detail(data.integration) }),
  }),
  route({
    method: 'PATCH',
    path: '/v1/integrations/{id}',
    summary: "Update an integration's name or configuration (config keys given replace the stored ones), or replace its credentials.",
    body: {
      name: stringField('name'),
      config: objectField('config'),
      credentials: objectField('credentials', { description: 'Write-only: never returned.' }),
    },
    document: graphql(`mutation RestUpdateIntegration($id: ID!, $input: UpdateIntegrationInput!) { updateIntegration(id: $id, input: $input) { ...RestIntegrationDetail } }`),
    map: (data) => ({ data: detail(data.updateIntegration) }),
  }),
  route({
    method: 'DELETE',
    path: '/v1/integrations/{id}',
    summary: 'Disconnect an integration: synced data is kept, no new data arrives.',
    document: graphql(`mutation RestDisconnectIntegration($id: ID!) { disconnectIntegration(id: $id) { ...RestIntegrationDetail } }`),
    map: (data) => ({ data: detail(data.disconnectIntegration) }),
  }),
  route({
    method: 'POST',
    path: '/v1/integrations/{id}/sync',
    summary: 'Start a manual sync run; it runs in the background (202).',
    // 202: the run is started, not finished (status "running"); there is no sync resource route to point a 201 at.
    status: 202,
    document: graphql(`mutation RestSyncIntegration($id: ID!) { syncIntegration(id: $id) { id status startedAt } }`),
    map: (data) => ({ data: { sync_id: data.syncIntegration.id, status: lower(data.syncIntegration.status), started_at: data.syncIntegration.startedAt } }),
  }),
];
