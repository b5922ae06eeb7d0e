/**
 * Fixed dates only: the demo lives in mid-April 2026, the docs' "now" (their pages are dated
 * April 15, 2026), whatever the clock says when it is loaded.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const at = (iso: string): Date => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`bad demo date ${iso}`);
  return d;
};

/** The demo's present: nothing in the data happened after it, except booked usage and renewals. */
export const NOW = at('2026-04-15T09:45:00Z');

/** Events older than this are gone: events.txt retains them for 90 days. */
export const EVENT_RETENTION_START = at('2026-01-15T00:00:00Z');

export const plus = (d: Date, ms: number): Date => new Date(d.getTime() + ms);

export const min = (a: Date, b: Date): Date => (a.getTime() <= b.getTime() ? a : b);
export const max = (a: Date, b: Date): Date => (a.getTime() >= b.getTime() ? a : b);

export const isWeekday = (d: Date): boolean => d.getUTCDay() !== 0 && d.getUTCDay() !== 6;

/** Midnight UTC of each day from `from`'s day to `to`'s day, both included. */
export function days(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let t = start; t <= to.getTime(); t += DAY) out.push(new Date(t));
  return out;
}

export const weekdays = (from: Date, to: Date): Date[] => days(from, to).filter(isWeekday);

/** `YYYY-MM` of a date. */
export const period = (d: Date): string => d.toISOString().slice(0, 7);

/** Midnight UTC on the first day of a `YYYY-MM` period. */
export const monthStart = (p: string): Date => at(`${p}-01T00:00:00Z`);

/** Every `YYYY-MM` from `from` to `to`, both included. */
export function periods(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

/** Sorts by time; Array#sort is stable, so equal instants keep the order they were built in. */
export function byTime<T>(key: (item: T) => Date): (a: T, b: T) => number {
  return (a, b) => key(a).getTime() - key(b).getTime();
}

/** The `YYYY-MM` after `p`. */
export function nextPeriod(p: string): string {
  const [y, m] = p.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
