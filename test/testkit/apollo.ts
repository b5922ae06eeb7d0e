import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, ApolloLink, type DocumentNode } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

export interface SentRequest {
  method: string;
  url: string;
  body: string | null;
  status: number;
  cacheControl: string | null;
}

/**
 * Apollo Client over real HTTP, with its persisted-query link (hashed queries by GET, as the link
 * is meant to be used behind a CDN), and the requests it sent on the wire.
 */
export function apolloClient(
  url: string,
  token: string,
  options: { clientName?: string; generateHash?: (document: DocumentNode) => string; persisted?: boolean } = {},
) {
  const sent: SentRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    sent.push({
      method: init?.method ?? 'GET',
      url: String(input),
      body: typeof init?.body === 'string' ? init.body : null,
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
    });
    return response;
  };
  const http = new HttpLink({ uri: `${url}/graphql`, headers: { authorization: `Bearer ${token}` }, fetch: recordingFetch });
  const generateHash = options.generateHash;
  const persisted = new PersistedQueryLink({
    useGETForHashedQueries: true,
    ...(generateHash ? { generateHash } : { sha256: (text: string) => createHash('sha256').update(text).digest('hex') }),
  });
  const client = new ApolloClient({
    link: options.persisted === false ? http : ApolloLink.from([persisted, http]),
    cache: new InMemoryCache(),
    ...(options.clientName ? { clientAwareness: { name: options.clientName, version: '1.0.0' } } : {}),
    defaultOptions: { query: { fetchPolicy: 'network-only' } },
  });
  return { client, sent };
}
