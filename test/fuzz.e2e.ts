import { it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { describeEngines } from './testkit/describe-engines.ts';
import { badInputSystem, CALLERS, type Caller } from './testkit/bad-input.ts';
import type { WriteSnapshot } from './testkit/writes.ts';
import { documentedStatuses, restOperations, restRequest, restWeight, type RestOperation, type RestRequest } from './testkit/fuzz-rest.ts';
import { graphqlOperations, graphqlRequest, graphqlWeight, hostileDocument, transportOf, type GraphQLRequest, type RawGraphQLRequest } from './testkit/fuzz-graphql.ts';
import { jsonText } from './testkit/fuzz-values.ts';
import { ERROR_CODES } from '../platform/errors.ts';
import { LIMIT_REASONS } from '../gateway/limits/refusal.ts';

/**
 * Property-based fuzzing (fast-check) of every REST operation in the served OpenAPI document, of
 * every root field of the graph (its arguments given as variables) and of whole GraphQL documents
 * (issue 11). For every request, whatever it holds: never a 5xx; a refusal in the documented
 * shape, with a documented status and code; and a refused request changes nothing (every table's
 * rows compared by checksum, and the event log's last seq, before and after).
 *
 * Bounded and repeatable: FUZZ_RUNS requests per property (400 by default; a property's runs are
 * shared by its operations by how many values make a request, mutations counting double, at least
 * 2 each), from a fixed seed, so every run sends the same requests. A failure names its seed, the
 * operation and fast-check's path, and the command that sends exactly that request again
 * (FUZZ_SEED, FUZZ_ONLY, FUZZ_PATH); FUZZ_SEED=random explores. A counterexample is reported as
 * found, not shrunk (shrinking re-sends requests for minutes): FUZZ_SHRINK=1 shrinks it.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 20_261_130);
const ONLY = process.env.FUZZ_ONLY;
const PATH = process.env.FUZZ_PATH;

/** The budget split among operations by their weight (how many values make a request), at least 2 runs each. */
function shares(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.max(2, Math.round((RUNS * w) / total)));
}

/**
 * Runs one property of one operation. Every operation starts from the same seed, so a failure is
 * replayed by its seed, its operation's name and its path alone.
 */
