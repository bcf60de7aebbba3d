// src/core is the one home of the shared basics, and it depends on nothing: these tests fail when a core
// module imports from outside src/core, or when a basic gets a second definition elsewhere.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORE = join(ROOT, 'src/core');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every module a file names: static imports and re-exports, side-effect imports, dynamic import(). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1] as string);
  return out;
}

describe('src/core depends on nothing', () => {
  const files = sources(CORE);

  it('has the shared basics', () => {
    const names = files.map((f) => relative(CORE, f));
    for (const m of ['date.ts', 'lang.ts', 'citation.ts', 'confidence.ts', 'vocabulary.ts', 'index.ts'])
      expect(names).toContain(m);
  });

  it('imports only src/core (tests may also use node: built-ins and vitest)', () => {
    const bad: string[] = [];
    for (const f of files) {
      const test = f.endsWith('.test.ts');
      for (const s of specifiers(readFileSync(f, 'utf8'))) {
        const inside = s.startsWith('.') && !relative(CORE, join(f, '..', s)).startsWith('..');
        const allowed = inside || (test && (s.startsWith('node:') || s === 'vitest'));
        if (!allowed) bad.push(`${relative(ROOT, f)} imports ${s}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('reads the imports it checks (the checker sees every form of import)', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../law/b.ts';",
      'import {\n  c,\n  d,\n} from "zod";',
      "export { e } from './e.ts';",
      "export type { F } from 'node:fs';",
      "import './side.ts';",
      // (split, so that this file's own text does not import anything)
      'const g = await im' + "port('../engine/g.ts');",
    ].join('\n');
    expect(specifiers(text)).toEqual([
      './a.ts',
      '../law/b.ts',
      'zod',
      './e.ts',
      'node:fs',
      './side.ts',
      '../engine/g.ts',
    ]);
  });
});

describe('each basic is defined once, in src/core', () => {
  // Re-exports and imports (`export type { IsoDate }`, `import { LANGS }`) are fine; a second definition is not.
  const rules: [string, RegExp][] = [
    ['the ISO date brand', /\btype\s+IsoDate\s*=/],
    ['a Lang type', /\btype\s+Lang\s*=/],
    ['an unnamed language union', /(['"])(?:en|ru|zh)\1\s*\|\s*(['"])(?:en|ru|zh)\2/],
    ['a language list in a zod enum', /z\.enum\(\s*\[\s*(['"])(?:en|ru|zh)\1/],
    ['the citation type', /\binterface\s+Citation\b/],
    ['the source kinds', /\bSOURCE_KINDS\s*=\s*\[/],
    ['the confidence levels', /\bCONFIDENCES\s*=\s*\[|z\.enum\(\s*\[\s*'high',\s*'medium-high'/],
    ['the employer kinds', /\bEMPLOYER_KINDS\s*=\s*\[/],
    ['the occupations', /\bOCCUPATIONS\s*=\s*\[/],
    ['the relations', /\bRELATIONS\s*=\s*\[/],
    ['the SEZ types', /\bSEZ_TYPES\s*=\s*\[/],
  ];
  const files = ['src', 'web/src', 'test', 'bench', 'scripts']
    .flatMap((d) => sources(join(ROOT, d)))
    .filter((f) => !f.startsWith(CORE));

  for (const [what, re] of rules)
    it(`${what} (${re.source})`, () => {
      const found = files.filter((f) => re.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
      expect(found).toEqual([]);
    });
});
