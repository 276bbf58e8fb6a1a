/**
 * The worker's layers point one way, and no folder of code imports in a circle. Read from
 * the source text (every relative `import`/`export … from`, type-only ones included):
 *
 *   env.ts (configuration)  ←  http/  ←  supabase/, mail/  ←  auth/, webhooks/  ←  routes/  ←  app.ts  ←  index.ts
 *   (auth/ may call Supabase: the assurance guard reads a user's factors, the gate counts
 *   attempts around Supabase calls; supabase/ never imports auth/)
 *
 * openapi/ is build-time only (scripts/build-openapi.ts); nothing in the worker imports it,
 * and only it imports the route docs (routes/docs.ts and routes/<group>/docs.ts).
 * The stand-in in local/ has no import cycle either, and shares no code with the worker it
 * checks, in either direction: no file of one reaches a file of the other, directly or
 * through other files of the repository (examples/, a workspace package, …).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Relative imports of every .ts file under `root`, as paths relative to the repository. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const text = fs.readFileSync(file, 'utf8');
        const targets = [
          ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/gm),
          ...text.matchAll(/^\s*import\s+['"](\.[^'"]+)['"]/gm),
        ]
          .map((m) => path.normalize(path.join(path.dirname(file), m[1]!)))
          .filter((target) => target.endsWith('.ts'));
        const inline = [...text.matchAll(/import\(['"](\.[^'"]+\.ts)['"]\)/g)].map((m) =>
          path.normalize(path.join(path.dirname(file), m[1]!)),
        );
        graph.set(path.normalize(file), [...new Set([...targets, ...inline])]);
      }
    }
  };
  walk(root);
  return graph;
}

/** Every import cycle (strongly connected component of more than one file, or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

/**
 * Every module a file names: static imports and re-exports (type-only ones included),
 * side-effect imports, `import()` and `require()` of a literal, and files referenced with
 * `new URL('…', import.meta.url)`; with any extension or none.
 */
