import { unprocessable } from './errors.ts';

/**
 * The rules every value a client writes is held to, in one place, applied by the subgraphs'
 * commands so that GraphQL and REST (which runs the same mutations) refuse the same values the
 * same way: 422 `unprocessable` (GraphQL `UNPROCESSABLE`) naming the field. PostgreSQL cannot
 * store a NUL character in text or jsonb, so a NUL is refused here rather than failing there;
 * free text has a maximum length; JSON values are bounded in depth and size, so nothing that
 * serialises them (logs, events, the wire) can be made to recurse without end.
 */

/** Longest text each kind of field takes, in characters. */
export const MAX_TEXT = {
  name: 200,
  title: 500,
  description: 20_000,
  resolution: 2_000,
  capability: 100,
  /** Any other free text. */
  text: 1_000,
} as const;

export type TextKind = keyof typeof MAX_TEXT;

/** Deepest a JSON value may nest: `[]` and `{}` are one level, `{"a": []}` two. */
export const MAX_JSON_DEPTH = 32;
/** Largest a JSON value may be, serialised as UTF-8. */
export const MAX_JSON_BYTES = 64 * 1024;

const NUL = '\u0000';
const nulMessage = (field: string) => `${field} must not contain a NUL character (\\u0000).`;

/** Any text a client writes: a NUL character is refused (422 naming the field). */
export function checkNoNul(value: string, field: string): string {
  if (value.includes(NUL)) throw unprocessable(nulMessage(field), field);
  return value;
}

function checkLength(value: string, field: string, kind: TextKind): void {
  checkNoNul(value, field);
  const max = MAX_TEXT[kind];
  if (value.length > max) throw unprocessable(`${field} must be at most ${max} characters, got ${value.length}.`, field);
}

/** A required text field: trimmed, not empty, no NUL, at most its kind's length. */
export function requiredText(value: string, field: string, kind: TextKind): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw unprocessable(`${field} must not be empty.`, field);
  checkLength(trimmed, field, kind);
  return trimmed;
}

/** An optional text field (a description), kept as given; null clears it, undefined leaves it. */
export function optionalText<T extends string | null | undefined>(value: T, field: string, kind: TextKind): T {
  if (typeof value === 'string') checkLength(value, field, kind);
  return value;
}

/**
 * Every string and object key of a JSON value, and how deep each container lies (`[]` at the top
 * is level 1), walked with an explicit stack, never recursion: a value nested a million levels
 * costs a loop, not the call stack. `visit` returning true stops the walk (and makes it return true).
 */
function walkJson(value: unknown, visit: (item: { text?: string; level?: number }) => boolean): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop()!;
    if (typeof item === 'string') {
      if (visit({ text: item })) return true;
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (visit({ level: depth + 1 })) return true;
    if (Array.isArray(item)) {
      for (const child of item) stack.push({ value: child, depth: depth + 1 });
      continue;
    }
    for (const [key, child] of Object.entries(item)) {
      if (visit({ text: key })) return true;
      stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

/** Whether a JSON value nests deeper than `maxDepth` levels; stops as soon as it does. */
export function jsonDepthExceeds(value: unknown, maxDepth: number): boolean {
  return walkJson(value, ({ level }) => level !== undefined && level > maxDepth);
}

/**
 * What is wrong with a JSON value, if anything: nested deeper than MAX_JSON_DEPTH, a NUL in any
 * string or key, or larger than MAX_JSON_BYTES.
 */
export function jsonProblem(value: unknown, field: string): string | undefined {
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH)) return `${field} is nested deeper than ${MAX_JSON_DEPTH} levels.`;
  if (walkJson(value, ({ text }) => text !== undefined && text.includes(NUL))) return nulMessage(field);
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
  if (bytes > MAX_JSON_BYTES) return `${field} must be at most ${MAX_JSON_BYTES} bytes as JSON, got ${bytes}.`;
  return undefined;
}

/** A JSON field of a write (an integration's config): 422 naming the field when jsonProblem finds one. */
export function checkJson<T>(value: T, field: string): T {
  const problem = jsonProblem(value, field);
  if (problem) throw unprocessable(problem, field);
  return value;
}
