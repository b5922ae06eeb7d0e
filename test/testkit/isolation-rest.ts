import { expect } from 'vitest';
import type { Principal } from '../../platform/auth/tokens.ts';
import { encodeCursor } from '../../platform/cursor.ts';
import type { Route } from '../../gateway/rest/route.ts';
import type { JsonSchema } from '../../gateway/rest/params.ts';
import { bearer } from './auth.ts';
import type { TestSystem } from './system.ts';
import type { Case } from './isolation-checks.ts';
import { foreignIds, idsInText, platformIds, PLATFORM_ID_IN_TEXT, type OwnershipIndex, type Targets } from './isolation.ts';

/**
 * The REST half of the isolation suite: a probe plan for every /v1 route, written from the route's
 * own specs (path, query parameters, body fields), so a route added tomorrow is probed, or fails
 * the suite until the plan knows what its parameters name.
 */

/** The resource a path segment before `{id}` names. */
const RESOURCE_OF_SEGMENT: Record<string, keyof Targets> = {
  organizations: 'organization',
  workspaces: 'workspace',
  'service-lines': 'serviceLine',
  tasks: 'task',
  integrations: 'integration',
  pods: 'pod',
  tickets: 'ticket',
  incidents: 'incident',
  slas: 'sla',
  events: 'event',
  'api-keys': 'apiKey',
  users: 'user',
  projects: 'project',
  subscriptions: 'subscription',
  // GET /v1/observability/health lists assessments of Service Lines, paged by line ID.
  health: 'serviceLine',
  webhooks: 'webhook',
  deliveries: 'webhookDelivery',
};

/** Parameters and fields that carry an ID without saying its type in their schema. */
const TARGET_OF_NAME: Record<string, keyof Targets> = {
  subject_id: 'task',
  actor_id: 'user',
  submitted_by: 'user',
  // The audit trail's resource filter is aimed at an API key: the fixtures' keys have audit entries.
  resource_id: 'apiKey',
};

/**
 * Query parameters some lists are always probed with. The audit trail is read for succeeded writes:
 * a caller's refused attempts name the IDs it sent, foreign ones too (its own input, see
 * isolation.ts), so a list of them differs between a foreign ID and its twin by what the caller did.
 */
const FIXED_QUERY: Record<string, Record<string, string>> = { '/v1/audit-logs': { outcome: 'succeeded' } };

/** Valid values for required parameters that are not IDs, by JSON Schema format. */
const DATE_RANGE: Record<string, string> = { from: '2026-01-01', to: '2026-12-31' };

export interface RestAnswer {
  status: number;
  body: any;
}

