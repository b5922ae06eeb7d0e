import { describe, it, expect } from 'vitest';
import { parseDate, parseInstant, parseMonth } from './dates.ts';

describe('strict dates', () => {
  it('takes calendar dates that exist, years 1900 to 2999', () => {
    for (const date of ['2026-04-01', '2024-02-29', '1900-01-01', '2999-12-31', '2026-12-31']) expect(parseDate(date), date).toBe(date);
  });

  it('refuses month 13, day 0, February 30th, a non-leap February 29th, years out of range and other shapes', () => {
    const refused = [
      '2026-13-01', '2026-00-10', '2026-04-00', '2026-02-30', '2026-04-31', '2025-02-29', '1900-02-29', '0000-01-01', '9999-12-31',
      '1899-12-31', '3000-01-01', '26-04-01', '2026-4-1', '2026-04-01T00:00:00Z', ' 2026-04-01', '2026-04-01\n', '２０２６-04-01', '',
    ];
    for (const date of refused) expect(parseDate(date), JSON.stringify(date)).toBeNull();
    for (const value of [null, undefined, 20260401, {}, ['2026-04-01']]) expect(parseDate(value)).toBeNull();
  });

  it('takes months YYYY-MM in the same years', () => {
    expect(parseMonth('2026-04')).toBe('2026-04');
    for (const month of ['2026-13', '2026-00', '0000-01', '9999-12', '2026-4', '2026-04-01']) expect(parseMonth(month), month).toBeNull();
  });
});

describe('strict instants', () => {
  const iso = (value: string, options?: Parameters<typeof parseInstant>[1]) => parseInstant(value, options)?.toISOString() ?? null;

  it('reads dates, times and offsets exactly, without normalising any of them', () => {
    expect(iso('2026-04-14T10:00:00Z')).toBe('2026-04-14T10:00:00.000Z');
    expect(iso('2026-04-14T10:00:00.5+02:00')).toBe('2026-04-14T08:00:00.500Z');
    expect(iso('2026-04-14T10:00:00.123456789-0530')).toBe('2026-04-14T15:30:00.123Z');
    expect(iso('2026-04-14T10:00')).toBe('2026-04-14T10:00:00.000Z');
    expect(iso('2026-04-14')).toBe('2026-04-14T00:00:00.000Z');
    expect(iso('2999-12-31T23:59:59Z')).toBe('2999-12-31T23:59:59.000Z');
  });

  it('refuses impossible components and years out of range', () => {
    const refused = [
      '2026-02-31T10:00:00Z', '2026-13-01T00:00:00Z', '2026-04-14T24:00:00Z', '2026-04-14T10:60:00Z', '2026-04-14T10:00:60Z',
      '2026-04-14T10:00:00+24:00', '2026-04-14T10:00:00+02:60', '0000-01-01T00:00:00Z', '9999-12-31T00:00:00Z', '2026-04-14T10Z',
      '2026-04-14 10:00:00Z', '2026-04-14T10:00:00.Z', 'now', '',
    ];
    for (const value of refused) expect(iso(value), value).toBeNull();
  });

  it('requires a time or an offset when asked to', () => {
    expect(iso('2026-04-14', { requireTime: true })).toBeNull();
    expect(iso('2026-04-14T10:00:00', { requireOffset: true })).toBeNull();
    expect(iso('2026-04-14T10:00:00Z', { requireTime: true, requireOffset: true })).toBe('2026-04-14T10:00:00.000Z');
  });
});
