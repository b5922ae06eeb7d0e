import { TASK_DETAIL, TASK } from '../gateway/rest/tasks.ts';
import { WEBHOOK_DELIVERY } from '../gateway/rest/webhooks.ts';
import { openApiDocument } from '../gateway/rest/openapi.ts';
import { argument } from './seed-scale.ts';
import { printTable, fmt, ratio } from './table.ts';

/**
 * REST answers mapped by their declared shapes (gateway/rest/shape.ts) against the hand-written
 * mappers they replaced (copied here as they were on main, the baseline), on the same rows in the
 * same run: process CPU per row (user + system; no client: the mapping runs in this process), for
 * a task list item, a task with its history, and a webhook delivery with its attempts. Also the
 * one-off cost of generating /v1/openapi.json (every resource schema derived) at start.
 *
 *   npm run bench -- rest-shapes [--rows 200000]
 */

const idOf = (ref: { id: string } | null | undefined) => ref?.id ?? null;
const lower = (value: string | null | undefined) => (value == null ? null : value.toLowerCase());

type Row = Record<string, any>;

/** main's mappers (gateway/rest/tasks.ts and webhooks.ts before shapes). */
const HAND = {
  task: (task: Row) => ({
    id: task.id, workspace_id: idOf(task.workspace), service_line_id: idOf(task.serviceLine), project_id: idOf(task.project), title: task.title,
    status: lower(task.status), priority: lower(task.priority), assignee_id: idOf(task.assignee), external_id: task.external?.id ?? null,
    external_source: task.external?.source ?? null, created_at: task.createdAt, updated_at: task.updatedAt,
  }),
  taskDetail: (task: Row) => ({
    id: task.id, workspace_id: idOf(task.workspace), service_line_id: idOf(task.serviceLine), project_id: idOf(task.project), title: task.title,
    description: task.description, status: lower(task.status), priority: lower(task.priority), assignee_id: idOf(task.assignee),
    external_id: task.external?.id ?? null, external_source: task.external?.source ?? null, external_url: task.external?.url ?? null,
    history: task.history.map((h: Row) => ({ at: h.at, change: h.change, from: h.from, to: h.to, by: h.by })), created_at: task.createdAt, updated_at: task.updatedAt,
  }),
  delivery: (d: Row) => ({
    id: d.id, webhook_id: idOf(d.webhook), kind: lower(d.kind), event_id: d.eventId, event_type: d.eventType, status: lower(d.status),
    attempt_count: d.attemptCount, next_attempt_at: d.nextAttemptAt, request_body: d.requestBody, redelivery_of: d.redeliveryOf,
    created_at: d.createdAt, finished_at: d.finishedAt,
    attempts: d.attempts.map((a: Row) => ({
      attempt: a.attempt, started_at: a.startedAt, request_headers: a.requestHeaders, response_status: a.responseStatus,
      response_body: a.responseBody, latency_ms: a.latencyMs, error: a.error, next_attempt_at: a.nextAttemptAt,
    })),
  }),
};

function taskRow(i: number): Row {
  return {
    id: `TSK-26-${String(i).padStart(6, '0')}`, workspace: { id: 'WS-26-000021' }, serviceLine: i % 3 ? { id: 'LIN-26-084729' } : null, project: null,
    title: `Task ${i}`, description: 'A description of moderate length for the row.', status: 'IN_PROGRESS', priority: 'HIGH', assignee: { id: 'USR-26-000044' },
    external: i % 2 ? { id: `APEX-${i}`, source: 'jira', url: `https://x/${i}` } : null,
    history: [{ at: '2026-04-10T10:00:00Z', change: 'status', from: 'backlog', to: 'in_progress', by: 'USR-26-000044' }],
    createdAt: '2026-04-10T10:00:00Z', updatedAt: '2026-04-14T16:00:00Z',
  };
}

function deliveryRow(i: number): Row {
  const attempt = (n: number) => ({ attempt: n, startedAt: '2026-01-15T09:00:01Z', requestHeaders: { 'webhook-id': 'EVT-26-044912' }, responseStatus: 500, responseBody: 'no', latencyMs: 84, error: null, nextAttemptAt: null });
  return {
    id: `WHD-26-${String(i).padStart(6, '0')}`, webhook: { id: 'WHK-26-000001' }, kind: 'EVENT', eventId: 'EVT-26-044912', eventType: 'task.created', status: 'FAILED',
    attemptCount: 3, nextAttemptAt: null, requestBody: '{"type":"task.created"}', redeliveryOf: null, createdAt: '2026-01-15T09:00:01Z', finishedAt: null,
    attempts: [attempt(1), attempt(2), attempt(3)],
  };
}

function cpuPerRow(rows: Row[], map: (row: Row) => unknown): number {
  let sink = 0;
  for (const row of rows.slice(0, 2000)) sink += Object.keys(map(row) as object).length; // warm-up
  const cpu = process.cpuUsage();
  for (const row of rows) sink += Object.keys(map(row) as object).length;
  const used = process.cpuUsage(cpu);
  if (sink < 0) console.log(sink);
  return (used.user + used.system) / rows.length;
}

export async function runRestShapesBench(args: string[]): Promise<void> {
  const count = Number(argument(args, '--rows') ?? 200_000);
  const tasks = Array.from({ length: count }, (_, i) => taskRow(i));
  const deliveries = Array.from({ length: count / 4 }, (_, i) => deliveryRow(i));
  const rows: string[][] = [];
  for (const [name, data, hand, shape] of [
    ['Task (list item)', tasks, HAND.task, TASK.map],
    ['TaskDetail (with history)', tasks, HAND.taskDetail, TASK_DETAIL.map],
    ['WebhookDelivery (3 attempts)', deliveries, HAND.delivery, WEBHOOK_DELIVERY.map],
  ] as const) {
    // Alternate, twice each, and keep the better of each: the machine is shared.
    const h = Math.min(cpuPerRow(data, hand), cpuPerRow(data, hand));
    const s = Math.min(cpuPerRow(data, shape), cpuPerRow(data, shape));
    rows.push([`${name}: hand mapper (baseline)`, fmt(h, 3), '1.00x'], [`${name}: shape`, fmt(s, 3), ratio(s, h)]);
  }
  printTable(`REST mapping, CPU µs per row (${fmt(count)} rows)`, ['mapper', 'µs/row', 'vs baseline'], rows);

  const cpu = process.cpuUsage();
  const at = performance.now();
  openApiDocument();
  const used = process.cpuUsage(cpu);
  printTable('/v1/openapi.json, generated once at start', ['step', 'wall ms', 'CPU ms'], [['openApiDocument() (23 resource schemas derived)', fmt(performance.now() - at, 1), fmt((used.user + used.system) / 1000, 1)]]);
}
