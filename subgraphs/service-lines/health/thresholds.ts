/**
 * Every number the health rules use, in one place (rules.ts applies them; the README's
 * "Service Line health" section lists them, and a test keeps the two in step).
 *
 * A line starts at 100 and each signal takes its penalty off; the score is never below 0. The
 * status is CRITICAL when any signal is critical or the score is below `status.atRisk`, AT_RISK when
 * the score is below `status.healthy`, HEALTHY otherwise.
 */
export const THRESHOLDS = {
  status: { healthy: 80, atRisk: 50 },
  /** Open incidents at the window's end: points per incident by severity; an open critical one is critical. */
  incidents: { penalty: { critical: 30, high: 15, medium: 8, low: 3 }, oldAfterDays: 7, oldPenalty: 5, cap: 60 },
  /** Tickets past their SLA response deadline, unanswered at the window's end. */
  tickets: { penalty: 8, cap: 24, criticalAt: 3 },
  /** The pod's latest SLA report written by the window's end. */
  sla: { perBreach: 8, breachCap: 24, lowCompliance: 95, lowPenalty: 10, criticalBelow: 90 },
  /** Tasks done in the window against the window of the same length before it (needs `minBaseline` before). */
  velocity: { minBaseline: 5, slowBelow: 0.8, slowPenalty: 10, dropBelow: 0.5, dropPenalty: 20 },
  /** Tasks in progress or in review at the window's end, in that status for more than `ageingAfterDays`. */
  workInProgress: { ageingAfterDays: 14, perItem: 3, cap: 15 },
  /** Items (the line, or its tasks) whose latest execution event is execution.blocked. */
  blocked: { perItem: 10, cap: 20, criticalAfterDays: 7 },
  /** capacity.* events in the window. */
  capacity: { gap: 10, warning: 5, cap: 20 },
  /** Integrations of the line's workspace with failed syncs in the window. */
  integrations: { perIntegration: 5, stillFailing: 5, cap: 15 },
  /**
   * The billing period's spend so far against the budget: the pod's monthly cost (past `criticalAt`
   * of it is critical), else last period's spend (usage varies month to month: points only).
   */
  spend: { overAt: 1.1, overPenalty: 10, criticalAt: 1.25, criticalPenalty: 20 },
} as const;
