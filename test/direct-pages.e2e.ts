import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant, bearer } from './testkit/auth.ts';
import type { Principal } from '../platform/auth/tokens.ts';
import { DEMO } from '../seed/demo.ts';

/** The benchmark's document (bench/export.ts): every row field of every event, the graph's largest page. */
const ROWS_DOC = `query Rows($after: String) { events(first: 100, after: $after) {
  nodes { id type actorType actorId subjectType subjectId payload createdAt } pageInfo { hasNextPage endCursor } } }`;
/** Aliases, __typename at every level, fragments, the references a row holds, every field of PageInfo, filters as variables. */
const SHAPED_DOC = `query Other { __typename }
query Shaped($types: [String!], $from: DateTime, $n: Int, $after: String) { log: events(types: $types, from: $from, first: $n, after: $after) {
  kind: __typename nodes { __typename when: createdAt ... on Event { id type } ...Refs payload }
  info: pageInfo { __typename endCursor ... on PageInfo { hasNextPage } startCursor hasPreviousPage } pageInfo { endCursor } } }
fragment Refs on Event { workspace { id __typename } org: organization { id } }`;

/** The same document as the graph executes it: a directive keeps a document off the direct read. */
const throughGraph = (document: string) => document.replace('nodes {', 'nodes @include(if: true) {');

/**
 * Issue 13: a page of the root `events` list that reads only the events' rows is answered by the
 * gateway from one statement (gateway/direct-pages.ts) instead of planned, executed in the events
 * subgraph and projected. The answer is the graph's, byte for byte, for every document shape,
 * filter, tenant and cursor; errors and backward pages are the graph's own; no subgraph is fetched.
 */
