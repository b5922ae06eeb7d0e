import fs from 'node:fs';
import { stripIgnoredCharacters } from 'graphql';

/**
 * Trusted documents: the operations an app was built with, by ID, read from the manifests its
 * build writes. Two formats, told apart by their shape:
 *
 * - GraphQL Code Generator's client preset (`persistedDocuments: true`): `{ "<hash>": "<document>" }`;
 * - Apollo's `generate-persisted-query-manifest`:
 *   `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "body", "name", "type" }] }`.
 *
 * A manifest is given for one client name or for all; a client's own documents come first, then
 * the shared ones, as in Apollo Router's persisted query lists.
 */
export class TrustedDocuments {
  /** Client name ('' for every client) → document ID → document. */
  private readonly byId = new Map<string, Map<string, string>>();
  /** Client name → documents with their ignored characters stripped, for safelisting a document sent whole. */
  private readonly bodies = new Map<string, Set<string>>();
  private count = 0;

  static load(manifests: { client: string | null; file: string }[]): TrustedDocuments {
    const trusted = new TrustedDocuments();
    for (const { client, file } of manifests) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new Error(`PERSISTED_DOCUMENTS: cannot read ${file}: ${(error as Error).message}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`PERSISTED_DOCUMENTS: ${file} is not JSON`);
      }
      for (const [id, body] of manifestEntries(json, file)) trusted.add(client ?? '', id, body);
    }
    return trusted;
  }

  get size(): number {
    return this.count;
  }

  add(client: string, id: string, body: string) {
    let ids = this.byId.get(client);
    if (!ids) this.byId.set(client, (ids = new Map()));
    if (!ids.has(id)) this.count++;
    ids.set(id, body);
    let bodies = this.bodies.get(client);
    if (!bodies) this.bodies.set(client, (bodies = new Set()));
    bodies.add(normalize(body));
  }

  /** The document with this ID for this client (its own, else a shared one). */
  lookup(id: string, client: string | null): string | undefined {
    return (client ? this.byId.get(client)?.get(id) : undefined) ?? this.byId.get('')?.get(id);
  }

  /** Whether a document sent whole is one of this client's (or a shared) documents, whitespace and comments aside. */
  includes(body: string, client: string | null): boolean {
    let normalized: string;
    try {
      normalized = normalize(body);
    } catch {
      return false; // not even GraphQL: in no manifest
    }
    return (!!client && !!this.bodies.get(client)?.has(normalized)) || !!this.bodies.get('')?.has(normalized);
  }
}

function normalize(body: string): string {
  return stripIgnoredCharacters(body);
}

function manifestEntries(json: unknown, file: string): [string, string][] {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`PERSISTED_DOCUMENTS: ${file} is neither a client preset nor an Apollo manifest`);
  const record = json as Record<string, unknown>;
  if (record.format === 'apollo-persisted-query-manifest') {
    if (record.version !== 1 || !Array.isArray(record.operations)) throw new Error(`PERSISTED_DOCUMENTS: ${file}: only version 1 of the Apollo manifest format, with its operations, is known`);
    return record.operations.map((operation: unknown, index: number) => {
      const { id, body } = (operation ?? {}) as { id?: unknown; body?: unknown };
      if (typeof id !== 'string' || !id || typeof body !== 'string' || !body) throw new Error(`PERSISTED_DOCUMENTS: ${file}: operations[${index}] needs a string id and body`);
      return [id, body];
    });
  }
  return Object.entries(record).map(([id, body]) => {
    if (typeof body !== 'string' || !body) throw new Error(`PERSISTED_DOCUMENTS: ${file}: "${id}" is not a document (a client preset manifest maps each hash to its document)`);
    return [id, body];
  });
}
