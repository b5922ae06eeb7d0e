import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { generate } from '@graphql-codegen/cli';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose.ts';
import codegenConfig from '../codegen.ts';
import restCodegenConfig from '../codegen.rest.ts';
import drizzleConfig from '../drizzle.config.ts';
import { SUBGRAPHS } from '../subgraphs/registry.ts';

const root = path.resolve(import.meta.dirname, '..');

describe('generated artifacts are current', () => {
  it('schema/supergraph.graphql is what the subgraphs compose to (run npm run compose)', () => {
    expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });

  it('resolver types are what codegen makes of the schemas (run npm run codegen)', async () => {
    const outputs = await generate({ ...codegenConfig, cwd: root }, false);
    expect(outputs.length).toBe(SUBGRAPHS.length);
    for (const output of outputs) {
      const file = path.resolve(root, output.filename);
      expect(fs.readFileSync(file, 'utf8'), output.filename).toBe(output.content);
    }
  }, 120_000);

  it('the REST documents\' types are what codegen makes of them and the API schema (run npm run codegen)', async () => {
    const outputs = await generate({ ...restCodegenConfig, cwd: root }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const file = path.resolve(root, output.filename);
      expect(fs.readFileSync(file, 'utf8'), output.filename).toBe(output.content);
    }
  }, 120_000);

  it('migrations match the drizzle tables (run npm run db:generate)', () => {
    // Generate into a copy of drizzle/: when the tables and the migrations agree, nothing is added.
    const copy = fs.mkdtempSync(path.join(root, '.data-migrations-check-'));
    try {
      fs.cpSync(path.join(root, 'drizzle'), copy, { recursive: true });
      const before = fs.readdirSync(copy).sort();
      const out = execFileSync('npx', ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', String(drizzleConfig.schema), '--out', path.relative(root, copy)], { cwd: root, encoding: 'utf8' });
      expect(fs.readdirSync(copy).sort(), out).toEqual(before);
      expect(out).toMatch(/nothing to migrate/i);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('docker-compose.yml', () => {
  const compose = parseYaml(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });

  it('lays out postgres, nats, one service per subgraph and the gateway', () => {
    const services = Object.keys(compose.services);
    expect(services).toEqual(expect.arrayContaining(['postgres', 'nats', 'gateway', ...SUBGRAPHS.map((s) => s.name)]));
  });

  it('runs each subgraph on its registered port and points the gateway at all of them', () => {
    for (const { name, port } of SUBGRAPHS) {
      // Compiled in the image (npm run build): dist/ mirrors the sources.
      expect(compose.services[name].command.join(' ')).toContain(`dist/subgraphs/${name}/index.js`);
      expect(compose.services[name].expose).toContain(String(port));
      const variable = `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`;
      expect(compose.services.gateway.environment[variable]).toBe(`http://${name}:${port}/graphql`);
      expect(fs.existsSync(path.join(root, `subgraphs/${name}/index.ts`))).toBe(true);
    }
    expect(compose.services.gateway.environment.DATABASE_URL).toMatch(/^postgres:\/\//);
  });
});
