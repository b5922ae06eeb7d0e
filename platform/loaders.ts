import DataLoader from 'dataloader';

/**
 * The per-request set of DataLoaders. A loader is made the first time a key is asked for, so a
 * nested connection gets one loader per distinct argument set (all `tasks(first: 10)` under a list
 * of service lines share one, and thus one SQL statement).
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  get<V>(key: string, batch: (ids: readonly string[]) => Promise<ReadonlyMap<string, V> | ReadonlyArray<V>>): DataLoader<string, V> {
    let loader = this.loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(async (ids) => {
        const result = await batch(ids);
        if (Array.isArray(result)) return result;
        const map = result as ReadonlyMap<string, V>;
        return ids.map((id) => map.get(id) as V);
      }, { maxBatchSize: 1000 });
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}

/**
 * A stable key for an argument set, so equal arguments share a loader; with the columns a
 * selection-aware read takes (platform/subgraph/selection.ts), so only equal selections share one.
 */
export function argsKey(field: string, args: object, columns?: readonly string[]): string {
  return `${field}(${stable(args)})${columns ? `[${columns.join(',')}]` : ''}`;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Groups rows by a key into a map with an entry (possibly empty) for every requested key. */
export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row) ?? '')?.push(row);
  return groups;
}

/** Indexes rows by ID. */
export function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}
