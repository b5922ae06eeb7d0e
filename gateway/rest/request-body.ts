import type http from 'node:http';
import { badRequest, payloadTooLarge, unprocessable, unsupportedMediaType } from '../../platform/errors.ts';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../platform/input-rules.ts';
import { MAX_BODY_BYTES, readBody } from '../../platform/http.ts';

/**
 * What a /v1 request body must be before anything reads it (the idempotency fingerprint, a route,
 * the export API): at most MAX_BODY_BYTES (413 `payload_too_large`), sent as JSON (415
 * `unsupported_media_type` for text/plain, XML, a form, or no Content-Type at all), a JSON
 * object (400), nested at most MAX_JSON_DEPTH levels, its own object counted (422 naming the field
 * that nests deeper): a body nested thousands of levels would overflow the stack of whatever
 * serialises it next, and the graph takes the body as one variable, held to the same depth
 * (gateway/bad-input.ts). An empty body is no body.
 */
/** Reads the body (platform/http.ts), refusing one larger than MAX_BODY_BYTES with 413. */
export async function readRestBody(req: http.IncomingMessage): Promise<string> {
  const body = await readBody(req);
  if (body === undefined) throw payloadTooLarge(`The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB).`);
  return body;
}

/** `application/json`, or a `+json` type (`application/merge-patch+json`), in UTF-8. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) return false;
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** Checks a body just read (see above); a body that passes is a JSON object safe to serialise. */
export function checkRestBody(contentType: string | undefined, raw: string): void {
  if (raw.trim() === '') return;
  if (!isJsonContentType(contentType)) {
    throw unsupportedMediaType(`The request body must be JSON sent with Content-Type: application/json (UTF-8), got ${contentType ? `"${contentType}"` : 'no Content-Type'}.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  for (const [name, value] of Object.entries(body)) {
    if (jsonDepthExceeds(value, MAX_JSON_DEPTH - 1)) {
      throw unprocessable(`${name} is nested too deep: a request body may nest at most ${MAX_JSON_DEPTH} levels, its own object counted.`, name);
    }
  }
}
