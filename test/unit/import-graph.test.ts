// The layers of server/ import one way (issue 18): no cycle between files, type-only imports included,
// and nothing below main.ts reaches for the composition root. Read from the source, so a new loop fails here.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = path.join(ROOT, 'server');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

// Static imports and re-exports (`import type` too), dynamic `import('…')` and type-level `import('…')`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  // Comments may quote an import (`import type { Idea } from '../store/store.js'`): they are not edges.
  const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const targets: string[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const target = path.resolve(path.dirname(file), match[1]!.replace(/\.js$/, '.ts'));
    if (existsSync(target)) targets.push(target);
  }
  return targets;
}

/** One cycle per strongly connected component of more than one file (Tarjan), as paths relative to the repository. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next); next += 1;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(path.relative(ROOT, w)); } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the import graph of server/', () => {
  const graph = new Map(sourceFiles(SERVER).map((file) => [file, importsOf(file)]));

  it('reads every source file and finds their imports', () => {
    expect(graph.size).to.be.greaterThan(100);
    expect(graph.get(path.join(SERVER, 'main.ts'))).to.include(path.join(SERVER, 'app.ts'));
  });

  it('has no cycle, type-only imports included', () => {
    expect(cycles(graph)).to.deep.equal([]);
  });

  it('when a file below main.ts imports app.ts, names it', () => {
    const importers = [...graph].filter(([, targets]) => targets.includes(path.join(SERVER, 'app.ts'))).map(([file]) => path.relative(ROOT, file));
    expect(importers).to.deep.equal(['server/main.ts']);
  });

  it('finds a cycle when there is one (the checker itself)', () => {
    const a = '/x/a.ts', b = '/x/b.ts', c = '/x/c.ts';
    expect(cycles(new Map([[a, [b]], [b, [c]], [c, [a]]]))).to.have.length(1);
    expect(cycles(new Map([[a, [b]], [b, [c]], [c, []]]))).to.deep.equal([]);
  });
});
