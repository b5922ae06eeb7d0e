import { describe, it, expect } from 'vitest';
import type http from 'node:http';
import { PassThrough } from 'node:stream';
import { writePages } from './stream.ts';
import type { Page } from './source.ts';

/** Pages of `size` rows up to `total` rows, cursors `c<last row>`, as a list source answers them. */
function pages(total: number, size: number) {
  const reads: (string | null)[] = [];
  const pageAfter = (after: string | null): Page => {
    const start = after === null ? 0 : Number(after.slice(1)) + 1;
    const rows = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => ({ id: start + i, note: 'ü'.repeat((start + i) % 5) }));
    return { rows, hasNextPage: start + size < total, endCursor: rows.length ? `c${start + rows.length - 1}` : null };
  };
  return { reads, pageAfter, fetch: async (after: string) => (reads.push(after), pageAfter(after)) };
}

const lines = (total: number) => Array.from({ length: total }, (_, i) => `${JSON.stringify({ id: i, note: 'ü'.repeat(i % 5) })}\n`).join('');

describe('NDJSON streaming of a list (writePages)', () => {
  it('writes every page once, in order, asking for the next page before this one is written', async () => {
    const source = pages(25, 10);
    const res = new PassThrough();
    const received: Buffer[] = [];
    res.on('data', (piece: Buffer) => received.push(piece));
    const order: string[] = [];
    const write = res.write.bind(res) as (chunk: string) => boolean;
    res.write = ((chunk: string) => (order.push('write'), write(chunk))) as typeof res.write;
    await writePages(res as unknown as http.ServerResponse, source.pageAfter(null), null, async (after) => (order.push(`read ${after}`), source.fetch(after)));
    expect(order).toEqual(['read c9', 'write', 'read c19', 'write', 'write']);
    expect(Buffer.concat(received).toString()).toBe(lines(25));
  });

  it('holds two pages at most while the client takes nothing', async () => {
    const source = pages(1_000, 10);
    // A client that reads nothing: the response's buffer fills at its first page.
    const res = new PassThrough({ highWaterMark: 16 });
    const writing = writePages(res as unknown as http.ServerResponse, source.pageAfter(null), null, source.fetch);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(source.reads).toEqual(['c9']);
    // Taking the bytes lets it go on, a page at a time ahead of what was written.
    const received: Buffer[] = [];
    res.on('data', (piece: Buffer) => received.push(piece));
    await writing;
    expect(Buffer.concat(received).toString()).toBe(lines(1_000));
    expect(source.reads).toHaveLength(99);
  });

  it('throws a failed read only after the pages before it were written, and stops at a cursor that does not move', async () => {
    const source = pages(30, 10);
    const res = new PassThrough();
    const received: Buffer[] = [];
    res.on('data', (piece: Buffer) => received.push(piece));
    const failing = async (after: string) => {
      if (after === 'c19') throw new Error('the database went away');
      return source.fetch(after);
    };
    await expect(writePages(res as unknown as http.ServerResponse, source.pageAfter(null), null, failing)).rejects.toThrow('the database went away');
    expect(Buffer.concat(received).toString()).toBe(lines(20));

    // A list that says there is more but gives the same cursor again ends instead of looping.
    const stuck = { rows: [{ id: 0 }], hasNextPage: true, endCursor: 'c0' };
    const reads: string[] = [];
    await writePages(new PassThrough() as unknown as http.ServerResponse, stuck, null, async (after) => (reads.push(after), stuck));
    expect(reads).toEqual(['c0']);
  });

  it('rejects when the client goes away while a page waits for it', async () => {
    const source = pages(1_000, 10);
    const res = new PassThrough({ highWaterMark: 16 });
    const writing = writePages(res as unknown as http.ServerResponse, source.pageAfter(null), null, source.fetch);
    await new Promise((resolve) => setImmediate(resolve));
    res.destroy();
    await expect(writing).rejects.toThrow(/closed the connection/);
    expect(source.reads.length).toBeLessThanOrEqual(1);
  });
});
