import { graphql } from './generated/gql.ts';
import { HealthLevel, HealthRule, HealthStatus, type RestServiceLineHealthFragment } from './generated/graphql.ts';
import { idParam, instantParam, pageParams } from './params.ts';
import { idOf, list, lower, restValues, route, type Route } from './route.ts';

// Health of Service Lines (subgraphs/service-lines/health): the graph's Query.serviceLineHealth, in the docs' snake_case.

graphql(`fragment RestServiceLineHealth on ServiceLineHealth {
  serviceLineId serviceLine { name workspace { id } } score status from to
  signals { rule level penalty summary evidence links { type id href } }
}`);

/** One line's assessment; evidence is printed as the graph computed it (already snake_case). */
function assessment(h: RestServiceLineHealthFragment) {
  return {
    service_line_id: h.serviceLineId,
    name: h.serviceLine.name,
    workspace_id: idOf(h.serviceLine.workspace),
    score: h.score,
    status: lower(h.status),
    from: h.from,
    to: h.to,
    signals: h.signals.map((s) => ({
      rule: lower(s.rule),
      level: lower(s.level),
      penalty: s.penalty,
      summary: s.summary,
      evidence: s.evidence,
      links: s.links,
    })),
  };
}

const ASSESSMENT_SCHEMA = {
  type: 'object',
  required: ['service_line_id', 'name', 'workspace_id', 'score', 'status', 'from', 'to', 'signals'],
  properties: {
    service_line_id: { type: 'string' },
    name: { type: 'string' },
    workspace_id: { type: 'string' },
    score: { type: 'integer', minimum: 0, maximum: 100, description: '100 less the penalty of every signal, at least 0.' },
    status: { type: 'string', enum: restValues(HealthStatus), description: 'healthy: 80 or more and no critical signal; at_risk: 50 to 79; critical: below 50 or any critical signal.' },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time', description: 'Exclusive; state signals read the line as it stood at this instant.' },
    signals: {
      type: 'array',
      description: 'One per rule, in this order.',
      items: {
        type: 'object',
        required: ['rule', 'level', 'penalty', 'summary', 'evidence', 'links'],
        properties: {
          rule: { type: 'string', enum: restValues(HealthRule) },
          level: { type: 'string', enum: restValues(HealthLevel) },
          penalty: { type: 'integer', minimum: 0 },
          summary: { type: 'string' },
          evidence: { type: 'object' },
          links: {
            type: 'array',
            maxItems: 10,
            items: { type: 'object', required: ['type', 'id', 'href'], properties: { type: { type: 'string' }, id: { type: 'string' }, href: { type: 'string' } } },
          },
        },
      },
    },
  },
};

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
    item: { name: 'ServiceLineHealth', schema: ASSESSMENT_SCHEMA },
    document: graphql(`query RestHealth($serviceLineId: ID, $workspaceId: ID, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
      serviceLineHealth(serviceLineId: $serviceLineId, workspaceId: $workspaceId, from: $from, to: $to, first: $first, after: $after) {
        nodes { ...RestServiceLineHealth } pageInfo { hasNextPage endCursor }
      }
    }`),
    map: (data) => list(data.serviceLineHealth, assessment),
  }),
];
