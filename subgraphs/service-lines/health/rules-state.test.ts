import { it, expect, beforeAll } from 'vitest';
import { describeEngines } from '../../../test/testkit/describe-engines.ts';
import { healthFixtures, ago, DAY, OTHER_ORG, WINDOW } from '../../../test/testkit/health-fixtures.ts';

/**
 * The rules that read a line's state at the window's end, one by one on both engines: each test
 * writes exactly the rows its rule reads on an empty database, and checks the measure SQL and the
 * rule together (thresholds.ts gives every number below).
 */
describeEngines('health rules: state at the window\'s end', (ctx) => {
  let f: ReturnType<typeof healthFixtures>;
  beforeAll(() => {
    f = healthFixtures(ctx.database.db);
  });

  it('incidents: points by severity for those open at the end, +5 past a week, capped at 60; an open critical one is critical', async () => {
    const quiet = await f.line();
    expect(await f.signal('incidents', quiet)).toEqual({
      rule: 'incidents', level: 'ok', penalty: 0, summary: 'No incident open.',
      evidence: { open: 0, by_severity: { critical: 0, high: 0, medium: 0, low: 0 }, oldest_id: null, oldest_opened_at: null, oldest_open_hours: null }, links: [],
    });

    const line = await f.line();
    const low = await f.incident(line, 'low', ago(30));
    await f.incident(line, 'medium', ago(50), ago(10)); // resolved before the end: gone
    const later = await f.incident(line, 'high', ago(40), ago(-5)); // resolved after the end: open then
    await f.incident(line, 'critical', ago(-1)); // opened after the end: not yet
    await f.incident(line, 'high', ago(20), null, OTHER_ORG); // another organization's, on the same line ID
    expect(await f.signal('incidents', line)).toEqual({
      rule: 'incidents', level: 'warning', penalty: 15 + 3,
      summary: `2 incidents open (1 high, 1 low); the oldest, ${later}, for 40 hours.`,
      evidence: { open: 2, by_severity: { critical: 0, high: 1, medium: 0, low: 1 }, oldest_id: later, oldest_opened_at: ago(40).toISOString().replace('.000Z', 'Z'), oldest_open_hours: 40 },
      links: [later, low].map((id) => ({ type: 'incident', id, href: `/v1/incidents?service_line_id=${line}` })),
    });

    const old = await f.line();
    await f.incident(old, 'medium', ago(8 * 24));
    expect(await f.signal('incidents', old)).toMatchObject({ level: 'warning', penalty: 8 + 5, summary: expect.stringContaining('for 8 days') });

    const burning = await f.line();
    const critical = await f.incident(burning, 'critical', ago(2));
    for (let i = 0; i < 3; i++) await f.incident(burning, 'high', ago(3 + i));
    const signal = await f.signal('incidents', burning);
    expect(signal).toMatchObject({ level: 'critical', penalty: 60, evidence: { open: 4, by_severity: { critical: 1, high: 3 } } });
    expect(signal.links[0].id).toBe(critical);
  });

  it('tickets: 8 points per ticket unanswered past its deadline at the end, capped at 24; three are critical', async () => {
    const line = await f.line();
    const { pod } = await f.pod(line);
    expect(await f.signal('tickets', line)).toMatchObject({ level: 'ok', penalty: 0, summary: 'No ticket is past its SLA response deadline.', links: [] });
    await f.ticket(pod, ago(10), { respondedAt: ago(9) }); // answered in time
    await f.ticket(pod, ago(10), { respondedAt: ago(5) }); // answered late, but answered by the end
    await f.ticket(pod, ago(10), { resolvedAt: ago(6) }); // resolved without a recorded answer
    await f.ticket(pod, ago(1)); // not due yet
    await f.ticket(pod, ago(-3)); // submitted after the end
    const late = await f.ticket(pod, ago(6), { respondedAt: ago(-1) }); // answered only after the end
    expect(await f.signal('tickets', line)).toEqual({
      rule: 'tickets', level: 'warning', penalty: 8,
      summary: `1 ticket past its SLA response deadline without an answer; the longest, ${late}, by 4 hours.`,
      evidence: { overdue: 1, oldest_id: late, oldest_due_at: ago(4).toISOString().replace('.000Z', 'Z'), oldest_overdue_hours: 4 },
      links: [{ type: 'ticket', id: late, href: `/v1/managed-services/tickets?pod_id=${pod}` }],
    });
    await f.ticket(pod, ago(3));
    await f.ticket(pod, ago(4));
    expect(await f.signal('tickets', line)).toMatchObject({ level: 'critical', penalty: 24, evidence: { overdue: 3 } });
    await f.ticket(pod, ago(5));
    expect(await f.signal('tickets', line)).toMatchObject({ level: 'critical', penalty: 24, evidence: { overdue: 4 } });
  });

  it('sla: the latest report written by the end, 8 points per breached metric (at most 24), +10 below 95%, critical below 90%', async () => {
    const podless = await f.line();
    expect(await f.signal('sla', podless)).toEqual({
      rule: 'sla', level: 'ok', penalty: 0, summary: 'No SLA: the line has no managed-services pod.',
      evidence: { pod_id: null, sla_id: null, period: null, compliance_percent: null, breached: [] }, links: [],
    });
    const line = await f.line();
    const pod = await f.pod(line);
    expect(await f.signal('sla', line)).toMatchObject({ level: 'ok', summary: `No SLA report yet for ${pod.pod}.`, links: [{ type: 'pod', id: pod.pod }] });
    await f.report(pod, '2026-02', 99, [], new Date('2026-03-02T12:00:00Z'));
    expect(await f.signal('sla', line)).toMatchObject({ level: 'ok', penalty: 0, summary: 'SLA report 2026-02: 99% compliance; every metric met.' });
    await f.report(pod, '2026-03', 97.5, ['quality_gate'], new Date('2026-04-02T12:00:00Z'));
    await f.report(pod, '2026-04', 80, ['throughput', 'quality_gate'], ago(-24)); // written after the end: not read
    expect(await f.signal('sla', line)).toEqual({
      rule: 'sla', level: 'warning', penalty: 8,
      summary: 'SLA report 2026-03: 97.5% compliance; 1 metric breached (quality_gate 8 against 10).',
      evidence: { pod_id: pod.pod, sla_id: pod.sla, period: '2026-03', compliance_percent: 97.5, breached: [{ metric: 'quality_gate', target: 10, actual: 8 }] },
      links: [
        { type: 'sla', id: pod.sla, href: `/v1/managed-services/slas?pod_id=${pod.pod}&period=2026-03` },
        { type: 'pod', id: pod.pod, href: `/v1/managed-services/pods/${pod.pod}` },
      ],
    });
    const low = await f.line();
    const lowPod = await f.pod(low);
    await f.report(lowPod, '2026-04', 92, ['throughput', 'availability_hours'], ago(2));
    expect(await f.signal('sla', low)).toMatchObject({ level: 'warning', penalty: 16 + 10 });
    const failing = await f.line();
    const failingPod = await f.pod(failing);
    await f.report(failingPod, '2026-04', 89.9, ['throughput', 'response_time_hours', 'availability_hours', 'quality_gate'], ago(2));
    expect(await f.signal('sla', failing)).toMatchObject({ level: 'critical', penalty: 24 + 10 });
  });

  it('work_in_progress: tasks in progress or in review at the end, 3 points for each there more than 14 days, capped at 15', async () => {
    const line = await f.line();
    expect(await f.signal('work_in_progress', line)).toMatchObject({ level: 'ok', penalty: 0, summary: 'No task in progress.', links: [] });
    await f.task(line, ago(24 * 30), [[ago(24 * 5), 'in_progress']]); // in progress for 5 days: not ageing
    const stale = await f.task(line, ago(24 * 40), [[ago(24 * 30), 'in_progress'], [ago(24 * 20), 'in_review']]);
    // Finished after the end: in progress then, since 16 days before the end.
    const then = await f.task(line, ago(24 * 20), [[ago(24 * 16), 'in_progress'], [ago(-24), 'done']]);
    await f.task(line, ago(24 * 30), [[ago(24 * 20), 'in_progress'], [ago(24 * 2), 'done']]); // finished before the end
    await f.task(line, ago(-2), [[ago(-1), 'in_progress']]); // created after the end
    expect(await f.signal('work_in_progress', line)).toEqual({
      rule: 'work_in_progress', level: 'warning', penalty: 6,
      summary: `3 tasks in progress or in review, 2 of them for more than 14 days; the oldest, ${stale}, in review for 20 days.`,
      evidence: { in_progress: 3, ageing: 2, ageing_after_days: 14, oldest_id: stale, oldest_status: 'in_review', oldest_since: ago(24 * 20).toISOString().replace('.000Z', 'Z') },
      links: [stale, then].map((id) => ({ type: 'task', id, href: `/v1/tasks/${id}` })),
    });
    const crowded = await f.line();
    for (let i = 0; i < 6; i++) await f.task(crowded, ago(24 * 60), [[ago(24 * (20 + i)), 'in_progress']]);
    expect(await f.signal('work_in_progress', crowded)).toMatchObject({ level: 'warning', penalty: 15, evidence: { in_progress: 6, ageing: 6 } });
  });

  it('blocked: items whose latest execution event is execution.blocked, 10 points each (at most 20); blocked over a week is critical', async () => {
    const line = await f.line();
    const self = { type: 'service_line', id: line };
    await f.event('execution.blocked', ago(60), self, { reason: 'waiting_on_client' });
    await f.event('execution.resumed', ago(50), self, { blocked_hours: 10 });
    expect(await f.signal('blocked', line)).toMatchObject({ level: 'ok', penalty: 0, summary: 'Nothing blocked.', links: [] });
    const blocked = await f.event('execution.blocked', ago(30), self, { reason: 'waiting_on_client' });
    await f.event('execution.resumed', ago(-2), self); // resumed only after the end
    const task = { type: 'task', id: 'TSK-26-990001' };
    const onTask = await f.event('execution.blocked', ago(12), task, { service_line_id: line });
    expect(await f.signal('blocked', line)).toEqual({
      rule: 'blocked', level: 'warning', penalty: 20,
      summary: `2 items blocked; the longest, service_line ${line}, since ${ago(30).toISOString().replace('.000Z', 'Z')} (30 hours).`,
      evidence: { blocked: 2, oldest_event_id: blocked, oldest_subject: self, oldest_since: ago(30).toISOString().replace('.000Z', 'Z'), oldest_blocked_hours: 30 },
      links: [blocked, onTask].map((id) => ({ type: 'event', id, href: `/v1/events/${id}` })),
    });
    const stuck = await f.line();
    await f.event('execution.blocked', ago(8 * 24), { type: 'service_line', id: stuck });
    expect(await f.signal('blocked', stuck)).toMatchObject({ level: 'critical', penalty: 10 });
    // Blocked longer ago than the log keeps (90 days) is not read.
    const forgotten = await f.line();
    await f.event('execution.blocked', new Date(WINDOW.to.getTime() - 91 * DAY), { type: 'service_line', id: forgotten });
    expect(await f.signal('blocked', forgotten)).toMatchObject({ level: 'ok', penalty: 0 });
  });
});
