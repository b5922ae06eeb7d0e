import { describe, it, expect } from 'vitest';
import { encodePage } from './worker.ts';

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

  it('writes the CSV header with the first row only, and names a bad row by its number in the export', () => {
    const first = encodePage(page([]), 'csv', null, 0);
    expect(first).toMatchObject({ data: '', columns: null });
    const second = encodePage(page([{ id: 'EVT-1', n: 1 }, { id: 'EVT-2' }]), 'csv', first.columns, 0);
    expect(second).toMatchObject({ data: 'id,n\r\nEVT-1,1\r\nEVT-2,\r\n', columns: ['id', 'n'], objects: 2 });
    expect(encodePage(page([{ id: 'EVT-3', n: 3 }]), 'csv', second.columns, 2).data).toBe('EVT-3,3\r\n');
    expect(() => encodePage(page([{ id: 'EVT-3' }, { id: 'EVT-4', extra: 1 }]), 'csv', second.columns, 2)).toThrow(/row 4 has the column extra/);
  });
});
