import { sql } from 'drizzle-orm';

/**
 * Arrays travel as PostgreSQL array literals in one text parameter each. Both drivers pass a string
 * through untouched, so PGlite and postgres.js see the same bytes (drizzle's postgres.js setup
 * would otherwise skip serializing numeric[] and timestamptz[]), and building the literal here costs
 * a fraction of postgres.js's per-element escaping.
 */
export const arrayParam = (values: ReadonlyArray<string | number | null>) => sql.param(arrayLiteral(values));

const NEEDS_ESCAPE = /["\\]/;
const ESCAPE = /["\\]/g;

export function arrayLiteral(values: ReadonlyArray<string | number | null>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) parts[i] = 'NULL';
    else if (typeof v === 'number') parts[i] = String(v);
    else parts[i] = `"${NEEDS_ESCAPE.test(v) ? v.replace(ESCAPE, '\\$&') : v}"`;
  }
  return `{${parts.join(',')}}`;
}

/** Instants travel as whole epoch seconds: an int8 array is cheap to send and exact to convert. */
export const epochAt = (seconds: string) => sql.raw(`timestamptz 'epoch' + ${seconds} * interval '1 second'`);
