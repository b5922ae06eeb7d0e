import { it, expect, beforeAll, afterAll, describe } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import type { TestSystem } from './testkit/system.ts';
import { foreignIds, type OwnershipIndex } from './testkit/isolation.ts';
import { CASES } from './testkit/isolation-checks.ts';
import { Subscriber, normalizeRefusal, type Collected } from './testkit/isolation-subscriptions.ts';
import { encodeCursor } from '../platform/cursor.ts';
import { isolationSuite, apex } from './testkit/isolation-suite.ts';
import type { Principal } from '../platform/auth/tokens.ts';

/**
 * Tenant isolation of the `activity` subscription over graphql-ws (the GraphQL side and the method:
 * isolation.e2e.ts; audiences of the grouped fan-out: isolation-audiences.e2e.ts).
 */
describeEngines('tenant isolation of live activity', (ctx) => {
  const suite = isolationSuite(ctx);
  const targets = suite.targets;
  let sys: TestSystem;
  let index: OwnershipIndex;
  beforeAll(() => {
    ({ sys, index } = suite);
  });

  describe('a subscription', () => {
    let subscriber: Subscriber;
    beforeAll(() => {
      subscriber = new Subscriber(sys);
    });
    afterAll(() => subscriber?.dispose());

    /** The cursor of the newest event `principal` may see: subscribing after it starts "now", without a race. */
    const latestCursor = async (principal: Principal): Promise<string> => {
      const res = await sys.graphql('{ events(first: 1) { edges { cursor } } }', {}, principal);
      expect(res.errors).toBeUndefined();
      return res.data.events.edges[0].cursor;
    };
    const write = async (principal: Principal, document: string, variables: Record<string, unknown>) => {
      const res = await sys.graphql(document, variables, principal);
      expect(res.errors, `${document} ${JSON.stringify(variables)}`).toBeUndefined();
      return res.data;
    };
    const createTask = async (principal: Principal, serviceLineId: string, title: string): Promise<string> =>
      (await write(principal, 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', { input: { serviceLineId, title } })).createTask.id;
    const nodeOf = (r: { data?: any }) => r.data?.activity?.node;

    it('activity delivers nothing of another tenant or workspace, whatever the filter, and refuses their cursors and organizations', async () => {
      for (const c of CASES) {
        const { foreign, own } = targets.get(c)!;
        const label = (what: string) => `activity(${what}) as ${c.name}`;
        const after = await latestCursor(c.principal);
        const ownerAfter = await latestCursor(apex);

        // (a) no filter, (b) the foreign workspace, (c) a foreign task, (e) the foreign organization (the
        // caller's own for a narrowed token, which then reads only its own workspace).
        const open: Record<string, Collected> = {
          all: await subscriber.subscribe(c.principal, { after }),
          workspace: await subscriber.subscribe(c.principal, { after, workspaceId: foreign.workspace }),
          subject: await subscriber.subscribe(c.principal, { after, subjectId: foreign.task }),
        };
        // Their twins name IDs that never existed: a foreign filter must be treated exactly like those.
        const twins: Record<string, { missing: string; stream: Collected }> = {};
        for (const [name, filter, id] of [['workspace', 'workspaceId', foreign.workspace], ['subject', 'subjectId', foreign.task]] as const) {
          const missing = index.missing(id.split('-')[0]);
          twins[name] = { missing, stream: await subscriber.subscribe(c.principal, { after, [filter]: missing }) };
        }
        const orgIsForeign = index.isForeign(c.principal, foreign.organization);
        if (!orgIsForeign) open.organization = await subscriber.subscribe(c.principal, { after, organizationId: foreign.organization });

        // (d) resuming after another tenant's event must be refused exactly as after an event that never
        // existed. Read once the sentinel is written: a subscription that was not refused has received it by then.
        const missingEvent = index.missing('EVT');
        const byForeignCursor = await subscriber.subscribe(c.principal, { after: encodeCursor(foreign.event) });
        const byMissingCursor = await subscriber.subscribe(c.principal, { after: encodeCursor(missingEvent) });
        // (e) naming another organization is refused as not found, as one that never existed.
        if (orgIsForeign) {
          const missingOrg = index.missing('ORG');
          const byForeignOrg = await (await subscriber.subscribe(c.principal, { organizationId: foreign.organization })).end();
          const byMissingOrg = await (await subscriber.subscribe(c.principal, { organizationId: missingOrg })).end();
          expect(byForeignOrg.map((r) => r.errors?.[0]?.extensions?.code), label(`organizationId: ${foreign.organization}`)).toEqual(['NOT_FOUND']);
          expect(normalizeRefusal(byForeignOrg, [foreign.organization]), label(`organizationId: ${foreign.organization}`)).toBe(normalizeRefusal(byMissingOrg, [missingOrg]));
        }

        // Positive control: the owner, with the same foreign filters, receives the foreign events.
        const ownerWorkspace = await subscriber.subscribe(apex, { after: ownerAfter, workspaceId: foreign.workspace });
        const ownerSubject = await subscriber.subscribe(apex, { after: ownerAfter, subjectId: foreign.task });

        // The owner writes on the foreign targets; then the caller writes its sentinel in its own workspace.
        const foreignTask = await createTask(apex, foreign.serviceLine, `Foreign to ${c.name}`);
        await write(apex, 'mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }', { id: foreign.task, input: { title: `Renamed, foreign to ${c.name}` } });
        const sentinel = await createTask(c.principal, own.serviceLine, `Sentinel of ${c.name}`);

        const [ownerWs] = await ownerWorkspace.take(1);
        expect(nodeOf(ownerWs), 'the owner\'s workspace subscription').toMatchObject({ type: 'task.created', workspace: { id: foreign.workspace }, subject: { id: foreignTask } });
        const [ownerSub] = await ownerSubject.take(1);
        expect(nodeOf(ownerSub), 'the owner\'s subject subscription').toMatchObject({ subject: { id: foreign.task }, workspace: { id: foreign.workspace } });

        const [first] = await open.all.take(1);
        expect(nodeOf(first), label('no filter: the first event is the caller\'s own sentinel')).toMatchObject({ type: 'task.created', subject: { id: sentinel } });
        if (open.organization) {
          const [firstOfOrg] = await open.organization.take(1);
          expect(nodeOf(firstOfOrg), label(`organizationId: ${foreign.organization}`)).toMatchObject({ type: 'task.created', subject: { id: sentinel } });
        }
        const [resumed] = await byForeignCursor.take(1);
        await byForeignCursor.stop();
        const shown = (r: { data?: any; errors?: Array<{ extensions?: Record<string, unknown> }> }) => r.errors?.[0]?.extensions?.code ?? `event ${nodeOf(r)?.id} in ${nodeOf(r)?.workspace?.id ?? '-'}`;
        expect.soft(shown(resumed), label(`after: cursor of ${foreign.event}: refused`)).toBe('BAD_USER_INPUT');
        const missingFirst = await byMissingCursor.take(1);
        await byMissingCursor.stop();
        const refusedLikeMissing = normalizeRefusal(missingFirst, [encodeCursor(missingEvent), missingEvent]);
        if (resumed.errors) {
          expect(normalizeRefusal([resumed], [encodeCursor(foreign.event), foreign.event]), label(`after: cursor of ${foreign.event}: refused as an event that never existed`)).toBe(refusedLikeMissing);
        }
        expect(foreignIds(index, c.principal, byForeignCursor.results.map((r) => r.data)), label(`after: cursor of ${foreign.event}: foreign IDs`)).toEqual([]);

        // The sentinel came after every foreign event, and the owner's subscriptions saw those. The
        // filtered ones can never match: each is refused like its twin (refusals come first, when a
        // subscription starts) or, like its twin, still open and has received nothing.
        for (const [name, id] of [['workspace', foreign.workspace], ['subject', foreign.task]] as const) {
          const stream = open[name];
          const twin = twins[name];
          expect(stream.ended, label(`${name} ${id}: refused exactly when an ID that never existed is`)).toBe(twin.stream.ended);
          await stream.stop();
          await twin.stream.stop();
          if (stream.results.length > 0 || twin.stream.results.length > 0) {
            expect(stream.results.map((r) => r.errors?.[0]?.extensions?.code), label(`${name} ${id}`)).toEqual(['NOT_FOUND']);
            expect(normalizeRefusal(stream.results, [id]), label(`${name} ${id}`)).toBe(normalizeRefusal(twin.stream.results, [twin.missing]));
          }
        }
        for (const [name, stream] of Object.entries(open)) {
          await stream.stop();
          const seen = [...stream.results.map((r) => r.data), ...stream.results.flatMap((r) => r.errors ?? [])];
          expect(foreignIds(index, c.principal, seen), label(`${name}: foreign IDs`)).toEqual([]);
          expect(JSON.stringify(seen), label(`${name}: the foreign events`)).not.toContain(foreignTask);
        }
        await ownerWorkspace.stop();
        await ownerSubject.stop();
      }
    }, 120_000);
  });

});
