import { describe, it, expect } from 'vitest';
import { parse } from 'graphql';
import { bracketNesting } from './nesting.ts';
import { deepNesting } from '../../test/testkit/hostile-documents.ts';
import { DASHBOARD } from '../../test/testkit/screens.ts';

describe('bracketNesting', () => {
  it('counts braces, brackets and parentheses, the way the parser will nest them', () => {
    expect(bracketNesting('{ a }')).toBe(1);
    expect(bracketNesting('query($v: [[Int]]) { a(b: { c: [1] }) { d } }')).toBe(4);
    expect(bracketNesting(DASHBOARD)).toBe(7);
  });

  it('ignores brackets inside strings, block strings and comments', () => {
    const source = `{ a(s: "{{[[(\\"((", t: """ [[[ {{{ \\""" ((( """) # {{{{{{
      b }`;
    expect(() => parse(source)).not.toThrow();
    expect(bracketNesting(source)).toBe(2);
  });

  it('stops counting once past the limit, and measures what overflows the parser', () => {
    expect(bracketNesting(deepNesting(2400))).toBe(2402);
    expect(bracketNesting(deepNesting(2400), 60)).toBe(61);
    expect(() => parse(deepNesting(2400))).toThrow(RangeError);
  });
});
