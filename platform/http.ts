import type http from 'node:http';

/** Request bodies are small JSON documents (GraphQL requests, REST writes): 1 MiB at most. */
export const MAX_BODY_BYTES = 1 << 20;

/** A request's body as text, or undefined as soon as it grows past MAX_BODY_BYTES (the rest is never read). */
export async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
