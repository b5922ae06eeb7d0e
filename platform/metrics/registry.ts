import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics (prom-client). One registry per process holds what the platform,
 * the subgraphs and the gateway count (instruments.ts); a registry of its own may be added beside it
 * (the gateway's Prometheus plugin keeps one, which it clears when the gateway is disposed). A
 * scrape of /metrics (serve.ts) reads them all: one endpoint covers the whole process, whatever it
 * runs (`npm start`: every subgraph and the gateway).
 */
export const processRegistry = new Registry();

const extraRegistries = new Set<Registry>();

/** Adds a registry to what this process's /metrics shows; returns the function that removes it. */
export function addRegistry(registry: Registry): () => void {
  extraRegistries.add(registry);
  return () => extraRegistries.delete(registry);
}

let defaultsCollected = false;

/** Node's own metrics (CPU, memory, event loop lag, GC, handles), once per process, prefixed `process_`/`nodejs_` by prom-client. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: processRegistry });
}

/** The text exposition of every registry of this process. */
export async function metricsText(): Promise<string> {
  const parts = [await processRegistry.metrics()];
  for (const registry of extraRegistries) parts.push(await registry.metrics());
  return parts.filter((part) => part.trim()).join('\n');
}

export const METRICS_CONTENT_TYPE = processRegistry.contentType;

/** Label value for what is beyond a bound: more distinct values than the bound allows. */
export const OTHER = '__other__';

/**
 * A label whose values come from callers (operation names, error codes) with a bound on how many
 * distinct ones it may take: the first `max` values seen keep their name, every later one is
 * `__other__`, so no caller can grow the number of series without end. Values are also cut to
 * `maxLength` characters and must look like a name (letters, digits, `_`, `.`, `-`), else they are
 * `__other__` too: no ID, no free text, no control character ever becomes a label.
 */
export function boundedLabel(max: number, maxLength = 64): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (!NAME.test(value)) return OTHER;
    const label = value.length > maxLength ? value.slice(0, maxLength) : value;
    if (seen.has(label)) return label;
    if (seen.size >= max) return OTHER;
    seen.add(label);
    return label;
  };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
