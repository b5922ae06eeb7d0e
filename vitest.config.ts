import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node resolves `graphql` to its CommonJS build for every package; Vite would hand our own sources
// the ESM build instead, and two GraphQLError classes would then exist side by side.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

// Unit and in-process suites are *.test.ts; end-to-end suites (real servers over HTTP and
// WebSocket) are *.e2e.ts. Benchmarks live in bench/ and never run here.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    globalSetup: ['./test/testkit/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['{platform,subgraphs,gateway,seed,schema,test,scripts}/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['{gateway,test}/**/*.e2e.ts'] } },
    ],
  },
});
