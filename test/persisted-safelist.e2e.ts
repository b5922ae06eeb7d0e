import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { DocumentNode } from '@apollo/client';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer, otherTenant, TEST_AUTH_SECRET } from './testkit/auth.ts';
import { apolloClient } from './testkit/apollo.ts';
import { loadConfig } from '../platform/config.ts';
import { startGateway, type RunningGateway } from '../gateway/start.ts';
import { loadLimitsConfig } from '../gateway/limits/index.ts';
import { composeGraph } from '../schema/compose.ts';
import { DEMO } from '../seed/demo.ts';

const OPERATIONS = /* GraphQL */ `
  query SafeWorkspace($id: ID!) {
    workspace(id: $id) { name organization { name } }
  }
  query SafeHeavy($id: ID!) {
    workspace(id: $id) { serviceLines(first: 100) { nodes { id tasks(first: 100) { nodes { id } } } } }
  }
`;
const SHARED = 'query SharedOrganization { organization(id: "ORG-26-090500") { name } }';

/**
 * Trusted documents in safelist mode, from the manifest GraphQL Code Generator's client preset
 * writes (generated here from the API schema, as an app's build does) for client `web`, and an
 * Apollo-format manifest shared by every client. Apollo Client, naming itself `web`, runs the
 * client preset's documents by the hashes the preset put in them; everything else is refused,
 * over HTTP and graphql-ws, while the gateway's own REST routes go on working.
 */