async function property<T>(name: string, arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>, numRuns: number): Promise<number> {
  if (ONLY !== undefined && ONLY !== name) return 0;
  const details = await fc.check(fc.asyncProperty(arbitrary, check), {
    seed: SEED,
    numRuns,
    endOnFailure: process.env.FUZZ_SHRINK !== '1',
    ...(PATH !== undefined && ONLY !== undefined ? { path: PATH } : {}),
  });
  if (details.failed) {
    const replay = `FUZZ_SEED=${details.seed} FUZZ_ONLY='${name}' FUZZ_PATH=${details.counterexamplePath} npx vitest run test/fuzz.e2e.ts`;
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${name}: ${fc.defaultReportMessage(details)}\n${cause.slice(0, 3_000)}\nSend it again: ${replay}`);
  }
  return details.numRuns;
}

/**
 * Who sends a request: the organization's admin mostly (who may do everything, so that a request
 * reaches deepest), now and then a member, a viewer, a token narrowed to one workspace or the other
 * tenant's admin (whose refusals, FORBIDDEN and NOT_FOUND, are held to the same rules).
 */
const caller: fc.Arbitrary<Caller> = fc.oneof({ arbitrary: fc.constant('admin' as const), weight: 4 }, { arbitrary: fc.constantFrom(...CALLERS.filter((c) => c !== 'admin')), weight: 1 });

/** The codes a GraphQL error may carry: the caller's mistakes, never the server's. */
const GRAPHQL_CODES = new Set(['BAD_USER_INPUT', 'UNPROCESSABLE', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT']);

describeEngines('fuzz', (ctx) => {
  const system = badInputSystem(ctx);
  let openApi: Record<string, any>;
  let schema: GraphQLSchema;
  /**
   * What the tables held after the last request: the next request's "before" (requests go one at
   * a time, and nothing else writes but the export worker's progress, which snapshots leave out),
   * so each request costs one snapshot.
   */
  let last: WriteSnapshot;
  beforeAll(async () => {
    openApi = await (await fetch(`${system.sys.url}/v1/openapi.json`)).json();
    schema = buildClientSchema((await system.sys.graphql(getIntrospectionQuery())).data);
    last = await system.snapshot();
  });

  /** Sends a request and says whether it changed anything since the previous one. */
  async function tracked<T>(send: () => Promise<T>): Promise<{ answer: T; changed: string[] }> {
    const before = last;
    const answer = await send();
    last = await system.snapshot();
    return { answer, changed: Object.keys(last).filter((table) => last[table] !== before[table]) };
  }

  async function sendRest(request: RestRequest, who: Caller) {
    // A string body would get fetch's own text/plain; bytes go with exactly the headers given.
    const body = request.body === undefined ? undefined : request.headers['content-type'] ? request.body : new TextEncoder().encode(request.body);
    const res = await fetch(`${system.sys.url}${request.target}`, { method: request.method, headers: { authorization: `Bearer ${system.tokens[who]}`, ...request.headers }, body });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  /** The request as a failure reports it: enough to send it again by hand. */
  const shown = (request: unknown, answer: { status: number; text: string }) => `${JSON.stringify(request).slice(0, 2_000)}\n→ ${answer.status} ${answer.text.slice(0, 500)}`;

  async function checkRest(operation: RestOperation, [request, who]: [RestRequest, Caller]) {
    const { answer, changed } = await tracked(() => sendRest(request, who));
    const label = shown({ ...request, who }, answer);
    expect(answer.status, label).toBeLessThan(500);
    if (answer.status < 400) return;
    expect(documentedStatuses(operation).has(answer.status), `undocumented ${answer.status}: ${label}`).toBe(true);
    expect(answer.type, label).toMatch(/^application\/json/);
    const { error, ...rest } = JSON.parse(answer.text);
    expect(rest, label).toEqual({});
    // A document refused by one of the graph's limits also says which, as /graphql does.
    const { reason, ...shape } = error;
    expect(shape, label).toEqual({ code: expect.any(String), message: expect.any(String), status: answer.status });
    if (reason !== undefined) expect({ code: error.code, reason }, label).toEqual({ code: 'bad_request', reason: expect.toBeOneOf([...LIMIT_REASONS]) });
    expect(ERROR_CODES[error.code as keyof typeof ERROR_CODES]?.status, label).toBe(answer.status);
    expectNoWrites(changed, label);
  }

  async function sendGraphQL(request: Pick<GraphQLRequest, 'query' | 'variables' | 'get'>, who: Caller = 'admin') {
    const variables = jsonText(request.variables);
    const headers = { authorization: `Bearer ${system.tokens[who]}`, accept: 'application/json' };
    const res = request.get && variables.length < 4_000
      ? await fetch(`${system.sys.url}/graphql?${new URLSearchParams({ query: request.query, variables })}`, { headers })
      : await fetch(`${system.sys.url}/graphql`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: `{"query":${JSON.stringify(request.query)},"variables":${variables}}` });
    return { status: res.status, text: await res.text() };
  }

  /** An answer in GraphQL's shape, every error with a caller's code; returns the parsed body. */
  function expectGraphQLShape(answer: { status: number; text: string }, label: string) {
    expect(answer.status, label).toBeLessThan(500);
    const body = JSON.parse(answer.text) as { data?: { f?: unknown } | null; errors?: Array<{ message?: unknown; extensions?: { code?: string } }> };
    expect(body.data !== undefined || body.errors !== undefined, label).toBe(true);
    for (const error of body.errors ?? []) {
      expect(typeof error.message, label).toBe('string');
      expect(GRAPHQL_CODES.has(error.extensions?.code ?? ''), `code ${error.extensions?.code}: ${label}`).toBe(true);
    }
    return body;
  }

  async function checkGraphQL([request, who]: [GraphQLRequest, Caller]) {
    const { answer, changed } = await tracked(() => sendGraphQL(request, who));
    const label = shown({ ...request, who, variables: jsonText(request.variables).slice(0, 1_500) }, answer);
    const body = expectGraphQLShape(answer, label);
    // A query writes nothing; a mutation refused (no answer for its field) neither.
    if (request.kind === 'query' || body.data?.f == null) expectNoWrites(changed, label);
  }

  async function checkDocument(request: RawGraphQLRequest) {
    const { answer, changed } = await tracked(async () => {
      const res = await fetch(`${system.sys.url}/graphql${request.search ? `?${request.search}` : ''}`, {
        method: request.method,
        headers: { authorization: `Bearer ${system.token}`, ...request.headers },
        // Bytes, so that no body gets fetch's own text/plain.
        body: request.body === undefined ? undefined : new TextEncoder().encode(request.body),
      });
      return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    });
    const label = shown({ ...request, search: request.search.slice(0, 1_500), body: request.body?.slice(0, 1_500) }, answer);
    // Whatever arrives, the answer is GraphQL's JSON: a refusal says why in its shape, never an empty body.
    expect(answer.type, label).toMatch(/^application\/(graphql-response\+)?json/);
    expectGraphQLShape(answer, label);
    expectNoWrites(changed, label);
  }

  function expectNoWrites(changed: string[], label: string) {
    expect(changed, `wrote to ${changed.join(', ')}: ${label}`).toEqual([]);
  }

  it('REST: every operation of the OpenAPI document, fuzzed, never answers 5xx, refuses in the documented shape and writes nothing when it refuses', async () => {
    const operations = restOperations(openApi);
    expect(operations.length).toBeGreaterThan(30);
    // Every operation gets its share of the budget: none is left to chance.
    const runs = shares(operations.map(restWeight));
    let sent = 0;
    for (const [i, operation] of operations.entries()) {
      sent += await property(`${operation.method} ${operation.path}`, fc.tuple(restRequest(operation), caller), (request) => checkRest(operation, request), runs[i]);
    }
    console.info(`[fuzz ${ctx.engine}] REST: ${sent} requests over ${operations.length} operations, seed ${SEED}`);
  }, 600_000);

  it('GraphQL: every root field, its arguments fuzzed as variables, never answers 5xx or INTERNAL_SERVER_ERROR and writes nothing when refused', async () => {
    const operations = graphqlOperations(schema);
    expect(operations.filter((o) => o.kind === 'mutation').length).toBeGreaterThan(10);
    const runs = shares(operations.map(graphqlWeight));
    let sent = 0;
    for (const [i, operation] of operations.entries()) {
      sent += await property(`${operation.kind} ${operation.field.name}`, fc.tuple(graphqlRequest(operation), caller), checkGraphQL, runs[i]);
    }
    console.info(`[fuzz ${ctx.engine}] GraphQL: ${sent} requests over ${operations.length} root fields, seed ${SEED}`);
  }, 600_000);

  it('GraphQL documents and how they travel: token soup, brackets past the parser, fragment fan-out, fields by the thousand, any method, body or media type: never a 5xx, always a caller\'s code in GraphQL\'s shape', async () => {
    const requests = hostileDocument.chain(transportOf);
    const sent = await property('documents', requests, checkDocument, Math.max(2, Math.round(RUNS / 4)));
    console.info(`[fuzz ${ctx.engine}] documents: ${sent} requests, seed ${SEED}`);
  }, 600_000);
});
