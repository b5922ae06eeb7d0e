import type { TASK_STATUSES, TASK_PRIORITIES } from '../../subgraphs/tasks/tables.ts';
import type { Random } from '../random.ts';
import { DEMO, demoId, numberDownFrom } from './ids.ts';
import { activeWorkerIds } from './organizations.ts';
import { TITLES, DESCRIPTIONS } from './task-titles.ts';
import { at, plus, max, min, NOW, HOUR, DAY, MINUTE, byTime } from './time.ts';
import { actorOf, type DemoData, type EventDraft, type ServiceLineRow, type TaskRow } from './types.ts';

type Status = (typeof TASK_STATUSES)[number];
type Priority = (typeof TASK_PRIORITIES)[number];
type History = DemoData['taskHistory'][number];

const OPEN: Status[] = ['backlog', 'in_progress', 'in_review'];

/** Where each workspace's PM tool lives: synced tasks carry its key and a deep link. */
const PM_TOOLS: Record<string, { source: string; key: string; url: (key: string) => string; first: number }> = {
  [DEMO.workspaceId]: { source: 'jira', key: 'APEX', url: (k) => `https://apexdigital.atlassian.net/browse/${k}`, first: 840 },
  [DEMO.dataWorkspaceId]: { source: 'linear', key: 'DATA', url: (k) => `https://linear.app/apex-digital/issue/${k}`, first: 310 },
  [DEMO.otherWorkspaceId]: { source: 'jira', key: 'NW', url: (k) => `https://northwindlabs.atlassian.net/browse/${k}`, first: 120 },
};

/** A task before its TSK-* number: numbers are handed out in creation order once all exist. */
interface Draft {
  row: TaskRow;
  history: Omit<History, 'taskId'>[];
  synced: boolean;
}

export interface TasksOutput {
  rows: Pick<DemoData, 'tasks' | 'taskHistory'>;
  events: EventDraft[];
}

/**
 * Builds every task with a status history that walks backlog → in_progress → in_review → done (or
 * stops early, or is cancelled), so each task's status is the `to` of its last status change, and
 * sets each line's delivery_velocity to its count of done and cancelled tasks.
 */
export function buildTasks(rng: Random, lines: ServiceLineRow[], agents: Map<string, string>, ends: Map<string, Date>): TasksOutput {
  const drafts: Draft[] = [];
  for (const line of lines) drafts.push(...lineTasks(rng.fork(`tasks ${line.id}`), line, agents.get(line.id!), ends.get(line.id!)));
  drafts.push(...unlinkedTasks(rng.fork('unlinked')));
  drafts.sort(byTime((d) => d.row.createdAt as Date));

  for (const [draft, n] of numberDownFrom(drafts, 18_900, [Number(DEMO.taskId.slice(-6))])) draft.row.id = demoId('TSK', n);
  assignExternalIds(drafts);
  const documented = documentedTasks();
  const all = [...drafts, ...documented];

  const velocity = new Map<string, number>();
  for (const { row } of all) {
    if (row.serviceLineId && (row.status === 'done' || row.status === 'cancelled')) {
      velocity.set(row.serviceLineId, (velocity.get(row.serviceLineId) ?? 0) + 1);
    }
  }
  for (const line of lines) line.deliveryVelocity = velocity.get(line.id!) ?? 0;

  const taskHistory = all
    .flatMap(({ row, history }) => history.map((h) => ({ taskId: row.id!, ...h })))
    .sort(byTime((h) => h.at as Date));
  return { rows: { tasks: all.map((d) => d.row), taskHistory }, events: all.flatMap(taskEvents) };
}

