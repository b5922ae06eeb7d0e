import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { copyExample, typeErrors } from './testkit/example-app.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer, TEST_AUTH_SECRET } from './testkit/auth.ts';
import { loadConfig } from '../platform/config.ts';
import { startGateway } from '../gateway/start.ts';
import { loadLimitsConfig } from '../gateway/limits/index.ts';

const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/**
 * The README's "For frontend teams" path, as a frontend team would walk it: GraphQL Code Generator's
 * CLI with examples/frontend/codegen.ts against the running gateway, the example Apollo Client app
 * type-checked against what it generated (and a wrong use of a field refused by the compiler), run
 * against the gateway, and run again against a gateway in safelist mode with the manifest it generated.
 */
describeEngines('a typed Apollo Client app from a fresh clone', (ctx) => {
  let sys: TestSystem;
  let src: string;
  let copy: ReturnType<typeof copyExample> | undefined;
  let token: string;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    token = await bearer(principals.apexAdmin);
    copy = copyExample('frontend', (from) => from.includes(`${path.sep}gql`));
    src = copy.src;
  });
  afterAll(async () => {
    await sys?.close();
    copy?.remove();
  });

  it('generates, type-checks and runs, in safelist mode too', async () => {
    await run(process.execPath, [path.join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'examples/frontend/codegen.ts'], {
      cwd: root,
      env: { ...process.env, TOKEN: token, GRAPHQL_URL: `${sys.url}/graphql`, FRONTEND_SRC: src },
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(src, 'gql/persisted-documents.json'), 'utf8'));
    expect(Object.values(manifest)).toEqual([expect.stringContaining('query Dashboard')]);

    expect(typeErrors(path.join(src, 'app.ts'))).toEqual([]);
    fs.writeFileSync(
      path.join(src, 'wrong.ts'),
      "import type { DashboardQuery } from './gql/graphql.ts';\nexport const wrong = (q: DashboardQuery) => q.workspace?.serviceLines?.nodes[0].usage.totalCost.toUpperCase();\n",
    );
    expect(typeErrors(path.join(src, 'wrong.ts')).join('\n')).toMatch(/toUpperCase' does not exist on type 'number'/);

    const app = await import(path.join(src, 'app.ts'));
    const dashboard = await app.loadDashboard(app.createClient(`${sys.url}/graphql`, token), 'WS-26-000021');
    expect(dashboard.title).toBe('Payments Engineering (Apex Digital)');
    expect(dashboard.lines.length).toBeGreaterThan(0);
    for (const line of dashboard.lines) expect(typeof line.cost).toBe('number');
    for (const event of dashboard.events) expect(Number.isNaN(event.at.getTime())).toBe(false);

    const safelisted = await startGateway({
      config: { ...loadConfig({ AUTH_SECRET: TEST_AUTH_SECRET, PERSISTED_DOCUMENTS: `web=${path.join(src, 'gql/persisted-documents.json')}`, PERSISTED_DOCUMENTS_SAFELIST: 'on' }), port: 0 },
      database: ctx.database,
      subgraphUrls: sys.system.subgraphUrls,
      limits: loadLimitsConfig({}),
      exportWorker: false,
    });
    try {
      const again = await app.loadDashboard(app.createClient(`${safelisted.origin}/graphql`, token), 'WS-26-000021');
      expect(again).toEqual(dashboard);
    } finally {
      await safelisted.close();
    }
  }, 120_000);
});
