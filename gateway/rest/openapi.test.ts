import { describe, it, expect } from 'vitest';
import { EXPORT_OPENAPI_PATHS } from '../exports/openapi.ts';
import { Validator } from '@seriousme/openapi-schema-validator';
import { idField, enumField, intField, stringField } from './body.ts';
import { dateParam, enumListParam, idParam, pageParams } from './params.ts';
import type { Route } from './route.ts';
import { REST_ROUTES } from './router.ts';
import { openApiDocument } from './openapi.ts';

const map = (data: any) => ({ data });

/** A small table with one of every kind of route, so each rule below is seen without the real table. */
const SAMPLE: Route[] = [
  { method: 'GET', path: '/v1/things', summary: 'List things.', query: { owner_id: idParam('ownerId', 'Workspace', { required: true }), ...pageParams('Task') }, document: '{ a }', map },
  { method: 'GET', path: '/v1/things/{id}/usage', summary: 'Usage of a thing.', query: { from: dateParam('from', { required: true }) }, document: '{ a }', map },
  {
    method: 'POST',
    path: '/v1/things',
    summary: 'Create a thing.',
    status: 201,
    body: {
      title: stringField('title', { required: true }),
      size: intField('size', { minimum: 1 }),
      kind: enumField('kind', ['big', 'small'], { required: true, description: 'How big.' }),
    },
    document: '{ a }',
    map,
  },
  {
    method: 'PATCH',
    path: '/v1/things/{id}',
    summary: 'Update a thing.',
    body: { assignee_id: idField('assigneeId', 'User', { nullable: true }), kind: enumField('kind', ['big', 'small'], { nullable: true }) },
    document: '{ a }',
    map,
  },
  { method: 'DELETE', path: '/v1/things/{id}', summary: 'Delete a thing.', document: '{ a }', map },
  {
    method: 'GET',
    path: '/v1/thing-health',
    summary: 'Health of a thing, or of an owner\'s things.',
    query: { thing_id: idParam('thingId', 'Task'), ...pageParams('Task') },
    lookup: true,
    item: { name: 'ThingHealth', schema: { type: 'object', required: ['score'], properties: { score: { type: 'integer' } } } },
    document: '{ a }',
    map,
  },
];