function documentedTasks(): Draft[] {
  const base = { organizationId: DEMO.organizationId, workspaceId: DEMO.workspaceId, priority: 'high' as const };
  return [
    {
      row: {
        ...base, id: DEMO.taskId, serviceLineId: DEMO.serviceLineId, projectId: DEMO.projectId,
        title: 'Implement idempotency key validation on payment endpoint',
        description: 'Payment endpoint must reject duplicate requests within 24 hours using the idempotency key.',
        status: 'in_progress', assigneeId: DEMO.adminUserId, externalId: 'APEX-1042', externalSource: 'jira',
        externalUrl: 'https://apexdigital.atlassian.net/browse/APEX-1042', createdBy: DEMO.adminUserId,
        createdAt: at('2026-04-10T10:00:00Z'), updatedAt: at('2026-04-14T16:00:00Z'), completedAt: null,
      },
      history: [{ at: at('2026-04-10T10:00:00Z'), change: 'status', from: 'backlog', to: 'in_progress', by: DEMO.adminUserId }],
      synced: true,
    },
    {
      row: {
        ...base, id: DEMO.agentTaskId, serviceLineId: DEMO.agentServiceLineId, projectId: null,
        title: 'Fix memory leak in worker process - identified by analysis',
        description: `Heap of payments-worker grows about 40 MB an hour: retry-scheduler listeners are never released. Found by run ${DEMO.runId}.`,
        status: 'in_progress', assigneeId: null, externalId: null, externalSource: null, externalUrl: null,
        createdBy: DEMO.agentId, createdAt: at('2026-04-15T09:12:44Z'), updatedAt: at('2026-04-15T09:12:45Z'), completedAt: null,
      },
      history: [{ at: at('2026-04-15T09:12:45Z'), change: 'status', from: 'backlog', to: 'in_progress', by: DEMO.agentId }],
      synced: false,
    },
  ];
}

function lineTasks(rng: Random, line: ServiceLineRow, agentId: string | undefined, end: Date | undefined): Draft[] {
  const workers = activeWorkerIds(line.workspaceId);
  const apex = line.workspaceId === DEMO.workspaceId;
  const count = line.status === 'draft' ? rng.int(0, 2)
    : line.status === 'active' ? (apex ? rng.int(10, 13) : rng.int(6, 9)) - documentedOn(line.id!) : rng.int(5, 8);
  const pool = TITLES[line.workspaceId === DEMO.dataWorkspaceId ? 'data' : line.productLine];
  const titles = rng.sample(pool, count);
  const from = max(line.activatedAt ?? line.createdAt as Date, at('2025-10-13T09:00:00Z'));
  const until = min(end ?? NOW, plus(NOW, -HOUR));
  const created = Array.from({ length: count }, () => plus(from, Math.floor(rng.float() * (until.getTime() - from.getTime()) / MINUTE) * MINUTE))
    .sort((a, b) => a.getTime() - b.getTime());

  return created.map((createdAt, i) => {
    const r = rng.fork(`task ${i}`);
    // The newest task of a running line is always open, so every active line has open work.
    const target: Status = line.status === 'draft' ? 'backlog'
      : line.status === 'active' && i === count - 1 ? r.pick(OPEN)
      : r.weighted<Status>([['done', 56], ['cancelled', 5], ['in_review', 10], ['in_progress', 14], ['backlog', 15]]);
    const byAgent = agentId !== undefined && r.chance(0.5);
    const createdBy = byAgent ? agentId : r.pick(workers);
    let assigneeId: string | null = target === 'backlog' && r.chance(0.6) ? null : r.pick(workers);
    const history: Draft['history'] = [];
    const limit = line.status === 'closed' && end ? end : until;
    // Widened on purpose: `step` moves it, which flow analysis cannot see.
    let status = 'backlog' as Status;
    let t = createdAt;
    const step = (to: Status, minHours: number, maxHours: number): boolean => {
      const next = plus(t, r.int(minHours * 60, maxHours * 60) * MINUTE);
      if (next > limit) return false;
      history.push({ at: next, change: 'status', from: status, to, by: assigneeId ?? createdBy });
      status = to;
      t = next;
      return true;
    };
    if (target === 'cancelled') {
      if (r.chance(0.5)) step('in_progress', 2, 72);
      step('cancelled', 24, 240);
    } else if (target !== 'backlog') {
      const path: Array<[Status, number, number]> = [['in_progress', 2, 144], ['in_review', 4, 120], ['done', 1, 72]];
      const steps = target === 'done' ? 3 : target === 'in_review' ? 2 : 1;
      for (const [to, lo, hi] of path.slice(0, steps)) {
        if (!step(to, lo, hi)) break;
      }
    }
    if (line.status === 'closed' && OPEN.includes(status) && end) {
      // Closing a line cancels what is left on it.
      history.push({ at: plus(end, -HOUR), change: 'status', from: status, to: 'cancelled', by: createdBy });
      status = 'cancelled';
      t = plus(end, -HOUR);
    }
    if (assigneeId && history.length > 0 && r.chance(0.12)) {
      const other = r.pick(workers.filter((w) => w !== assigneeId));
      const when = plus(createdAt, Math.floor(((history[0].at as Date).getTime() - createdAt.getTime()) / 2 / MINUTE) * MINUTE);
      history.splice(0, 0, { at: when, change: 'assignee', from: assigneeId, to: other, by: createdBy });
      assigneeId = other;
    }
    const finished = status === 'done' || status === 'cancelled';
    const priority = r.weighted<Priority>([['low', 3], ['medium', 6], ['high', 3], ['critical', 1]]);
    const row: TaskRow = {
      organizationId: line.organizationId, workspaceId: line.workspaceId, serviceLineId: line.id,
      projectId: line.projectIds?.length && r.chance(0.8) ? r.pick(line.projectIds) : null,
      title: titles[i], description: r.pick(DESCRIPTIONS), status, priority, assigneeId,
      externalId: null, externalSource: null, externalUrl: null, createdBy,
      createdAt, updatedAt: t, completedAt: finished ? t : null,
    };
    return { row, history, synced: !byAgent && line.productLine !== 'agents' && r.chance(0.7) };
  });
}

