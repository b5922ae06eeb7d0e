import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../platform/config.ts';
import { openDatabase, migrateDatabase } from '../platform/db.ts';
import { seedDemo } from '../seed/demo.ts';
import { seedScale } from '../seed/scale.ts';
import { describeDatabase } from './database.ts';

/**
 * `npm run seed` loads the demo data (safe to run twice); `npm run seed -- --scale N` then adds a
 * benchmark organization with N events and proportional tasks and usage.
 */
const { values } = parseArgs({ options: { scale: { type: 'string' } } });
const scale = values.scale === undefined ? undefined : Number(values.scale.replace(/[_,]/g, ''));
if (scale !== undefined && (!Number.isInteger(scale) || scale < 1)) {
  console.error(`--scale must be a positive integer, got "${values.scale}"`);
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database);
  const { seeded } = await seedDemo(database);
  console.log(seeded ? `demo data loaded into ${describeDatabase(config)}` : `demo data already present in ${describeDatabase(config)}`);
  if (scale !== undefined) {
    const bar = new SingleBar({ format: 'scale data |{bar}| {percentage}% {value}/{total} rows {rate} rows/s', hideCursor: true }, Presets.shades_classic);
    const started = Date.now();
    bar.start(1, 0, { rate: 0 });
    const result = await seedScale(database, {
      scale,
      onProgress(done, total) {
        bar.setTotal(total);
        bar.update(done, { rate: Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)) });
      },
    });
    bar.stop();
    console.log(`scale data: ${result.rows} rows in ${result.seconds.toFixed(1)} s (${Math.round(result.rowsPerSecond)} rows/s), organization ${result.organizationId}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
