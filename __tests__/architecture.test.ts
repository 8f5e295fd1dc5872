/**
 * The shape DESIGN §5 asks for, checked on every run: the core is pure, its stages import only
 * earlier stages, nothing imports in a cycle, and no core function grows past 80 lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = resolve('src');
// Pipeline order: a stage may import its own folder and the folders before it (the lint rule's list).
import { STAGES } from '../eslint.config.js';
const MAX_FUNCTION_LINES = 80;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const parsed = new Map(
  files.map((f) => [f, ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true)]),
);

/** Every module specifier a file imports or re-exports, type-only ones included. */
function specifiers(file: string): string[] {
  const out: string[] = [];
  parsed.get(file)!.forEachChild((node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      out.push((node.moduleSpecifier as ts.StringLiteral).text);
  });
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return resolve(dirname(from), spec).replace(/\.js$/, '.ts');
}

const stageOf = (file: string): string => relative(join(SRC, 'core'), file).split('/')[0]!;
const coreFiles = files.filter((f) => f.startsWith(join(SRC, 'core') + '/'));

describe('the pure core', () => {
  it.each(coreFiles.map((f) => [relative(SRC, f), f]))('%s imports nothing outside src/core', (_name, file) => {
    const outside = specifiers(file).filter((s) => {
      const target = resolveLocal(file, s);
      return target === null || !target.startsWith(join(SRC, 'core') + '/');
    });
    expect(outside).toEqual([]);
  });

  it('has one folder per stage, each importing only earlier stages', () => {
    const backward: string[] = [];
    for (const file of coreFiles) {
      const from = STAGES.indexOf(stageOf(file));
      expect(from).toBeGreaterThanOrEqual(0);
      for (const spec of specifiers(file)) {
        const target = resolveLocal(file, spec);
        if (target && STAGES.indexOf(stageOf(target)) > from)
          backward.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(backward).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long: string[] = [];
    for (const file of coreFiles) {
      const source = parsed.get(file)!;
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const lines =
            source.getLineAndCharacterOfPosition(node.getEnd()).line -
            source.getLineAndCharacterOfPosition(node.getStart()).line +
            1;
          if (lines > MAX_FUNCTION_LINES) long.push(`${relative(SRC, file)}:${lines} lines`);
        }
        node.forEachChild(visit);
      };
      source.forEachChild(visit);
    }
    expect(long).toEqual([]);
  });
});

describe('imports across src/', () => {
  it('form no cycle (type-only imports included)', () => {
    const edges = new Map(
      files.map((f) => [
        f,
        specifiers(f)
          .map((s) => resolveLocal(f, s))
          .filter((t): t is string => t !== null),
      ]),
    );
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) walk(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) walk(file, []);
    expect(cycles).toEqual([]);
  });
});
