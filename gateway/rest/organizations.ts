import { graphql } from './generated/gql.ts';
import type { RestOrganizationQuery } from './generated/graphql.ts';
import { route, type Route } from './route.ts';

function organization(o: NonNullable<RestOrganizationQuery['organization']>) {
  return { id: o.id, name: o.name, slug: o.slug, created_at: o.createdAt };
}

export const organizationRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/v1/organizations/{id}',
    summary: 'Retrieve an organization.',
    document: graphql(`query RestOrganization($id: ID!) { organization(id: $id) { id name slug createdAt } }`),
    map: (data) => ({ data: organization(data.organization) }),
  }),
];
