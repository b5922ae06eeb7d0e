import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * A copy of an example app's `src/` (examples/<name>/src) inside the repository (`.scratch/`), so it
 * resolves the installed packages, without what a test generates into it (`generated`).
 */
export function copyExample(name: string, generated: (from: string) => boolean): { src: string; remove(): void } {
  fs.mkdirSync(path.join(root, '.scratch'), { recursive: true });
  const src = path.join(fs.mkdtempSync(path.join(root, '.scratch', `${name}-`)), 'src');
  fs.cpSync(path.join(root, 'examples', name, 'src'), src, { recursive: true, filter: (from) => !generated(from) });
  return { src, remove: () => fs.rmSync(path.dirname(src), { recursive: true, force: true }) };
}

/** What the compiler says of a file of such a copy (strict, Node's module rules), one message per diagnostic. */
export function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: ['node'],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
