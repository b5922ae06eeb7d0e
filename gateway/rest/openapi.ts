import { ERROR_CODES, type ErrorCode } from '../../platform/errors.ts';
import { EXPORT_JOB, EXPORT_OPENAPI_PATHS } from '../exports/openapi.ts';
import { LIMIT_REASONS } from '../limits/refusal.ts';
import { RESOURCE_EXAMPLES } from './examples.ts';
import { openApiParameter, type JsonSchema } from './params.ts';
import { resourceSchema } from './resource-schema.ts';
import type { Route } from './route.ts';
import { REST_ROUTES } from './router.ts';

/**
 * /v1/openapi.json: an OpenAPI 3.1 description generated from the route table, so it can never
 * drift from what the router serves. Every route gives its path and path parameters, summary,
 * query parameters (each QueryParam's JSON Schema and required flag), JSON request body (each
 * BodyField's schema, the required ones listed), success status with the docs' envelope, and the
 * error responses in the docs' `{"error":{code,message,status}}` shape that can answer it.
 * Writes also take the optional `Idempotency-Key` header (rest/idempotency.ts).
 *
 * The document is public (served without authentication), as API references are: it describes
 * only what the public docs already do, never data.
 */

export const OPENAPI_PATH = '/v1/openapi.json';

type Document = Record<string, unknown> & { paths: Record<string, Record<string, Operation>> };
type Operation = Record<string, unknown> & { responses: Record<string, unknown> };

/** The docs' error table, as component names and the meaning each status has. */
const ERRORS: Record<ErrorCode, { name: string; description: string }> = {
  bad_request: { name: 'BadRequest', description: 'Invalid request parameters.' },
  unauthorized: { name: 'Unauthorized', description: 'Missing or invalid token.' },
  forbidden: { name: 'Forbidden', description: 'Insufficient permissions or plan limit exceeded.' },
  not_found: { name: 'NotFound', description: 'Resource does not exist (or belongs to another organization).' },
  conflict: { name: 'Conflict', description: 'State conflict, or an Idempotency-Key reused with a different request or still in progress.' },
  payload_too_large: { name: 'PayloadTooLarge', description: 'The request body is larger than 1 MiB.' },
  unsupported_media_type: { name: 'UnsupportedMediaType', description: 'The request body is not JSON: send it with Content-Type: application/json (UTF-8).' },
  unprocessable: { name: 'Unprocessable', description: 'Validation error; the message names the field.' },
  rate_limited: { name: 'RateLimited', description: 'Too many requests.' },
  server_error: { name: 'ServerError', description: 'Internal error.' },
  service_unavailable: { name: 'ServiceUnavailable', description: 'A part the request needs (a subgraph or the database) does not answer; nothing was done. Retry after the Retry-After header\'s seconds, with the same Idempotency-Key for a write.' },
};

const WRITES = new Set(['POST', 'PATCH', 'DELETE']);

/** Which documented errors can answer a route: every write reads a body, which may be too large (413), not JSON (415) or invalid (422). */
function errorCodesOf(route: Route): ErrorCode[] {
  const codes: ErrorCode[] = ['bad_request', 'unauthorized', 'forbidden'];
  if (route.path.includes('{') || route.lookup) codes.push('not_found');
  if (WRITES.has(route.method)) codes.push('conflict', 'payload_too_large', 'unsupported_media_type', 'unprocessable');
  codes.push('rate_limited', 'server_error', 'service_unavailable');
  return codes;
}

/** BodyField marks JSON null as `nullable: true` (OpenAPI 3.0); 3.1 says it with JSON Schema's type list. */
function toJsonSchema(schema: JsonSchema): JsonSchema {
  if (schema.nullable !== true) return schema;
  const { nullable: _, ...rest } = schema;
  const type = rest.type === undefined ? undefined : Array.isArray(rest.type) ? [...rest.type, 'null'] : [rest.type, 'null'];
  return {
    ...rest,
    ...(type ? { type } : {}),
    ...(Array.isArray(rest.enum) ? { enum: [...rest.enum, null] } : {}),
  };
}

/** A list is a route paged by `limit` and `cursor` (params.ts `pageParams`): its envelope carries `meta`. */
export function isListRoute(route: Route): boolean {
  return route.method === 'GET' && !!route.query && 'limit' in route.query && 'cursor' in route.query;
}

function operationId(route: Route): string {
  const words = route.path
    .replace(/^\/v1\//, '')
    .split('/')
    .map((segment) => (segment.startsWith('{') ? `by-${segment.slice(1, -1)}` : segment))
    .join('-')
    .split(/[-_]/)
    .filter(Boolean);
  return route.method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** The named schema of what a route's `data` holds: derived from its answer's Shape, or given by hand. */
function resourceOf(route: Route): { name: string; schema: JsonSchema } | undefined {
  if (route.answer) return { name: route.answer.shape.name, schema: resourceSchema(route.document, route.answer) };
  return route.item;
}

/**
 * The success answer's schema: the docs' envelope around the route's resource, a closed object whose
 * `data` is the resource (an array of it, with `meta`, on a list), so a generated client types
 * `data` exactly; the untyped envelope for a route that names no resource.
 */
function answerSchema(route: Route): JsonSchema {
  const list = isListRoute(route);
  const resource = resourceOf(route);
  if (!resource) return { $ref: list ? '#/components/schemas/ListEnvelope' : '#/components/schemas/Envelope' };
  const item = { $ref: `#/components/schemas/${resource.name}` };
  return {
    type: 'object',
    additionalProperties: false,
    required: list ? ['data', 'meta'] : ['data'],
    properties: list ? { data: { type: 'array', items: item }, meta: { $ref: '#/components/schemas/ListMeta' } } : { data: item },
  };
}

/** Every resource the routes name, once each; one name with two different schemas is a mistake in the route table. */
function resourceSchemas(routes: Route[]): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const route of routes) {
    const resource = resourceOf(route);
    if (!resource) continue;
    const known = schemas[resource.name];
    if (known && JSON.stringify(known) !== JSON.stringify(resource.schema)) throw new Error(`two resources are named ${resource.name}`);
    schemas[resource.name] = resource.schema;
  }
  // The docs' examples (examples.ts), each beside its resource's schema.
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, RESOURCE_EXAMPLES[name] ? { ...schema, examples: [RESOURCE_EXAMPLES[name]] } : schema]));
}

