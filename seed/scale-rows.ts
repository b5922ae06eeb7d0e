import { INCIDENT_SEVERITIES, INCIDENT_TYPES } from '../subgraphs/managed-services/tables.ts';
import { TASK_STATUSES } from '../subgraphs/tasks/tables.ts';
import {
  DAY, ID_BASES, INCIDENT_EVERY, INTEGRATIONS_PER_WORKSPACE, METRICS, REF_S, S, START_S, USERS, WINDOW_DAYS,
  scaleId, userInWorkspace, type LineCatalog, type LineInfo, type ScalePlan,
} from './scale-model.ts';
import { below, chance, pick, unit, weighted } from './scale-random.ts';

/**
 * The bulk rows, generated batch by batch as columns (one array per column), which is the shape the
 * `unnest` inserts take. Only the current batch is ever in memory: a task is a pure function of its
 * index, so the event stream can point at task #k without anyone keeping the tasks around.
 */

const SPAN_S = WINDOW_DAYS * DAY;

/** The i-th of n instants spread evenly over the window, jittered; non-decreasing in i. */
function instant(i: number, n: number, stream: number): number {
  return START_S + Math.floor((SPAN_S * (i + unit(stream, i, 99))) / n);
}

type TaskStatus = (typeof TASK_STATUSES)[number];
const priorityOf = weighted([['low', 20], ['medium', 50], ['high', 22], ['critical', 8]] as const);
const openStatusOf = weighted<TaskStatus>([['backlog', 45], ['in_progress', 35], ['in_review', 20]]);
const VERBS = ['Fix', 'Add', 'Refactor', 'Document', 'Migrate', 'Optimise', 'Review', 'Test', 'Instrument', 'Harden', 'Remove', 'Upgrade'];
const OBJECTS = ['login flow', 'billing export', 'search index', 'CI pipeline', 'webhook retries', 'usage report', 'onboarding email', 'API rate limits', 'audit trail', 'mobile sync', 'data retention job', 'SLA dashboard', 'invoice PDF', 'feature flags', 'error budget alerts', 'SSO settings'];

export interface TaskFacts {
  k: number;
  number: number;
  ws: number;
  line: LineInfo;
  createdAt: number;
  creator: number;
}

/** What the event stream needs to know about task k: cheap, and the same as the task row says. */
export function taskFacts(k: number, plan: ScalePlan, lines: LineCatalog): TaskFacts {
  const ws = below(lines.activeByWs.length, S.task, k, 0);
  return {
    k,
    number: ID_BASES.TSK + k,
    ws,
    line: pick(lines.activeByWs[ws], S.task, k, 1),
    createdAt: instant(k, plan.tasks, S.task),
    creator: userInWorkspace(ws, S.task, k, 3),
  };
}

export interface TaskBatch {
  rows: number;
  number: number[]; ws: number[]; line: number[]; project: Array<number | null>; title: string[];
  status: string[]; priority: string[]; assignee: Array<number | null>; creator: number[];
  extId: Array<string | null>; extSource: Array<string | null>; extUrl: Array<string | null>;
  createdAt: number[]; updatedAt: number[]; completedAt: Array<number | null>;
  /** task_history: one status row per task. */
  history: { at: number[]; from: Array<string | null>; to: string[]; by: number[] };
}

