import fc from 'fast-check';
import { DEMO } from '../../seed/demo.ts';
import { ID_PREFIXES } from '../../platform/ids.ts';
import { encodeCursor } from '../../platform/cursor.ts';

/**
 * Values a careless or hostile client sends, for the fuzz suite (test/fuzz.e2e.ts): the shapes the
 * issue 11 probe found 500s with (NUL characters, impossible dates, years 0000 and 9999, JSON
 * nested thousands of levels, keys inherited from Object.prototype, text far past any length) and
 * arbitrary ones, beside valid values from the demo data. A request is built of Leafs, each a
 * valid value with a hostile alternative, and is sent with exactly one of them hostile (or none):
 * one bad value amid valid ones gets past every other check to the code behind them, as the
 * probe's did.
 */

/** One value of a request: a valid one (which may hold Leafs itself) and a hostile alternative. */
export class Leaf {
  constructor(readonly valid: unknown, readonly hostile: unknown) {}
}

export const leaf = (valid: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown>): fc.Arbitrary<Leaf> =>
  fc.tuple(valid, hostile).map(([v, h]) => new Leaf(v, h));

/** A value one time in `n`, else undefined (fc.option's `freq` is the other way round: nil one time in freq). */
export const rarely = <T>(arbitrary: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: n - 1 }, { arbitrary, weight: 1 });

/** Which Leaf is hostile: one of them (counted modulo their number) seven times in eight, none otherwise. */
export const hostilePick: fc.Arbitrary<number> = fc.oneof({ arbitrary: fc.nat(), weight: 7 }, { arbitrary: fc.constant(-1), weight: 1 });

/** Copies an object's entries, an own `__proto__` key included (as JSON.parse makes one). */
function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
  return object;
}

function countLeaves(node: unknown): number {
  if (node instanceof Leaf) return 1 + countLeaves(node.valid);
  if (Array.isArray(node)) return node.reduce((n: number, item) => n + countLeaves(item), 0);
  if (node !== null && typeof node === 'object' && !(node instanceof RawJson)) return Object.values(node).reduce((n: number, v) => n + countLeaves(v), 0);
  return 0;
}

