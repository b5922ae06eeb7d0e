import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db.ts';
import { mintToken, type Principal, type SigningKey } from '../../platform/auth/tokens.ts';
import type { EventInput } from '../../platform/event-log.ts';
import { typeMatches } from '../../subgraphs/events/public.ts';
import { DEMO } from '../../seed/demo.ts';

const BARE = `subscription Fanout($types: [String!], $workspaceId: ID) { activity(types: $types, workspaceId: $workspaceId) { cursor node { id type } } }`;
const WITH_SUBJECT = `subscription FanoutSubject($types: [String!], $workspaceId: ID) { activity(types: $types, workspaceId: $workspaceId) { cursor node { id type subject { __typename ... on Task { title } } } } }`;
export const QUERIES = [BARE, WITH_SUBJECT];

/** What subscriber i sends (`query` indexes QUERIES), with which token, and the events it is owed. */
export interface SubscriberSpec {
  query: number;
  variables: { types?: string[]; workspaceId?: string };
  token: number;
  /** The events it gets: its filter, with the workspace a narrowed token holds it to. */
  filter: { types?: string[]; workspaceId?: string };
  subject: boolean;
  /** The variant's name, for the report. */
  name: string;
}

export interface Shape {
  name: string;
  /** One line for the table's title. */
  description: string;
  tokens: string[];
  subscriber(i: number): SubscriberSpec;
  /** The writer's n-th event. */
  event(n: number): EventInput;
  /** Events that, written together, reach every subscriber: it is live once it has one. */
  probe(): EventInput[];
}

export function matches(filter: SubscriberSpec['filter'], event: { type: string; workspaceId: string | null }): boolean {
  if (filter.workspaceId && event.workspaceId !== filter.workspaceId) return false;
  return typeMatches(filter.types, event.type);
}

/** Distinct users the subscribers of the issue's shape are spread over. */
const PRINCIPALS = 100;
/** Every n-th subscriber of the issue's shape also selects the event's subject. */
export const SUBJECT_EVERY = 20;
const WORKSPACE = DEMO.workspaceId;

const taskEvent = (workspaceId: string, taskId: string, actorId: string, n: number): EventInput => ({
  type: 'task.status_changed', organizationId: DEMO.organizationId, workspaceId, actor: { type: 'user', id: actorId }, subject: { type: 'task', id: taskId }, payload: { from: 'in_progress', to: 'in_review', n },
});

/**
 * The issue's shape: a third of the subscribers unfiltered, a third `types: ["task."]`, a third one
 * workspace, every 20th selecting the subject; over 100 users of the demo organization. Events
 * alternate between a task event in that workspace and an organization-wide one.
 */
export async function issueShape(database: Database, key: SigningKey): Promise<Shape> {
  const users = await principals(database);
  const tokens = await Promise.all(users.map((p) => mintToken(key, p, { expiresIn: '2h' })));
  return {
    name: 'issue',
    description: `the issue's: a third each unfiltered, types ["task."], workspace ${WORKSPACE}; every ${SUBJECT_EVERY}th selects the subject; ${PRINCIPALS} users; events alternate a task event in ${WORKSPACE} and an organization-wide one`,
    tokens,
    subscriber(i) {
      const token = i % tokens.length;
      if (i % SUBJECT_EVERY === 0) return { query: 1, variables: { types: ['task.'] }, token, filter: { types: ['task.'] }, subject: true, name: "types ['task.'] + subject" };
      if (i % 3 === 0) return { query: 0, variables: {}, token, filter: {}, subject: false, name: 'all' };
      if (i % 3 === 1) return { query: 0, variables: { types: ['task.'] }, token, filter: { types: ['task.'] }, subject: false, name: "types ['task.']" };
      return { query: 0, variables: { workspaceId: WORKSPACE }, token, filter: { workspaceId: WORKSPACE }, subject: false, name: `workspace ${WORKSPACE}` };
    },
    event(n) {
      if (n % 2 === 0) return taskEvent(WORKSPACE, DEMO.taskId, users[n % users.length].actorId, n);
      return { type: 'capacity.utilisation_warning', organizationId: DEMO.organizationId, workspaceId: null, actor: { type: 'system', id: null }, subject: { type: 'service_line', id: DEMO.serviceLineId }, payload: { utilisation: 0.92, n } };
    },
    probe: () => [taskEvent(WORKSPACE, DEMO.taskId, users[0].actorId, -1)],
  };
}

