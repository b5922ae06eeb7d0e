import { graphql } from './generated/gql.ts';
import { ProductLine, ServiceLineStatus, type RestServiceLineDetailFragment, type RestServiceLineSummaryFragment, type RestServiceLineUsageQuery } from './generated/graphql.ts';
import { dateParam, enumListParam, idParam, pageParams } from './params.ts';
import { idOf, list, lower, restValues, route, type Route } from './route.ts';

graphql(`fragment RestServiceLineSummary on ServiceLine { id name productLine executionModel billingModel status }`);
graphql(`fragment RestServiceLineDetail on ServiceLine {
  ...RestServiceLineSummary workspace { id } projects { id } activatedAt closedAt createdAt updatedAt
}`);

/** A list item: exactly the fields of the overview's example. */
function summary(line: RestServiceLineSummaryFragment) {
  return {
    id: line.id,
    name: line.name,
    product_line: lower(line.productLine),
    execution_model: lower(line.executionModel),
    billing_model: lower(line.billingModel),
    status: lower(line.status),
  };
}

/** One line on its own: the summary plus where it lives, its labels and its lifecycle. */
function detail(line: RestServiceLineDetailFragment) {
  return {
    ...summary(line),
    workspace_id: idOf(line.workspace),
    project_ids: line.projects.map(idOf),
    activated_at: line.activatedAt,
    closed_at: line.closedAt,
    created_at: line.createdAt,
    updated_at: line.updatedAt,
  };
}

type Usage = NonNullable<NonNullable<RestServiceLineUsageQuery['serviceLine']>['usage']>;

function usage(u: Usage) {
  return {
    service_line_id: u.serviceLineId,
    metrics: u.metrics.map((m) => ({ metric: m.metric, quantity: m.quantity, cost: m.cost, currency: m.currency })),
    total_cost: u.totalCost,
  };
}

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
    map: (data) => list(data.serviceLines, summary),
  }),
  route({
    method: 'GET',
    path: '/v1/service-lines/{id}',
    summary: 'Retrieve a Service Line.',
    document: graphql(`query RestServiceLine($id: ID!) { serviceLine(id: $id) { ...RestServiceLineDetail } }`),
    map: (data) => ({ data: detail(data.serviceLine) }),
  }),
  route({
    method: 'GET',
    path: '/v1/service-lines/{id}/usage',
    summary: 'Usage of a Service Line by metric over a date range.',
    query: { from: dateParam('from', { required: true }), to: dateParam('to', { required: true }) },
    document: graphql(`query RestServiceLineUsage($id: ID!, $from: Date!, $to: Date!) {
      serviceLine(id: $id) { usage(from: $from, to: $to) { serviceLineId metrics { metric quantity cost currency } totalCost } }
    }`),
    map: (data) => ({ data: usage(data.serviceLine.usage) }),
  }),
];
