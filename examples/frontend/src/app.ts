import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { DashboardDocument } from './gql/graphql.ts';

/**
 * A typed Apollo Client for the graph: operations sent by the hash GraphQL Code Generator gave
 * them (GET, so they also work in safelist mode), the client's name for the gateway's per-client
 * manifests, and the bearer token on every request.
 */
export function createClient(url: string, token: string) {
  const persisted = new PersistedQueryLink({
    useGETForHashedQueries: true,
    generateHash: (document) => (document as { __meta__?: { hash?: string } }).__meta__!.hash!,
  });
  return new ApolloClient({
    link: ApolloLink.from([persisted, new HttpLink({ uri: url, headers: { authorization: `Bearer ${token}` } })]),
    cache: new InMemoryCache(),
    clientAwareness: { name: 'web', version: '1.0.0' },
  });
}

/** The dashboard's panels, typed from the schema: `totalCost` is a number, `createdAt` a string. */
export async function loadDashboard(client: ApolloClient, workspace: string) {
  const { data } = await client.query({ query: DashboardDocument, variables: { workspace, from: '2026-04-01', to: '2026-04-30' } });
  const ws = data?.workspace;
  if (!ws) throw new Error(`no workspace ${workspace}`);
  return {
    title: `${ws.name} (${ws.organization?.name ?? 'unknown organization'})`,
    lines: (ws.serviceLines?.nodes ?? []).map((line) => ({ id: line.id, name: line.name, cost: line.usage?.totalCost ?? 0 })),
    events: (ws.events?.nodes ?? []).map((event) => ({ type: event.type, at: new Date(event.createdAt) })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const client = createClient(process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql', process.env.TOKEN ?? '');
  console.log(JSON.stringify(await loadDashboard(client, process.argv[2] ?? 'WS-26-000021'), null, 2));
}
