// The CLI's modules form no import cycle: main.ts imports the commands; the commands import the shared
// modules (io.ts, args.ts, context.ts, shared.ts, with-store.ts, cite.ts, i18n.ts), never main.ts or
// each other. Read from the source text, type-only imports included.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('.', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The relative modules a file imports or re-exports (static, type-only and dynamic). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const re of [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"](\.[^'"]+)['"]/gm,
    /^\s*import\s*['"](\.[^'"]+)['"]/gm,
    /\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g,
  ])
    for (const m of text.matchAll(re)) out.push(resolve(dirname(file), m[1] as string));
  return out;
}

/** The import graph of the modules under `dir`: each file and the files under `dir` it imports. */
function graphOf(dir: string): Map<string, string[]> {
  const all = new Set(files(dir));
  return new Map([...all].map((f) => [f, imports(f).filter((i) => all.has(i))]));
}

/** Every cycle a depth-first walk meets, each as the path that closes it (a → b → a). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 'open');
    path.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 'open') found.push([...path.slice(path.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    path.pop();
    state.set(n, 'done');
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return found;
}

describe('src/cli imports', () => {
  const graph = graphOf(CLI);
  const name = (f: string) => relative(CLI, f);

  it('form no cycle', () => {
    expect(cycles(graph).map((c) => c.map(name).join(' → '))).toEqual([]);
  });

  it('never lead from a command to main.ts or to another command', () => {
    const bad: string[] = [];
    for (const [f, deps] of graph) {
      if (!name(f).startsWith('commands/')) continue;
      for (const d of deps)
        if (name(d) === 'main.ts' || name(d).startsWith('commands/')) bad.push(`${name(f)} → ${name(d)}`);
    }
    expect(bad).toEqual([]);
  });

  it('are read: main.ts imports every command, and io.ts is where the commands get Io', () => {
    const main = graph.get(join(CLI, 'main.ts')) ?? [];
    expect(main.filter((d) => name(d).startsWith('commands/')).length).toBeGreaterThanOrEqual(10);
    expect(graph.get(join(CLI, 'commands/evaluate.ts'))).toContain(join(CLI, 'io.ts'));
  });

  it('the cycle finder finds cycles (a → b → c → a, and a module importing itself)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(cycles(g)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });
});