describeEngines('trusted documents in safelist mode', (ctx) => {
  let sys: TestSystem;
  let gateway: RunningGateway;
  let dir: string;
  let documents: Record<string, DocumentNode & { __meta__?: { hash?: string } }>;
  let manifest: Record<string, string>;
  let token: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrums-pq-'));
    fs.writeFileSync(path.join(dir, 'operations.graphql'), OPERATIONS);
    await generate(
      {
        schema: composeGraph().apiSdl,
        documents: [path.join(dir, 'operations.graphql')],
        silent: true,
        generates: {
          [`${dir}/gql/`]: {
            preset: 'client',
            presetConfig: { persistedDocuments: true, fragmentMasking: false },
            documentTransforms: [addTypenameSelectionDocumentTransform],
          },
        },
      },
      true,
    );
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'gql/persisted-documents.json'), 'utf8'));
    documents = await import(path.join(dir, 'gql/graphql.ts'));
    const shared = { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: createHash('sha256').update(SHARED).digest('hex'), name: 'SharedOrganization', type: 'query', body: SHARED }] };
    fs.writeFileSync(path.join(dir, 'shared.json'), JSON.stringify(shared));

    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    const env = {
      AUTH_SECRET: TEST_AUTH_SECRET,
      PERSISTED_DOCUMENTS: `web=${path.join(dir, 'gql/persisted-documents.json')}, ${path.join(dir, 'shared.json')}`,
      PERSISTED_DOCUMENTS_SAFELIST: 'on',
    };
    gateway = await startGateway({
      config: { ...loadConfig(env), port: 0 },
      database: ctx.database,
      subgraphUrls: sys.system.subgraphUrls,
      limits: { ...loadLimitsConfig({}), maxNodes: 5000 },
      exportWorker: false,
    });
    token = await bearer(principals.apexAdmin);
  });
  afterAll(async () => {
    await gateway?.close();
    await sys?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const hashOf = (document: DocumentNode & { __meta__?: { hash?: string } }) => document.__meta__!.hash!;

  async function post(body: unknown, client?: string, authorization = `Bearer ${token}`) {
    const headers: Record<string, string> = { authorization, 'content-type': 'application/json' };
    if (client) headers['apollographql-client-name'] = client;
    const res = await fetch(`${gateway.origin}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  }
  const byId = (id: string, variables: Record<string, unknown> = {}) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

  it('wrote a client preset manifest whose hashes are in the generated documents', () => {
    expect(Object.keys(manifest)).toHaveLength(2);
    expect(Object.keys(manifest)).toContain(hashOf(documents.SafeWorkspaceDocument));
    expect(manifest[hashOf(documents.SafeWorkspaceDocument)]).toContain('__typename');
  });

  it('runs the client preset documents for Apollo Client by hash, with one GET', async () => {
    const web = apolloClient(gateway.origin, token, { clientName: 'web', generateHash: (document) => hashOf(document) });
    const { data } = await web.client.query({ query: documents.SafeWorkspaceDocument, variables: { id: 'WS-26-000021' } });
    expect(data).toEqual({ __typename: 'Query', workspace: { __typename: 'Workspace', name: 'Payments Engineering', organization: { __typename: 'Organization', name: 'Apex Digital' } } });
    expect(web.sent.map((r) => [r.method, r.status])).toEqual([['GET', 200]]);
    expect(web.sent[0].url).not.toContain('query=');
  });

  it('runs a listed document sent whole, whatever its whitespace, and refuses anything else (403)', async () => {
    const listed = manifest[hashOf(documents.SafeWorkspaceDocument)];
    const whole = await post({ query: `\n  ${listed.replace(/ /g, '\n  ')}\n# a comment`, variables: { id: 'WS-26-000021' } }, 'web');
    expect(whole.status).toBe(200);
    expect(whole.body.data.workspace.name).toBe('Payments Engineering');
    const other = await post({ query: '{ workspace(id: "WS-26-000021") { name } }' }, 'web');
    expect(other.status).toBe(403);
    expect(other.body.errors[0].extensions.code).toBe('QUERY_NOT_IN_SAFELIST');
    // Registering it as an automatic persisted query is no way round.
    const query = '{ workspace(id: "WS-26-000021") { name } }';
    const register = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } } }, 'web');
    expect(register.status).toBe(403);
    expect(register.body.errors[0].extensions.code).toBe('QUERY_NOT_IN_SAFELIST');
  });

  it('keeps each client to its own documents and the shared ones (404 PERSISTED_QUERY_NOT_IN_LIST)', async () => {
    const webHash = hashOf(documents.SafeWorkspaceDocument);
    const mobile = await post(byId(webHash, { id: 'WS-26-000021' }), 'mobile');
    expect(mobile.status).toBe(404);
    expect(mobile.body.errors[0]).toEqual({
      message: `Persisted document '${webHash}' is not in the persisted documents of client 'mobile' or those shared by every client.`,
      extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
    });
    expect((await post(byId(webHash, { id: 'WS-26-000021' }))).status).toBe(404);
    expect((await post(byId('0'.repeat(64)), 'web')).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const sharedId = createHash('sha256').update(SHARED).digest('hex');
    for (const client of ['mobile', 'web', undefined]) {
      const shared = await post(byId(sharedId), client);
      expect(shared.body).toMatchObject({ data: { organization: { name: 'Apex Digital' } } });
    }
  });

  it('applies cost limits and tenancy to a trusted document as to any other', async () => {
    const heavy = await post(byId(hashOf(documents.SafeHeavyDocument), { id: 'WS-26-000021' }), 'web');
    expect(heavy.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'COST_LIMIT' });
    const stranger = `Bearer ${await bearer(otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId))}`;
    const theirs = await post(byId(hashOf(documents.SafeWorkspaceDocument), { id: 'WS-26-000021' }), 'web', stranger);
    expect(theirs.body.data.workspace).toBeNull();
    expect(theirs.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('holds graphql-ws to the safelist, and lets the gateway\'s own REST routes run', async () => {
    const client = createClient({ url: `${gateway.origin.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const result = await new Promise<any>((resolve) => {
      const results: unknown[] = [];
      client.subscribe(
        { query: 'subscription { activity { cursor } }' },
        { next: (r) => results.push(r), error: (e) => resolve({ error: e }), complete: () => resolve({ results }) },
      );
    });
    await client.dispose();
    const errors = result.error ?? result.results[0]?.errors;
    expect(JSON.stringify(errors)).toContain('QUERY_NOT_IN_SAFELIST');

    const rest = await fetch(`${gateway.origin}/v1/workspaces/WS-26-000021`, { headers: { authorization: `Bearer ${token}` } });
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as any).data.name).toBe('Payments Engineering');
  });
});
