import { limitRefusal } from './refusal.ts';

/**
 * How deep brackets (`{`, `[`, `(`) nest in a GraphQL source, strings and comments aside, counted
 * without parsing: graphql-js parses recursively, so a document nested a few thousand levels deep
 * (well under any token limit: two tokens a level) overflows its stack. Stops at `limit` + 1.
 */
export function bracketNesting(source: string, limit = Number.MAX_SAFE_INTEGER): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x7b || c === 0x5b || c === 0x28) {
      // { [ (
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d || c === 0x29) {
      depth = Math.max(0, depth - 1);
    } else if (c === 0x23) {
      // # comment, to the end of the line
      while (i < source.length && source.charCodeAt(i) !== 0x0a && source.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x22) {
      i = source.startsWith('"""', i) ? endOfBlockString(source, i + 3) : endOfString(source, i + 1);
    }
  }
  return deepest;
}

function endOfString(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5c) i++; // \ escapes the next character
    else if (c === 0x22 || c === 0x0a || c === 0x0d) return i;
  }
  return source.length;
}

function endOfBlockString(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    if (source.startsWith('\\"""', i)) i += 3;
    else if (source.startsWith('"""', i)) return i + 2;
  }
  return source.length;
}

/**
 * MAX_DEPTH before parsing: brackets may nest at most four times as deep as the selection depth
 * allows (room for arguments' lists and objects), so nothing the depth limit admits is refused here
 * and nothing deep enough to hurt the parser reaches it. Throws the refusal.
 */
export function checkBracketNesting(source: string, maxDepth: number): void {
  const limit = 4 * maxDepth;
  if (bracketNesting(source, limit) > limit) {
    throw limitRefusal('MAX_DEPTH', `Query depth limit of ${maxDepth} exceeded: brackets nest more than ${limit} deep.`, { limit: maxDepth });
  }
}