describeEngines('pages of the event log read where the rows are', (ctx) => {
  let sys: TestSystem;
  const other = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);

  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { rateLimitPoints: 1_000_000 } });
  });
  afterAll(() => sys?.close());

  /** The response as the client receives it: status, headers and body text. */
  async function post(document: string, variables: Record<string, unknown>, principal: Principal, operationName?: string) {
    const res = await fetch(`${sys.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${await bearer(principal)}` },
      body: JSON.stringify({ query: document, variables, operationName }),
    });
    // Every header but those that differ per request (the rate limit's count and window move on).
    const headers = Object.fromEntries([...res.headers].filter(([name]) => !['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset'].includes(name)));
    return { status: res.status, headers, text: await res.text() };
  }

  /** The direct answer, checked against the graph's; with the subgraph fetches and statements each made. */
  async function compared(document: string, variables: Record<string, unknown>, principal: Principal = principals.apexAdmin, operationName?: string) {
    const direct = await sys.measure(() => post(document, variables, principal, operationName));
    const graph = await sys.measure(() => post(throughGraph(document), variables, principal, operationName));
    expect(direct.result, `${document} ${JSON.stringify(variables)}`).toEqual(graph.result);
    return { ...direct.result, body: JSON.parse(direct.result.text), direct, graph };
  }

  it('answers every page of the log as the graph does, without a subgraph fetch and in no more statements', async () => {
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await compared(ROWS_DOC, { after });
      expect(page.status).toBe(200);
      expect([page.direct.fetches, page.graph.fetches]).toEqual([0, 1]);
      expect(page.direct.statements).toBeLessThanOrEqual(page.graph.statements);
      pages++;
      const { nodes, pageInfo } = page.body.data.events;
      expect(nodes.length).toBeGreaterThan(0);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(pages).toBeGreaterThan(1);
  });

  it('answers aliases, __typename, fragments, references, every PageInfo field and filters as the graph does', async () => {
    const first = await compared(SHAPED_DOC, { types: ['task.'], from: '2026-01-01T00:00:00Z', n: 7 }, principals.apexAdmin, 'Shaped');
    expect(first.direct.fetches).toBe(0);
    const { log } = first.body.data;
    expect(log.kind).toBe('EventConnection');
    expect(log.nodes).toHaveLength(7);
    expect(log.info).toMatchObject({ __typename: 'PageInfo', hasNextPage: true, hasPreviousPage: false });
    const second = await compared(SHAPED_DOC, { types: ['task.'], n: 7, after: log.info.endCursor }, principals.apexAdmin, 'Shaped');
    expect(second.body.data.log.info.hasPreviousPage).toBe(true);
    // No page size: the field's default.
    await compared(SHAPED_DOC, { types: ['incident.', 'task.created'] }, principals.apexAdmin, 'Shaped');
  });

  it('keeps each tenant to its own events: another organization, a narrowed workspace, a foreign cursor', async () => {
    const mine = (await compared(ROWS_DOC, { after: null })).body.data.events;
    const theirs = (await compared(ROWS_DOC, { after: null }, other)).body.data.events;
    expect(theirs.nodes.length).toBeGreaterThan(0);
    const ids = new Set(mine.nodes.map((n: { id: string }) => n.id));
    expect(theirs.nodes.some((n: { id: string }) => ids.has(n.id))).toBe(false);
    // Naming another organization reads nothing, as for any filter.
    const named = await compared(`{ events(organizationId: "${DEMO.organizationId}", first: 5) { nodes { id } } }`, {}, other);
    expect(named.body.data.events.nodes).toEqual([]);
    const narrowed = await compared(`{ events(first: 100) { nodes { id workspace { id } } pageInfo { hasNextPage } } }`, {}, principals.apexPayments);
    expect(narrowed.body.data.events.nodes.length).toBeGreaterThan(0);
    for (const node of narrowed.body.data.events.nodes) expect(node.workspace).toEqual({ id: 'WS-26-000021' });
    // Another tenant's cursor pages nothing of theirs.
    const foreign = await compared(ROWS_DOC, { after: mine.pageInfo.endCursor }, other);
    expect(foreign.status).toBe(200);
  });

  it('serves the pages of the REST list /v1/events alike (its document reads only the rows), the tenant kept to its own', async () => {
    const list = (principal: Principal, query: string) => sys.measure(async () => {
      const res = await fetch(`${sys.url}/v1/events?${query}`, { headers: { authorization: `Bearer ${await bearer(principal)}` } });
      return { status: res.status, body: await res.json() };
    });
    const first = await list(principals.apexAdmin, `organization_id=${DEMO.organizationId}&limit=50`);
    expect([first.result.status, first.result.body.data.length, first.fetches]).toEqual([200, 50, 0]);
    const next = await list(principals.apexAdmin, `organization_id=${DEMO.organizationId}&limit=50&cursor=${encodeURIComponent(first.result.body.meta.cursor)}`);
    expect([next.result.status, next.fetches]).toEqual([200, 0]);
    expect(next.result.body.data[0].id).not.toBe(first.result.body.data[0].id);
    const foreign = await list(other, `organization_id=${DEMO.organizationId}&limit=50`);
    expect([foreign.result.status, foreign.result.body.data]).toEqual([200, []]);
  });

  it('leaves errors, backward pages and what a row does not hold to the graph, which answers as it always has', async () => {
    for (const [document, variables] of [
      ['{ events(first: 0) { nodes { id } } }', {}],
      ['{ events(first: 101) { nodes { id } } }', {}],
      ['{ events(first: 5, after: "not-a-cursor") { nodes { id } } }', {}],
      ['{ events(first: 5, after: "x", before: "y") { nodes { id } } }', {}],
      ['{ events(from: "2026-02-31T10:00:00Z", first: 1) { nodes { id } } }', {}],
      ['query($from: DateTime) { events(from: $from, first: 1) { nodes { id } } }', { from: 'yesterday' }],
      ['query($n: Int) { events(first: $n) { nodes { id } } }', { n: 'ten' }],
      [`{ events(organizationId: "not-an-id", first: 1) { nodes { id } } }`, {}],
    ] as const) {
      const refused = await compared(document, variables);
      expect(refused.body.errors?.[0]?.extensions?.code, document).toBe('BAD_USER_INPUT');
    }
    const backward = await compared('{ events(last: 5) { nodes { id createdAt } pageInfo { hasPreviousPage startCursor } } }', {});
    expect([backward.body.data.events.nodes.length, backward.direct.fetches]).toEqual([5, 1]);
    const subject = await compared('{ events(first: 5) { nodes { id subject { __typename } } } }', {});
    expect(subject.direct.fetches).toBe(1);
  });
});