/** One HTTP call to the REST shim as `principal`. */
export async function restCall(sys: TestSystem, principal: Principal, method: string, path: string, body?: unknown, accept = 'application/json'): Promise<RestAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${await bearer(principal)}`, accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${sys.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if ((res.headers.get('content-type') ?? '').startsWith(NDJSON)) {
    return { status: res.status, body: text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line)) };
  }
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (a download): compared as text.
  }
  return { status: res.status, body: json };
}

const NDJSON = 'application/x-ndjson';

const prefixOfSchema = (schema: JsonSchema): string | undefined => {
  const pattern = (schema.pattern ?? (schema.items as JsonSchema | undefined)?.pattern) as string | undefined;
  return pattern?.match(/^\^([A-Z]+)-/)?.[1];
};

/** Which target a parameter or field names: by the ID prefix of its schema, else by its name; undefined for non-IDs. */
function targetKeyOf(name: string, schema: JsonSchema, prefixes: Map<string, keyof Targets>): keyof Targets | null | undefined {
  const prefix = prefixOfSchema(schema);
  if (prefix) return prefixes.get(prefix) ?? null;
  if (name in TARGET_OF_NAME) return TARGET_OF_NAME[name];
  // An ID-like name the plan cannot aim: the route is not covered.
  return /(^id$|_id$|_ids$|_by$)/.test(name) ? null : undefined;
}

/** A valid value for a required parameter or field that names no object. */
function validValue(name: string, schema: JsonSchema): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  // A value the schema gives as an example (a webhook's url, an event type) is a valid one.
  if (Array.isArray(schema.examples)) return schema.examples[0];
  const items = schema.items as JsonSchema | undefined;
  if (schema.type === 'array' && Array.isArray(items?.examples)) return [items.examples[0]];
  if (schema.format === 'date') return DATE_RANGE[name] ?? '2026-04-01';
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(Number(schema.minimum ?? 1), 2);
    case 'boolean':
      return false;
    case 'object':
      return {};
    case 'array':
      return [];
    default:
      return 'Isolation probe';
  }
}

export interface RestProbe {
  route: Route;
  label: string;
  method: string;
  /** Path with its query string. */
  url: string;
  body?: Record<string, unknown>;
  /** Whether the request names at least one object (the read is aimed, not a plain list of the caller's own). */
  aimed: boolean;
}

export interface RestPlan {
  probes: RestProbe[];
  /** Path parameters, query parameters or body fields that name objects the plan cannot aim at. */
  uncovered: string[];
}

/**
 * The probes of one route against `foreign` targets (the caller's `own` fill the rest of a write):
 * - a read by path ID gets the foreign object's ID;
 * - a list is read plainly, and once per ID parameter with the foreign object's ID (required ID
 *   parameters always carry foreign IDs, so the owner's same request has rows);
 * - a write is aimed at a foreign path ID, and (on the caller's own object or container) smuggles
 *   a foreign ID into each ID field of its body.
 */
export function restPlan(route: Route, foreign: Targets, own: Targets): RestPlan {
  const uncovered: string[] = [];
  const prefixes = new Map<string, keyof Targets>(Object.entries(foreign).filter(([, v]) => v).map(([k, v]) => [String(v).split('-')[0], k as keyof Targets]));
  const segments = route.path.split('/');
  const pathParams = segments.flatMap((s, i) => (/^\{\w+\}$/.test(s) ? [{ name: s.slice(1, -1), resource: RESOURCE_OF_SEGMENT[segments[i - 1]] }] : []));
  for (const p of pathParams) if (!p.resource) uncovered.push(`path {${p.name}} after /${segments[segments.indexOf(`{${p.name}}`) - 1]}`);
  const fillPath = (targets: Targets) => pathParams.reduce((path, p) => path.replace(`{${p.name}}`, encodeURIComponent(String(targets[p.resource!] ?? 'MISSING'))), route.path);

  const query = Object.entries(route.query ?? {}).map(([name, spec]) => ({ name, spec, target: targetKeyOf(name, spec.schema, prefixes) }));
  const body = Object.entries(route.body ?? {}).map(([name, spec]) => ({ name, spec, target: targetKeyOf(name, spec.schema, prefixes) }));
  for (const p of [...query, ...body]) if (p.target === null) uncovered.push(`${p.name} (${JSON.stringify(p.spec.schema)})`);
  if (uncovered.length > 0) return { probes: [], uncovered };

  const valueOf = (name: string, schema: JsonSchema, key: keyof Targets, targets: Targets) =>
    schema.type === 'array' ? [targets[key]] : targets[key];
  const probes: RestProbe[] = [];

  if (route.method === 'GET') {
    const required: Record<string, string> = { ...FIXED_QUERY[route.path] };
    for (const p of query) {
      if (!p.spec.required) continue;
      required[p.name] = String(p.target ? foreign[p.target] : validValue(p.name, p.spec.schema));
    }
    if (query.some((p) => p.name === 'limit')) required.limit = '100';
    const url = (path: string, params: Record<string, string>) => {
      const search = new URLSearchParams(params).toString();
      return search ? `${path}?${search}` : path;
    };
    const head = `${route.method} ${route.path}`;
    if (pathParams.length > 0) {
      probes.push({ route, label: `${head} by a foreign ID`, method: 'GET', url: url(fillPath(foreign), required), aimed: true });
    } else {
      const requiredIds = query.filter((p) => p.spec.required && p.target);
      probes.push({ route, label: `${head}${requiredIds.length ? ` with ${requiredIds.map((p) => p.name).join(', ')} foreign` : ''}`, method: 'GET', url: url(route.path, required), aimed: requiredIds.length > 0 });
      // Each ID filter alone, and (for a list that wants its workspace named) inside the foreign workspace.
      const anchor = query.find((q) => q.name === 'workspace_id' && q.target && !q.spec.required);
      for (const p of query.filter((q) => q.target && !q.spec.required)) {
        probes.push({ route, label: `${head}?${p.name}=foreign`, method: 'GET', url: url(route.path, { ...required, [p.name]: String(foreign[p.target!]) }), aimed: true });
        if (anchor && anchor !== p) {
          const params = { ...required, [anchor.name]: String(foreign[anchor.target!]), [p.name]: String(foreign[p.target!]) };
          probes.push({ route, label: `${head}?${anchor.name}=foreign&${p.name}=foreign`, method: 'GET', url: url(route.path, params), aimed: true });
        }
      }
    }
    return { probes, uncovered };
  }

  /** A body with every required field valid: required ID fields name the caller's own objects. */
  const baseBody = (): Record<string, unknown> => Object.fromEntries(body.filter((p) => p.spec.required)
    .map((p) => [p.name, p.target ? valueOf(p.name, p.spec.schema, p.target, own) : validValue(p.name, p.spec.schema)]));
  const head = `${route.method} ${route.path}`;
  const withBody = (b: Record<string, unknown>) => (route.body ? { body: b } : {});
  if (pathParams.length > 0) {
    // A patch must change something, or it is refused for that before the ID is looked at.
    const b = baseBody();
    const change = body.find((p) => !p.target && !p.spec.required && p.spec.schema.type === 'string' && !p.spec.schema.enum);
    if (route.method === 'PATCH' && Object.keys(b).length === 0 && change) b[change.name] = validValue(change.name, change.spec.schema);
    probes.push({ route, label: `${head} on a foreign ID`, method: route.method, url: fillPath(foreign), aimed: true, ...withBody(b) });
  }
  /**
   * The container the caller's own write goes to: its own service line (which implies the
   * workspace), else its own workspace; none when the foreign field is the workspace itself.
   */
  const anchorOf = (field: string) => (field === 'workspace_id' ? undefined
    : body.find((p) => p.name === 'service_line_id' && p.name !== field && p.target) ?? body.find((p) => p.name === 'workspace_id' && p.target));
  for (const p of body.filter((q) => q.target)) {
    const b = baseBody();
    const anchor = anchorOf(p.name);
    if (anchor) b[anchor.name] = valueOf(anchor.name, anchor.spec.schema, anchor.target!, own);
    b[p.name] = valueOf(p.name, p.spec.schema, p.target!, foreign);
    probes.push({ route, label: `${head}${pathParams.length ? ' on an own ID' : ''} with ${p.name} foreign`, method: route.method, url: fillPath(own), aimed: true, body: b });
  }
  return { probes, uncovered };
}

const sentIds = (probe: { url: string; body?: unknown }) => [...new Set([...(probe.url.match(PLATFORM_ID_IN_TEXT) ?? []), ...platformIds(probe.body ?? null).map((f) => f.id)])];

/** The same request with each foreign ID swapped for an ID that never existed. */
export function twinOf(index: OwnershipIndex, principal: Principal, probe: RestProbe): { twin: RestProbe; foreign: string[]; missing: string[] } {
  const foreign = sentIds(probe).filter((id) => index.isForeign(principal, id));
  const missing = foreign.map((id, k) => index.missing(id.split('-')[0], k));
  const replace = (text: string) => text.replace(PLATFORM_ID_IN_TEXT, (id) => (foreign.includes(id) ? missing[foreign.indexOf(id)] : id));
  const twin = { ...probe, url: replace(probe.url), body: probe.body && JSON.parse(replace(JSON.stringify(probe.body))) };
  return { twin, foreign, missing };
}

/** An answer with the given IDs replaced by their position, so a foreign ID and its missing twin read the same. */
export function normalizeAnswer(answer: RestAnswer, ids: string[]): string {
  const text = JSON.stringify({ status: answer.status, body: answer.body });
  return text.replace(PLATFORM_ID_IN_TEXT, (id) => (ids.includes(id) ? `<id ${ids.indexOf(id)}>` : id));
}

/** No ID the caller must not see: none in the data, none in an error message but those it sent. */
export function expectNoRestLeak(index: OwnershipIndex, principal: Principal, answer: RestAnswer, sent: string[], label: string) {
  const error = answer.body?.error;
  const leaks = error
    ? idsInText(JSON.stringify(answer.body)).filter((id) => !sent.includes(id) && index.isForeign(principal, id))
    : foreignIds(index, principal, answer.body).map((l) => `${l.id} at ${l.path} (owned by ${l.owner.organizationId}/${l.owner.workspaceId ?? '-'})`);
  expect(leaks.slice(0, 20), `${label}: leaked IDs`).toEqual([]);
}

const isEmptyData = (data: unknown) => data == null || (Array.isArray(data) && data.length === 0);

export class RestProbeRunner {
  constructor(private readonly sys: TestSystem, private readonly index: OwnershipIndex) {}

  send(principal: Principal, probe: { method: string; url: string; body?: unknown }, accept?: string): Promise<RestAnswer> {
    return restCall(this.sys, principal, probe.method, probe.url, probe.body, accept);
  }

  /**
   * The same list streamed as NDJSON (every page, one item a line): nothing foreign, and exactly as
   * for IDs that never existed. Positive control: the owner's stream has items when its JSON page had.
   */
  async expectStreamIsolated(owner: Principal, c: Case, probe: RestProbe, ownerAnswer: RestAnswer) {
    if (probe.route.path.includes('{') || ownerAnswer.status !== 200 || !Array.isArray(ownerAnswer.body?.data)) return;
    const label = `${probe.label} (${probe.url}) as NDJSON`;
    const owned = await this.send(owner, probe, NDJSON);
    expect(owned.status, `${label} as owner`).toBe(200);
    expect(owned.body.length, `${label} as owner: items`).toBeGreaterThanOrEqual(ownerAnswer.body.data.length);
    const answer = await this.send(c.principal, probe, NDJSON);
    expectNoRestLeak(this.index, c.principal, answer, sentIds(probe), `${label} as ${c.name}`);
    const { twin, foreign, missing } = twinOf(this.index, c.principal, probe);
    if (foreign.length === 0) return;
    const twinAnswer = await this.send(c.principal, twin, NDJSON);
    expect(normalizeAnswer(answer, foreign), `${label} as ${c.name}: differs from an ID that never existed`).toBe(normalizeAnswer(twinAnswer, missing));
  }

  /**
   * Positive control: the owner's same request answers 200 with data, and an aimed one shows
   * objects inside the case's target scope, so a route that answers nothing for anyone fails.
   */
  async expectOwnerReads(owner: Principal, c: Case, probe: RestProbe): Promise<RestAnswer> {
    const label = `${probe.label} (${probe.url}) as owner`;
    const answer = await this.send(owner, probe);
    // A list that needs a filter (GET /v1/tasks wants workspace_id or service_line_id) refuses a read without it for everyone.
    if (answer.status === 400 && answer.body?.error?.code === 'bad_request') return answer;
    expect(answer.status, `${label}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(200);
    expect(isEmptyData(answer.body?.data), `${label}: data`).toBe(false);
    if (twinOf(this.index, c.principal, probe).foreign.length > 0) {
      const inside = platformIds(answer.body.data).filter(({ id }) => this.index.isWithin(id, c.scope));
      expect(inside.length, `${label}: IDs inside ${c.name}'s target`).toBeGreaterThan(0);
    }
    return answer;
  }

  /** A read as `c.principal`: aimed at foreign objects it reads exactly as for IDs that never existed; it never shows a foreign ID. */
  async expectReadIsolated(c: Case, probe: RestProbe, ownerAnswer: RestAnswer) {
    const label = `${probe.label} (${probe.url}) as ${c.name}`;
    const answer = await this.send(c.principal, probe);
    if (ownerAnswer.status === 400) {
      expect(answer, `${label}: refused as it is for the owner`).toEqual(ownerAnswer);
      return answer;
    }
    const { twin, foreign, missing } = twinOf(this.index, c.principal, probe);
    expectNoRestLeak(this.index, c.principal, answer, sentIds(probe), label);
    const refusals = c.roleRefusals ? [403] : [];
    if (foreign.length === 0) {
      expect([200, ...refusals], `${label}: status ${JSON.stringify(answer.body).slice(0, 300)}`).toContain(answer.status);
      return answer;
    }
    const isLookup = probe.route.path.includes('{');
    expect(isLookup ? [404, ...refusals] : [200, 404, ...refusals], `${label}: status ${JSON.stringify(answer.body).slice(0, 300)}`).toContain(answer.status);
    if (answer.status === 404) expect(answer.body?.error?.code, label).toBe('not_found');
    if (answer.status === 403) expect(answer.body?.error?.code, label).toBe('forbidden');
    if (answer.status === 200) expect(foreignIds(this.index, c.principal, answer.body), label).toEqual([]);
    const twinAnswer = await this.send(c.principal, twin);
    expect(normalizeAnswer(answer, foreign), `${label}: differs from an ID that never existed`).toBe(normalizeAnswer(twinAnswer, missing));
    return answer;
  }

  /** A write as `c.principal` naming foreign objects: refused as not found or unprocessable, like a missing ID. Undefined when it names none. */
  async expectWriteRefused(c: Case, probe: RestProbe): Promise<RestAnswer | undefined> {
    const { twin, foreign, missing } = twinOf(this.index, c.principal, probe);
    if (foreign.length === 0) return undefined;
    const label = `${probe.label} (${probe.method} ${probe.url} ${JSON.stringify(probe.body ?? null)}) as ${c.name}`;
    const answer = await this.send(c.principal, probe);
    const allowed = c.roleRefusals ? [404, 422, 403] : [404, 422];
    expect(allowed, `${label}: status ${JSON.stringify(answer.body)}`).toContain(answer.status);
    const codes: Record<number, string> = { 404: 'not_found', 422: 'unprocessable', 403: 'forbidden' };
    expect(answer.body?.error?.code, label).toBe(codes[answer.status]);
    // Aimed at a foreign path ID, the object is not found; a 422 must be about a field that carries
    // a foreign ID (not some other fault of the probe's body, which would prove nothing).
    const pathForeign = (probe.url.match(PLATFORM_ID_IN_TEXT) ?? []).some((id) => foreign.includes(id));
    if (pathForeign) expect(c.roleRefusals ? [404, 403] : [404], `${label}: status`).toContain(answer.status);
    if (answer.status === 422) {
      const fields = Object.entries(probe.body ?? {}).filter(([, v]) => platformIds(v).some(({ id }) => foreign.includes(id))).map(([name]) => name);
      expect(fields.some((name) => new RegExp(`\\b${name}\\b`).test(answer.body.error.message)), `${label}: the 422 names a field carrying a foreign ID (${fields.join(', ')})`).toBe(true);
    }
    expectNoRestLeak(this.index, c.principal, answer, sentIds(probe), label);
    const twinAnswer = await this.send(c.principal, twin);
    expect(normalizeAnswer(answer, foreign), `${label}: differs from an ID that never existed`).toBe(normalizeAnswer(twinAnswer, missing));
    return answer;
  }
}

