import { Writable } from 'node:stream';
import { it, expect, describe } from 'vitest';
import { createLogger, logFormat } from './log.ts';
import { currentRequest, endRequest, isWellFormedRequestId, requestIdOf, withRequest } from './request-id.ts';
import { routeTemplate } from '../gateway/access-log.ts';

describe('request IDs', () => {
  it('keeps a well-formed caller ID and replaces anything else', () => {
    for (const good of ['abc', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', '01HZX3J5Q8Y7', 'Root=1-5e6f-abc', 'a'.repeat(128), 'req/1+2=3@x:y_z.w']) {
      expect(isWellFormedRequestId(good), good).toBe(true);
      expect(requestIdOf({ headers: { 'x-request-id': good } })).toBe(good);
    }
    for (const bad of ['', 'a'.repeat(129), 'has space', 'line\nbreak', '{"a":1}', '<b>', 'ünï', 'a,b']) {
      expect(isWellFormedRequestId(bad), bad).toBe(false);
      expect(requestIdOf({ headers: { 'x-request-id': bad } })).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdOf({ headers: { 'x-request-id': ['a', 'b'] as unknown as string } })).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf({ headers: {} })).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request ID on every line logged while the request runs, and none once it has ended', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', stream: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) });
    const state = { requestId: 'req-1' };
    await withRequest(state, async () => {
      logger.info('before');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.child({ component: 'x' }).warn({ detail: 1 }, 'after a tick');
      expect(currentRequest()).toBe(state);
      endRequest(state);
      logger.info('ended');
    });
    logger.info('outside');
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((line) => line.requestId)).toEqual(['req-1', 'req-1', undefined, undefined]);
  });

  it('names a route by its template', () => {
    expect(routeTemplate('/graphql')).toBe('/graphql');
    expect(routeTemplate('/v1/exports/EXP-26-000001/download')).toBe('/v1/exports/{id}/download');
    expect(routeTemplate('/v1/exports')).toBe('/v1/exports');
    expect(routeTemplate('/wp-admin/x1')).toBe('(unmatched)');
  });

  it('chooses pretty output only outside production on a terminal, or when asked', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ NODE_ENV: 'production' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }, false)).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(() => logFormat({ LOG_FORMAT: 'xml' }, true)).toThrow(/LOG_FORMAT/);
  });
});