async function validate(document: unknown) {
  const validator = new Validator();
  return validator.validate(document as Record<string, unknown>);
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document for the served route table', async () => {
    const result = await validate(openApiDocument());
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('is valid for the sample table too, and the validator does refuse a broken one', async () => {
    expect((await validate(openApiDocument(SAMPLE))).valid).toBe(true);
    const broken = openApiDocument(SAMPLE) as any;
    broken.paths['/v1/things'].get.responses = 'none';
    expect((await validate(broken)).valid).toBe(false);
  });

  it('describes every route of the table once, and the export routes, with a unique operationId', () => {
    const doc = openApiDocument();
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));
    const exports = Object.entries(EXPORT_OPENAPI_PATHS as Record<string, object>).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(exports.length).toBeGreaterThan(0);
    expect(operations.map((o) => o.key).sort()).toEqual([...REST_ROUTES.map((r) => `${r.method} ${r.path}`), ...exports].sort());
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives path and query parameters with their schemas and required flags', () => {
    const doc = openApiDocument(SAMPLE);
    expect(doc.paths['/v1/things'].get.parameters).toEqual([
      { name: 'owner_id', in: 'query', required: true, schema: { type: 'string', pattern: '^WS-\\d{2}-\\d{6,}$' } },
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
      { name: 'cursor', in: 'query', required: false, description: 'meta.cursor of the previous page.', schema: { type: 'string', description: 'meta.cursor of the previous page.' } },
    ]);
    expect(doc.paths['/v1/things/{id}/usage'].get.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
    ]);
  });

  it('describes comma-separated enum filters as OpenAPI does: an array of the enum, style form, not exploded', () => {
    const doc = openApiDocument([{ method: 'GET', path: '/v1/things', summary: 'List things.', query: { status: enumListParam('status', ['active', 'paused']) }, document: '{ a }', map }]);
    expect(doc.paths['/v1/things'].get.parameters).toEqual([{
      name: 'status', in: 'query', required: false, style: 'form', explode: false, description: 'One or more of active, paused, comma-separated.',
      schema: { type: 'array', items: { type: 'string', enum: ['active', 'paused'] }, description: 'One or more of active, paused, comma-separated.' },
    }]);
  });

  it('gives request bodies from the field specs: required list, closed object, nulls as 3.1 type lists', () => {
    const doc = openApiDocument(SAMPLE);
    expect(doc.paths['/v1/things'].post.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            additionalProperties: false,
            properties: {
              title: { type: 'string' },
              size: { type: 'integer', minimum: 1 },
              kind: { type: 'string', enum: ['big', 'small'], description: 'How big.' },
            },
            required: ['title', 'kind'],
          },
        },
      },
    });
    const patch = (doc.paths['/v1/things/{id}'].patch.requestBody as any).content['application/json'].schema;
    expect((doc.paths['/v1/things/{id}'].patch.requestBody as any).required).toBe(false);
    expect(patch.required).toBeUndefined();
    expect(patch.properties).toEqual({
      assignee_id: { type: ['string', 'null'], pattern: '^USR-\\d{2}-\\d{6,}$' },
      kind: { type: ['string', 'null'], enum: ['big', 'small', null] },
    });
    expect(doc.paths['/v1/things/{id}'].delete.requestBody).toBeUndefined();
  });

  it('gives the success status with the envelope (with meta on lists) and the errors that can answer each route', () => {
    const doc = openApiDocument(SAMPLE);
    const statuses = (op: any) => Object.keys(op.responses).sort();
    expect(statuses(doc.paths['/v1/things'].get)).toEqual(['200', '400', '401', '403', '429', '500', '503']);
    expect(statuses(doc.paths['/v1/things/{id}/usage'].get)).toEqual(['200', '400', '401', '403', '404', '429', '500', '503']);
    expect(statuses(doc.paths['/v1/things'].post)).toEqual(['201', '400', '401', '403', '409', '413', '415', '422', '429', '500', '503']);
    expect(statuses(doc.paths['/v1/things/{id}'].delete)).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '422', '429', '500', '503']);
    const content = (op: any, status: string) => op.responses[status].content['application/json'].schema;
    expect(content(doc.paths['/v1/things'].get, '200')).toEqual({ $ref: '#/components/schemas/ListEnvelope' });
    expect(content(doc.paths['/v1/things/{id}/usage'].get, '200')).toEqual({ $ref: '#/components/schemas/Envelope' });
    expect(content(doc.paths['/v1/things'].post, '201')).toEqual({ $ref: '#/components/schemas/Envelope' });
    expect(doc.paths['/v1/things'].get.responses['404']).toBeUndefined();
    expect(doc.paths['/v1/things'].post.responses['422']).toEqual({ $ref: '#/components/responses/Unprocessable' });
    expect(doc.paths['/v1/things'].post.responses['413']).toEqual({ $ref: '#/components/responses/PayloadTooLarge' });
    expect(doc.paths['/v1/things'].post.responses['415']).toEqual({ $ref: '#/components/responses/UnsupportedMediaType' });
    expect((doc.components as any).responses.UnsupportedMediaType.content['application/json'].example.error).toMatchObject({ code: 'unsupported_media_type', status: 415 });
    const notFound = (doc.components as any).responses.NotFound.content['application/json'];
    expect(notFound.example).toEqual({ error: { code: 'not_found', message: expect.any(String), status: 404 } });
    expect(notFound.schema.allOf[1]).toEqual({ properties: { error: { properties: { code: { const: 'not_found' }, status: { const: 404 } } } } });
  });

  it('lists 404 for a route whose parameters name an object, and documents its items under a named schema', async () => {
    const doc = openApiDocument(SAMPLE);
    const op = doc.paths['/v1/thing-health'].get;
    expect(op.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    expect((op.responses['200'] as any).content['application/json'].schema).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['data', 'meta'],
      properties: { data: { type: 'array', items: { $ref: '#/components/schemas/ThingHealth' } }, meta: { $ref: '#/components/schemas/ListMeta' } },
    });
    expect((doc.components as any).schemas.ThingHealth).toEqual({ type: 'object', required: ['score'], properties: { score: { type: 'integer' } } });
    expect(doc.paths['/v1/things'].get.responses['200']).not.toHaveProperty('content.application/json.schema.properties');
    expect((await validate(doc)).valid).toBe(true);
  });

  it('puts the Idempotency-Key header on writes only, and bearer security on everything', () => {
    const doc = openApiDocument(SAMPLE);
    const ref = { $ref: '#/components/parameters/IdempotencyKey' };
    expect(doc.paths['/v1/things'].post.parameters).toEqual([ref]);
    expect(doc.paths['/v1/things/{id}'].patch.parameters).toContainEqual(ref);
    expect(doc.paths['/v1/things/{id}'].delete.parameters).toContainEqual(ref);
    expect(doc.paths['/v1/things'].get.parameters).not.toContainEqual(ref);
    expect((doc.components as any).parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false, schema: { maxLength: 255 } });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect((doc.components as any).securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
