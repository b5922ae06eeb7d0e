import { describe, it, expect } from 'vitest';
import { isPlatformError } from './errors.ts';
import { checkJson, jsonProblem, MAX_JSON_BYTES, MAX_JSON_DEPTH, MAX_TEXT, optionalText, requiredText } from './input-rules.ts';

/** The 422 a rule raises: its code, field and message. */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (!isPlatformError(error)) throw error;
    return { code: error.code, field: error.field, message: error.message };
  }
  throw new Error('expected a refusal');
}

/** `[[[...]]]` nested `depth` levels, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

describe('input rules', () => {
  it('trims required text and refuses it empty, with a NUL, or longer than its kind allows', () => {
    expect(requiredText('  Fix it  ', 'title', 'title')).toBe('Fix it');
    expect(refusal(() => requiredText('   ', 'title', 'title'))).toEqual({ code: 'unprocessable', field: 'title', message: 'title must not be empty.' });
    expect(refusal(() => requiredText('a\u0000b', 'name', 'name'))).toEqual({ code: 'unprocessable', field: 'name', message: 'name must not contain a NUL character (\\u0000).' });
    expect(requiredText('x'.repeat(MAX_TEXT.name), 'name', 'name')).toHaveLength(200);
    expect(refusal(() => requiredText('x'.repeat(201), 'name', 'name'))).toEqual({ code: 'unprocessable', field: 'name', message: 'name must be at most 200 characters, got 201.' });
    expect(MAX_TEXT).toEqual({ name: 200, title: 500, description: 20_000, resolution: 2_000, capability: 100, text: 1_000 });
  });

  it('keeps optional text as given (null and undefined too) and holds it to the same rules', () => {
    expect(optionalText(undefined, 'description', 'description')).toBeUndefined();
    expect(optionalText(null, 'description', 'description')).toBeNull();
    expect(optionalText(' ', 'description', 'description')).toBe(' ');
    expect(optionalText('d'.repeat(20_000), 'description', 'description')).toHaveLength(20_000);
    expect(refusal(() => optionalText('d'.repeat(20_001), 'description', 'description')).field).toBe('description');
    expect(refusal(() => optionalText('\u0000', 'description', 'description')).message).toMatch(/NUL/);
  });

  it('bounds JSON values in depth, size and NUL characters, without recursing', () => {
    expect(jsonProblem(nested(MAX_JSON_DEPTH), 'config')).toBeUndefined();
    expect(jsonProblem(nested(MAX_JSON_DEPTH + 1), 'config')).toBe('config is nested deeper than 32 levels.');
    // Far past any stack: a loop, not a RangeError.
    expect(jsonProblem(nested(100_000), 'config')).toBe('config is nested deeper than 32 levels.');
    expect(jsonProblem({ a: { b: 'x\u0000' } }, 'config')).toMatch(/NUL/);
    expect(jsonProblem({ ['k\u0000']: 1 }, 'config')).toMatch(/NUL/);
    expect(jsonProblem({ big: 'x'.repeat(MAX_JSON_BYTES) }, 'config')).toMatch(/^config must be at most 65536 bytes as JSON, got 65546\.$/);
    expect(jsonProblem({ a: 1, b: [true, null, 'text'] }, 'config')).toBeUndefined();
    expect(jsonProblem('plain', 'v')).toBeUndefined();
    expect(refusal(() => checkJson(nested(40), 'credentials'))).toEqual({ code: 'unprocessable', field: 'credentials', message: 'credentials is nested deeper than 32 levels.' });
  });
});
