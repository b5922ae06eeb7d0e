import { describe, it, expect } from 'vitest';
import { encodePage } from './worker.ts';
import { ndjsonOf } from './ndjson.ts';

describe('a page encoded as the job writes it', () => {
  const page = (rows: unknown[], hasNextPage = true) => ({ rows, hasNextPage, endCursor: hasNextPage ? 'next' : null });

  it('writes NDJSON lines, one per row, and counts their UTF-8 bytes', () => {
    const rows = [{ id: 'EVT-1', note: 'é' }, { id: 'EVT-2', payload: { a: [1, null] } }];
    const encoded = encodePage(page(rows), 'ndjson', null, 0);
    expect(encoded).toEqual({
      data: `${JSON.stringify(rows[0])}\n${JSON.stringify(rows[1])}\n`, bytes: Buffer.byteLength(encoded.data),
      objects: 2, endCursor: 'next', hasNextPage: true, columns: null,
    });
    expect(encodePage(page([], false), 'ndjson', null, 2)).toMatchObject({ data: '', bytes: 0, objects: 0, hasNextPage: false });
  });

  it('writes lines the database built as they came, bytes or strings, as one buffer of their UTF-8 bytes', () => {
    const texts = ['{"id":"EVT-1","note":"é ✓ 😀"}', '{"id":"EVT-2"}', '{"payload": {"a": [1, null]}}'];
    const expected = `${texts.join('\n')}\n`;
    for (const rows of [texts.map((text) => Buffer.from(text)), texts, [Buffer.from(texts[0]), texts[1], Buffer.from(texts[2])]]) {
      const lines = ndjsonOf({ rows, encoded: true, hasNextPage: false, endCursor: null });
      expect(Buffer.isBuffer(lines) && lines.toString('utf8')).toBe(expected);
      expect(encodePage({ rows, encoded: true, hasNextPage: true, endCursor: 'next' }, 'ndjson', null, 0)).toEqual({
        data: Buffer.from(expected), bytes: Buffer.byteLength(expected), objects: 3, endCursor: 'next', hasNextPage: true, columns: null,
      });
    }
    expect(ndjsonOf({ rows: [], encoded: true, hasNextPage: false, endCursor: null })).toHaveLength(0);
  });

  it('writes the CSV header with the first row only, and names a bad row by its number in the export', () => {
    const first = encodePage(page([]), 'csv', null, 0);
    expect(first).toMatchObject({ data: '', columns: null });
    const second = encodePage(page([{ id: 'EVT-1', n: 1 }, { id: 'EVT-2' }]), 'csv', first.columns, 0);
    expect(second).toMatchObject({ data: 'id,n\r\nEVT-1,1\r\nEVT-2,\r\n', columns: ['id', 'n'], objects: 2 });
    expect(encodePage(page([{ id: 'EVT-3', n: 3 }]), 'csv', second.columns, 2).data).toBe('EVT-3,3\r\n');
    expect(() => encodePage(page([{ id: 'EVT-3' }, { id: 'EVT-4', extra: 1 }]), 'csv', second.columns, 2)).toThrow(/row 4 has the column extra/);
  });
});
