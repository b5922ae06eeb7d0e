/**
 * The layers of docs/architecture.md, checked on every import (`npm run lint:deps`, run by
 * .ci/run). A wrong import fails with the rule's name and the reason below.
 *
 *   scripts/ (npm start, seed, ...)      composition roots: may import anything
 *   gateway/                             platform, the supergraph, subgraphs' public.ts
 *   subgraphs/<name>/                    platform, its own folder, other subgraphs' public.ts
 *   platform/                            nothing of this repository above it
 *
 * Tests (*.test.ts, *.e2e.ts, test/) reach into any module they exercise; the tools that need every
 * table (seed/, migrations through drizzle.config.ts, tests) aggregate them in schema/tables.ts.
 */
const TESTS = ['\\.(test|e2e)\\.ts$', '^test/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-is-the-bottom-layer',
      comment:
        'platform/ is the lowest layer (db, ids, cursors, errors, auth, config, log, the event log, process lifecycle, the subgraph runtime): ' +
        'it imports nothing from subgraphs/, gateway/, schema/, seed/, scripts/ or the tests. Move what it needs down into platform/, ' +
        'or pass it in from above (docs/architecture.md).',
      severity: 'error',
      from: { path: '^platform/', pathNot: TESTS },
      to: { path: '^(subgraphs|gateway|schema|seed|scripts|test|bench|examples)/' },
    },
    {
      name: 'subgraph-reached-through-its-public-module',
      comment:
        "Another subgraph reaches a subgraph through its public.ts only (reads, and writes named as writes); its tables, data, " +
        'commands, loaders and resolvers are private to its folder. Export what you need from that public.ts.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/', pathNot: TESTS },
      to: { path: '^subgraphs/[^/]+/', pathNot: ['^subgraphs/$1/', '^subgraphs/[^/]+/public\\.ts$'] },
    },
    {
      name: 'subgraph-private-to-the-rest',
      comment:
        "Outside the subgraphs, code reaches a subgraph through its public.ts only; its other files (tables.ts included) are private. " +
        'Only the tools that need every table (seed/, migrations, tests) read the tables, through schema/tables.ts.',
      severity: 'error',
      from: { pathNot: ['^subgraphs/[^/]+/', '^seed/', '^schema/tables\\.ts$', ...TESTS] },
      to: { path: '^subgraphs/[^/]+/', pathNot: '^subgraphs/[^/]+/public\\.ts$' },
    },
    {
      name: 'only-tools-aggregate-the-tables',
      comment:
        'schema/tables.ts gathers every table of every layer; only the seed, migrations and tests may use it. ' +
        'Production code imports the tables of its own folder (and the platform event log table).',
      severity: 'error',
      from: { pathNot: ['^seed/', ...TESTS] },
      to: { path: '^schema/tables\\.ts$' },
    },
    {
      name: 'gateway-knows-only-the-graph',
      comment:
        'The gateway depends on the platform, the supergraph (schema/supergraph.ts) and subgraphs\' public modules only: ' +
        'enum values come from the SDL (gateway/rest/generated), subgraph URLs from the supergraph, API keys from organizations/public.ts.',
      severity: 'error',
      from: { path: '^gateway/', pathNot: TESTS },
      to: {
        path: '^(subgraphs|schema|seed|scripts|test|bench|examples)/',
        pathNot: ['^schema/supergraph\\.ts$', '^subgraphs/[^/]+/public\\.ts$'],
      },
    },
    {
      name: 'subgraphs-below-the-gateway',
      comment: 'Subgraphs know nothing of the gateway, the composition roots (scripts/) or the tools (seed/, bench/, test/) above them.',
      severity: 'error',
      from: { path: '^subgraphs/', pathNot: TESTS },
      to: { path: '^(gateway|scripts|seed|bench|test|examples)/' },
    },
    {
      name: 'gateway-tables-are-the-gateways',
      comment: "gateway/tables.ts (idempotency keys, export jobs) is the gateway's own; other layers do not read it.",
      severity: 'error',
      from: { pathNot: ['^gateway/', '^seed/', '^schema/tables\\.ts$', ...TESTS] },
      to: { path: '^gateway/tables\\.ts$' },
    },
    {
      name: 'no-circular',
      comment:
        'Modules import each other one way. Two kinds of edge do not make a cycle at run time and do not count: type-only ' +
        'imports, and the dynamic import with which a subgraph definition loads its resolvers (so that peers can import ' +
        'its public.ts for a lookup while its resolvers import theirs).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['dynamic-import', 'type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to no file.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Every source file of the repository; not dependencies, migrations, the build (dist/), data or dot-folders.
    // examples/frontend/src is an app of its own, typed by code it generates (gitignored).
    exclude: { path: '^(node_modules/|drizzle/|dist/|\\.|examples/frontend/src/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      // Type-only packages (@graphql-typed-document-node/core) have typings and no main.
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
