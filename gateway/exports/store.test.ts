import { describe, it, expect } from 'vitest';
import type http from 'node:http';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { describeEngines } from '../../test/testkit/describe-engines.ts';
import { principals } from '../../test/testkit/auth.ts';
import { claimJob, insertJob, readChunks, writePage } from './store.ts';
import { chunksPerRead, streamChunks } from './api.ts';

/** A job's output is written a batch at a time, with its progress, and read back as written. */
describeEngines('export chunks', (ctx) => {
  it('stores each batch with its progress, compressed with lz4 where PostgreSQL offers it, and reads it back as written', async () => {
    const job = await insertJob(ctx.database, { principal: principals.apexAdmin, source: 'graphql', query: '{ x }', variables: {}, format: 'ndjson' });
    expect((await claimJob(ctx.database, 60_000))?.id).toBe(job.id);
    const lines = (from: number) => Array.from({ length: 500 }, (_, i) => `${JSON.stringify({ id: `EVT-${from + i}`, payload: { note: 'é ✓ 😀'.repeat(i % 7), i } })}\n`).join('');
    const pages = [lines(0), lines(500)];
    for (const [seq, text] of pages.entries()) {
      // A batch comes as text, or as the UTF-8 bytes the database encoded its lines in (stored as they are).
      const data = seq === 0 ? text : Buffer.from(text);
      const page = { seq, data, objects: 500, bytes: Buffer.byteLength(text), resumeAfter: `cursor-${seq}`, last: seq === pages.length - 1 };
      expect(await writePage(ctx.database, job.id, page)).toBe(true);
      // The same batch again (a worker that lost the job to another): nothing written.
      expect(await writePage(ctx.database, job.id, page)).toBe(false);
    }
    expect((await readChunks(ctx.database, job.id, 0, 10)).map((c) => c.data)).toEqual(pages);
    const [state] = await ctx.database.rows<{ status: string; objects: number; bytes: number; chunks: number }>(sql`
      select status, objects_written::int as objects, bytes_written::int as bytes, chunks_written as chunks from gateway.export_jobs where id = ${job.id}`);
    expect(state).toEqual({ status: 'completed', objects: 1000, bytes: Buffer.byteLength(pages.join('')), chunks: 2 });
    const compression = await ctx.database.rows<{ method: string | null }>(sql`select pg_column_compression(data) as method from gateway.export_chunks where job_id = ${job.id}`);
    const [offered] = ctx.engine === 'postgres'
      ? await ctx.database.rows<{ lz4: boolean }>(sql`select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'`)
      : [{ lz4: false }];
    expect(compression.map((c) => c.method)).toEqual(offered.lz4 ? ['lz4', 'lz4'] : [expect.not.stringMatching(/lz4/), expect.not.stringMatching(/lz4/)]);
    // Other values this connection writes keep the server's default (the setting was the statement's own).
    const [{ own }] = await ctx.database.rows<{ own: boolean }>(sql`
      select current_setting('default_toast_compression') = reset_val as own from pg_settings where name = 'default_toast_compression'`);
    expect(own).toBe(true);
  });

  it('downloads every chunk in order, reading the next ones while it writes, as slowly as the client takes them', async () => {
    const job = await insertJob(ctx.database, { principal: principals.apexAdmin, source: 'graphql', query: '{ x }', variables: {}, format: 'ndjson' });
    expect((await claimJob(ctx.database, 60_000))?.id).toBe(job.id);
    // More chunks than one read takes (8), and not a multiple of it.
    const pages = Array.from({ length: 19 }, (_, seq) => Array.from({ length: 40 }, (_, i) => `${JSON.stringify({ seq, i, pad: 'x'.repeat(200) })}\n`).join(''));
    for (const [seq, data] of pages.entries()) {
      expect(await writePage(ctx.database, job.id, { seq, data, objects: 40, bytes: Buffer.byteLength(data), resumeAfter: `cursor-${seq}`, last: seq === pages.length - 1 })).toBe(true);
    }
    // A client that takes the bytes slower than they come: writes wait for it to drain.
    const res = new PassThrough({ highWaterMark: 4096 });
    const received: Buffer[] = [];
    const reading = (async () => {
      for await (const piece of res) {
        received.push(piece as Buffer);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await streamChunks(ctx.database, job.id, res as unknown as http.ServerResponse);
    await reading;
    expect(Buffer.concat(received).toString()).toBe(pages.join(''));
  });
});

describe('how many chunks a download reads a statement', () => {
  it('reads about 4 MB a statement by the mean chunk, from 1 to 64 chunks', () => {
    const MB = 1024 * 1024;
    expect(chunksPerRead({ bytesWritten: 75 * MB, chunksWritten: 300 })).toBe(16);
    expect(chunksPerRead({ bytesWritten: 75 * MB, chunksWritten: 60 })).toBe(3);
    expect(chunksPerRead({ bytesWritten: 75 * MB, chunksWritten: 3 })).toBe(1);
    expect(chunksPerRead({ bytesWritten: 9 * MB, chunksWritten: 300 })).toBe(64);
    expect(chunksPerRead({ bytesWritten: 0, chunksWritten: 0 })).toBe(64);
  });
});
