/**
 * Strict dates and instants, for every place a client gives one (REST parameters and body fields,
 * GraphQL's Date and DateTime scalars): the calendar is checked (no month 13, no February 30th,
 * no hour 24) and years are held to MIN_YEAR..MAX_YEAR, so nothing JavaScript would roll over
 * (2026-02-31 as March 3rd) or PostgreSQL would refuse (year 0) ever reaches a query. Each parser
 * answers null for anything else; the caller raises its own error, named as its client knows it.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

/** How the messages of the callers describe what they take. */
export const DATE_RULE = `a date as YYYY-MM-DD, years ${MIN_YEAR} to ${MAX_YEAR}`;
export const INSTANT_RULE = `an ISO 8601 date-time such as 2026-04-14T00:00:00Z, years ${MIN_YEAR} to ${MAX_YEAR}`;
export const MONTH_RULE = `a month as YYYY-MM, years ${MIN_YEAR} to ${MAX_YEAR}`;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const validYear = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR;
const validMonth = (year: number, month: number) => validYear(year) && month >= 1 && month <= 12;

function validDay(year: number, month: number, day: number): boolean {
  if (!validMonth(year, month)) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}

/** A calendar date that exists, YYYY-MM-DD, as given; null otherwise. */
export function parseDate(value: unknown): string | null {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return null;
  return validDay(Number(match[1]), Number(match[2]), Number(match[3])) ? value as string : null;
}

/** A month, YYYY-MM, as given; null otherwise. */
export function parseMonth(value: unknown): string | null {
  const match = typeof value === 'string' ? MONTH.exec(value) : null;
  return match && validMonth(Number(match[1]), Number(match[2])) ? (value as string) : null;
}

export interface InstantOptions {
  /** Whether a bare date (midnight UTC) is refused. */
  requireTime?: boolean;
  /** Whether a time without `Z` or `±hh:mm` is refused (otherwise it is read as UTC). */
  requireOffset?: boolean;
}

/**
 * An ISO 8601 instant: a date, then optionally `Thh:mm[:ss[.fraction]]` and an offset (`Z`,
 * `+02:00`, `-0530`). Every component is checked before the instant is computed from them, so no
 * value is ever normalised into another one. Fractions beyond milliseconds are cut, as Date keeps ms.
 */
export function parseInstant(value: unknown, options: InstantOptions = {}): Date | null {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (!validDay(year, month, day)) return null;
  if (h === undefined) return options.requireTime ? null : new Date(Date.UTC(year, month - 1, day));
  if (offset === undefined && options.requireOffset) return null;
  const [hour, minute, second] = [Number(h), Number(mi), Number(s ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offsetMinutes = offset === undefined || offset === 'Z' ? 0 : offsetOf(offset);
  if (offsetMinutes === null) return null;
  const ms = fraction ? Number(fraction.slice(1, 4).padEnd(3, '0')) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000);
}

/** `+05:30` / `-0800` in minutes east of UTC; null past ±23:59. */
function offsetOf(offset: string): number | null {
  const digits = offset.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  if (hours > 23 || minutes > 59) return null;
  return (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
