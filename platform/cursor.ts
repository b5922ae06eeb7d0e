/**
 * Cursors are opaque to clients but readable by us: base64 of a small JSON key, as the API docs show
 * (`eyJpZCI6IkxJTi0yNi0wODQ3MjkifQ` is `{"id":"LIN-26-084729"}`). The key is the ID of the last row
 * of the page; lists find its sort position with an index lookup, so a cursor stays valid for any
 * sort order and one cursor works in REST (`meta.cursor`) and GraphQL (`pageInfo.endCursor`).
 */
export interface CursorKey {
  id: string;
}

export function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ id })).toString('base64url');
}

/** Decodes a cursor, or returns undefined when it is not one of ours. Accepts base64 and base64url. */
export function decodeCursor(cursor: string): CursorKey | undefined {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 512) return undefined;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(cursor)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (value && typeof value === 'object' && typeof (value as CursorKey).id === 'string') {
      return { id: (value as CursorKey).id };
    }
  } catch {
    // not JSON: fall through to "not a cursor"
  }
  return undefined;
}
