import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, otherTenant } from './testkit/auth.ts';
import { Subscriber } from './testkit/isolation-subscriptions.ts';
import { DEMO } from '../seed/demo.ts';
import type { Principal } from '../platform/auth/tokens.ts';

/**
 * Live activity executes each event once per audience of identical subscribers (gateway/live/):
 * the isolation suite's probe that an audience never mixes visibilities. Subscribers of two
 * organizations and of a token narrowed to one workspace send the very same document; what the
 * events read beyond themselves (the organization's workspaces) differs by visibility, so a shared
 * execution would show. Roles read alike: an admin and a viewer of one organization share theirs.
 */
const ACTIVITY = `subscription Audience($after: String) {
  activity(after: $after) {
    cursor
    node { id type workspace { id } organization { id workspaces(first: 50) { nodes { id } } } subject { __typename ... on Node { id } } }
  }
}`;

describeEngines('isolation: a live activity audience never mixes visibilities', (ctx) => {
  let sys: TestSystem;
  let subscriber: Subscriber;
  const other: Principal = otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId);
  beforeAll(async () => {
    sys = await startTestSystem(ctx.database, principals.apexAdmin);
    subscriber = new Subscriber(sys);
  });
  afterAll(async () => {
    await subscriber?.dispose();
    await sys?.close();
  });

  const createTask = async (principal: Principal, serviceLineId: string, title: string): Promise<string> => {
    const res = await sys.graphql('mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }', { input: { serviceLineId, title } }, principal);
    expect(res.errors).toBeUndefined();
    return res.data.createTask.id;
  };
  const workspacesOf = async (principal: Principal): Promise<string[]> => {
    const res = await sys.graphql('{ workspaces(first: 50) { nodes { id } } }', {}, principal);
    return res.data.workspaces.nodes.map((n: { id: string }) => n.id);
  };
  const latestCursor = async (principal: Principal): Promise<string> => (await sys.graphql('{ events(first: 1) { edges { cursor } } }', {}, principal)).data.events.edges[0].cursor;

  it('executes an event separately for each visibility, and once for every role of one', async () => {
    // The admin first: a shared execution would read as the first subscriber of the audience.
    const admin = await subscriber.subscribe(principals.apexAdmin, { after: await latestCursor(principals.apexAdmin) }, ACTIVITY);
    const narrowed = await subscriber.subscribe(principals.apexPayments, { after: await latestCursor(principals.apexPayments) }, ACTIVITY);
    const theirs = await subscriber.subscribe(other, { after: await latestCursor(other) }, ACTIVITY);
    const viewer = await subscriber.subscribe(principals.apexViewer, { after: await latestCursor(principals.apexViewer) }, ACTIVITY);

    const dataLine = (await sys.graphql('{ serviceLines(workspaceId: "WS-26-000022", first: 1) { nodes { id } } }')).data.serviceLines.nodes[0].id;
    const inData = await createTask(principals.apexAdmin, dataLine, 'Only for the whole organization');
    const otherLine = (await sys.graphql('{ serviceLines(first: 1) { nodes { id } } }', {}, other)).data.serviceLines.nodes[0].id;
    const foreign = await createTask(other, otherLine, 'Only for the other organization');
    const inPayments = await createTask(principals.apexAdmin, DEMO.serviceLineId, 'For every visibility of the organization');

    const nodes = async (stream: typeof admin, n: number) => (await stream.take(n)).map((r) => {
      expect(r.errors).toBeUndefined();
      return r.data.activity.node;
    });
    const [adminFirst, adminSecond] = await nodes(admin, 2);
    const [narrowedFirst] = await nodes(narrowed, 1);
    const [theirFirst] = await nodes(theirs, 1);
    const viewerNodes = await nodes(viewer, 2);

    expect(adminFirst.subject.id).toBe(inData);
    expect(adminSecond.subject.id).toBe(inPayments);
    expect(adminSecond.organization.workspaces.nodes.map((n: { id: string }) => n.id)).toEqual(await workspacesOf(principals.apexAdmin));
    // The narrowed token: only its workspace's event, and only its workspace read through it.
    expect(narrowedFirst.subject.id).toBe(inPayments);
    expect(narrowedFirst.organization.workspaces.nodes.map((n: { id: string }) => n.id)).toEqual([DEMO.workspaceId]);
    expect(theirFirst.subject.id).toBe(foreign);
    expect(theirFirst.organization.workspaces.nodes.map((n: { id: string }) => n.id)).toEqual(await workspacesOf(other));
    // Roles read alike: the viewer gets exactly the admin's events.
    expect(viewerNodes).toEqual([adminFirst, adminSecond]);
    expect(sys.system.feed?.audienceCount).toBe(3);
    for (const stream of [admin, narrowed, theirs, viewer]) await stream.stop();
  });
});
