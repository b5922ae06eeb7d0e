import { Kind, parse, visit } from 'graphql';
import { graphql } from './generated/gql.ts';
import { IntegrationType, RestIntegrationDetailFragmentDoc } from './generated/graphql.ts';
import { enumField, idField, objectField, stringField } from './body.ts';
import { idParam, pageParams } from './params.ts';
import { many, one, restValues, route, type Route } from './route.ts';
import { at, each, lowered, pick, shape } from './shape.ts';

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
export const INTEGRATION = shape('Integration', {
  id: at('id'),
  workspace_id: at('workspace.id'),
  type: lowered('type'),
  name: at('name'),
  status: lowered('status'),
  last_synced_at: at('lastSyncedAt'),
  sync_status: lowered('syncStatus'),
  created_at: at('createdAt'),
}, { description: 'An integration as lists show it.' });

/**
 * One integration on its own, in the docs' field order: the summary plus its configuration and
 * recent sync runs. Credentials are write-only in the graph, so no REST answer can hold them.
 */
export const INTEGRATION_DETAIL = shape('IntegrationDetail', {
  ...pick(INTEGRATION.fields, 'id', 'workspace_id', 'type', 'name', 'status'),
  config: at('config'),
  ...pick(INTEGRATION.fields, 'last_synced_at', 'sync_status'),
  sync_history: each('syncHistory.nodes', { at: at('startedAt'), status: lowered('status'), records_synced: at('recordsSynced') }, {
    description: `The most recent sync runs (at most ${SYNC_HISTORY_SIZE}), newest first.`,
  }),
  ...pick(INTEGRATION.fields, 'created_at'),
}, { description: 'An integration with its configuration and recent sync history; never its credentials.' });

/** A manual sync run just started. */
export const SYNC_RUN = shape('SyncRun', { sync_id: at('id'), status: lowered('status'), started_at: at('startedAt') }, {
  description: 'A sync run, started in the background.',
});

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
    answer: many('integrations', INTEGRATION),
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
    answer: one('connectIntegration', INTEGRATION_DETAIL),
  }),
  route({
    method: 'GET',
    path: '/v1/integrations/{id}',
    summary: 'Retrieve an integration with its configuration and recent sync history.',
    document: graphql(`query RestIntegration($id: ID!) { integration(id: $id) { ...RestIntegrationDetail } }`),
    answer: one('integration', INTEGRATION_DETAIL),
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
    answer: one('updateIntegration', INTEGRATION_DETAIL),
  }),
  route({
    method: 'DELETE',
    path: '/v1/integrations/{id}',
    summary: 'Disconnect an integration: synced data is kept, no new data arrives.',
    document: graphql(`mutation RestDisconnectIntegration($id: ID!) { disconnectIntegration(id: $id) { ...RestIntegrationDetail } }`),
    answer: one('disconnectIntegration', INTEGRATION_DETAIL),
  }),
  route({
    method: 'POST',
    path: '/v1/integrations/{id}/sync',
    summary: 'Start a manual sync run; it runs in the background (202).',
    // 202: the run is started, not finished (status "running"); there is no sync resource route to point a 201 at.
    status: 202,
    document: graphql(`mutation RestSyncIntegration($id: ID!) { syncIntegration(id: $id) { id status startedAt } }`),
    answer: one('syncIntegration', SYNC_RUN),
  }),
];
