import { it, expect, beforeAll, describe } from 'vitest';
import { describeEngines } from '../../../test/testkit/describe-engines.ts';
import { healthFixtures, ago, DAY, OTHER_WS, WINDOW } from '../../../test/testkit/health-fixtures.ts';
import { statusOf } from './rules.ts';
import { THRESHOLDS } from './thresholds.ts';

/**
 * The rules that read activity inside the window (and the month's spend), one by one on both
 * engines, then how signals make a score and a status.
 */
describeEngines('health rules: activity in the window', (ctx) => {
  let f: ReturnType<typeof healthFixtures>;
  beforeAll(() => {
    f = healthFixtures(ctx.database.db);
  });
  const done = (line: string, at: Date) => f.task(line, new Date(at.getTime() - 3 * DAY), [[new Date(at.getTime() - DAY), 'in_progress'], [at, 'done']]);

  it('velocity: tasks done in the window against the 28 days before (at least 5 there): below 80% takes 10, below 50% 20', async () => {
    const line = await f.line();
    for (let i = 0; i < 4; i++) await done(line, ago(24 * (30 + i)));
    expect(await f.signal('velocity', line)).toEqual({
      rule: 'velocity', level: 'ok', penalty: 0,
      summary: '0 tasks completed in the window; too little history to compare (4 in the 28 days before it, 5 needed).',
      evidence: { completed: 0, previously_completed: 4, ratio: 0, window_days: 28 },
      links: [{ type: 'service_line', id: line, href: `/v1/tasks?service_line_id=${line}&status=done` }],
    });
    for (let i = 0; i < 6; i++) await done(line, ago(24 * (35 + i))); // 10 before the window
    await done(line, ago(24 * (28 * 2 + 1))); // before the previous window: not counted
    await f.task(line, ago(24 * 10), [[ago(24 * 5), 'cancelled']]); // cancelled is not completed
    for (let i = 0; i < 4; i++) await done(line, ago(24 * (1 + i)));
    expect(await f.signal('velocity', line)).toMatchObject({
      level: 'warning', penalty: 20, summary: '4 tasks completed in the window against 10 in the 28 days before it (40%).', evidence: { completed: 4, previously_completed: 10, ratio: 0.4 },
    });
    await done(line, ago(24 * 6));
    expect(await f.signal('velocity', line)).toMatchObject({ level: 'warning', penalty: 10, evidence: { completed: 5, ratio: 0.5 } });
    for (let i = 0; i < 3; i++) await done(line, ago(24 * (7 + i)));
    expect(await f.signal('velocity', line)).toMatchObject({ level: 'ok', penalty: 0, evidence: { completed: 8, ratio: 0.8 } });
  });

  it('capacity: capacity.* events in the window, 10 points a gap and 5 a utilisation warning, capped at 20', async () => {
    const line = await f.line();
    const self = { type: 'service_line', id: line };
    await f.event('capacity.gap_detected', new Date(WINDOW.from.getTime() - DAY), self); // before the window
    expect(await f.signal('capacity', line)).toMatchObject({ level: 'ok', penalty: 0, summary: 'No capacity event in the window.', links: [] });
    const warning = await f.event('capacity.utilisation_warning', ago(48), self, { utilisation_percent: 95 });
    const gap = await f.event('capacity.gap_detected', ago(24), self, { role: 'qa_engineer' });
    expect(await f.signal('capacity', line)).toEqual({
      rule: 'capacity', level: 'warning', penalty: 15,
      summary: '2 capacity events in the window: 1 capacity gap, 1 utilisation warning.',
      evidence: { capacity_gaps: 1, utilisation_warnings: 1 },
      links: [gap, warning].map((id) => ({ type: 'event', id, href: `/v1/events/${id}` })),
    });
    await f.event('capacity.gap_detected', ago(12), { type: 'task', id: 'TSK-26-990002' }, { service_line_id: line });
    expect(await f.signal('capacity', line)).toMatchObject({ level: 'warning', penalty: 20, evidence: { capacity_gaps: 2, utilisation_warnings: 1 } });
  });

  it("integrations: the workspace's integrations with failed syncs in the window, 5 points each and 5 more while still failing, capped at 15", async () => {
    const line = await f.line();
    expect(await f.signal('integrations', line)).toMatchObject({ level: 'ok', penalty: 0, summary: 'No integration sync failed in the window.', evidence: { failing: [] } });
    const failing = await f.integration('Datadog - production');
    await f.syncRun(failing, 'failed', ago(30));
    const last = await f.syncRun(failing, 'failed', ago(10));
    await f.syncRun(failing, 'success', ago(-1)); // after the end: still failing then
    const recovered = await f.integration('Jira');
    await f.syncRun(recovered, 'failed', ago(20));
    await f.syncRun(recovered, 'success', ago(5));
    const past = await f.integration('Slack');
    await f.syncRun(past, 'failed', new Date(WINDOW.from.getTime() - DAY)); // before the window
    const elsewhere = await f.integration('GitHub', OTHER_WS);
    await f.syncRun(elsewhere, 'failed', ago(3)); // another workspace's
    expect(await f.signal('integrations', line)).toEqual({
      rule: 'integrations', level: 'warning', penalty: 15,
      summary: '2 integrations of the workspace failed to sync in the window: Datadog - production (2 failed runs, still failing), Jira (1 failed run).',
      evidence: {
        failing: [
          { integration_id: failing, name: 'Datadog - production', type: 'datadog', failed_runs: 2, last_failed_run_id: last, last_failed_at: ago(10).toISOString().replace('.000Z', 'Z'), last_error: 'API answered 403', still_failing: true },
          { integration_id: recovered, name: 'Jira', type: 'datadog', failed_runs: 1, last_failed_run_id: expect.stringMatching(/^SYNC-/), last_failed_at: ago(20).toISOString().replace('.000Z', 'Z'), last_error: 'API answered 403', still_failing: false },
        ],
      },
      links: [failing, recovered].map((id) => ({ type: 'integration', id, href: `/v1/integrations/${id}` })),
    });
  });

  it("spend: the month's spend so far against the pod's monthly cost (critical from 125%) or last month's spend (points only)", async () => {
    const line = await f.line();
    await f.pod(line, 10_000);
    await f.usage(line, 9_000, new Date('2026-03-05T00:00:00Z')); // last month
    await f.usage(line, 10_500, new Date('2026-04-01T00:00:00Z'));
    await f.usage(line, 5_000, ago(-1)); // after the end
    expect(await f.signal('spend', line)).toEqual({
      rule: 'spend', level: 'ok', penalty: 0,
      summary: "10,500.00 USD spent in 2026-04 so far: 105% of the pod's monthly cost, 10,000.00 USD.",
      evidence: { period: '2026-04', spent: 10500, budget: 10000, budget_source: 'pod', ratio: 1.05, currency: 'USD' },
      links: [{ type: 'service_line', id: line, href: `/v1/service-lines/${line}/usage?from=2026-04-01&to=2026-04-14` }],
    });
    await f.usage(line, 500, ago(24));
    expect(await f.signal('spend', line)).toMatchObject({ level: 'warning', penalty: 10, evidence: { spent: 11000, ratio: 1.1 } });
    await f.usage(line, 1_500, ago(12));
    expect(await f.signal('spend', line)).toMatchObject({ level: 'critical', penalty: 20, evidence: { ratio: 1.25 } });

    const podless = await f.line();
    await f.usage(podless, 120, ago(24));
    expect(await f.signal('spend', podless)).toMatchObject({
      level: 'ok', penalty: 0, summary: '120.00 USD spent in 2026-04 so far, with no budget to compare: no pod, and nothing spent the month before.',
      evidence: { spent: 120, budget: null, budget_source: null, ratio: null },
    });
    await f.usage(podless, 80, new Date('2026-03-31T23:00:00Z'));
    expect(await f.signal('spend', podless)).toMatchObject({ level: 'warning', penalty: 20, evidence: { budget: 80, budget_source: 'previous_period', ratio: 1.5 } });
  });

  it('a line scores 100 less every penalty, at least 0, and its status follows the score and any critical signal', async () => {
    // A workspace of its own: the integrations test's failing syncs would count for every line of WS.
    const line = await f.line('WS-26-000503');
    const clean = await f.assess(line);
    expect(clean).toMatchObject({ score: 100, status: 'healthy', from: WINDOW.from, to: WINDOW.to });
    expect(clean.signals.map((s) => s.level)).toEqual(Array(9).fill('ok'));
    const { pod } = await f.pod(line);
    await f.incident(line, 'high', ago(2)); // 15
    await f.ticket(pod, ago(6)); // 8
    expect(await f.assess(line)).toMatchObject({ score: 77, status: 'at_risk' });
    await f.incident(line, 'critical', ago(1)); // 30, and critical
    expect(await f.assess(line)).toMatchObject({ score: 47, status: 'critical' });
    for (let i = 0; i < 10; i++) await f.incident(line, 'critical', ago(3 + i));
    for (let i = 0; i < 5; i++) await f.ticket(pod, ago(7 + i));
    for (let i = 0; i < 6; i++) await f.task(line, ago(24 * 60), [[ago(24 * 30), 'in_progress']]);
    await f.event('execution.blocked', ago(24), { type: 'service_line', id: line });
    await f.event('capacity.gap_detected', ago(24), { type: 'service_line', id: line });
    expect(await f.assess(line)).toMatchObject({ score: 0, status: 'critical' });
  });
});

describe('health status', () => {
  it('is healthy from 80, at risk from 50, critical below, and critical whenever a signal is', () => {
    const { healthy, atRisk } = THRESHOLDS.status;
    expect([100, healthy, healthy - 1, atRisk, atRisk - 1, 0].map((score) => statusOf(score, false)))
      .toEqual(['healthy', 'healthy', 'at_risk', 'at_risk', 'critical', 'critical']);
    expect(statusOf(100, true)).toBe('critical');
  });
});