export function* taskBatches(plan: ScalePlan, lines: LineCatalog, size: number): Generator<TaskBatch> {
  for (let start = 0; start < plan.tasks; start += size) {
    const b: TaskBatch = {
      rows: 0, number: [], ws: [], line: [], project: [], title: [], status: [], priority: [], assignee: [], creator: [],
      extId: [], extSource: [], extUrl: [], createdAt: [], updatedAt: [], completedAt: [],
      history: { at: [], from: [], to: [], by: [] },
    };
    for (let k = start; k < Math.min(start + size, plan.tasks); k++) {
      const t = taskFacts(k, plan, lines);
      const age = (REF_S - t.createdAt) / SPAN_S;
      // Older tasks are more likely finished.
      const finished = chance(0.1 + 0.75 * age, S.task, k, 4);
      const status: TaskStatus = finished ? (chance(0.1, S.task, k, 5) ? 'cancelled' : 'done') : openStatusOf(S.task, k, 6);
      const assignee = chance(0.85, S.task, k, 7) ? ID_BASES.USR + userInWorkspace(t.ws, S.task, k, 8) : null;
      const updatedAt = t.createdAt + below(Math.min(REF_S - 1 - t.createdAt, 21 * DAY), S.task, k, 9);
      const ext = unit(S.task, k, 10);
      b.rows++;
      b.number.push(t.number);
      b.ws.push(ID_BASES.WS + t.ws);
      b.line.push(t.line.number);
      b.project.push(t.line.projects.length > 0 && chance(0.6, S.task, k, 11) ? ID_BASES.PROJ + pick(t.line.projects, S.task, k, 12) : null);
      b.title.push(`${pick(VERBS, S.task, k, 13)} ${pick(OBJECTS, S.task, k, 14)}`);
      b.status.push(status);
      b.priority.push(priorityOf(S.task, k, 15));
      b.assignee.push(assignee);
      b.creator.push(ID_BASES.USR + t.creator);
      b.extId.push(ext < 0.3 ? `SCL-${k + 1}` : ext < 0.4 ? `#${k + 1}` : null);
      b.extSource.push(ext < 0.3 ? 'jira' : ext < 0.4 ? 'github' : null);
      b.extUrl.push(ext < 0.3 ? `https://scale-bench.atlassian.net/browse/SCL-${k + 1}` : ext < 0.4 ? `https://github.com/scale-bench/platform/issues/${k + 1}` : null);
      b.createdAt.push(t.createdAt);
      b.updatedAt.push(updatedAt);
      b.completedAt.push(finished ? updatedAt : null);
      b.history.at.push(status === 'backlog' ? t.createdAt : updatedAt);
      b.history.from.push(status === 'backlog' ? null : 'backlog');
      b.history.to.push(status);
      b.history.by.push(assignee ?? ID_BASES.USR + t.creator);
    }
    yield b;
  }
}

export interface UsageBatch {
  rows: number;
  ws: number[]; line: number[]; metric: string[]; quantity: number[]; cost: number[]; recordedAt: number[];
}

export function* usageBatches(plan: ScalePlan, lines: LineCatalog, size: number): Generator<UsageBatch> {
  for (let start = 0; start < plan.usageRecords; start += size) {
    const b: UsageBatch = { rows: 0, ws: [], line: [], metric: [], quantity: [], cost: [], recordedAt: [] };
    for (let r = start; r < Math.min(start + size, plan.usageRecords); r++) {
      const line = pick(lines.billing, S.usage, r, 1);
      const [metric, max, price] = METRICS[line.productLine];
      const quantity = Math.round((0.25 + unit(S.usage, r, 2) * max) * 100) / 100;
      b.rows++;
      b.ws.push(ID_BASES.WS + line.ws);
      b.line.push(line.number);
      b.metric.push(metric);
      b.quantity.push(quantity);
      b.cost.push(Math.round(quantity * price * 100) / 100);
      b.recordedAt.push(instant(r, plan.usageRecords, S.usage));
    }
    yield b;
  }
}

export interface EventBatch {
  rows: number;
  /** Offset of the batch's first event in the stream: its ID and seq follow from it. */
  first: number;
  type: string[]; ws: Array<number | null>; actor: number[]; subjectType: string[]; subjectId: string[];
  payload: string[]; at: number[];
  incidents: IncidentBatch;
}

export interface IncidentBatch {
  number: number[]; ws: number[]; line: number[]; type: string[]; title: string[]; severity: string[];
  status: string[]; raisedBy: number[]; openedAt: number[]; resolvedAt: Array<number | null>;
}

