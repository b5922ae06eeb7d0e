/**
 * Timestamps leave the system as ISO 8601 UTC without zero milliseconds, the way the API docs write
 * them ("2026-04-10T10:00:00Z"), so REST and GraphQL print the same string for the same instant.
 */
export function toIso(value: Date | string | null | undefined): string | null {
  if (value == null) return null;
  const date = value instanceof Date ? value : new Date(value);
  const ms = date.getTime();
  // Years 1970-9999 are formatted from the number (an export prints one per row: toISOString and
  // the replace of its ".000" were about 4% of its CPU); anything else (and an invalid date, which
  // throws) as before.
  if (!(ms >= 0 && ms < YEAR_10000)) return date.toISOString().replace('.000Z', 'Z');
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const inDay = ms - day * DAY_MS;
  const milli = inDay % 1000;
  const seconds = (inDay - milli) / 1000;
  return `${cachedDayPrefix}${CLOCK[(seconds - (seconds % 60)) / 60]}${TWO_DIGITS[seconds % 60]}${milli === 0 ? 'Z' : MILLIS[milli]}`;
}

const DAY_MS = 86_400_000;
const YEAR_10000 = 253_402_300_800_000;
/** "HH:MM:" for each minute of a day, "00".."59", ".mmmZ" for 1..999 ms. */
const CLOCK = Array.from({ length: 1440 }, (_, m) => `${pad(Math.floor(m / 60), 2)}:${pad(m % 60, 2)}:`);
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => pad(n, 2));
const MILLIS = Array.from({ length: 1000 }, (_, n) => `.${pad(n, 3)}Z`);
/** The day of the last instant formatted ("YYYY-MM-DDT"): rows of a list or an export mostly share it. */
let cachedDay = Number.NaN;
let cachedDayPrefix = '';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
