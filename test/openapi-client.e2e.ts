import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { copyExample, typeErrors } from './testkit/example-app.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';

const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/**
 * Issue 15, point 5, as an API client walks it: openapi-typescript's CLI generates types from the
 * running gateway's /v1/openapi.json, examples/rest-client/src (which reads every field of every
 * resource) type-checks against them, wrong uses of a field do not, and the client runs against the
 * gateway. Without typed resources (the document's old `data: { type: object }`) none of it compiles.
 */
describeEngines('a REST client typed by openapi-typescript', (ctx) => {
  let sys: TestSystem;
  let src: string;
  let copy: ReturnType<typeof copyExample> | undefined;
  let token: string;
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    token = await bearer(principals.apexAdmin);
    copy = copyExample('rest-client', (from) => from.endsWith(`${path.sep}api.ts`));
    src = copy.src;
  });
  afterAll(async () => {
    await sys?.close();
    copy?.remove();
  });

  it('generates types from the live document; every field of every resource compiles, wrong ones do not; the client runs', async () => {
    await run(process.execPath, [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), `${sys.url}/v1/openapi.json`, '-o', path.join(src, 'api.ts')], { cwd: root });
    const api = fs.readFileSync(path.join(src, 'api.ts'), 'utf8');
    expect(typeErrors(path.join(src, 'client.ts'))).toEqual([]);
    expect(typeErrors(path.join(src, 'resources.ts'))).toEqual([]);

    // resources.ts lists every resource the document names, each with every field.
    const named = (await (await fetch(`${sys.url}/v1/openapi.json`)).json()).components.schemas as Record<string, unknown>;
    const resources = Object.keys(named).filter((name) => !['Error', 'Envelope', 'ListEnvelope', 'ListMeta'].includes(name));
    const read = fs.readFileSync(path.join(src, 'resources.ts'), 'utf8');
    for (const name of resources) expect(read, name).toContain(`(r: S['${name}']): S['${name}']`);
    expect(resources.length).toBeGreaterThanOrEqual(20);
    expect(api).toContain('Task: {');


    const wrong = (body: string) => {
      fs.writeFileSync(path.join(src, 'wrong.ts'), `import type { components } from './api.ts';\ntype S = components['schemas'];\n${body}\n`);
      return typeErrors(path.join(src, 'wrong.ts')).join('\n');
    };
    expect(wrong(`export const f = (t: S['Task']) => t.nope;`)).toMatch(/Property 'nope' does not exist/);
    // A list item has no description (only the detail does), and an enum is its values.
    expect(wrong(`export const f = (t: S['Task']) => t.description;`)).toMatch(/Property 'description' does not exist/);
    expect(wrong(`export const s: S['Task']['status'] = 'started';`)).toMatch(/not assignable/);
    expect(wrong(`export const f = (t: S['TaskDetail']) => t.description.length;`)).toMatch(/possibly 'null'/);
    expect(wrong(`export const f = (p: S['PodDetail']) => p.team[0].talent_id.toFixed();`)).toMatch(/toFixed' does not exist on type 'string'/);

    const client = await import(path.join(src, 'client.ts'));
    const board = await client.loadTaskBoard(sys.url, token, 'WS-26-000021');
    expect(board.titles.length).toBeGreaterThan(0);
    expect(board.first).toMatchObject({ id: expect.stringMatching(/^TSK-/), status: expect.any(String) });
  }, 120_000);
});