type Other = 'task.status_changed' | 'task.assigned' | 'agent.run.completed' | 'agent.run.failed' | 'service_line.status_changed'
  | 'capacity.utilisation_warning' | 'execution.blocked' | 'execution.resumed' | 'integration.sync_failed' | 'user.role_changed';
const otherTypeOf = weighted<Other>([
  ['task.status_changed', 36], ['task.assigned', 18], ['agent.run.completed', 14], ['agent.run.failed', 2],
  ['service_line.status_changed', 4], ['capacity.utilisation_warning', 4], ['execution.blocked', 3],
  ['execution.resumed', 2], ['integration.sync_failed', 4], ['user.role_changed', 1],
]);

/**
 * The event log in created_at order: one task.created per task at the task's own creation instant,
 * merged with the other events, which only ever point at tasks created before them.
 */
export function* eventBatches(plan: ScalePlan, lines: LineCatalog, size: number): Generator<EventBatch> {
  let k = 0; // tasks created so far
  let i = 0; // other events so far
  let nextTask = plan.tasks > 0 ? taskFacts(0, plan, lines) : undefined;
  let nextOther = plan.otherEvents > 0 ? instant(0, plan.otherEvents, S.event) : Infinity;
  for (let first = 0; first < plan.events; first += size) {
    const b: EventBatch = {
      rows: 0, first, type: [], ws: [], actor: [], subjectType: [], subjectId: [], payload: [], at: [],
      incidents: { number: [], ws: [], line: [], type: [], title: [], severity: [], status: [], raisedBy: [], openedAt: [], resolvedAt: [] },
    };
    for (let n = first; n < Math.min(first + size, plan.events); n++) {
      if (nextTask && nextTask.createdAt <= nextOther) {
        const t = nextTask;
        push(b, 'task.created', t.ws, t.creator, 'task', scaleId('TSK', t.k), t.createdAt,
          { service_line_id: t.line.id, status: 'backlog' });
        k++;
        nextTask = k < plan.tasks ? taskFacts(k, plan, lines) : undefined;
      } else {
        otherEvent(b, i, nextOther, k, plan, lines);
        i++;
        nextOther = i < plan.otherEvents ? instant(i, plan.otherEvents, S.event) : Infinity;
      }
    }
    yield b;
  }
}

function push(b: EventBatch, type: string, ws: number | null, actor: number, subjectType: string, subjectId: string,
  at: number, payload: Record<string, unknown>) {
  b.rows++;
  b.type.push(type);
  b.ws.push(ws === null ? null : ID_BASES.WS + ws);
  b.actor.push(ID_BASES.USR + actor);
  b.subjectType.push(subjectType);
  b.subjectId.push(subjectId);
  b.payload.push(JSON.stringify(payload));
  b.at.push(at);
}

const STATUS_CHANGES: Array<[string, string]> = [
  ['backlog', 'in_progress'], ['in_progress', 'in_review'], ['in_review', 'done'], ['in_review', 'in_progress'],
  ['backlog', 'cancelled'], ['in_progress', 'done'],
];