export interface RestCursorProbe {
  label: string;
  /** The caller's own list, after the cursor of a foreign row ... */
  url: string;
  /** ... and after the cursor of the adjacent ID that names no row. */
  twinUrl: string;
  key: string;
}

/**
 * A list's `cursor` is an ID the caller chose: naming another tenant's row, it must page exactly as
 * a cursor naming no row (the adjacent nonexistent ID). The list is the caller's own (required ID
 * parameters name its own objects); the row is the foreign object the route's path names.
 */
export function restCursorProbe(route: Route, own: Targets, foreign: Targets): RestCursorProbe | undefined {
  if (route.method !== 'GET' || route.path.includes('{') || !route.query?.cursor) return undefined;
  const resource = RESOURCE_OF_SEGMENT[route.path.split('/').at(-1)!];
  const key = resource && foreign[resource];
  if (!key) return undefined;
  const prefixes = new Map<string, keyof Targets>(Object.entries(own).filter(([, v]) => v).map(([k, v]) => [String(v).split('-')[0], k as keyof Targets]));
  const params: Record<string, string> = { limit: '10' };
  for (const [name, spec] of Object.entries(route.query)) {
    if (!spec.required) continue;
    const target = targetKeyOf(name, spec.schema, prefixes);
    params[name] = String(target ? own[target] : validValue(name, spec.schema));
  }
  // A list that wants its workspace named reads the caller's own.
  if (route.query.workspace_id) params.workspace_id = own.workspace;
  // A list read as of a `to` that defaults to now (health) is read at one fixed instant, so the
  // answer and its twin, a moment apart, are the same reading.
  if (route.query.to) params.to = '2026-04-15T09:45:00Z';
  const at = (k: string) => `${route.path}?${new URLSearchParams({ ...params, cursor: encodeCursor(k) })}`;
  return { label: `${route.method} ${route.path} after the cursor of ${key}`, url: at(key), twinUrl: at(`${key}0`), key };
}
