/**
 * Random access to a fixed stream of random numbers: `unit(stream, index)` is the same number on
 * every run, machine and engine, and any record can be drawn without drawing the ones before it.
 * The scale generator needs that to look up task #k (its workspace, its line, its creation time)
 * while it writes events, without keeping a million tasks in memory.
 */

/** murmur3's 32-bit finalizer: a bijection with full avalanche, so neighbouring inputs look unrelated. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One seed for all scale data; change it and every value changes, keep it and none does. */
export const SCALE_SEED = 0x5ca1e26;

/** A uint32 drawn for (stream, index, salt). Streams name a domain, the index a record, the salt a field. */
export function hash32(stream: number, index: number, salt = 0): number {
  const key = fmix32(SCALE_SEED ^ Math.imul(stream + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x632be5ab));
  // Indexes go past 2^32 only beyond any scale we load; split them anyway so none alias.
  const hi = Math.floor(index / 0x1_0000_0000);
  return fmix32(fmix32(key ^ (index >>> 0)) ^ Math.imul(hi, 0x27d4eb2f));
}

/** A float in [0, 1). */
export function unit(stream: number, index: number, salt = 0): number {
  return hash32(stream, index, salt) / 0x1_0000_0000;
}

/** An integer in [0, n). */
export function below(n: number, stream: number, index: number, salt = 0): number {
  return Math.floor(unit(stream, index, salt) * n);
}

export function pick<T>(items: readonly T[], stream: number, index: number, salt = 0): T {
  return items[below(items.length, stream, index, salt)];
}

/** True with probability `p`. */
export function chance(p: number, stream: number, index: number, salt = 0): boolean {
  return unit(stream, index, salt) < p;
}

/** Picks from `[value, weight]` pairs in proportion to their weights. */
export function weighted<T>(choices: ReadonlyArray<readonly [T, number]>): (stream: number, index: number, salt?: number) => T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  return (stream, index, salt = 0) => {
    let r = unit(stream, index, salt) * total;
    for (const [value, w] of choices) {
      if ((r -= w) < 0) return value;
    }
    return choices[choices.length - 1][0];
  };
}