function otherEvent(b: EventBatch, i: number, at: number, tasksSoFar: number, plan: ScalePlan, lines: LineCatalog) {
  const e = S.event;
  if (i % INCIDENT_EVERY === 0) return incidentEvent(b, i / INCIDENT_EVERY, at, lines);
  let type = otherTypeOf(e, i);
  const onTask = type.startsWith('task.') || type.startsWith('execution.');
  if (onTask && tasksSoFar === 0) type = 'capacity.utilisation_warning';
  if (type.startsWith('task.') || type.startsWith('execution.')) {
    const t = taskFacts(below(tasksSoFar, e, i, 1), plan, lines);
    const actor = userInWorkspace(t.ws, e, i, 2);
    const subject = scaleId('TSK', t.k);
    if (type === 'task.status_changed') {
      const [from, to] = pick(STATUS_CHANGES, e, i, 3);
      push(b, type, t.ws, actor, 'task', subject, at, { previous_status: from, new_status: to, service_line_id: t.line.id });
    } else if (type === 'task.assigned') {
      push(b, type, t.ws, actor, 'task', subject, at, { assignee_id: scaleId('USR', userInWorkspace(t.ws, e, i, 4)) });
    } else {
      push(b, type, t.ws, actor, 'task', subject, at, { service_line_id: t.line.id, reason: type === 'execution.blocked' ? 'waiting_on_client' : 'unblocked' });
    }
    return;
  }
  if (type === 'integration.sync_failed') {
    const n = below(lines.activeByWs.length * INTEGRATIONS_PER_WORKSPACE, e, i, 1);
    const ws = Math.floor(n / INTEGRATIONS_PER_WORKSPACE);
    push(b, type, ws, userInWorkspace(ws, e, i, 2), 'integration', scaleId('INT', n), at,
      { error: pick(['token_expired', 'rate_limited', 'remote_timeout'], e, i, 3), retry_in_s: 60 * (1 + below(30, e, i, 4)) });
    return;
  }
  if (type === 'user.role_changed') {
    const u = below(USERS, e, i, 1);
    push(b, type, null, 0, 'user', scaleId('USR', u), at, { previous_role: 'member', new_role: pick(['admin', 'viewer', 'member'], e, i, 2) });
    return;
  }
  const line = type.startsWith('agent.') ? pick(lines.agents, e, i, 1) : pick(lines.all, e, i, 1);
  const actor = userInWorkspace(line.ws, e, i, 2);
  if (type === 'service_line.status_changed') {
    const [from, to] = pick([['active', 'paused'], ['paused', 'active'], ['draft', 'active']] as const, e, i, 3);
    push(b, type, line.ws, actor, 'service_line', line.id, at,
      { previous_status: from, new_status: to, execution_model: line.executionModel, product_line: line.productLine });
  } else if (type === 'capacity.utilisation_warning') {
    push(b, type, line.ws, actor, 'service_line', line.id, at, { utilisation_percent: 85 + below(30, e, i, 3) });
  } else {
    push(b, type, line.ws, actor, 'service_line', line.id, at, {
      run_id: `RUN-26-${String(1_000_000 + i)}`,
      duration_ms: 200 + below(20_000, e, i, 3),
      tokens_used: 100 + below(8_000, e, i, 4),
      outcome: type === 'agent.run.failed' ? 'failure' : 'success',
    });
  }
}

function incidentEvent(b: EventBatch, m: number, at: number, lines: LineCatalog) {
  const s = S.incident;
  const line = pick(lines.active, s, m, 1);
  const raisedBy = userInWorkspace(line.ws, s, m, 2);
  const severity = pick(INCIDENT_SEVERITIES, s, m, 3);
  const type = pick(INCIDENT_TYPES, s, m, 4);
  const resolved = REF_S - at > 3 * DAY && chance(0.85, s, m, 5);
  const resolvedAt = resolved ? at + 3_600 * (1 + below(48, s, m, 6)) : null;
  const inc = b.incidents;
  inc.number.push(ID_BASES.INC + m);
  inc.ws.push(ID_BASES.WS + line.ws);
  inc.line.push(line.number);
  inc.type.push(type);
  inc.title.push(`${severity[0].toUpperCase()}${severity.slice(1)}-severity ${type.replace(/_/g, ' ')} on ${line.name}`);
  inc.severity.push(severity);
  inc.status.push(resolved ? 'resolved' : chance(0.5, s, m, 7) ? 'investigating' : 'open');
  inc.raisedBy.push(ID_BASES.USR + raisedBy);
  inc.openedAt.push(at);
  inc.resolvedAt.push(resolvedAt);
  push(b, 'incident.opened', line.ws, raisedBy, 'incident', scaleId('INC', m), at,
    { severity, type, service_line_id: line.id });
}
