import { sql } from 'drizzle-orm';
import type { Database } from '../platform/db.ts';
import { DELIVERY_MODELS, PRIORITIES } from '../subgraphs/managed-services/tables.ts';
import {
  DAY, INTEGRATIONS_PER_WORKSPACE, REF_S, START_S, SYNC_HISTORY_DAYS, SYNC_RUNS_PER_INTEGRATION, TICKETS_PER_POD, WINDOW_DAYS, WORKSPACES,
  integrationAt, podLines, scaleId, userInWorkspace, type LineCatalog,
} from './scale-model.ts';
import { below, chance, pick } from './scale-random.ts';
import { arrayParam as p, epochAt as at } from './scale-sql.ts';

/**
 * The managed-services side of the scale data, and the integrations' sync history: what a Service
 * Line's health reads besides tasks, incidents, usage and events. A pod for every active or paused
 * managed-services line, with its SLA, six monthly SLA reports and a stream of tickets; a sync run
 * every six hours for every integration over its last SYNC_HISTORY_DAYS. All of it a pure function
 * of the line catalog, built as columns and written as one `insert ... select from unnest(...)` per
 * table, as the bulk rows are (scale.ts).
 */

/** PRNG streams of their own (scale-model.ts's S holds 1 to 8). */
const SP = { pod: 9, ticket: 10, sync: 11 } as const;
/** scale-model.ts's SLA_REPORT_MONTHS months, the last one the reference date's. */
const REPORT_PERIODS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
const monthStart = (period: string) => Date.parse(`${period}-01T00:00:00Z`) / 1000;

type Column = Array<string | number | null>;
const columns = <K extends string>(...names: K[]) => Object.fromEntries(names.map((n) => [n, [] as Column])) as Record<K, Column>;

