import { runSeedScaleBench } from './seed-scale.ts';
import { runDashboardBench } from './dashboard.ts';
import { runExportBench } from './export.ts';
import { runFanoutBench } from './fanout.ts';
import { runFragmentsBench } from './fragments.ts';
import { runHealthBench } from './health.ts';
import { runWebhooksBench } from './webhooks.ts';
import { runRestShapesBench } from './rest-shapes.ts';
import { runTracingBench } from './tracing.ts';

/**
 * `npm run bench [-- NAME ...] [--scale N]`: runs the named benchmarks (all when none is named; names come before the options) and
 * prints each figure beside its baseline, measured in the same run. Never part of `npm test`.
 */
const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  seed: runSeedScaleBench,
  dashboard: runDashboardBench,
  export: runExportBench,
  fanout: runFanoutBench,
  fragments: runFragmentsBench,
  health: runHealthBench,
  webhooks: runWebhooksBench,
  'rest-shapes': runRestShapesBench,
  tracing: runTracingBench,
};

const args = process.argv.slice(2);
// The benchmarks are named before the first option: after it, a word is an option's value
// (`--reads export` names a read of the export bench, not the export bench again).
const firstOption = args.findIndex((a) => a.startsWith('--'));
const names = firstOption === -1 ? args : args.slice(0, firstOption);
const named = names.filter((a) => Object.hasOwn(BENCHES, a));
const unknown = names.filter((a) => !Object.hasOwn(BENCHES, a));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
for (const name of named.length ? named : Object.keys(BENCHES)) await BENCHES[name](args);
