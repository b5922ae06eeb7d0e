import { badRequest } from '../../../platform/errors.ts';
import type { SubgraphContext } from '../../../platform/subgraph/context.ts';

/** The assessment window when none is given: the four weeks to now (whole weeks, so the previous window has the same weekdays). */
export const DEFAULT_WINDOW_DAYS = 28;
/** The longest window one assessment covers. */
export const MAX_WINDOW_DAYS = 366;

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The half-open instant range [from, to) an assessment reads. Activity (completions, capacity
 * events, sync failures) counts inside it; state (open incidents, overdue tickets, work in
 * progress, blocked items, the latest SLA report, the month's spend) is read as it stood at `to`.
 */
export interface HealthWindow {
  from: Date;
  to: Date;
}

const nowOf = new WeakMap<object, Date>();

/** One "now" per request, so every line a request assesses shares one window (and one batch). */
export function requestNow(ctx: SubgraphContext): Date {
  let now = nowOf.get(ctx.loaders);
  if (!now) nowOf.set(ctx.loaders, (now = new Date()));
  return now;
}

/**
 * The window of `from`/`to` arguments: `to` defaults to now and cannot lie after it (an assessment
 * cannot read the future: a later `to`, such as today's date as a whole day, assesses as of now and
 * says so in its window); `from` defaults to DEFAULT_WINDOW_DAYS before `to`. Whole seconds, so a
 * window prints as it is computed.
 */
export function healthWindow(args: { from?: Date | null; to?: Date | null }, now: Date): HealthWindow {
  const to = floorSecond(args.to && args.to.getTime() < now.getTime() ? args.to : now);
  const from = floorSecond(args.from ?? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS));
  if (from.getTime() >= to.getTime()) {
    throw badRequest(`from (${iso(from)}) must be before to (${iso(to)}${args.to && args.to.getTime() >= now.getTime() ? ', now' : ''}).`, 'from');
  }
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw badRequest(`The window from ${iso(from)} to ${iso(to)} is longer than ${MAX_WINDOW_DAYS} days.`, 'from');
  }
  return { from, to };
}

const floorSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);
const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');

/** The window of the same length just before this one (velocity compares the two). */
export function previousWindow(window: HealthWindow): HealthWindow {
  return { from: new Date(2 * window.from.getTime() - window.to.getTime()), to: window.from };
}

/** The calendar month (UTC) holding the window's last instant, and the month before it: the billing periods spend compares. */
export function billingPeriods(window: HealthWindow): { start: Date; previousStart: Date; label: string } {
  const last = new Date(window.to.getTime() - 1);
  const start = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), 1));
  const previousStart = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - 1, 1));
  return { start, previousStart, label: start.toISOString().slice(0, 7) };
}

/** A window's key for loaders: equal windows share one batch. */
export const windowKey = (window: HealthWindow) => `${window.from.toISOString()}/${window.to.toISOString()}`;