/**
 * The spread shape: subscribers spread evenly over `count` workspaces of the demo organization, each
 * with a token narrowed to its workspace (`narrowed`: an audience per workspace) or the organization's
 * token filtering on it (`organization`: one audience); every one selects the subject (`subject`), or
 * only the event's own columns (`row`: nothing is executed, the events are made from their rows, so
 * the round costs everything but the execution); events are task events spread round-robin over the
 * workspaces, each about a task of its workspace.
 */
export async function spreadShape(database: Database, key: SigningKey, count: number, tokensOf: 'narrowed' | 'organization', selection: 'subject' | 'row' = 'subject'): Promise<Shape> {
  const places = await spreadWorkspaces(database, count);
  const users = await principals(database);
  const tokens = await Promise.all(
    tokensOf === 'narrowed'
      ? places.map((p, i) => mintToken(key, { ...users[i % users.length], workspaceId: p.workspaceId }, { expiresIn: '2h' }))
      : [mintToken(key, users[0], { expiresIn: '2h' })],
  );
  const subject = selection === 'subject';
  return {
    name: `spread ${tokensOf}${subject ? '' : ' row'}`,
    description: `spread${subject ? '' : ' row'}: over ${count} workspaces, every subscriber selects ${subject ? 'the subject' : 'the event\'s own columns only (nothing executed)'}, ${tokensOf === 'narrowed' ? 'with a token narrowed to its workspace' : 'with an organization token and workspaceId'}; task events round-robin over the workspaces`,
    tokens,
    subscriber(i) {
      const w = i % places.length;
      const workspaceId = places[w].workspaceId;
      const query = subject ? 1 : 0;
      return tokensOf === 'narrowed'
        ? { query, variables: {}, token: w, filter: { workspaceId }, subject, name: subject ? 'narrowed + subject' : 'narrowed' }
        : { query, variables: { workspaceId }, token: 0, filter: { workspaceId }, subject, name: subject ? 'workspaceId + subject' : 'workspaceId' };
    },
    event: (n) => taskEvent(places[n % places.length].workspaceId, places[n % places.length].taskId, users[n % users.length].actorId, n),
    probe: () => places.map((p) => taskEvent(p.workspaceId, p.taskId, users[0].actorId, -1)),
  };
}

/** `count` workspaces of the demo organization, each with a task: the demo's own, then made ones. */
async function spreadWorkspaces(database: Database, count: number): Promise<Array<{ workspaceId: string; taskId: string }>> {
  const existing = await database.rows<{ id: string }>(sql`select id from organizations.workspaces where organization_id = ${DEMO.organizationId} order by id`);
  const made = count > existing.length
    ? await database.rows<{ id: string }>(sql`insert into organizations.workspaces (organization_id, name, slug)
        select ${DEMO.organizationId}, 'Fan-out ' || g, 'fanout-' || g from generate_series(1, ${count - existing.length}) g returning id`)
    : [];
  const ids = [...existing, ...made].slice(0, count).map((w) => w.id);
  const rows = await database.rows<{ id: string; workspace_id: string }>(sql`insert into tasks.tasks (organization_id, workspace_id, title)
    select ${DEMO.organizationId}, w, 'Fan-out task of ' || w from unnest(${`{${ids.join(',')}}`}::text[]) w returning id, workspace_id`);
  return rows.map((r) => ({ workspaceId: r.workspace_id, taskId: r.id }));
}

/** PRINCIPALS distinct users of the demo organization: its active users, plus members added to reach the number. */
async function principals(database: Database): Promise<Principal[]> {
  const existing = await database.rows<{ id: string }>(sql`select id from organizations.users where organization_id = ${DEMO.organizationId} and status = 'active' order by id`);
  const missing = PRINCIPALS - existing.length;
  if (missing > 0) {
    await database.rows(sql`insert into organizations.users (organization_id, email, name, role)
      select ${DEMO.organizationId}, 'fanout-' || g || '@bench.example', 'Fan-out reader ' || g, 'member'
      from generate_series(1, ${missing}) g on conflict do nothing`);
  }
  const users = await database.rows<{ id: string; role: Principal['role'] }>(
    sql`select id, role from organizations.users where organization_id = ${DEMO.organizationId} and status = 'active' order by id limit ${PRINCIPALS}`,
  );
  return users.map((u) => ({ organizationId: DEMO.organizationId, workspaceId: null, role: u.role, actorId: u.id, actorType: 'user' }));
}
