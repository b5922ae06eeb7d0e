import { dateParam, enumListParam, idParam, pageParams } from './params.ts';
import { list, lower, PAGE_INFO, type Route } from './route.ts';

// The graph's enums (subgraphs/service-lines/schema.graphql) as the docs write them.
const STATUSES = ['draft', 'active', 'paused', 'closed'] as const;
const PRODUCT_LINES = ['talent', 'managed_services', 'ods', 'infrastructure', 'intelligence', 'agents'] as const;

const SUMMARY = 'id name productLine executionModel billingModel status';
const DETAIL = `${SUMMARY} workspace { id } projects { id } activatedAt closedAt createdAt updatedAt`;

/** A list item: exactly the fields of the overview's example. */
function summary(line: any) {
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
function detail(line: any) {
  return {
    ...summary(line),
    workspace_id: line.workspace.id,
    project_ids: line.projects.map((p: any) => p.id),
    activated_at: line.activatedAt,
    closed_at: line.closedAt,
    created_at: line.createdAt,
    updated_at: line.updatedAt,
  };
}

function usage(u: any) {
  return {
    service_line_id: u.serviceLineId,
    metrics: u.metrics.map((m: any) => ({ metric: m.metric, quantity: m.quantity, cost: m.cost, currency: m.currency })),
    total_cost: u.totalCost,
  };
}

export const serviceLineRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/service-lines',
    summary: 'List Service Lines, filtered by workspace, status, product line or project.',
    query: {
      workspace_id: idParam('workspaceId', 'Workspace'),
      status: enumListParam('status', STATUSES),
      product_line: enumListParam('productLine', PRODUCT_LINES),
      project_id: idParam('projectId', 'Project'),
      ...pageParams('ServiceLine'),
    },
    document: `query RestServiceLines($workspaceId: ID, $status: [ServiceLineStatus!], $productLine: [ProductLine!], $projectId: ID, $first: Int, $after: String) {
      serviceLines(workspaceId: $workspaceId, status: $status, productLine: $productLine, projectId: $projectId, first: $first, after: $after) {
        nodes { ${SUMMARY} } ${PAGE_INFO}
      }
    }`,
    map: (data) => list(data.serviceLines, summary),
  },
  {
    method: 'GET',
    path: '/v1/service-lines/{id}',
    summary: 'Retrieve a Service Line.',
    document: `query RestServiceLine($id: ID!) { serviceLine(id: $id) { ${DETAIL} } }`,
    map: (data) => ({ data: detail(data.serviceLine) }),
  },
  {
    method: 'GET',
    path: '/v1/service-lines/{id}/usage',
    summary: 'Usage of a Service Line by metric over a date range.',
    query: { from: dateParam('from', { required: true }), to: dateParam('to', { required: true }) },
    document: `query RestServiceLineUsage($id: ID!, $from: Date!, $to: Date!) {
      serviceLine(id: $id) { usage(from: $from, to: $to) { serviceLineId metrics { metric quantity cost currency } totalCost } }
    }`,
    map: (data) => ({ data: usage(data.serviceLine.usage) }),
  },
];
