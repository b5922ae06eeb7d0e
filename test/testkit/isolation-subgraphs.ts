import { expect } from 'vitest';
import { parse, Kind, type ConstDirectiveNode, type GraphQLSchema, type ObjectTypeDefinitionNode } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Principal } from '../../platform/auth/tokens.ts';
import { signPrincipal, principalHeaderKey, PRINCIPAL_HEADER } from '../../platform/auth/principal-header.ts';
import { subgraphSdl } from '../../platform/subgraph/sdl.ts';
import { SUBGRAPHS, schemaFileOf, type SubgraphName } from '../../subgraphs/registry.ts';
import { TEST_PRINCIPAL_KEY } from './auth.ts';
import type { TestSystem } from './system.ts';
import type { OwnershipIndex } from './isolation.ts';
import { Probe, type Case, type GraphQLResult } from './isolation-checks.ts';
import { selectionOf } from './selection.ts';

/**
 * The checks that go around the gateway, straight to each subgraph's HTTP endpoint with a signed
 * principal header: `_entities` for every entity type a subgraph resolves, and the header itself.
 */

/** An entity type a subgraph resolves (`@key` not marked `resolvable: false`): owned when it implements Node there. */
export interface Entity {
  subgraph: SubgraphName;
  type: string;
  owned: boolean;
  schema: GraphQLSchema;
}

/** `@key(fields: "id")`, unless it says `resolvable: false`. */
const isResolvableKey = (directive: ConstDirectiveNode) => directive.name.value === 'key'
  && !directive.arguments?.some((a) => a.name.value === 'resolvable' && a.value.kind === Kind.BOOLEAN && !a.value.value);

let entityCache: Entity[] | undefined;

export function entityTypes(): Entity[] {
  return (entityCache ??= SUBGRAPHS.flatMap(({ name }) => {
    const document = parse(subgraphSdl(schemaFileOf(name)));
    const schema = buildSubgraphSchema({ typeDefs: document });
    return document.definitions
      .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && !!d.directives?.some(isResolvableKey))
      .map((d) => ({ subgraph: name, type: d.name.value, owned: !!d.interfaces?.some((i) => i.name.value === 'Node'), schema }));
  }));
}

const isEmpty = (value: any): boolean =>
  value == null || (Array.isArray(value) && value.length === 0) || (Array.isArray(value?.nodes) && value.nodes.length === 0 && !value.totalCount)
  || (typeof value === 'object' && !Array.isArray(value) && countsNothing(value));

/** An aggregate (counts, not rows: no id, no nodes) that counts nothing: every number in it is 0. */
const countsNothing = (value: any): boolean =>
  !('id' in value) && !('nodes' in value) && Object.values(value).every((v: any) =>
    (typeof v === 'number' ? v === 0 : Array.isArray(v) ? v.every((x) => typeof x === 'object' && x !== null && countsNothing(x)) : typeof v === 'object' && v !== null ? countsNothing(v) : true));

export class SubgraphProbe extends Probe {
  constructor(
    sys: TestSystem,
    schema: GraphQLSchema,
    index: OwnershipIndex,
    /** Whom subgraph calls are signed for; only the suite's self-test signs for someone else. */
    private readonly signedFor: (principal: Principal) => Principal = (principal) => principal,
  ) {
    super(sys, schema, index);
  }

  private entitiesQuery(entity: Entity): string {
    const type = entity.schema.getType(entity.type)!;
    return `query($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on ${entity.type} ${selectionOf(entity.schema, type, { depth: 1, first: 3 })} } }`;
  }

