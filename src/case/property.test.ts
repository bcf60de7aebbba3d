// Random damage to a valid case never makes the parser throw: the result is a case, or errors that each
// name a path and say something.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseCase, type ParseResult } from './parse.ts';
import { validCase } from './fixtures/cases.ts';
import { TABLES } from './fixtures/tables.ts';

type Path = (string | number)[];

/** Every path in a JSON-like value (objects and arrays), the root included. */
function allPaths(v: unknown, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allPaths(x, [...path, i])));
  else if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) out.push(...allPaths(x, [...path, k]));
  return out;
}

const PATHS = allPaths(validCase()).filter((p) => p.length > 0);

type Mutation =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'delete'; path: Path }
  | { kind: 'add'; path: Path; key: string; value: unknown }
  | { kind: 'duplicate'; path: Path };

const tricky = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    '',
    ' ',
    '2025-02-30',
    '2026-13-01',
    '0000-00-00',
    '9999-12-31',
    '7707083894',
    'p9',
    'XX',
    'RU-XXX',
    'hqs-case/2',
    'NaN',
    null,
    -1,
    0,
    1e308,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    [],
    {},
    ['CN'],
    { latin: '' },
  ),
  fc.string(),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...PATHS), value: tricky }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }),
  fc.record({
    kind: fc.constant('add' as const),
    path: fc.constantFrom([], ...PATHS),
    key: fc.oneof(
      fc.string(),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'person', 'type', 'role', 'validUntil'),
    ),
    value: tricky,
  }),
  fc.record({ kind: fc.constant('duplicate' as const), path: fc.constantFrom(...PATHS) }),
);

function apply(c: Record<string, unknown>, m: Mutation): void {
  const parentPath = m.kind === 'add' ? m.path : m.path.slice(0, -1);
  let parent: unknown = c;
  for (const k of parentPath) {
    if (typeof parent !== 'object' || parent === null) return;
    parent = (parent as Record<string | number, unknown>)[k];
  }
  if (typeof parent !== 'object' || parent === null) return;
  const p = parent as Record<string | number, unknown>;
  const last = m.path[m.path.length - 1] as string | number;
  switch (m.kind) {
    case 'set':
      p[last] = m.value;
      break;
    case 'delete':
      if (Array.isArray(p) && typeof last === 'number') p.splice(last, 1);
      else delete p[last];
      break;
    case 'add':
      if (!Array.isArray(p))
        Object.defineProperty(p, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      break;
    case 'duplicate':
      if (Array.isArray(p) && typeof last === 'number') p.push(structuredClone(p[last]));
      break;
  }
}

function wellFormed(r: ParseResult): void {
  if (r.ok) return;
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(typeof e.path).toBe('string');
    expect(e.path.length).toBeGreaterThan(0);
    expect(typeof e.message).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
  }
}

describe('random damage never throws', () => {
  it('mutated values: a case or errors with paths', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const c = validCase();
        for (const m of mutations) apply(c, m);
        wellFormed(parseCase(c, TABLES));
      }),
      { numRuns: 600 },
    );
  });

  it('mutated values written as YAML and JSON text: the same', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const c = validCase();
        for (const m of mutations) apply(c, m);
        let yaml: string | undefined;
        try {
          yaml = stringify(c);
        } catch {
          yaml = undefined; // values YAML cannot write (symbols, functions) are skipped
        }
        if (yaml !== undefined) wellFormed(parseCase(yaml, { ...TABLES, format: 'yaml' }));
        const json = JSON.stringify(c, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
        if (json !== undefined) wellFormed(parseCase(json, { ...TABLES, format: 'json' }));
      }),
      { numRuns: 300 },
    );
  });

  it('damaged YAML text: a case or errors with paths', () => {
    const text = stringify(validCase());
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 5 }), fc.string({ maxLength: 6 })), {
          minLength: 1,
          maxLength: 3,
        }),
        (edits) => {
          let t = text;
          for (const [pos, del, ins] of edits) t = t.slice(0, pos) + ins + t.slice(pos + del);
          wellFormed(parseCase(t, TABLES));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('an unchanged case stays valid (the property can fail)', () => {
    expect(parseCase(validCase(), TABLES).ok).toBe(true);
    const c = validCase();
    apply(c, { kind: 'set', path: ['employer', 'inn'], value: '7707083894' });
    expect(parseCase(c, TABLES).ok).toBe(false);
  });
});
