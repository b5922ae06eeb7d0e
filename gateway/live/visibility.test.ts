import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { getNamedType, isInterfaceType, isObjectType, isUnionType, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { createGraph } from '../graph.ts';
import { loadLimitsConfig } from '../limits/index.ts';
import { SUBGRAPHS, type SubgraphName } from '../../subgraphs/registry.ts';

/** Every type a selection under `from` can reach. */
function reachable(schema: GraphQLSchema, from: string): Set<string> {
  const seen = new Set<string>();
  const visit = (type: GraphQLNamedType) => {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    if (isUnionType(type)) type.getTypes().forEach(visit);
    if (isInterfaceType(type)) schema.getPossibleTypes(type).forEach(visit);
    if (isObjectType(type) || isInterfaceType(type)) for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
  };
  visit(schema.getType(from)!);
  return seen;
}

/** Source files of the subgraphs, without tests and generated code. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

/**
 * Live activity groups subscribers by selection and visibility (organization, narrowed workspace),
 * not by role or acting user, and reads each audience's events as a viewer (gateway/live/feed.ts).
 * That holds only while nothing an `activity` selection can reach reads differently by role or
 * actor. These tests are that proof, and fail when it stops holding.
 */
describe('what decides the events an activity subscriber reads', () => {
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, 'http://127.0.0.1:9/graphql'])) as Record<SubgraphName, string>;
  const graph = createGraph({ subgraphUrls, principalKey: Buffer.alloc(32), production: false, limits: loadLimitsConfig({}) });
  afterAll(() => graph.runtime.dispose());

  it('reads that depend on the role or the actor are few, known, and all on types an event cannot reach', async () => {
    const root = path.resolve(import.meta.dirname, '../../subgraphs');
    // Reads (not commands, which write) that look at the principal's role or identity.
    const principalReads = sources(root)
      .filter((file) => !/commands\.ts$/.test(file))
      .filter((file) => /requireCapability\(|\bcan\(ctx\.principal|principal\.(role|actorId|actorType)\b|ctx\.principal\b/.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file))
      .filter((file) => !file.startsWith('kit/'))
      .sort();
    // Each reads for one type: API keys (admins only), the viewer (who is calling), audit entries
    // and webhooks (owners and admins manage them).
    expect(principalReads).toEqual([
      'audit-logs/record.ts', 'audit-logs/resolvers/AuditLog.ts', 'audit-logs/resolvers/Query.ts',
      'organizations/loaders.ts', 'organizations/resolvers/Query.ts', 'organizations/resolvers/Viewer.ts',
      'webhooks/resolvers/Query.ts', 'webhooks/resolvers/Webhook.ts',
    ]);

    const schema = (await graph.runtime.getSchema()) as GraphQLSchema;
    const types = reachable(schema, 'EventEdge');
    expect(types).toContain('Task');
    expect(types).toContain('Organization');
    for (const gated of ['ApiKey', 'Viewer', 'AuditLog', 'Webhook', 'WebhookDelivery', 'Query', 'Mutation']) expect(types, `${gated} is reachable from an event`).not.toContain(gated);
  });
});
