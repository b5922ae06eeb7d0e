import { describe, it, expect } from 'vitest';
import { parseId, typeOfId, formatId, isIdOf } from './ids.ts';
import { encodeCursor, decodeCursor } from './cursor.ts';
import { toIso } from './time.ts';

describe('platform IDs', () => {
  it('parses the docs IDs and names their type', () => {
    expect(parseId('LIN-26-084729')).toEqual({ prefix: 'LIN', year: 26, number: 84729, type: 'ServiceLine' });
    expect(typeOfId('PROJ-26-004281')).toBe('Project');
    expect(typeOfId('SYNC-26-000811')).toBe('SyncRun');
    expect(typeOfId('EVT-26-1044912')).toBe('Event');
    expect(isIdOf('Task', 'TSK-26-018841')).toBe(true);
    expect(isIdOf('Task', 'LIN-26-084729')).toBe(false);
  });

  it('rejects malformed and unknown IDs', () => {
    for (const bad of ['', 'LIN', 'LIN-26-84729', 'lin-26-084729', 'LIN-2026-084729', 'LIN-26-084729 ', "LIN-26-0'1"]) {
      expect(parseId(bad)).toBeUndefined();
    }
    expect(typeOfId('AGT-26-000012')).toBeUndefined();
  });

  it('formats with at least six digits', () => {
    expect(formatId('TSK', 2026, 42)).toBe('TSK-26-000042');
    expect(formatId('EVT', 26, 1234567)).toBe('EVT-26-1234567');
  });
});

describe('cursors', () => {
  it('reproduces the docs example cursor', () => {
    expect(encodeCursor('LIN-26-084729')).toBe('eyJpZCI6IkxJTi0yNi0wODQ3MjkifQ');
    expect(decodeCursor('eyJpZCI6IkxJTi0yNi0wODQ3MjkifQ')).toEqual({ id: 'LIN-26-084729' });
    expect(decodeCursor('eyJpZCI6IkxJTi0yNi0wODQ3MjkifQ==')).toEqual({ id: 'LIN-26-084729' });
  });

  it('refuses what is not a cursor', () => {
    for (const bad of ['', 'not a cursor!', Buffer.from('[1]').toString('base64'), Buffer.from('{"x":1}').toString('base64'), 'a'.repeat(600)]) {
      expect(decodeCursor(bad)).toBeUndefined();
    }
  });
});

describe('timestamps', () => {
  it('prints the docs format', () => {
    expect(toIso(new Date('2026-04-10T10:00:00.000Z'))).toBe('2026-04-10T10:00:00Z');
    expect(toIso(new Date('2026-04-10T10:00:00.250Z'))).toBe('2026-04-10T10:00:00.250Z');
    expect(toIso(null)).toBeNull();
  });

  it('prints every instant as toISOString does, without zero milliseconds, on both sides of its fast range', () => {
    const instants = [
      0, 1, 999, 1_000, 59_999, 86_399_999, 86_400_000, 951_782_400_000, 1_760_672_525_000, 1_760_672_525_007, 253_402_300_799_999,
      -1, -86_400_001, 253_402_300_800_000,
    ];
    for (let i = 0; i < 2_000; i++) instants.push(1_700_000_000_000 + i * 43_201_013);
    for (const ms of instants) expect(toIso(new Date(ms)), String(ms)).toBe(new Date(ms).toISOString().replace('.000Z', 'Z'));
    expect(toIso('2026-04-10T10:00:00.250Z')).toBe('2026-04-10T10:00:00.250Z');
    expect(() => toIso(new Date(Number.NaN))).toThrow(RangeError);
  });
});
