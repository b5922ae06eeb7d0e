import { Gauge } from 'prom-client';
import { processRegistry } from './registry.ts';

/**
 * Gauges read when scraped from what this process has open (its event streams, its gateway's
 * sockets and jobs): each owner registers a source while it runs and removes it when it stops, so
 * a scrape costs nothing between scrapes and never reads a closed object.
 */

type Read = () => number | Promise<number>;

/** A gauge summing the sources registered under each value of its one label (or under no label). */
export class SourcedGauge {
  private readonly sources = new Map<string, Set<Read>>();

  constructor(name: string, help: string, labelName?: string) {
    const sources = this.sources;
    new Gauge({
      name,
      help,
      labelNames: labelName ? [labelName] : [],
      registers: [processRegistry],
      async collect() {
        this.reset();
        for (const [label, reads] of sources) {
          if (reads.size === 0) continue;
          let total = 0;
          for (const read of reads) total += await Promise.resolve(read()).catch(() => 0);
          if (labelName) this.set({ [labelName]: label }, total);
          else this.set(total);
        }
      },
    });
  }

  /** Adds a source under `label` (ignored without a label name); returns the function that removes it. */
  add(read: Read, label = ''): () => void {
    let reads = this.sources.get(label);
    if (!reads) this.sources.set(label, (reads = new Set()));
    reads.add(read);
    return () => reads.delete(read);
  }
}

/** The event stream as its lag is read: the seq it last dispatched, and the log's newest. */
export interface StreamPosition {
  readonly position: number;
  head(): Promise<number>;
}

const streamPosition = new SourcedGauge('event_stream_position', 'Seq of the last event the process\'s live event stream dispatched.');
const streamLag = new SourcedGauge('event_stream_lag_events', 'Events in the log not yet dispatched by the process\'s live event stream (newest seq minus dispatched seq).');

/** Reports a started event stream's position and lag until the returned function is called. */
export function trackEventStream(stream: StreamPosition): () => void {
  const removers = [
    streamPosition.add(() => stream.position),
    streamLag.add(async () => Math.max(0, (await stream.head()) - stream.position)),
  ];
  return () => removers.forEach((remove) => remove());
}