/** The plain value of a tree of Leafs, the `pick`th Leaf (depth-first) hostile and every other valid. */
export function materialize(tree: unknown, pick: number): unknown {
  const total = countLeaves(tree);
  const target = pick < 0 || total === 0 ? -1 : pick % total;
  let index = 0;
  const walk = (node: unknown): unknown => {
    if (node instanceof Leaf) {
      const mine = index++;
      const valid = walk(node.valid);
      return mine === target ? node.hostile : valid;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object' && !(node instanceof RawJson)) return objectOf(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(tree);
}

/** JSON text spliced into a request as is: a value too deep for JSON.stringify, or not JSON at all. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson anywhere (shallow values only: this recurses). */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Our tenant's demo IDs and the other tenant's, by prefix. */
const DEMO_IDS = Object.entries(DEMO).filter(([, v]) => /^[A-Z]+-\d{2}-\d{6,}$/.test(v)).map(([name, id]) => ({ id, ours: !name.startsWith('other') }));

/**
 * Our demo IDs of a prefix (any of ours without one): the IDs a valid request names. The first of
 * each prefix in DEMO (the docs' workspace, Service Line, task, pod ...) four times as often as the
 * others, so that the IDs of one request mostly belong together.
 */
export function ourId(prefix: string | undefined): fc.Arbitrary<string> {
  const ours = DEMO_IDS.filter((d) => d.ours && (prefix === undefined || d.id.startsWith(`${prefix}-`))).map((d) => d.id);
  if (ours.length === 0) return idFor(prefix);
  if (ours.length === 1 || prefix === undefined) return fc.constantFrom(...ours);
  return fc.oneof({ arbitrary: fc.constant(ours[0]), weight: 4 }, { arbitrary: fc.constantFrom(...ours.slice(1)), weight: 1 });
}

/** IDs for a pattern like `^TSK-\d{2}-\d{6,}$`: demo ones (ours mostly, the other tenant's sometimes), unknown ones and other types'. */
export function idFor(prefix: string | undefined): fc.Arbitrary<string> {
  const matching = DEMO_IDS.filter((d) => prefix === undefined || d.id.startsWith(`${prefix}-`));
  const ours = matching.filter((d) => d.ours).map((d) => d.id);
  const theirs = matching.filter((d) => !d.ours).map((d) => d.id);
  const options: Array<fc.WeightedArbitrary<string>> = [{ arbitrary: fc.constantFrom(...DEMO_IDS.map((d) => d.id)), weight: 1 }];
  if (ours.length) options.push({ arbitrary: fc.constantFrom(...ours), weight: 6 });
  if (theirs.length) options.push({ arbitrary: fc.constantFrom(...theirs), weight: 1 });
  if (prefix) options.push({ arbitrary: fc.integer({ min: 0, max: 99_999_999 }).map((n) => `${prefix}-26-${String(n).padStart(6, '0')}`), weight: 1 });
  return fc.oneof(...options);
}

/** The prefix an argument or parameter name implies: `service_line_id`, `serviceLineId`, `podId` ... */
export function prefixOfName(name: string): string | undefined {
  const words = name.replace(/Id$|_id$/i, '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split('_');
  const pascal = words.map((w) => (w ? w[0].toUpperCase() + w.slice(1) : '')).join('');
  const known = ID_PREFIXES as Record<string, string>;
  return known[pascal] ?? (pascal === 'Submitted' || pascal === 'Assignee' || pascal === 'Actor' ? known.User : undefined);
}

/** Text meant to break something: NUL, escapes, markup, lone surrogates, percent signs, SQL, long runs. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('\u0000', 'a\u0000b', 'text\u0000'), weight: 2 },
  { arbitrary: fc.constantFrom('', ' ', '\\u0000', '%', '%E0%A4%A', '%00', '\\', '"', "' or 1=1 --", '<x/>', '\uD800', '\uFEFF\u202E', '🙂'.repeat(3), 'null', '[]', '{}', 'task.', 'constructor', '__proto__'), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
  { arbitrary: fc.constantFrom(1, 201, 501, 2_001, 20_001, 100_000).map((n) => 'x'.repeat(n)), weight: 1 },
);

/** Dates and instants that exist, in the demo data's year. */
export const validDate = fc.constantFrom('2026-01-01', '2026-03-15', '2026-04-01', '2026-04-30');
export const validInstant = fc.constantFrom('2026-01-01T00:00:00Z', '2026-04-14T10:00:00+02:00', '2026-04-15T09:45:00Z', '2026-04-01');
export const validText = fc.constantFrom('Fuzzed', 'A fuzzed title', 'Ünïcode 🙂 text');

/** Dates and instants: valid ones, impossible ones, years out of range, other shapes. */
export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('2026-04-01', '2026-04-30', '2026-01-01T00:00:00Z', '2026-04-14T10:00:00+02:00', '2026-04'),
  fc.constantFrom('2026-13-01', '2026-02-30', '2026-00-10', '0000-01-01', '9999-12-31', '10000-01-01', '2026-04-14T24:00:00Z', '2026-02-31T10:00:00Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-4-1', 'now', '2026-13'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);

/** Cursors: real ones of demo IDs, ones naming another type or no ID, and garbage. */
export const hostileCursor: fc.Arbitrary<string> = fc.oneof(
  idFor(undefined).map((id) => encodeCursor(id)),
  fc.constantFrom(Buffer.from('{"id":1}').toString('base64'), Buffer.from('[]').toString('base64'), Buffer.from('{"id":"a\u0000"}').toString('base64'), '====', 'eyJ'),
  hostileString,
);

/** `[[[...]]]` or `{"a":{"a":...}}` nested `levels` deep, as text. */
export function nestedJson(levels: number, kind: 'array' | 'object' = 'array'): RawJson {
  return new RawJson(kind === 'array' ? '['.repeat(levels) + ']'.repeat(levels) : '{"a":'.repeat(levels) + '1' + '}'.repeat(levels));
}

/** JSON values: arbitrary ones, ones holding NUL or prototype keys, and ones nested around and far past 32 levels. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  { arbitrary: fc.constantFrom({ 'k\u0000': 1 }, { v: 'a\u0000' }, JSON.parse('{"__proto__":{"x":1}}'), { constructor: 1 }, { big: 'x'.repeat(70_000) }), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom(30, 31, 32, 33, 40, 2_000, 20_000), fc.constantFrom('array' as const, 'object' as const)).map(([n, kind]) => nestedJson(n, kind)), weight: 1 },
);

/** Integers around every bound the API has (page sizes, team sizes, months) and past 32 bits. */
export const hostileInt: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, 1, 2, 25, 50, 60, 100, 101, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: -1_000, max: 1_000 }),
);

/** Any JSON value in place of the expected one: the wrong type. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom(null, true, 0, 1.5, -7, '', [], {}, ['x'], { a: 1 }), hostileString);

/** Keys an object body may carry besides its documented ones: prototype members and unknown names. */
export const strayKey: fc.Arbitrary<string> = fc.oneof(fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'id', 'organization_id'), fc.string({ maxLength: 12 }));

/** A Content-Type for a body: JSON mostly, else what issue 11 saw accepted as JSON. */
export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  { arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/merge-patch+json'), weight: 2 },
);

/** Bodies that are not a JSON object at all. */
export const brokenBody: fc.Arbitrary<string> = fc.constantFrom('', '{', '[]', '1', '"x"', 'null', '{"a":1}{', '<a/>', '{"title":"x"', '\u0000');

/** Anything in place of a value: the wrong type, hostile text, dates, numbers or JSON. */
export const anyHostile: fc.Arbitrary<unknown> = fc.oneof(wrongType, hostileString, hostileDate, hostileInt, hostileJson);

/** What most often breaks a value of this kind, and anything else now and then. */
export function hostileFor(kind: 'text' | 'id' | 'date' | 'int' | 'json' | 'enum', prefix?: string): fc.Arbitrary<unknown> {
  const likely = {
    text: hostileString,
    id: fc.oneof(idFor(prefix), hostileString),
    date: hostileDate,
    int: hostileInt,
    json: hostileJson,
    enum: fc.oneof(hostileString, fc.constantFrom('ACTIVE', 'active', 'Active', 'DONE', 'done')),
  }[kind];
  return fc.oneof({ arbitrary: likely, weight: 4 }, { arbitrary: anyHostile, weight: 1 });
}
