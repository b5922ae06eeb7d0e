import { expect } from 'vitest';
import { getNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { Principal } from '../../platform/auth/tokens.ts';
import { encodeCursor } from '../../platform/cursor.ts';
import { ID_PREFIXES, type EntityType as IdType } from '../../platform/ids.ts';
import { NODE_TYPES } from '../../subgraphs/organizations/node-index.ts';
import { DEMO } from '../../seed/demo.ts';
import { principals, otherTenant } from './auth.ts';
import type { TestSystem } from './system.ts';
import type { GraphQLResponse } from './subgraph.ts';
import {
  countMismatches, foreignIds, idsInText, platformIds, unknownIds, PLATFORM_ID, PLATFORM_ID_IN_TEXT, type OwnershipIndex, type Owner, type Targets,
} from './isolation.ts';
import { argumentsOf, documentShape, isConnection, selectionOf, type DocumentShape } from './selection.ts';

/** Who probes, and whose objects: another organization's admin, and a token narrowed to one workspace. */
export interface Case {
  name: string;
  principal: Principal;
  /** The objects it must never see: a whole organization, or one workspace of it. */
  scope: Owner;
  /** Where the probes' target objects are picked, and where the caller's own objects are. */
  targetWorkspace: string;
  ownWorkspace: string;
  /** Whether the caller's role alone refuses some requests (FORBIDDEN, the same for an ID that never existed). */
  roleRefusals: boolean;
  /** Well-known objects of the target to aim at (the docs' examples). */
  wellKnown: Partial<Targets>;
}

export const CASES: Case[] = [
  {
    name: 'another organization',
    principal: otherTenant(DEMO.otherOrganizationId, DEMO.otherAdminUserId),
    scope: { organizationId: DEMO.organizationId, workspaceId: null },
    targetWorkspace: DEMO.workspaceId,
    ownWorkspace: DEMO.otherWorkspaceId,
    roleRefusals: false,
    wellKnown: { task: DEMO.taskId, pod: DEMO.podId, integration: DEMO.githubIntegrationId },
  },
  {
    name: `a token narrowed to ${DEMO.workspaceId}`,
    principal: principals.apexPayments,
    scope: { organizationId: DEMO.organizationId, workspaceId: DEMO.dataWorkspaceId },
    targetWorkspace: DEMO.dataWorkspaceId,
    ownWorkspace: DEMO.workspaceId,
    roleRefusals: true,
    wellKnown: {},
  },
];

export type GraphQLResult = GraphQLResponse & { extensions?: Record<string, unknown> };


const PREFIX_OF_TYPENAME = new Map(Object.entries(NODE_TYPES).map(([type, entry]) => [entry!.typename as string, ID_PREFIXES[type as IdType]]));

/** Kept under the gateway's default limits (gateway/limits/config.ts), so no probe is refused for its size. */
const BUDGET: DocumentShape = { tokens: 4500, depth: 14, aliases: 25, fields: 2400, nodes: 40_000 };

const withinBudget = (shape: DocumentShape) => (Object.keys(BUDGET) as Array<keyof DocumentShape>).every((k) => shape[k] <= BUDGET[k]);

const rowsOf = (value: any): number =>
  Array.isArray(value) ? value.filter(Boolean).length : Array.isArray(value?.nodes) ? value.nodes.length : value ? 1 : 0;


const codesOf = (result: GraphQLResult) => (result.errors ?? []).map((e) => e.extensions?.code as string);
const idsOf = (value: unknown) => [...new Set(platformIds(value).map((f) => f.id))];

/** Every platform ID in `text` that `replacements` names, replaced in one pass. */
function replaceIds(text: string, replacements: Map<string, string>): string {
  return text.replace(PLATFORM_ID_IN_TEXT, (id) => replacements.get(id) ?? id);
}

/**
 * Data and errors with the asked-for IDs replaced by their position: a foreign ID and its missing
 * twin must read the same. Errors are compared in path order (the order they arrive in is timing).
 */
function normalize(result: GraphQLResult, ids: string[]): string {
  const errors = (result.errors ?? []).map((e) => ({ code: e.extensions?.code, message: e.message, path: e.path }))
    .sort((a, b) => JSON.stringify(a.path ?? []).localeCompare(JSON.stringify(b.path ?? [])));
  return replaceIds(JSON.stringify({ data: result.data ?? null, errors }), new Map(ids.map((id, i) => [id, `<id ${i}>`])));
}

/** The checks every probe makes, over real HTTP to the gateway or straight to a subgraph. */
export class Probe {
  private readonly selections = new Map<string, { selection: string; bare: DocumentShape }>();

  constructor(
    protected readonly sys: TestSystem,
    protected readonly schema: GraphQLSchema,
    protected readonly index: OwnershipIndex,
  ) {}

  prefixOf(typename: string): string | undefined {
    return PREFIX_OF_TYPENAME.get(typename);
  }

  private typeOf(id: string): GraphQLObjectType {
    const typename = [...PREFIX_OF_TYPENAME].find(([, prefix]) => prefix === id.split('-')[0])![0];
    return this.schema.getType(typename) as GraphQLObjectType;
  }

  /** The connection fields of a type, each with the type of its nodes. */
  private listsOf(type: GraphQLObjectType) {
    return Object.values(type.getFields()).flatMap((field) => {
      const connection = getNamedType(field.type);
      return isConnection(connection) ? [{ field, connection, node: getNamedType(connection.getFields().nodes.type) }] : [];
    });
  }

  /** `query { field(args) { ...generous selection } }`: as deep as the gateway's token and depth limits allow. */
  rootQuery(field: string, args: Record<string, unknown>, maxDepth = 3): string {
    const query = this.schema.getQueryType()!;
    const given = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined).map(([k, v]) => [k, JSON.stringify(v)]));
    const head = `${field}${argumentsOf(query, query.getFields()[field], 10, given)}`;
    for (let depth = maxDepth; depth >= 0; depth--) {
      // Arguments only add to each measure of a document, so a selection over the budget without
      // them is over it with any: only a selection that fits bare is measured again with the head.
      const { selection, bare } = this.selectionOf(field, depth);
      if (!withinBudget(bare)) continue;
      const document = `query Probe { ${head} ${selection} }`;
      if (withinBudget(documentShape(document))) return document;
    }
    throw new Error(`no selection of Query.${field} fits the gateway's limits`);
  }

  /**
   * Query.field's selection at `depth` and the shape of the document that selects it with no
   * arguments, built once per probe: at depth 3 a Node's is some 600 kB, and rebuilding and parsing
   * it for every probed ID was most of this suite's time.
   */
  private selectionOf(field: string, depth: number): { selection: string; bare: DocumentShape } {
    const key = `${field}/${depth}`;
    let found = this.selections.get(key);
    if (!found) {
      const selection = selectionOf(this.schema, getNamedType(this.schema.getQueryType()!.getFields()[field].type), { depth, first: 3 });
      found = { selection, bare: documentShape(`query Probe { ${field} ${selection} }`) };
      this.selections.set(key, found);
    }
    return found;
  }

  /** Positive control: the owner gets at least one object, and it lies inside the probed scope. */
  expectRows(result: GraphQLResult, field: string, c: Case, label: string) {
    expect(result.errors, label).toBeUndefined();
    expect(rowsOf(result.data?.[field]), `${label}: rows`).toBeGreaterThan(0);
    expect(idsOf(result.data).filter((id) => this.index.isWithin(id, c.scope)).length, `${label}: IDs inside ${c.name}'s target`).toBeGreaterThan(0);
    expect(unknownIds(this.index, result.data, new Set()), `${label}: IDs the ownership index does not know`).toEqual([]);
  }

  /**
   * No ID in the data that the caller must not see (but the representations a subgraph echoes), none
   * in error messages but those it sent, none the index cannot judge, and no first page that counts
   * more rows than it holds.
   */
  expectNoLeak(principal: Principal, result: GraphQLResult, sent: string[], label: string, options: { echo?: string[]; firstPages?: boolean } = {}) {
    const leaks = foreignIds(this.index, principal, result.data, new Set(options.echo));
    const inMessages = (result.errors ?? []).flatMap((e) => idsInText(e.message)).filter((id) => !sent.includes(id) && this.index.isForeign(principal, id));
    const blind = unknownIds(this.index, result.data, new Set(sent));
    // Every page the suite asks for holds at least 3 rows, so a shorter first page must count exactly its rows.
    const counts = options.firstPages === false ? [] : countMismatches(result.data, 3);
    const found = { leaks: leaks.slice(0, 20).map((l) => `${l.id} at ${l.path} (owned by ${l.owner.organizationId}/${l.owner.workspaceId ?? '-'})`), leakCount: leaks.length, inMessages, blind, counts };
    expect(found, `${label}: leaked IDs`).toEqual({ leaks: [], leakCount: 0, inMessages: [], blind: [], counts: [] });
  }

  /** Refusal codes a caller may get: not found, or (when its role refuses anyway) forbidden. */
  protected expectRefusalCodes(c: Case, result: GraphQLResult, allowed: string[], label: string) {
    const permitted = c.roleRefusals ? [...allowed, 'FORBIDDEN'] : allowed;
    expect(codesOf(result).filter((code) => !permitted.includes(code)), `${label}: error codes`).toEqual([]);
  }

  /** The same request with every foreign ID swapped for one that never existed. */
  protected twinOf<T>(value: T, principal: Principal): { twin: T; foreign: string[]; missing: string[] } {
    const foreign = idsOf(value).filter((id) => this.index.isForeign(principal, id));
    const missing = foreign.map((id, k) => this.index.missing(id.split('-')[0], k));
    const twin = JSON.parse(replaceIds(JSON.stringify(value), new Map(foreign.map((id, i) => [id, missing[i]]))));
    return { twin, foreign, missing };
  }

  /** The same request with the foreign IDs swapped for missing ones reads exactly the same. */
  protected async expectLikeMissing(result: GraphQLResult, send: (twin: any) => Promise<GraphQLResult>, twinOf: { twin: unknown; foreign: string[]; missing: string[] }, label: string) {
    const twin = await send(twinOf.twin);
    expect(normalize(result, twinOf.foreign), `${label}: differs from an ID that never existed`).toBe(normalize(twin, twinOf.missing));
  }

  /** A root field as `c.principal`: aimed at foreign objects it is null/empty like a missing ID; otherwise it only shows the caller's own. */
  async expectIsolated(c: Case, field: string, args: Record<string, unknown>, label: string): Promise<GraphQLResult> {
    const result = await this.sys.graphql(this.rootQuery(field, args), {}, c.principal);
    const sent = idsOf(args);
    this.expectNoLeak(c.principal, result, sent, label);
    const type = this.schema.getQueryType()!.getFields()[field].type;
    const named = getNamedType(type);
    const value = result.data?.[field];
    const twin = this.twinOf(args, c.principal);
    if (twin.foreign.length > 0) {
      expect(rowsOf(value), `${label}: rows`).toBe(0);
      expect(value?.totalCount ?? 0, `${label}: totalCount`).toBe(0);
      this.expectRefusalCodes(c, result, ['NOT_FOUND'], label);
      if (!isConnection(named)) expect(result.errors?.length ?? 0, `${label}: a lookup says NOT_FOUND`).toBeGreaterThan(0);
      await this.expectLikeMissing(result, (a) => this.sys.graphql(this.rootQuery(field, a), {}, c.principal), twin, label);
    } else {
      this.expectRefusalCodes(c, result, [], label);
      const prefix = isConnection(named) ? this.prefixOf(getNamedType(named.getFields().nodes.type).name) : undefined;
      if (prefix && typeof value?.totalCount === 'number') {
        const visible = (this.index.idsByPrefix.get(prefix) ?? []).filter((id) => !this.index.isForeign(c.principal, id)).length;
        expect(value.totalCount, `${label}: totalCount counts only what the caller may see`).toBeLessThanOrEqual(visible);
      }
    }
    return result;
  }

  /**
   * An aggregate (counts, sums, series) aimed at foreign objects counts nothing: it reads exactly as
   * for IDs that never existed. Positive control: for the owner the same arguments count something.
   */
  async expectAggregateIsolated(c: Case, field: string, args: Record<string, unknown>, owner: Principal, label: string): Promise<void> {
    const send = (a: Record<string, unknown>, p: Principal) => this.sys.graphql(this.rootQuery(field, a), {}, p);
    const result = await send(args, c.principal);
    expect(result.errors, label).toBeUndefined();
    this.expectNoLeak(c.principal, result, idsOf(args), label);
    const twin = this.twinOf(args, c.principal);
    if (twin.foreign.length === 0) return;
    await this.expectLikeMissing(result, (a) => send(a, c.principal), twin, label);
    const owned = await send(args, owner);
    const ownedTwin = await send(twin.twin as Record<string, unknown>, owner);
    expect(owned.errors, `${label} as owner`).toBeUndefined();
    expect(JSON.stringify(owned.data), `${label}: the owner counts something`).not.toBe(JSON.stringify(ownedTwin.data));
  }

  /**
   * A cursor is an ID the caller chose: naming another tenant's row, it must page exactly as a
   * cursor naming no row does (the adjacent, nonexistent ID, so ID-ordered lists land in the same place).
   */
  async expectCursorIsolated(c: Case, field: string, args: Record<string, unknown>, typename: string, key: string, direction: 'after' | 'before') {
    const twinKey = PLATFORM_ID.test(key) ? `${key}0` : '999999999';
    const page = direction === 'after' ? { first: 10 } : { last: 10 };
    const send = (k: string) => this.sys.graphql(this.rootQuery(field, { ...args, ...page, [direction]: encodeCursor(k) }, 0), {}, c.principal);
    const owner = this.index.ownerOfCursorKey(typename, key);
    const label = `${field}(${JSON.stringify(args)}, ${direction}: cursor of ${typename} ${key} owned by ${owner?.organizationId}/${owner?.workspaceId ?? '-'}) as ${c.name}`;
    const result = await send(key);
    this.expectNoLeak(c.principal, result, [...idsOf(args), key], label, { firstPages: false });
    // Soft: one leaking list must not hide the others from the report.
    expect.soft(normalize(result, [key]), `${label}: pages unlike a cursor naming no row`).toBe(normalize(await send(twinKey), [twinKey]));
  }

  /**
   * The same for the lists under an object the caller may see (Pod.slaReports, Workspace.tasks ...),
   * one list per request: an error in one must not null the others. Returns how many were probed;
   * a list that is empty for the caller pages the same from anywhere, so it is left out.
   */
  async expectNestedCursorsIsolated(c: Case, id: string): Promise<number> {
    const type = this.typeOf(id);
    const lists = this.listsOf(type);
    if (lists.length === 0) return 0;
    const plain = await this.sys.graphql(`query { node(id: ${JSON.stringify(id)}) { ... on ${type.name} { ${lists.map((l) => `${l.field.name}${argumentsOf(type, l.field, 10)} { nodes { __typename } }`).join(' ')} } } }`, {}, c.principal);
    let probed = 0;
    for (const { field, node } of lists) {
      const keys = this.index.cursorKeysWithin(node.name, this.prefixOf(node.name), c.scope);
      if (!plain.data?.node?.[field.name]?.nodes?.length || keys.length === 0) continue;
      const key = keys[keys.length - 1];
      const twinKey = PLATFORM_ID.test(key) ? `${key}0` : '999999999';
      const send = (k: string) => this.sys.graphql(`query { node(id: ${JSON.stringify(id)}) { ... on ${type.name} { ${field.name}${argumentsOf(type, field, 10, { after: JSON.stringify(encodeCursor(k)) })} { nodes ${selectionOf(this.schema, node, { depth: -1, first: 10 })} } } } }`, {}, c.principal);
      const owner = this.index.ownerOfCursorKey(node.name, key);
      const label = `${type.name}.${field.name} of ${id}(after: cursor of ${node.name} ${key} owned by ${owner?.organizationId}/${owner?.workspaceId ?? '-'}) as ${c.name}`;
      const result = await send(key);
      this.expectNoLeak(c.principal, result, [id, key], label, { firstPages: false });
      expect.soft(normalize(result, [key]), `${label}: pages unlike a cursor naming no row`).toBe(normalize(await send(twinKey), [twinKey]));
      probed++;
    }
    return probed;
  }

  /** Every counted list under an object the caller may see, in pages of 100: each total is the rows it returns. */
  async expectCountsHonest(c: Case, id: string) {
    const type = this.typeOf(id);
    const lists = this.listsOf(type).filter((l) => 'totalCount' in l.connection.getFields())
      .map((l) => `${l.field.name}${argumentsOf(type, l.field, 100)} { totalCount nodes ${selectionOf(this.schema, l.node, { depth: -1, first: 100 })} }`);
    if (lists.length === 0) return 0;
    const result = await this.sys.graphql(`query Counts { node(id: ${JSON.stringify(id)}) { id ... on ${type.name} { ${lists.join(' ')} } } }`, {}, c.principal);
    const label = `counts under ${id} as ${c.name}`;
    expect(result.errors, label).toBeUndefined();
    expect(result.data.node?.id, label).toBe(id);
    this.expectNoLeak(c.principal, result, [id], label);
    expect(countMismatches(result.data, 100), `${label}: totals`).toEqual([]);
    return lists.length;
  }

  /** A mutation as `c.principal` naming objects it must not see: refused like a missing ID. Undefined when it names none. */
  async expectWriteRefused(c: Case, field: string, variables: Record<string, unknown>): Promise<GraphQLResult | undefined> {
    const twin = this.twinOf(variables, c.principal);
    if (twin.foreign.length === 0) return undefined;
    const mutation = this.schema.getMutationType()!.getFields()[field];
    const declared = mutation.args.filter((a) => a.name in variables);
    const selection = selectionOf(this.schema, getNamedType(mutation.type), { depth: 0, first: 3 });
    const document = `mutation Probe(${declared.map((a) => `$${a.name}: ${a.type}`).join(', ')}) { ${field}(${declared.map((a) => `${a.name}: $${a.name}`).join(', ')}) ${selection} }`;
    const label = `${field}(${JSON.stringify(variables)}) as ${c.name}`;
    const result = await this.sys.graphql(document, variables, c.principal);
    expect(result.data?.[field] ?? null, `${label}: must not succeed`).toBeNull();
    expect(result.errors?.length ?? 0, `${label}: refused`).toBeGreaterThan(0);
    this.expectRefusalCodes(c, result, ['NOT_FOUND', 'UNPROCESSABLE'], label);
    this.expectNoLeak(c.principal, result, idsOf(variables), label);
    await this.expectLikeMissing(result, (v) => this.sys.graphql(document, v, c.principal), twin, label);
    return result;
  }
}
