import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it, expect } from 'vitest';

/**
 * V8 allocates a function literal written straight into a property (`query.resolve = (x) => ...`)
 * in the old generation while the code that makes it runs unoptimized (its parser marks such
 * literals pretenured). A statement's `resolve` and `reject` are such closures: dead once the
 * statement settled, but in the old generation, where only a full collection frees them, they kept
 * their scope alive through every young collection meanwhile: the query, its rows and whatever
 * awaited it (with the other cause the README names, an events page promoted about a sixth of what
 * it allocated, `--trace-gc-nvp`). postgres.js's Query (patches/postgres+3.4.9.patch) and onSettled
 * (driver-query.ts) now make them in a function that returns them, which V8 allocates young.
 *
 * Checked in a child process with V8's own test of the generation (`%InYoungGeneration`, which needs
 * --allow-natives-syntax) and with optimization off (--no-opt), where the heuristic applies. The
 * control, a literal written into a property the old way, shows the heuristic is still V8's: were
 * it to change, the control fails and this test is no longer needed.
 */
const SCRIPT = `
const { default: postgres } = await import('postgres');
const { onSettled } = await import(${JSON.stringify(fileURLToPath(new URL('./driver-query.ts', import.meta.url)))});
// Never connects: a statement runs only once awaited.
const sql = postgres('postgres://nobody@127.0.0.1:1/none');
const old = { driver: 0, wrapped: 0, control: 0 };
const ROUNDS = 200;
for (let i = 0; i < ROUNDS; i++) {
  const query = sql.unsafe('select 1');
  if (!%InYoungGeneration(query.resolve) || !%InYoungGeneration(query.reject)) old.driver++;
  onSettled(query, () => {});
  if (!%InYoungGeneration(query.resolve) || !%InYoungGeneration(query.reject)) old.wrapped++;
  const control = {};
  control.settle = (x) => x;
  if (!%InYoungGeneration(control.settle)) old.control++;
}
console.log(JSON.stringify({ rounds: ROUNDS, old }));
`;

describe('a statement settles through closures allocated young', () => {
  it("postgres.js's resolve/reject and onSettled's wrappers are young where a literal written into a property is old", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--allow-natives-syntax', '--no-opt', '--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const { rounds, old } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { rounds: number; old: Record<string, number> };
    expect(old).toEqual({ driver: 0, wrapped: 0, control: rounds });
  });
});
