import { describe, it, expect } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { EXPORT_OPENAPI_PATHS } from './openapi.ts';
import { EXPORT_BODY, EXPORT_LIST_QUERY } from './spec.ts';

describe('EXPORT_OPENAPI_PATHS', () => {
  it('is a valid OpenAPI 3.1 paths object', async () => {
    const document = { openapi: '3.1.0', info: { title: 'exports', version: '1' }, paths: EXPORT_OPENAPI_PATHS };
    const result = await new Validator().validate(document as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('describes every route the handler serves, with the body fields and query parameters it parses', () => {
    const paths = EXPORT_OPENAPI_PATHS as Record<string, Record<string, any>>;
    expect(Object.fromEntries(Object.entries(paths).map(([path, methods]) => [path, Object.keys(methods).sort()]))).toEqual({
      '/v1/exports': ['get', 'post'],
      '/v1/exports/{id}': ['get'],
      '/v1/exports/{id}/cancel': ['post'],
      '/v1/exports/{id}/download': ['get'],
    });
    const body = paths['/v1/exports'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(Object.keys(EXPORT_BODY));
    expect(paths['/v1/exports'].get.parameters.map((p: any) => p.name)).toEqual(Object.keys(EXPORT_LIST_QUERY));
  });
});
