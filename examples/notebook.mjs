#!/usr/bin/env node
// A notebook-style walk through the analytics API with nothing but Node's fetch:
//   1. page through events with GraphQL, 100 at a time;
//   2. read aggregates the graph computes (task stats and velocity, usage series, event counts);
//   3. run a bulk export of the same events and read its NDJSON download line by line.
//
//   SCRUMS_API_URL=http://localhost:4000 SCRUMS_TOKEN=<token printed by npm start> node examples/notebook.mjs
//
// The GraphQL documents and their variables are in examples/queries/ (the Python notebook and the
// test suite read the very same files).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const API = (process.env.SCRUMS_API_URL ?? 'http://localhost:4000').replace(/\/$/, '');
const TOKEN = process.env.SCRUMS_TOKEN;
if (!TOKEN) {
  console.error('Set SCRUMS_TOKEN to a bearer token (npm start prints a demo one; npm run token -- --org ORG-.. makes others).');
  process.exit(2);
}
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json' };
const query = (name) => fs.readFileSync(path.join(HERE, 'queries', `${name}.graphql`), 'utf8');
const VARIABLES = JSON.parse(fs.readFileSync(path.join(HERE, 'queries', 'variables.json'), 'utf8'));

async function graphql(name, variables) {
  const res = await fetch(`${API}/graphql`, { method: 'POST', headers: HEADERS, body: JSON.stringify({ query: query(name), variables }) });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`${name}: ${body.errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ')}`);
  return body.data;
}

async function rest(method, route, body) {
  const res = await fetch(`${API}${route}`, { method, headers: HEADERS, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${json.error?.code}: ${json.error?.message}`);
  return json.data;
}

// 1. Events, page after page --------------------------------------------------------------------
const events = [];
let after = null;
let pages = 0;
do {
  const { events: page } = await graphql('events', { ...VARIABLES.events, after });
  events.push(...page.nodes);
  pages++;
  after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
} while (after);
const counts = {};
for (const event of events) counts[event.type] = (counts[event.type] ?? 0) + 1;
const byType = Object.entries(counts).map(([type, n]) => ({ type, events: n }));
console.log(`\n# ${events.length} events in ${pages} pages`);
console.table(byType.sort((a, b) => b.events - a.events));

// 2. Aggregates, computed in the database -------------------------------------------------------
const { taskStats } = await graphql('task-stats', VARIABLES.taskStats);
console.log(`\n# tasks of ${VARIABLES.taskStats.workspaceId}: ${taskStats.total}, completion rate ${(taskStats.completionRate * 100).toFixed(1)}%`);
console.table(taskStats.byStatus);
console.table(taskStats.byPriority);
console.log('# delivery velocity (tasks completed per month)');
console.table(taskStats.velocity);

const { usageSeries } = await graphql('usage-series', VARIABLES.usageSeries);
const costByMonth = {};
for (const point of usageSeries) costByMonth[point.periodStart] = (costByMonth[point.periodStart] ?? 0) + point.cost;
console.log('\n# usage cost per month');
console.table(Object.entries(costByMonth).map(([month, cost]) => ({ month, cost: Math.round(cost * 100) / 100 })));

const { eventCounts } = await graphql('event-counts', VARIABLES.eventCounts);
const counted = eventCounts.reduce((sum, c) => sum + c.count, 0);
console.log(`\n# eventCounts: ${counted} events in ${eventCounts.length} (type, month) buckets`);

// 3. A bulk export of the same events -----------------------------------------------------------
let job = await rest('POST', '/v1/exports', { format: 'ndjson', query: query('events'), variables: VARIABLES.events });
console.log(`\n# export ${job.id} submitted`);
while (job.status === 'queued' || job.status === 'running') {
  await new Promise((resolve) => setTimeout(resolve, 500));
  job = await rest('GET', `/v1/exports/${job.id}`);
  console.log(`  ${job.status}: ${job.objects_written} objects, ${job.bytes_written} bytes`);
}
if (job.status !== 'completed') throw new Error(`export ${job.id} ${job.status}: ${job.error}`);
const download = await fetch(`${API}${job.download_url}`, { headers: { authorization: HEADERS.authorization } });
if (!download.ok) throw new Error(`download: HTTP ${download.status}`);
// Line by line: the download is never held whole in memory.
const exported = [];
for await (const line of readline.createInterface({ input: Readable.fromWeb(download.body), crlfDelay: Infinity })) {
  if (line) exported.push(JSON.parse(line).id);
}
console.log(`# export downloaded: ${exported.length} events, ${exported.length === events.length ? 'the same' : 'NOT the same'} number as paged`);

// The last line is for machines (the test suite reads it).
console.log(`SUMMARY ${JSON.stringify({ events: events.length, pages, exported: exported.length, sameIds: exported.join() === events.map((e) => e.id).join(), tasks: taskStats.total, velocityPoints: taskStats.velocity.length, usagePoints: usageSeries.length, eventCounts: counted })}`);
