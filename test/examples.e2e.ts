import { it, expect, beforeAll, afterAll } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeEngines } from './testkit/describe-engines.ts';
import { startTestSystem, type TestSystem } from './testkit/system.ts';
import { principals, bearer } from './testkit/auth.ts';
import { DEMO } from '../seed/demo.ts';

/**
 * examples/: the GraphQL documents the notebooks send (examples/queries/*.graphql, with
 * variables.json) run against the demo system exactly as written, and the Node notebook (and the
 * Python one, when pandas is importable) runs end to end against a started system.
 */
const EXAMPLES = path.resolve(import.meta.dirname, '../examples');
const query = (name: string) => fs.readFileSync(path.join(EXAMPLES, 'queries', `${name}.graphql`), 'utf8');
const VARIABLES = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'queries', 'variables.json'), 'utf8'));
const run = promisify(execFile);

const pandas = spawnSync('python3', ['-c', 'import pandas'], { encoding: 'utf8' });
const pythonSkip = pandas.error
  ? `python3 is not available (${pandas.error.message})`
  : pandas.status !== 0
    ? `pandas is not importable by python3 (${pandas.stderr.trim().split('\n').at(-1)})`
    : null;
if (pythonSkip) console.log(`examples: skipping the Python notebook run: ${pythonSkip}`);

describeEngines('examples/ notebooks and their queries', (ctx) => {
  let sys: TestSystem;
  beforeAll(async () => {
    // The notebooks poll their export: the per-caller budget is out of their way.
    sys = await startTestSystem(ctx.database, principals.apexAdmin, { limits: { rateLimitPoints: 1_000_000 } });
  });
  afterAll(() => sys.close());

  /** Every event the examples' events document pages through, and the number of pages. */
  async function pageEvents() {
    const events: any[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data, errors }: { data?: any; errors?: unknown } = await sys.graphql(query('events'), { ...VARIABLES.events, after });
      expect(errors).toBeUndefined();
      events.push(...data.events.nodes);
      pages++;
      if (!data.events.pageInfo.hasNextPage) return { events, pages };
      after = data.events.pageInfo.endCursor;
    }
  }

  it('pages through task events 100 at a time with the events document', async () => {
    const { events, pages } = await pageEvents();
    expect(events.length).toBeGreaterThan(100);
    expect(pages).toBe(Math.ceil(events.length / 100));
    for (const event of events) {
      expect(event.type.startsWith('task.')).toBe(true);
      expect(event.createdAt >= VARIABLES.events.from && event.createdAt < VARIABLES.events.to).toBe(true);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    // Newest first.
    expect(events.map((e) => e.createdAt)).toEqual([...events.map((e) => e.createdAt)].sort().reverse());
  });

  it('reads task stats with velocity, usage series and event counts as the notebooks do', async () => {
    const stats = await sys.graphql(query('task-stats'), VARIABLES.taskStats);
    expect(stats.errors).toBeUndefined();
    const { taskStats } = stats.data;
    expect(VARIABLES.taskStats.workspaceId).toBe(DEMO.workspaceId);
    expect(taskStats.total).toBeGreaterThan(0);
    expect(taskStats.byStatus.reduce((sum: number, s: any) => sum + s.count, 0)).toBe(taskStats.total);
    expect(taskStats.byPriority.reduce((sum: number, p: any) => sum + p.count, 0)).toBe(taskStats.total);
    expect(taskStats.completionRate).toBeGreaterThanOrEqual(0);
    expect(taskStats.completionRate).toBeLessThanOrEqual(1);
    // January to April, one bucket a month, zeros included.
    expect(taskStats.velocity.map((v: any) => v.periodStart)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']);

    const usage = await sys.graphql(query('usage-series'), VARIABLES.usageSeries);
    expect(usage.errors).toBeUndefined();
    expect(usage.data.usageSeries.length).toBeGreaterThan(0);
    for (const point of usage.data.usageSeries) {
      expect(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']).toContain(point.periodStart);
      expect(point.cost).toBeGreaterThanOrEqual(0);
    }

    const counts = await sys.graphql(query('event-counts'), VARIABLES.eventCounts);
    expect(counts.errors).toBeUndefined();
    const { events } = await pageEvents();
    // The same range and types counted in the database as paged out of it.
    expect(counts.data.eventCounts.reduce((sum: number, c: any) => sum + c.count, 0)).toBe(events.length);
  });

  it('runs the events document as an export whose lines are the paged events', async () => {
    const authorization = `Bearer ${await bearer(principals.apexAdmin)}`;
    const submitted = await fetch(`${sys.url}/v1/exports`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'ndjson', query: query('events'), variables: VARIABLES.events }),
    });
    expect(submitted.status).toBe(201);
    let job = ((await submitted.json()) as any).data;
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = ((await (await fetch(`${sys.url}/v1/exports/${job.id}`, { headers: { authorization } })).json()) as any).data;
    }
    expect(job.status).toBe('completed');
    const text = await (await fetch(`${sys.url}${job.download_url}`, { headers: { authorization } })).text();
    const lines = text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    expect(lines).toEqual((await pageEvents()).events);
  });

  async function runNotebook(command: string, args: string[]) {
    const env = { ...process.env, SCRUMS_API_URL: sys.url, SCRUMS_TOKEN: await bearer(principals.apexAdmin) };
    const { stdout } = await run(command, args, { env, maxBuffer: 16 << 20 });
    const summary = stdout.trim().split('\n').at(-1)!;
    expect(summary.startsWith('SUMMARY ')).toBe(true);
    return JSON.parse(summary.slice('SUMMARY '.length));
  }

  /** What the notebooks must find: the same figures as the documents give here. */
  async function expectedSummary() {
    const { events, pages } = await pageEvents();
    const { data } = await sys.graphql(query('task-stats'), VARIABLES.taskStats);
    return { events: events.length, pages, exported: events.length, sameIds: true, tasks: data.taskStats.total, velocityPoints: 4 };
  }

  it('runs examples/notebook.mjs end to end', async () => {
    const summary = await runNotebook(process.execPath, [path.join(EXAMPLES, 'notebook.mjs')]);
    expect(summary).toMatchObject(await expectedSummary());
    expect(summary.usagePoints).toBeGreaterThan(0);
    expect(summary.eventCounts).toBe(summary.events);
  });

  it.skipIf(pythonSkip !== null)('runs examples/notebook.py end to end (needs python3 with pandas)', async () => {
    const summary = await runNotebook('python3', [path.join(EXAMPLES, 'notebook.py')]);
    expect(summary).toMatchObject(await expectedSummary());
    expect(summary.usagePoints).toBeGreaterThan(0);
    expect(summary.eventCounts).toBe(summary.events);
  });
});
