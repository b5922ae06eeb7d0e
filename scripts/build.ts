import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `npm run build`: the production build in dist/ (README, Production build). TypeScript compiles
 * every runtime folder (tsconfig.build.json: no tests, benchmarks or examples; `.ts` imports
 * rewritten to `.js`), then the files the code reads at run time beside it are copied to the same
 * places under dist/: each subgraph's schema.graphql and the shared SDL, the supergraph, and the
 * migrations (platform/db.ts reads them from `../drizzle`). `npm run start:prod` and the compose
 * services then run `node dist/...`, without tsx.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });

let copied = 0;
function copy(from: string) {
  const to = path.join(dist, path.relative(root, from));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
  copied++;
}
for (const folder of ['platform', 'subgraphs', 'schema']) {
  for (const file of fs.readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.graphql')) copy(path.join(root, folder, file));
  }
}
copy(path.join(root, 'drizzle'));
// Last: a build is complete once this is written (test/testkit/build.ts reads its time).
fs.writeFileSync(path.join(dist, 'BUILD'), `${new Date().toISOString()}\n`);
console.log(`dist/: compiled, ${copied} assets copied (schemas, supergraph, migrations)`);
