// No import cycles in core/, db/, electron/ and renderer/: a module never imports, directly or
// through others, a module that imports it. Every import counts: static, re-export, dynamic
// `import()`, and type-only ones too (a cycle of types is still two modules that cannot be
// understood, or moved, one without the other).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

const FOLDERS = ['core', 'db', 'electron', 'renderer'];
const EXTENSIONS = ['.ts', '.mts', '.mjs', '.js'];

/**
 * Cycles known and being removed elsewhere, each by its modules (sorted); a test below fails
 * once the cycle is gone, so that its allowance is deleted with it.
 */
const ALLOWED: readonly (readonly string[])[] = [];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.'))
        out.push(...sourceFiles(full));
    } else if (EXTENSIONS.some((e) => entry.name.endsWith(e)) && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

/** The module a relative specifier names, or null (a package, or not a source file here). */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => path.join(base, `index${e}`)),
  ];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

/** The specifiers a module imports (every kind of import). */
function imports(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//gu, '').replace(/^\s*\/\/.*$/gmu, '');
  const out: string[] = [];
  const statement = /^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gmu;
  for (const m of text.matchAll(statement)) out.push(m[1]!);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gmu)) out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/gu)) out.push(m[1]!);
  return out;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const folder of FOLDERS) {
    for (const file of sourceFiles(path.join(ROOT, folder))) {
      const deps = imports(fs.readFileSync(file, 'utf8'))
        .map((s) => resolve(file, s))
        .filter((d): d is string => d !== null)
        .map((d) => path.relative(ROOT, d).split(path.sep).join('/'));
      graph.set(path.relative(ROOT, file).split(path.sep).join('/'), [...new Set(deps)]);
    }
  }
  return graph;
}

/** The strongly connected components with more than one module (or a module importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

const key = (modules: readonly string[]) => [...modules].sort().join(' ↔ ');

describe('import cycles', () => {
  const graph = importGraph();
  const found = cycles(graph);

  it('reads the modules of every folder', () => {
    for (const folder of FOLDERS) {
      expect(
        [...graph.keys()].some((f) => f.startsWith(`${folder}/`)),
        folder,
      ).toBe(true);
    }
    expect(graph.get('electron/cli/main.ts')).toContain('electron/cli/archive.ts');
  });

  it('none, except the allowances named above', () => {
    const allowed = new Set(ALLOWED.map(key));
    expect(found.map(key).filter((c) => !allowed.has(c))).toEqual([]);
  });

  it('every allowance is still needed (delete it once its cycle is gone)', () => {
    const present = new Set(found.map(key));
    for (const allowance of ALLOWED) expect(present.has(key(allowance)), key(allowance)).toBe(true);
  });

  it('the check sees a cycle, and every kind of import', () => {
    const demo = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(demo)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(
      imports(
        "import type { A } from './a';\nimport {\n  b,\n  type C,\n} from './b';\n" +
          "export * from './c';\nimport './d';\nawait import('./e');\n// import x from './f';",
      ),
    ).toEqual(['./a', './b', './c', './d', './e']);
  });
});
