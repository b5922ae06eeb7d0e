import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { printTable, fmt } from './table.ts';

/**
 * Self time of a V8 CPU profile (`--profile` of the benchmarks, `node --cpu-prof`) by package and
 * by function: where a request's CPU goes.
 *
 *   npx tsx bench/profile-summary.ts FILE.cpuprofile [--top 25]
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to (`drizzle-orm`, `@apollo/server`), our own folder, or a V8/Node bucket. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (url.startsWith('node:')) return 'node:internal';
  const match = /\/(gateway|platform|subgraphs|scripts|bench|seed|schema)\/([^/]+)/.exec(url);
  return match ? `${match[1]}/${match[2].replace(/\.ts$/, '')}` : url;
}

export function summarize(profile: Profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    total += us;
    if (callFrame.functionName === '(idle)') idle += us;
    const pkg = packageOf(callFrame.url, callFrame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    const fn = `${callFrame.functionName || '(anonymous)'} ${pkg}:${callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const sorted = (map: Map<string, number>) => [...map].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]);
  return { busyUs: total - idle, packages: sorted(packages), functions: sorted(functions) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  const topAt = process.argv.indexOf('--top');
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 25;
  const { busyUs, packages, functions } = summarize(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile);
  const share = (us: number) => `${fmt((100 * us) / busyUs, 1)}%`;
  printTable(`${file}: ${fmt(busyUs / 1000)} ms busy (idle left out), self time by package`, ['package', 'ms', 'share'], packages.slice(0, top).map(([name, us]) => [name, fmt(us / 1000), share(us)]));
  printTable('self time by function', ['function', 'ms', 'share'], functions.slice(0, top).map(([name, us]) => [name, fmt(us / 1000), share(us)]));
}