/** Writes the pods, SLAs, SLA reports, tickets and sync runs; returns the rows written. */
export async function insertManaged(database: Database, lines: LineCatalog, organizationId: string): Promise<number> {
  const pod = columns('n', 'ws', 'line', 'name', 'status', 'model', 'team', 'started', 'created');
  const report = columns('pod', 'period', 'compliance', 'metrics', 'created');
  const ticket = columns('n', 'ws', 'pod', 'title', 'priority', 'status', 'by', 'created', 'responded', 'resolved');
  podLines(lines).forEach((line, j) => {
    const team = 3 + below(4, SP.pod, j, 1);
    pod.n.push(j); pod.ws.push(line.ws); pod.line.push(line.id); pod.name.push(`${line.name} pod`); pod.status.push(line.status);
    pod.model.push(pick(DELIVERY_MODELS, SP.pod, j, 2)); pod.team.push(team); pod.started.push(line.activatedAt); pod.created.push(line.createdAt);
    REPORT_PERIODS.forEach((period, m) => {
      const targets: Array<[string, number]> = [['throughput', 6 + 2 * team], ['response_time_hours', 4], ['availability_hours', 40 * team], ['quality_gate', 80]];
      const metrics = targets.map(([metric, target], x) => {
        const breached = chance(0.12, SP.pod, j * 100 + m * 10 + x, 3);
        const actual = target + (metric === 'response_time_hours' ? (breached ? 1 : -1) : breached ? -2 : 1);
        return { metric, target, actual, status: breached ? 'breached' : 'met' };
      });
      const breaches = metrics.filter((x) => x.status === 'breached').length;
      report.pod.push(j); report.period.push(period); report.metrics.push(JSON.stringify(metrics));
      report.compliance.push(Math.round((100 - 3 * breaches - below(15, SP.pod, j * 100 + m, 4) / 10) * 10) / 10);
      report.created.push(period === '2026-04' ? REF_S - DAY / 2 : monthStart(REPORT_PERIODS[m + 1]) + DAY + DAY / 2);
    });
    for (let i = 0; i < TICKETS_PER_POD; i++) {
      const n = j * TICKETS_PER_POD + i;
      const created = START_S + Math.floor(((WINDOW_DAYS * DAY - 3_600) * (i + below(1000, SP.ticket, n, 1) / 1000)) / TICKETS_PER_POD);
      // Most are answered within the 4-hour response time, some late, a few of the newest not yet.
      const unanswered = REF_S - created < 5 * DAY && chance(0.3, SP.ticket, n, 2);
      const late = chance(0.1, SP.ticket, n, 3);
      const responded = unanswered ? null : created + Math.floor(3_600 * (late ? 5 + below(20, SP.ticket, n, 4) : 0.5 + below(30, SP.ticket, n, 5) / 10));
      const answered = responded !== null && responded < REF_S ? responded : null;
      const resolved = answered !== null && REF_S - created > 3 * DAY ? answered + DAY : null;
      ticket.n.push(n); ticket.ws.push(line.ws); ticket.pod.push(j); ticket.title.push(`Request ${i + 1} to ${line.name} pod`);
      ticket.priority.push(pick(PRIORITIES, SP.ticket, n, 6)); ticket.status.push(resolved ? 'resolved' : answered ? 'acknowledged' : 'open');
      ticket.by.push(userInWorkspace(line.ws, SP.ticket, n, 7)); ticket.created.push(created); ticket.responded.push(answered); ticket.resolved.push(resolved);
    }
  });
  const run = columns('n', 'integration', 'status', 'started', 'records', 'error');
  for (let i = 0; i < WORKSPACES * INTEGRATIONS_PER_WORKSPACE; i++) {
    const integration = integrationAt(i);
    for (let r = 0; r < SYNC_RUNS_PER_INTEGRATION; r++) {
      const k = i * SYNC_RUNS_PER_INTEGRATION + r;
      // The failing connection (scale-model.ts) fails its last ten days; the others now and then.
      const started = REF_S - SYNC_HISTORY_DAYS * DAY + r * 6 * 3_600 + below(600, SP.sync, k, 1);
      const failed = integration.status === 'error' ? REF_S - started < 10 * DAY : chance(0.03, SP.sync, k, 2);
      run.n.push(k); run.integration.push(integration.id); run.status.push(failed ? 'failed' : 'success'); run.started.push(started);
      run.records.push(failed ? null : below(500, SP.sync, k, 3)); run.error.push(failed ? pick(['token_expired', 'rate_limited', 'remote_timeout'], SP.sync, k, 4) : null);
    }
  }
  const org = organizationId;
  const id = (prefix: 'POD' | 'SLA' | 'TKT' | 'SYNC', column: string) => sql.raw(`'${scaleId(prefix, 0).slice(0, -6)}' || (${scaleId(prefix, 0).slice(-6)} + ${column})`);
  const ws = (column: string) => sql.raw(`'${scaleId('WS', 0).slice(0, -6)}' || (${scaleId('WS', 0).slice(-6)} + ${column})`);
  const statements = [
    sql`insert into managed_services.pods (id, organization_id, workspace_id, service_line_id, name, status, delivery_model, team_size,
        requested_team_size, sla_id, started_at, cost_per_month, currency, created_at, updated_at)
      select ${id('POD', 'u.n')}, ${org}, ${ws('u.ws')}, u.line, u.name, u.status::managed_services.pod_status,
        u.model::managed_services.delivery_model, u.team, u.team, ${id('SLA', 'u.n')}, ${at('u.started')}, 8000 * u.team, 'USD',
        ${at('u.created')}, ${at('u.started')}
      from unnest(${p(pod.n)}::int[], ${p(pod.ws)}::int[], ${p(pod.line)}::text[], ${p(pod.name)}::text[], ${p(pod.status)}::text[],
        ${p(pod.model)}::text[], ${p(pod.team)}::int[], ${p(pod.started)}::int8[], ${p(pod.created)}::int8[]) as u(n, ws, line, name, status, model, team, started, created)`,
    sql`insert into managed_services.slas (id, organization_id, pod_id, throughput_tasks_per_sprint, response_time_hours, availability_hours_per_week,
        quality_gate_percent, current_compliance, created_at)
      select ${id('SLA', 'u.n')}, ${org}, ${id('POD', 'u.n')}, 6 + 2 * u.team, 4, 40 * u.team, 80, null, ${at('u.created')}
      from unnest(${p(pod.n)}::int[], ${p(pod.team)}::int[], ${p(pod.created)}::int8[]) as u(n, team, created)`,
    sql`insert into managed_services.sla_reports (organization_id, sla_id, pod_id, period, compliance_percent, metrics, created_at)
      select ${org}, ${id('SLA', 'u.pod')}, ${id('POD', 'u.pod')}, u.period, u.compliance, u.metrics::jsonb, ${at('u.created')}
      from unnest(${p(report.pod)}::int[], ${p(report.period)}::text[], ${p(report.compliance)}::numeric[], ${p(report.metrics)}::text[],
        ${p(report.created)}::int8[]) as u(pod, period, compliance, metrics, created)`,
    sql`update managed_services.slas s set current_compliance = r.compliance_percent from managed_services.sla_reports r
      where r.sla_id = s.id and r.period = '2026-04' and s.organization_id = ${org}`,
    sql`insert into managed_services.tickets (id, organization_id, workspace_id, pod_id, type, title, priority, status, submitted_by,
        sla_response_due_at, responded_at, resolved_at, created_at, updated_at)
      select ${id('TKT', 'u.n')}, ${org}, ${ws('u.ws')}, ${id('POD', 'u.pod')}, 'support_request', u.title, u.priority::managed_services.priority,
        u.status::managed_services.ticket_status, 'USR-26-' || (100000 + u.by), ${at('(u.created + 4 * 3600)')}, ${at('u.responded')}, ${at('u.resolved')},
        ${at('u.created')}, ${at('coalesce(u.resolved, u.responded, u.created)')}
      from unnest(${p(ticket.n)}::int[], ${p(ticket.ws)}::int[], ${p(ticket.pod)}::int[], ${p(ticket.title)}::text[], ${p(ticket.priority)}::text[],
        ${p(ticket.status)}::text[], ${p(ticket.by)}::int[], ${p(ticket.created)}::int8[], ${p(ticket.responded)}::int8[], ${p(ticket.resolved)}::int8[])
        as u(n, ws, pod, title, priority, status, by, created, responded, resolved)`,
    sql`insert into integrations.sync_runs (id, organization_id, integration_id, status, started_at, finished_at, records_synced, error, created_at)
      select ${id('SYNC', 'u.n')}, ${org}, u.integration, u.status::integrations.sync_run_status, ${at('u.started')}, ${at('(u.started + 300)')},
        u.records, u.error, ${at('u.started')}
      from unnest(${p(run.n)}::int[], ${p(run.integration)}::text[], ${p(run.status)}::text[], ${p(run.started)}::int8[], ${p(run.records)}::int[],
        ${p(run.error)}::text[]) as u(n, integration, status, started, records, error)`,
  ];
  for (const statement of statements) await database.db.execute(statement);
  return pod.n.length * 2 + report.pod.length + ticket.n.length + run.n.length;
}
