import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { CLIENT_SCALARS } from '../examples/frontend/scalars.ts';

/**
 * The custom scalars as a client sees them: introspection names the specification each follows
 * (@specifiedBy), and GraphQL Code Generator, fed the running gateway's schema and the README's
 * mapping, types them as strings and JSON instead of `unknown`; the answers hold to that.
 */
describeEngines('custom scalars for clients', (ctx) => {
  let sys: TestSystem;
  let dir: string;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrums-scalars-'));
  });
  afterAll(async () => {
    await sys?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the specification of DateTime, Date and JSON in introspection', async () => {
    const { data, errors } = await sys.graphql(
      '{ dateTime: __type(name: "DateTime") { specifiedByURL } date: __type(name: "Date") { specifiedByURL } json: __type(name: "JSON") { specifiedByURL } }',
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      dateTime: { specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6' },
      date: { specifiedByURL: 'https://scalars.graphql.org/andimarek/local-date' },
      json: { specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc8259' },
    });
  });

  it('types them for client codegen with the documented mapping, and answers match it', async () => {
    const operation =
      'query Scalars($ws: ID!, $from: Date!) { workspace(id: $ws) { events(first: 1) { nodes { createdAt payload } } } usageSeries(period: MONTH, from: $from, to: "2026-03-31") { periodStart } }';
    fs.writeFileSync(path.join(dir, 'scalars.graphql'), operation);
    const token = await bearer(principals.apexAdmin);
    await generate(
      {
        schema: { [`${sys.url}/graphql`]: { headers: { Authorization: `Bearer ${token}` } } },
        documents: [path.join(dir, 'scalars.graphql')],
        silent: true,
        generates: { [`${dir}/gql/`]: { preset: 'client', config: { scalars: CLIENT_SCALARS } } },
      },
      true,
    );
    const types = fs.readFileSync(path.join(dir, 'gql/graphql.ts'), 'utf8');
    expect(types).toContain(`createdAt: string, payload: ${CLIENT_SCALARS.JSON} }`);
    expect(types).toContain('usageSeries: Array<{ periodStart: string }>');
    expect(types).toMatch(/ScalarsQueryVariables = Exact<\{\s+ws: string \| number;\s+from: string;\s+\}>/);
    expect(types).not.toContain('unknown;');

    const { data, errors } = await sys.graphql(operation, { ws: 'WS-26-000021', from: '2026-01-01' });
    expect(errors).toBeUndefined();
    const event = data.workspace.events.nodes[0];
    expect(event.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
    expect(typeof event.payload).toBe('object');
    for (const point of data.usageSeries) expect(point.periodStart).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