function specifiers(text: string): string[] {
  return [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g),
    ...text.matchAll(/\bnew\s+URL\(\s*['"`]([^'"`]+)['"`]\s*,\s*import\.meta\.url\s*\)/g),
  ].map((m) => m[1]!);
}

/** What {@link crossings} reads: a file's text (undefined when there is none), and the files of a workspace package. */
interface SourceTree {
  read(file: string): string | undefined;
  packageFiles(name: string): string[];
}

/**
 * Every way the files `starts` reach a path under `forbidden/`, following relative imports
 * and workspace packages through any file of the tree: each as the chain of files from a
 * start to the forbidden target.
 */
function crossings(starts: string[], forbidden: string, tree: SourceTree): string[] {
  const inForbidden = (file: string) => file === forbidden || file.startsWith(`${forbidden}/`);
  const resolve = (target: string) =>
    [target, target.replace(/\.(m?)js$/, '.$1ts'), `${target}.ts`, path.join(target, 'index.ts')].find(
      (candidate) => tree.read(candidate) !== undefined,
    ) ?? target;
  const chainTo = new Map(starts.map((file) => [file, [file]]));
  const queue = [...starts];
  const found = new Set<string>();
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const text = tree.read(file);
    if (text === undefined) continue;
    for (const spec of specifiers(text)) {
      let targets: string[];
      if (spec.startsWith('.')) targets = [resolve(path.normalize(path.join(path.dirname(file), spec)))];
      else if (spec.startsWith('node:')) continue;
      else targets = tree.packageFiles(/^(@[^/]+\/)?[^/]+/.exec(spec)![0]);
      for (const target of targets) {
        if (inForbidden(target)) found.add([...chainTo.get(file)!, target].join(' → '));
        else if (!chainTo.has(target) && !target.split('/').includes('node_modules')) {
          chainTo.set(target, [...chainTo.get(file)!, target]);
          queue.push(target);
        }
      }
    }
  }
  return [...found].sort();
}

/** Every file under `dir` (relative to the repository), node_modules and dot-folders left out. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(process.cwd(), path.join(e.parentPath, e.name)))
    .filter((file) => !file.split('/').some((part) => part === 'node_modules' || part.startsWith('.')));
}

/** The repository as it is: source files read from disk; a package is a workspace one when node_modules links it into the repository. */
const repository: SourceTree = {
  read: (file) => {
    if (!/\.(m|c)?(t|j)sx?$/.test(file) || file.startsWith('..') || path.isAbsolute(file)) return undefined;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  packageFiles: (name) => {
    let real: string;
    try {
      real = path.relative(process.cwd(), fs.realpathSync(path.join('node_modules', name)));
    } catch {
      return [];
    }
    if (real.startsWith('..') || path.isAbsolute(real) || real.split('/').includes('node_modules')) return [];
    return filesUnder(real);
  },
};

const src = importGraph('src');

/** What each part of src/ may import (besides itself). */
const ALLOWED: [RegExp, RegExp[]][] = [
  [/^src\/env\.ts$/, [/^src\/auth\/lockout\.ts$/]],
  [/^src\/http\//, [/^src\/env\.ts$/, /^src\/generated\//]],
  [/^src\/auth\//, [/^src\/env\.ts$/, /^src\/http\//, /^src\/supabase\//]],
  [/^src\/supabase\//, [/^src\/env\.ts$/, /^src\/http\//]],
  [/^src\/mail\//, [/^src\/env\.ts$/, /^src\/http\//]],
  [/^src\/webhooks\//, [/^src\/env\.ts$/, /^src\/http\//, /^src\/supabase\//]],
  [/^src\/routes\//, [/^src\/env\.ts$/, /^src\/http\//, /^src\/auth\//, /^src\/supabase\//, /^src\/mail\//, /^src\/generated\//]],
  [/^src\/openapi\//, [/^src\/http\//, /^src\/routes\/(contracts|docs|registry)\.ts$/, /^src\/routes\/[a-z]+\/(contract|docs)\.ts$/]],
  [/^src\/app\.ts$/, [/^src\/env\.ts$/, /^src\/http\//, /^src\/routes\//, /^src\/webhooks\//]],
  [/^src\/index\.ts$/, [/^src\/app\.ts$/, /^src\/env\.ts$/, /^src\/auth\/lockout\.ts$/, /^src\/webhooks\//]],
];

function partOf(file: string): string {
  const m = /^src\/([^/]+)\//.exec(file);
  return m ? `src/${m[1]}/` : file;
}

describe('src/ layers', () => {
  it('every file belongs to a known layer', () => {
    const unknown = [...src.keys()].filter((file) => !ALLOWED.some(([layer]) => layer.test(file)) && !file.startsWith('src/generated/'));
    expect(unknown).toEqual([]);
  });

  it('imports point down only', () => {
    const wrong: string[] = [];
    for (const [file, targets] of src) {
      const rule = ALLOWED.find(([layer]) => layer.test(file));
      if (!rule) continue;
      for (const target of targets) {
        if (partOf(target) === partOf(file)) continue;
        if (!rule[1].some((allowed) => allowed.test(target))) wrong.push(`${file} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('nothing in the worker imports the stand-in, tests, benchmarks or scripts', () => {
    const outside = [...src].flatMap(([file, targets]) => targets.filter((t) => !t.startsWith('src/')).map((t) => `${file} → ${t}`));
    expect(outside).toEqual([]);
  });

  it('only openapi/ imports the route docs (summaries and descriptions stay out of the worker)', () => {
    const docs = /^src\/routes\/([a-z]+\/)?docs\.ts$/;
    const readers = [...src].flatMap(([file, targets]) =>
      docs.test(file) || file.startsWith('src/openapi/') ? [] : targets.filter((t) => docs.test(t)).map((t) => `${file} → ${t}`),
    );
    expect(readers).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(src)).toEqual([]);
  });

  it('the check finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});

describe('local/ (the stand-in)', () => {
  const local = importGraph('local');

  it('has no import cycle', () => {
    expect(cycles(local)).toEqual([]);
  });

  it('is never imported by the worker', () => {
    expect([...src.values()].flat().filter((target) => target.startsWith('local/'))).toEqual([]);
  });

  it('shares no code with the worker: neither reaches the other, directly or through any other file', () => {
    const localFiles = filesUnder('local').filter((file) => repository.read(file) !== undefined);
    const srcFiles = filesUnder('src').filter((file) => repository.read(file) !== undefined);
    expect(localFiles.length).toBeGreaterThan(10);
    expect(srcFiles.length).toBeGreaterThan(10);
    expect(crossings(localFiles, 'src', repository)).toEqual([]);
    expect(crossings(srcFiles, 'local', repository)).toEqual([]);
  });

  it('the check finds code shared either way: direct, through other files, a package, with any extension or none', () => {
    const files: Record<string, string> = {
      'local/a.ts': "import { b } from './b.ts';\nimport { Hono } from 'hono';\nimport fs from 'node:fs';",
      'local/b.ts': "export {\n  c,\n} from '../examples/c.js';",
      'examples/c.ts': "export const c = async () => await import('../src/env.ts');",
      'local/d.ts': "import type { App } from '../src/app';",
      'local/e.ts': "import '@acme/pkg';",
      'pkg/index.ts': "export * from '../src/http/envelope.ts';",
      'local/f.ts': "const url = new URL('../src/index.ts', import.meta.url);\nconst m = require('../src/x.cjs');",
      'src/g.ts': "import type { Stack } from '../local/stack.ts';",
      'src/h.ts': "import { g } from './g.ts';",
    };
    const tree: SourceTree = { read: (file) => files[file], packageFiles: (name) => (name === '@acme/pkg' ? ['pkg/index.ts'] : []) };
    const from = (dir: string) => Object.keys(files).filter((file) => file.startsWith(`${dir}/`));
    expect(crossings(from('local'), 'src', tree)).toEqual([
      'local/b.ts → examples/c.ts → src/env.ts',
      'local/d.ts → src/app',
      'local/e.ts → pkg/index.ts → src/http/envelope.ts',
      'local/f.ts → src/index.ts',
      'local/f.ts → src/x.cjs',
    ]);
    expect(crossings(from('src'), 'local', tree)).toEqual(['src/g.ts → local/stack.ts']);
    // Through files of its own tree too; and a file that reaches nothing forbidden is no crossing.
    expect(crossings(['src/h.ts'], 'local', tree)).toEqual(['src/h.ts → src/g.ts → local/stack.ts']);
    expect(crossings(['local/a.ts'], 'src', { ...tree, read: (file) => (file === 'examples/c.ts' ? '' : files[file]) })).toEqual([]);
  });
});