const documentedOn = (lineId: string) => (lineId === DEMO.serviceLineId || lineId === DEMO.agentServiceLineId ? 1 : 0);

/** The Data Platform workspace does not require a Service Line, and some of its tasks have none. */
function unlinkedTasks(rng: Random): Draft[] {
  const workers = activeWorkerIds(DEMO.dataWorkspaceId);
  return ['Write onboarding guide for the data platform', 'Evaluate open table formats', 'Clean up unused BI workspaces'].map((title, i) => {
    const createdAt = plus(at('2026-03-02T10:00:00Z'), (i * 11 + rng.int(0, 5)) * DAY);
    const assigneeId = rng.pick(workers);
    const history = i === 0 ? [{ at: plus(createdAt, 26 * HOUR), change: 'status', from: 'backlog', to: 'in_progress', by: assigneeId }] : [];
    return {
      row: {
        organizationId: DEMO.organizationId, workspaceId: DEMO.dataWorkspaceId, serviceLineId: null, projectId: null,
        title, description: null, status: i === 0 ? 'in_progress' : 'backlog', priority: 'low', assigneeId,
        externalId: null, externalSource: null, externalUrl: null, createdBy: rng.pick(workers),
        createdAt, updatedAt: history[0]?.at ?? createdAt, completedAt: null,
      },
      history,
      synced: true,
    };
  });
}

/** External keys count up in creation order per PM tool, stepping over the docs' APEX-1042. */
function assignExternalIds(drafts: Draft[]): void {
  const next = new Map<string, number>();
  for (const d of drafts) {
    const tool = PM_TOOLS[d.row.workspaceId];
    if (!d.synced || !tool) continue;
    let n = next.get(tool.key) ?? tool.first;
    if (tool.key === 'APEX' && n === 1042) n++;
    next.set(tool.key, n + 1);
    const key = `${tool.key}-${n}`;
    Object.assign(d.row, { externalId: key, externalSource: tool.source, externalUrl: tool.url(key) });
  }
}

function taskEvents({ row, history }: Draft): EventDraft[] {
  const base = { organizationId: row.organizationId, workspaceId: row.workspaceId, subjectType: 'task', subjectId: row.id! };
  const out: EventDraft[] = [{
    ...base, type: 'task.created', ...actorOf(row.createdBy), createdAt: row.createdAt as Date,
    // An assignee given at creation travels in task.created; task.assigned marks a later change.
    payload: {
      title: row.title, service_line_id: row.serviceLineId ?? null, priority: row.priority, status: 'backlog',
      assignee_id: history.find((h) => h.change === 'assignee')?.from ?? row.assigneeId ?? null,
    },
  }];
  for (const h of history) {
    out.push(h.change === 'status'
      ? { ...base, type: 'task.status_changed', ...actorOf(h.by), createdAt: h.at as Date, payload: { from: h.from, to: h.to, service_line_id: row.serviceLineId ?? null } }
      : { ...base, type: 'task.assigned', ...actorOf(h.by), createdAt: h.at as Date, payload: { assignee_id: h.to, previous_assignee_id: h.from } });
  }
  return out;
}
