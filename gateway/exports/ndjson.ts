import type { Page } from './source.ts';

/** A page's rows as NDJSON, a line each: its encoded rows' bytes copied once into one buffer, or its objects serialised. */
export function ndjsonOf(page: Page): Buffer | string {
  if (!page.encoded) {
    let lines = '';
    for (const row of page.rows) lines += `${JSON.stringify(row)}\n`;
    return lines;
  }
  const rows = page.rows as (Buffer | string)[];
  let size = rows.length;
  for (const row of rows) size += typeof row === 'string' ? Buffer.byteLength(row) : row.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const row of rows) {
    at += typeof row === 'string' ? out.write(row, at) : row.copy(out, at);
    out[at++] = 0x0a;
  }
  return out;
}