function operation(route: Route): Operation {
  const parameters: unknown[] = [];
  for (const match of route.path.matchAll(/\{(\w+)\}/g)) {
    parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const [name, param] of Object.entries(route.query ?? {})) parameters.push(openApiParameter(name, param));
  if (WRITES.has(route.method)) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });

  const status = String(route.status ?? 200);
  const responses: Record<string, unknown> = {
    [status]: {
      description: route.summary,
      ...(WRITES.has(route.method) ? { headers: { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } } } : {}),
      content: { 'application/json': { schema: answerSchema(route) } },
    },
  };
  for (const code of errorCodesOf(route)) {
    responses[String(ERROR_CODES[code].status)] = { $ref: `#/components/responses/${ERRORS[code].name}` };
  }

  const op: Operation = {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.path.split('/')[2]],
    ...(parameters.length ? { parameters } : {}),
    responses,
  };
  if (route.body) {
    const fields = Object.entries(route.body);
    const required = fields.filter(([, field]) => field.required).map(([name]) => name);
    op.requestBody = {
      required: required.length > 0,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(fields.map(([name, field]) => [name, toJsonSchema(field.schema)])),
            ...(required.length ? { required } : {}),
          },
        },
      },
    };
  }
  return op;
}

function components(routes: Route[]) {
  const errorSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'message', 'status'],
        properties: {
          code: { type: 'string', enum: Object.keys(ERROR_CODES) },
          message: { type: 'string' },
          status: { type: 'integer', enum: Object.values(ERROR_CODES).map((e) => e.status) },
          reason: {
            type: 'string',
            enum: [...LIMIT_REASONS],
            description: 'With bad_request for a document (an export\'s query) over one of the graph\'s limits: which, as /graphql says it in extensions.reason.',
          },
        },
      },
    },
  };
  const responses = Object.fromEntries(
    (Object.keys(ERRORS) as ErrorCode[]).map((code) => {
      const { status } = ERROR_CODES[code];
      return [
        ERRORS[code].name,
        {
          description: ERRORS[code].description,
          content: {
            'application/json': {
              // The shared shape, with this status's code and number fixed.
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/Error' },
                  { properties: { error: { properties: { code: { const: code }, status: { const: status } } } } },
                ],
              },
              example: { error: { code, message: ERRORS[code].description, status } },
            },
          },
        },
      ];
    }),
  );
  return {
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description: 'A token scoped to an organization (optionally narrowed to a workspace), or an API key (sk_...) in the same header.',
      },
    },
    parameters: {
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Makes a write safe to retry for 24 hours: the same key with the same request replays the first response ' +
          '(with Idempotent-Replayed: true); with a different request, or while the first is still running, it is 409 conflict. ' +
          'Keys belong to the caller. A 5xx, or a request refused before it executed (400, or 422 on the body\'s shape), is not kept.',
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
      },
    },
    headers: {
      IdempotentReplayed: {
        description: 'Present (true) when the response is the replay of an earlier request with the same Idempotency-Key.',
        schema: { type: 'string', const: 'true' },
      },
    },
    responses,
    schemas: {
      ...resourceSchemas(routes),
      // The export routes (gateway/exports) describe their job inline; named here too, for clients.
      ...(routes === REST_ROUTES ? { Export: EXPORT_JOB } : {}),
      Error: errorSchema,
      Envelope: {
        type: 'object',
        additionalProperties: false,
        required: ['data'],
        properties: { data: { type: 'object' } },
      },
      ListEnvelope: {
        type: 'object',
        additionalProperties: false,
        required: ['data', 'meta'],
        properties: {
          data: { type: 'array', items: { type: 'object' } },
          meta: { $ref: '#/components/schemas/ListMeta' },
        },
      },
      ListMeta: {
        type: 'object',
        additionalProperties: false,
        required: ['cursor', 'has_more'],
        properties: {
          cursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' },
          has_more: { type: 'boolean' },
        },
      },
    },
  };
}

/** The OpenAPI 3.1 document for `routes` (the served table unless a test passes its own). */
export function openApiDocument(routes: Route[] = REST_ROUTES): Document {
  const paths: Document['paths'] = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  // Bulk exports are served beside the route table (gateway/exports), and described by it.
  if (routes === REST_ROUTES) Object.assign(paths, EXPORT_OPENAPI_PATHS);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Scrums.com API',
      version: '1.0.0',
      description:
        'The Scrums.com platform API, v1. Lists answer {"data": [...], "meta": {"cursor", "has_more"}}; ' +
        'single resources {"data": {...}}; errors {"error": {"code", "message", "status"}}.',
    },
    servers: [{ url: '/', description: 'This gateway' }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(Object.keys(paths).map((path) => path.split('/')[2]))].map((name) => ({ name })),
    paths,
    components: components(routes),
  };
}
