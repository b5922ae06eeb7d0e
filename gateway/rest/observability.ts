import { graphql } from './generated/gql.ts';
import { idParam, instantParam, pageParams } from './params.ts';
import { many, route, type Route } from './route.ts';
import { at, each, lowered, shape } from './shape.ts';

// Health of Service Lines (subgraphs/service-lines/health): the graph's Query.serviceLineHealth, in the docs' snake_case.

graphql(`fragment RestServiceLineHealth on ServiceLineHealth {
  serviceLineId serviceLine { name workspace { id } } score status from to
  signals { rule level penalty summary evidence links { type id href } }
}`);

/** One line's assessment; evidence is printed as the graph computed it (already snake_case). */
export const SERVICE_LINE_HEALTH = shape('ServiceLineHealth', {
  service_line_id: at('serviceLineId'),
  name: at('serviceLine.name'),
  workspace_id: at('serviceLine.workspace.id'),
  score: at('score', { description: '0 to 100: 100 less the penalty of every signal, at least 0.' }),
  status: lowered('status', { description: 'healthy: 80 or more and no critical signal; at_risk: 50 to 79; critical: below 50 or any critical signal.' }),
  from: at('from'),
  to: at('to', { description: 'Exclusive; state signals read the line as it stood at this instant.' }),
  signals: each('signals', {
    rule: lowered('rule'),
    level: lowered('level'),
    penalty: at('penalty'),
    summary: at('summary'),
    evidence: at('evidence'),
    links: each('links', { type: at('type'), id: at('id'), href: at('href') }),
  }, { description: 'One per rule, in this order.' }),
}, { description: "A Service Line's health over a window." });

export const observabilityRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/observability/health',
    summary: "Health of a Service Line (service_line_id), or of every active line of a workspace (workspace_id), over a window (default: the 28 days to now).",
    query: {
      service_line_id: idParam('serviceLineId', 'ServiceLine'),
      workspace_id: idParam('workspaceId', 'Workspace'),
      from: instantParam('from', 'from'),
      to: instantParam('to', 'to'),
      ...pageParams('ServiceLine'),
    },
    // A line or workspace the caller may not see is 404, as one that does not exist.
    lookup: true,
    document: graphql(`query RestHealth($serviceLineId: ID, $workspaceId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
      serviceLineHealth(serviceLineId: $serviceLineId, workspaceId: $workspaceId, from: $from, to: $to, first: $first, after: $after) {
        nodes { ...RestServiceLineHealth } pageInfo { hasNextPage endCursor }
      }
    }`),
    answer: many('serviceLineHealth', SERVICE_LINE_HEALTH),
  }),
];
