import { graphql } from './generated/gql.ts';
import { ProductLine, ServiceLineStatus } from './generated/graphql.ts';
import { dateParam, enumListParam, idParam, pageParams } from './params.ts';
import { many, one, restValues, route, type Route } from './route.ts';
import { at, each, lowered, shape } from './shape.ts';

graphql(`fragment RestServiceLineSummary on ServiceLine { id name productLine executionModel billingModel status }`);
graphql(`fragment RestServiceLineDetail on ServiceLine {
  ...RestServiceLineSummary workspace { id } projects { id } activatedAt closedAt createdAt updatedAt
}`);

/** A list item: exactly the fields of the overview's example. */
export const SERVICE_LINE = shape('ServiceLine', {
  id: at('id'),
  name: at('name'),
  product_line: lowered('productLine'),
  execution_model: lowered('executionModel'),
  billing_model: lowered('billingModel'),
  status: lowered('status'),
}, { description: 'A Service Line as lists show it.' });

/** One line on its own: the summary plus where it lives, its labels and its lifecycle. */
export const SERVICE_LINE_DETAIL = shape('ServiceLineDetail', {
  ...SERVICE_LINE.fields,
  workspace_id: at('workspace.id'),
  project_ids: each('projects', at('id')),
  activated_at: at('activatedAt'),
  closed_at: at('closedAt'),
  created_at: at('createdAt'),
  updated_at: at('updatedAt'),
}, { description: 'A Service Line with its workspace, project labels and lifecycle.' });

export const SERVICE_LINE_USAGE = shape('ServiceLineUsage', {
  service_line_id: at('serviceLineId'),
  metrics: each('metrics', { metric: at('metric'), quantity: at('quantity'), cost: at('cost'), currency: at('currency') }),
  total_cost: at('totalCost'),
}, { description: 'Usage of a Service Line by metric over a date range.' });

export const serviceLineRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/service-lines',
    summary: 'List Service Lines, filtered by workspace, status, product line or project.',
    query: {
      workspace_id: idParam('workspaceId', 'Workspace'),
      status: enumListParam('status', restValues(ServiceLineStatus)),
      product_line: enumListParam('productLine', restValues(ProductLine)),
      project_id: idParam('projectId', 'Project'),
      ...pageParams('ServiceLine'),
    },
    document: graphql(`query RestServiceLines($workspaceId: ID, $status: [ServiceLineStatus!], $productLine: [ProductLine!], $projectId: ID, $first: Int, $after: String) {
      serviceLines(workspaceId: $workspaceId, status: $status, productLine: $productLine, projectId: $projectId, first: $first, after: $after) {
        nodes { ...RestServiceLineSummary } pageInfo { hasNextPage endCursor }
      }
    }`),
    answer: many('serviceLines', SERVICE_LINE),
  }),
  route({
    method: 'GET',
    path: '/v1/service-lines/{id}',
    summary: 'Retrieve a Service Line.',
    document: graphql(`query RestServiceLine($id: ID!) { serviceLine(id: $id) { ...RestServiceLineDetail } }`),
    answer: one('serviceLine', SERVICE_LINE_DETAIL),
  }),
  route({
    method: 'GET',
    path: '/v1/service-lines/{id}/usage',
    summary: 'Usage of a Service Line by metric over a date range.',
    query: { from: dateParam('from', { required: true }), to: dateParam('to', { required: true }) },
    document: graphql(`query RestServiceLineUsage($id: ID!, $from: Date!, $to: Date!) {
      serviceLine(id: $id) { usage(from: $from, to: $to) { serviceLineId metrics { metric quantity cost currency } totalCost } }
    }`),
    answer: one('serviceLine.usage', SERVICE_LINE_USAGE),
  }),
];
