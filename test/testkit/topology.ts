import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { freePort } from './ports.ts';
import { ensureBuild } from './build.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

/** What a test puts in place of the deployment's infrastructure and secrets. */
export interface TopologyOptions {
  /** Replaces DATABASE_URL (the compose file's `postgres` service). */
  databaseUrl: string;
  /** Replaces NATS_URL (its `nats` service). */
  natsUrl: string;
  /** This deployment's stream on a NATS server others share (NATS_NAMESPACE). */
  natsNamespace: string;
  /** Replaces AUTH_SECRET. */
  authSecret: string;
}

interface ServiceSpec {
  name: string;
  command: string[];
  environment: Record<string, string>;
  /** The port the service listens on in the compose file (its `expose`, or PORT); 0 for a one-shot service. */
  composePort: number;
  /** A one-shot service (`restart: "no"`, the migrations): run to completion before the others start. */
  oneShot: boolean;
}

export interface TopologyService {
  name: string;
  /** Where the test reaches it (loopback, a free port). */
  url: string;
  /** The process group leader's pid (changes only when the test restarts the service). */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** The service's last output lines, for a failing test's message. */
  output(): string;
}

export interface Topology {
  /** The gateway's origin, e.g. http://127.0.0.1:41234. */
  url: string;
  services: Record<string, TopologyService>;
  /** Kills a service's processes at once (SIGKILL), as a crash would. */
  kill(name: string): Promise<void>;
  /** Starts a killed service again with the same command, environment and port; resolves once it answers /health. */
  start(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The node services of docker-compose.yml (every subgraph and the gateway) as separate processes,
 * each run with its compose `command` and `environment` read from the file, so this cannot drift
 * from what users deploy. Only what must differ on a test machine is changed: the database and
 * NATS URLs and the secret (the test's own), ports (free loopback ports, with every URL naming a
 * compose service pointed at it) and HOST (loopback instead of 0.0.0.0). PostgreSQL and NATS are
 * the test's to provide.
 */
export function composeServices(): ServiceSpec[] {
  const compose = parseYaml(fs.readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as {
    services: Record<string, { command?: string[]; environment?: Record<string, string | number>; expose?: string[]; restart?: string }>;
  };
  return Object.entries(compose.services)
    .filter(([, service]) => service.command?.[0] === 'node')
    .map(([name, service]) => {
      const environment = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value))]));
      const oneShot = service.restart === 'no';
      const composePort = oneShot ? 0 : Number(environment.PORT ?? service.expose?.[0]);
      if (!Number.isInteger(composePort)) throw new Error(`docker-compose.yml: service ${name} has no port (expose or PORT)`);
      return { name, command: service.command!, environment, composePort, oneShot };
    });
}

/**
 * `${NAME:-default}` as compose reads it with NAME unset: the test's environment must not leak in.
 * `${NAME:?message}` (required: AUTH_SECRET, POSTGRES_PASSWORD) reads as empty; the test sets those itself.
 */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_, _name: string, kind?: string, fallback = '') => (kind === '-' ? fallback : ''));
}

export async function startTopology(options: TopologyOptions): Promise<Topology> {
  // The compose commands run the compiled system (dist/), as the image does.
  await ensureBuild();
  const all = composeServices();
  const specs = all.filter((spec) => !spec.oneShot);
  const ports = new Map<string, number>();
  for (const spec of specs) ports.set(spec.name, await freePort());

  const environmentOf = (spec: ServiceSpec): Record<string, string> => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(spec.environment)) env[key] = pointAtTest(value, specs, ports);
    return {
      ...env,
      DATABASE_URL: options.databaseUrl,
      NATS_URL: options.natsUrl,
      NATS_NAMESPACE: options.natsNamespace,
      AUTH_SECRET: options.authSecret,
      HOST: '127.0.0.1',
      ...(spec.oneShot ? {} : { PORT: String(ports.get(spec.name)) }),
    };
  };

  const processes = new Map<string, { child: ChildProcess; exited: Promise<void> }>();
  const logs = new Map<string, string[]>();
  const services: Record<string, TopologyService> = {};
  for (const spec of specs) {
    const url = `http://127.0.0.1:${ports.get(spec.name)}`;
    logs.set(spec.name, []);
    services[spec.name] = {
      name: spec.name,
      url,
      get pid() {
        return processes.get(spec.name)?.child.pid;
      },
      get running() {
        const current = processes.get(spec.name)?.child;
        return !!current && current.exitCode === null && current.signalCode === null;
      },
      output: () => logs.get(spec.name)!.join(''),
    };
  }

  async function start(name: string): Promise<void> {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new Error(`no service ${name} in docker-compose.yml`);
    if (services[name].running) return;
    const [command, ...args] = spec.command;
    // Its own process group, so that node and anything it starts go down together.
    const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...environmentOf(spec) }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = logs.get(name)!;
    const keep = (chunk: Buffer) => {
      log.push(chunk.toString('utf8'));
      if (log.length > 200) log.splice(0, log.length - 200);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => (keep(Buffer.from(`[topology] ${name} exited (${signal ?? `code ${code}`})\n`)), resolve())));
    processes.set(name, { child, exited });
    await waitForHealth(services[name], exited);
  }

  async function kill(name: string): Promise<void> {
    const running = processes.get(name);
    if (!running || !services[name].running) return;
    try {
      process.kill(-running.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await running.exited;
  }

  const topology: Topology = {
    url: services.gateway.url,
    services,
    kill,
    start,
    async close() {
      await Promise.all(specs.map((spec) => kill(spec.name)));
    },
  };
  try {
    // As compose orders them: the one-shot services (migrations) to completion, the subgraphs, then
    // the gateway that depends on them.
    for (const spec of all.filter((s) => s.oneShot)) await runOnce(spec, environmentOf(spec));
    await Promise.all(specs.filter((s) => s.name !== 'gateway').map((s) => start(s.name)));
    await start('gateway');
  } catch (error) {
    await topology.close();
    throw error;
  }
  return topology;
}

/** Runs a one-shot service to completion; fails with its output unless it exits 0. */
async function runOnce(spec: ServiceSpec, env: Record<string, string>): Promise<void> {
  const [command, ...args] = spec.command;
  const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  if (code !== 0) throw new Error(`one-shot service ${spec.name} exited ${code}:\n${output}`);
}

/** A URL naming a compose service (`http://tasks:4003/graphql`) points at where the test runs it. */
function pointAtTest(value: string, specs: ServiceSpec[], ports: Map<string, number>): string {
  if (!/^[a-z]+:\/\//.test(value)) return value;
  const url = new URL(value);
  const spec = specs.find((s) => s.name === url.hostname);
  if (!spec) return value;
  url.hostname = '127.0.0.1';
  url.port = String(ports.get(spec.name));
  return url.toString();
}

/** Polls the service's /health until it answers 200; fails with its output if it exits or takes over a minute. */
async function waitForHealth(service: TopologyService, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !gone) {
    const ok = await fetch(`${service.url}/health`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${service.name} did not become healthy${gone ? ' (it exited)' : ''}:\n${service.output()}`);
}
