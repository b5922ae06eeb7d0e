import fs from 'node:fs';
import path from 'node:path';
import { it, expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { COMPOSE_FILE, composeServices } from './testkit/topology.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  restart?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }> | string[];
  environment?: Record<string, string>;
}
const compose = parseYaml(fs.readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);

/** docker-compose.yml as a platform team needs it (test/topology.e2e.ts runs its node services as processes). */
it('every long-running service has a healthcheck, and every dependency waits for health (or for the migrations to finish)', () => {
  for (const [name, service] of services) {
    if (service.restart !== 'no') expect(service.healthcheck?.test, name).toBeDefined();
    expect(Array.isArray(service.depends_on), `${name}: depends_on without conditions`).toBe(false);
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      expect(condition, `${name} -> ${dependency}`).toBe(compose.services[dependency].restart === 'no' ? 'service_completed_successfully' : 'service_healthy');
    }
  }
});

it('the migrations run once, before every subgraph and the gateway', () => {
  const oneShot = services.filter(([, service]) => service.restart === 'no').map(([name]) => name);
  expect(oneShot).toEqual(['migrate']);
  expect(compose.services.migrate.command).toEqual(['node', 'dist/scripts/migrate.js']);
  for (const spec of composeServices().filter((s) => !s.oneShot)) {
    expect((compose.services[spec.name].depends_on as Record<string, unknown>).migrate, spec.name).toEqual({ condition: 'service_completed_successfully' });
  }
});

it('the image runs the compiled JavaScript: built once (npm run build), every command node on dist/ without tsx', () => {
  const text = fs.readFileSync(COMPOSE_FILE, 'utf8');
  expect(text).toMatch(/COPY \. \.\n\s+RUN npm run build\n/);
  for (const [name, service] of services.filter(([, s]) => s.command?.[0] === 'node')) {
    expect(service.command, name).toEqual(['node', expect.stringMatching(/^dist\/.+\.js$/)]);
  }
  // The build context leaves the host's node_modules and dist/ out: the image installs and builds its own.
  expect(fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['node_modules', 'dist']));
});

it('one image built once for every node service; only the gateway is published on the host', () => {
  const nodeServices = services.filter(([, service]) => service.command?.[0] === 'node');
  expect(new Set(nodeServices.map(([, service]) => service.image))).toEqual(new Set(['scrums-platform-graph']));
  expect(services.filter(([, service]) => service.ports).map(([name]) => name)).toEqual(['gateway']);
});

it('no default secret: AUTH_SECRET and POSTGRES_PASSWORD must come from .env', () => {
  const text = fs.readFileSync(COMPOSE_FILE, 'utf8');
  for (const name of ['AUTH_SECRET', 'POSTGRES_PASSWORD']) {
    const uses = [...text.matchAll(new RegExp(`\\$\\{${name}([^}]*)\\}`, 'g'))].map((m) => m[1]);
    expect(uses.length, name).toBeGreaterThan(0);
    for (const use of uses) expect(use, name).toMatch(/^:\?/);
  }
});

it('.env.example lists every variable of the README configuration table and of the compose file', () => {
  const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
  const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const documented = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_<>]+)`/gm)].map((m) => m[1]);
  expect(documented.length).toBeGreaterThan(30);
  for (const name of documented) {
    if (name === 'SUBGRAPH_<NAME>_URL') expect(listed.has('SUBGRAPH_EVENTS_URL')).toBe(true);
    else expect(listed.has(name), name).toBe(true);
  }
  const interpolated = [...fs.readFileSync(COMPOSE_FILE, 'utf8').matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]);
  for (const name of interpolated) expect(listed.has(name), name).toBe(true);
});
