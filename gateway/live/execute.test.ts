import { describe, expect, it } from 'vitest';
import { paddedSize } from './execute.ts';

describe('paddedSize: the batch sizes a selection is planned and compiled for', () => {
  it('pads a batch to the next power of two, at most the selection\'s batch size', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 33, 64].map((n) => paddedSize(n, 100))).toEqual([1, 2, 4, 4, 8, 8, 16, 64, 64]);
    expect([65, 99, 100].map((n) => paddedSize(n, 100))).toEqual([100, 100, 100]);
    expect([3, 5, 6].map((n) => paddedSize(n, 6))).toEqual([4, 6, 6]);
  });

  it('makes at most eight sizes of every batch from 1 to 100 events', () => {
    const sizes = new Set(Array.from({ length: 100 }, (_, i) => paddedSize(i + 1, 100)));
    expect([...sizes]).toEqual([1, 2, 4, 8, 16, 32, 64, 100]);
  });
});
