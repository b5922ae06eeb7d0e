import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { TrustedDocuments } from './manifest.ts';
import { loadConfig } from '../../platform/config.ts';

describe('trusted document manifests', () => {
  let dir: string;
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrums-manifest-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads client preset and Apollo manifests; a client's own documents come before the shared ones", () => {
    const preset = write('preset.json', { a1: 'query A { a: __typename }', same: 'query WebSame { web: __typename }' });
    const apollo = write('apollo.json', {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: 'same', name: 'Same', type: 'query', body: 'query Same { shared: __typename }' }],
    });
    const trusted = TrustedDocuments.load([{ client: 'web', file: preset }, { client: null, file: apollo }]);
    expect(trusted.size).toBe(3);
    expect(trusted.lookup('a1', 'web')).toBe('query A { a: __typename }');
    expect(trusted.lookup('a1', 'ios')).toBeUndefined();
    expect(trusted.lookup('a1', null)).toBeUndefined();
    expect(trusted.lookup('same', 'web')).toBe('query WebSame { web: __typename }');
    expect(trusted.lookup('same', 'ios')).toBe('query Same { shared: __typename }');
    expect(trusted.includes('query   A {\n  a: __typename # why\n}', 'web')).toBe(true);
    expect(trusted.includes('query A { a: __typename }', 'ios')).toBe(false);
    expect(trusted.includes('query Same{shared:__typename}', 'ios')).toBe(true);
    expect(trusted.includes('not { graphql', 'web')).toBe(false);
  });

  it('refuses at start a manifest it cannot read or understand, naming the file', () => {
    const missing = path.join(dir, 'missing.json');
    expect(() => TrustedDocuments.load([{ client: null, file: missing }])).toThrow(`PERSISTED_DOCUMENTS: cannot read ${missing}`);
    const notJson = write('bad.json', '{');
    expect(() => TrustedDocuments.load([{ client: null, file: notJson }])).toThrow(`PERSISTED_DOCUMENTS: ${notJson} is not JSON`);
    const list = write('list.json', []);
    expect(() => TrustedDocuments.load([{ client: null, file: list }])).toThrow('is neither a client preset nor an Apollo manifest');
    const v2 = write('v2.json', { format: 'apollo-persisted-query-manifest', version: 2, operations: [] });
    expect(() => TrustedDocuments.load([{ client: null, file: v2 }])).toThrow('only version 1 of the Apollo manifest format');
    const noBody = write('nobody.json', { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'x' }] });
    expect(() => TrustedDocuments.load([{ client: null, file: noBody }])).toThrow('operations[0] needs a string id and body');
    const number = write('number.json', { h: 1 });
    expect(() => TrustedDocuments.load([{ client: null, file: number }])).toThrow('"h" is not a document');
  });

  it('reads its settings from the environment', () => {
    expect(loadConfig({}).persistedDocuments).toEqual({ manifests: [], safelist: false, apq: true, apqMaxDocuments: 1000 });
    const settings = loadConfig({ PERSISTED_DOCUMENTS: 'web=/m/web.json, /m/shared.json', PERSISTED_DOCUMENTS_SAFELIST: 'on', APQ: 'off', APQ_MAX_DOCUMENTS: '50' }).persistedDocuments;
    expect(settings).toEqual({ manifests: [{ client: 'web', file: '/m/web.json' }, { client: null, file: '/m/shared.json' }], safelist: true, apq: false, apqMaxDocuments: 50 });
    expect(() => loadConfig({ PERSISTED_DOCUMENTS_SAFELIST: 'on' })).toThrow('PERSISTED_DOCUMENTS_SAFELIST=on needs PERSISTED_DOCUMENTS');
    expect(() => loadConfig({ PERSISTED_DOCUMENTS: 'web=' })).toThrow('PERSISTED_DOCUMENTS entries are "file" or "client=file"');
    expect(() => loadConfig({ APQ: 'maybe' })).toThrow('APQ must be "on" or "off"');
  });
});
