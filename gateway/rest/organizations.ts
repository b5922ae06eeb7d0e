import type { Route } from './route.ts';

const ORGANIZATION = 'id name slug createdAt';

function organization(o: any) {
  return { id: o.id, name: o.name, slug: o.slug, created_at: o.createdAt };
}

export const organizationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/organizations/{id}',
    summary: 'Retrieve an organization.',
    document: `query RestOrganization($id: ID!) { organization(id: $id) { ${ORGANIZATION} } }`,
    map: (data) => ({ data: organization(data.organization) }),
  },
];
