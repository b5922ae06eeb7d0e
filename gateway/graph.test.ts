import { describe, it, expect, afterAll } from 'vitest';
import { createGraph } from './graph.ts';
import { loadLimitsConfig } from './limits/index.ts';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs/registry.ts';

describe('the graph runtime', () => {
  // No subgraph answers at these addresses: nothing below may need one.
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, 'http://127.0.0.1:9/graphql'])) as Record<SubgraphName, string>;
  const graph = createGraph({ subgraphUrls, principalKey: Buffer.alloc(32), production: false, limits: loadLimitsConfig({}) });
  afterAll(() => graph.runtime.dispose());

  it('executes nothing, not even introspection or __typename, for a request that carries no principal', async () => {
    for (const query of ['{ __typename }', '{ __schema { types { name } } }', 'subscription { activity { cursor } }']) {
      const res = await graph.runtime.fetch('http://gateway/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query }) }, {});
      expect(res.status, query).toBe(401);
      expect(await res.json()).toEqual({ errors: [{ message: 'Missing Authorization header: send "Authorization: Bearer <token>".', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });
});
