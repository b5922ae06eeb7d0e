import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { it, expect } from 'vitest';
import { describeEngines } from './testkit/describe-engines.ts';
import { composeServices } from './testkit/topology.ts';
import { ensureBuild } from './testkit/build.ts';
import { freePort } from './testkit/ports.ts';
import { TEST_AUTH_SECRET } from './testkit/auth.ts';

const root = path.resolve(import.meta.dirname, '..');
// A PID namespace of its own (util-linux unshare, as root): the command runs as PID 1, as in a container.
const canUnshare = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;

/**
 * docker-compose.yml's commands are node itself, so `docker compose stop` (SIGTERM to PID 1) reaches
 * the server: it shuts down and exits 0. Under `npx tsx` npm took the signal and the server was killed
 * with the container instead. Each compose command runs here as PID 1 of a PID namespace.
 */
describeEngines('the compose commands as PID 1', (ctx) => {
  it('every node service of docker-compose.yml is node itself: no npm, npx or shell to swallow signals', () => {
    for (const service of composeServices()) expect(service.command, service.name).toEqual(['node', expect.stringMatching(/^dist\/.+\.js$/)]);
  });

  it.runIf(canUnshare && ctx.engine === 'postgres')('SIGTERM to PID 1 running a subgraph and the gateway stops each cleanly', async () => {
    // The compose commands run the compiled system (dist/), as the image does.
    await ensureBuild();
    for (const name of ['events', 'gateway']) {
      const spec = composeServices().find((s) => s.name === name)!;
      const port = await freePort();
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...spec.environment, DATABASE_URL: ctx.url!, AUTH_SECRET: TEST_AUTH_SECRET, HOST: '127.0.0.1', PORT: String(port), NATS_URL: '', HEALTH_EVALUATION_SECONDS: 'off' };
      const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', ...spec.command], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        await expect.poll(() => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0), { timeout: 60_000, interval: 300 }).toBe(200);
        if (name !== 'gateway') {
          // A subgraph is ready while its database answers.
          const ready = await fetch(`http://127.0.0.1:${port}/ready`);
          expect(ready.status).toBe(200);
          expect(await ready.json()).toEqual({ status: 'ready', subgraph: name, database: 'postgres' });
        }
        // unshare --fork: its one child is PID 1 of the namespace.
        const pid1 = Number(spawnSync('pgrep', ['-P', String(child.pid)]).stdout.toString().trim());
        process.kill(pid1, 'SIGTERM');
        expect(await exited, output).toBe(0);
        expect(output).toMatch(/SIGTERM: stopped/);
      } finally {
        child.kill('SIGKILL');
      }
    }
  }, 300_000);
}, { seed: false });
