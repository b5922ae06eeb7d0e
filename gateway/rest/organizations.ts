import { graphql } from './generated/gql.ts';
import { one, route, type Route } from './route.ts';
import { at, shape } from './shape.ts';

export const ORGANIZATION = shape('Organization', { id: at('id'), name: at('name'), slug: at('slug'), created_at: at('createdAt') }, {
  description: 'An organization: the tenant.',
});

export const organizationRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/organizations/{id}',
    summary: 'Retrieve an organization.',
    document: graphql(`query RestOrganization($id: ID!) { organization(id: $id) { id name slug createdAt } }`),
    answer: one('organization', ORGANIZATION),
  }),
];