  private async subgraph(url: string, body: unknown, header: string | undefined): Promise<GraphQLResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (header !== undefined) headers[PRINCIPAL_HEADER] = header;
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    const json = (await res.json()) as GraphQLResult;
    return { status: res.status, data: json.data, errors: json.errors };
  }

  private async entities(entity: Entity, ids: string[], principal: Principal): Promise<GraphQLResult> {
    const url = this.sys.system.subgraphUrls[entity.subgraph];
    const out: GraphQLResult = { status: 200, data: { _entities: [] }, errors: [] };
    for (let i = 0; i < ids.length; i += 100) {
      const representations = ids.slice(i, i + 100).map((id) => ({ __typename: entity.type, id }));
      const result = await this.subgraph(url, { query: this.entitiesQuery(entity), variables: { representations } }, signPrincipal(TEST_PRINCIPAL_KEY, this.signedFor(principal)));
      expect(result.status, `${entity.subgraph} _entities`).toBe(200);
      out.data._entities.push(...(result.data?._entities ?? representations.map(() => null)));
      out.errors!.push(...(result.errors ?? []).map((e) => ({ ...e, path: e.path && [e.path[0], Number(e.path[1]) + i, ...e.path.slice(2)] })));
    }
    if (out.errors!.length === 0) delete out.errors;
    return out;
  }

  /**
   * One entity type of one subgraph, sent every object of that type the case must not see (plus the
   * organization-wide ones a narrowed token does see): an owned type resolves each foreign one to
   * null, a type the subgraph only adds fields to keeps every added list empty for a foreign parent.
   */
  async expectEntitiesIsolated(entity: Entity, c: Case, owner: Principal) {
    const label = `${entity.subgraph} _entities ${entity.type} as ${c.name}`;
    const prefix = this.prefixOf(entity.type)!;
    const inOrg = { organizationId: c.scope.organizationId, workspaceId: null };
    const ids = (this.index.idsByPrefix.get(prefix) ?? [])
      .filter((id) => this.index.isWithin(id, inOrg) && (this.index.isForeign(c.principal, id) || !this.index.ownerOf(id)!.workspaceId));
    expect(ids.length, `${label}: parents`).toBeGreaterThan(0);
    const fields = Object.keys((entity.schema.getType(entity.type) as any).getFields()).filter((f) => f !== 'id');

    const owned = await this.entities(entity, ids, owner);
    expect(owned.errors, `${label}: as owner`).toBeUndefined();
    if (entity.owned) expect(owned.data._entities.filter((e: unknown) => !e).length, `${label}: unresolved for the owner`).toBe(0);
    else for (const f of fields) expect(owned.data._entities.some((e: any) => !isEmpty(e?.[f])), `${label}: ${entity.type}.${f} has rows for the owner`).toBe(true);

    const result = await this.entities(entity, ids, c.principal);
    this.expectNoLeak(c.principal, result, ids, label, { echo: ids });
    this.expectRefusalCodes(c, result, ['NOT_FOUND'], label);
    ids.forEach((id, i) => {
      if (!this.index.isForeign(c.principal, id)) return;
      const value = result.data._entities[i];
      if (entity.owned) expect(value, `${label}: ${id}`).toBeNull();
      else for (const f of fields) expect(isEmpty(value?.[f]), `${label}: ${entity.type}.${f} of ${id}`).toBe(true);
    });
    const twin = this.twinOf(ids, c.principal);
    await this.expectLikeMissing(result, (twinIds) => this.entities(entity, twinIds, c.principal), twin, label);
  }

  /** A subgraph answers only the gateway: any principal header that is not a fresh, genuine one is 401 with no data. */
  async expectPrincipalRequired(name: string, url: string, owner: Principal, foreignCaller: Principal) {
    const entity = entityTypes().find((e) => e.subgraph === name && e.owned)!;
    const id = this.index.idsWithin(this.prefixOf(entity.type)!, { organizationId: owner.organizationId, workspaceId: null })[0];
    const bodies = [
      { query: '{ _service { sdl } }' },
      { query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${entity.type} { id } } }`, variables: { r: [{ __typename: entity.type, id }] } },
    ];
    const valid = signPrincipal(TEST_PRINCIPAL_KEY, owner);
    const control = await this.subgraph(url, bodies[1], valid);
    expect(control.data?._entities, `${name}: a genuine principal is served`).toEqual([{ id }]);
    const [, payload, mac] = valid.split('.');
    const headers: Record<string, string | undefined> = {
      missing: undefined,
      empty: '',
      malformed: 'v1.not-a-principal',
      'signed with another key': signPrincipal(principalHeaderKey('not-the-gateway-secret-0123456789'), owner),
      'another body under this signature': `v1.${signPrincipal(TEST_PRINCIPAL_KEY, foreignCaller).split('.')[1]}.${mac}`,
      'unknown version': `v2.${payload}.${mac}`,
      expired: signPrincipal(TEST_PRINCIPAL_KEY, owner, Date.now() - 5 * 60_000),
    };
    for (const [what, header] of Object.entries(headers)) {
      for (const body of bodies) {
        const result = await this.subgraph(url, body, header);
        expect({ status: result.status, data: result.data, code: result.errors?.[0]?.extensions?.code }, `${name}, ${what} principal`)
          .toEqual({ status: 401, data: undefined, code: 'UNAUTHENTICATED' });
      }
    }
  }
}
