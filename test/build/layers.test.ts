/**
 * The worker's layers point one way, and no folder of code imports in a circle. Read from
 * the source text (every relative `import`/`export … from`, type-only ones included):
 *
 *   env.ts (configuration)  ←  http/  ←  auth/, supabase/, mail/  ←  routes/  ←  app.ts  ←  index.ts
 *
 * openapi/ is build-time only (scripts/build-openapi.ts); nothing in the worker imports it.
 * The stand-in in local/ has no import cycle either.
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

const src = importGraph('src');

/** What each part of src/ may import (besides itself). */
const ALLOWED: [RegExp, RegExp[]][] = [
  [/^src\/env\.ts$/, [/^src\/auth\/lockout\.ts$/]],
  [/^src\/http\//, [/^src\/env\.ts$/, /^src\/generated\//]],
  [/^src\/auth\//, [/^src\/env\.ts$/, /^src\/http\//]],
  [/^src\/supabase\//, [/^src\/env\.ts$/, /^src\/http\//]],
  [/^src\/mail\//, [/^src\/env\.ts$/, /^src\/http\//]],
  [/^src\/routes\//, [/^src\/env\.ts$/, /^src\/http\//, /^src\/auth\//, /^src\/supabase\//, /^src\/mail\//, /^src\/generated\//]],
  [/^src\/openapi\//, [/^src\/http\//, /^src\/routes\/(contracts|registry)\.ts$/, /^src\/routes\/[a-z]+\/contract\.ts$/]],
  [/^src\/app\.ts$/, [/^src\/env\.ts$/, /^src\/http\//, /^src\/routes\//]],
  [/^src\/index\.ts$/, [/^src\/app\.ts$/, /^src\/auth\/lockout\.ts$/]],
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
});
