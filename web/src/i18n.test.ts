// The web's wording: every language has the keys English has (the self-check's in locales/*.json under
// `web.`, the signed-in app's in locales/app/<lang>/<area>.json), with the same {placeholders}; Chinese
// covers the areas the portal and sign-in use; and every literal key the code passes to t() exists.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP = join(ROOT, 'locales/app');
/** Areas the specialist and a signed-out reader see: translated into Chinese too. */
const ZH_AREAS = ['common', 'shell', 'auth', 'invite', 'portal'];

const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, string>;
const areas = (lang: string) =>
  readdirSync(join(APP, lang))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function appKeys(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of areas(lang))
    for (const [k, v] of Object.entries(read(join(APP, lang, `${a}.json`)))) out.set(`web.${a}.${k}`, v);
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the web app wording', () => {
  const en = appKeys('en');
  it('has English for every area and Russian for every English key, with the same placeholders', () => {
    expect(en.size).toBeGreaterThan(50);
    const ru = appKeys('ru');
    const missing = [...en.keys()].filter((k) => !ru.has(k));
    const extra = [...ru.keys()].filter((k) => !en.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    const mismatched = [...en]
      .filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(ru.get(k)!)))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
    const empty = [...en, ...ru].filter(([, v]) => !v.trim()).map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('has Chinese for the portal, sign-in, invitation and shared areas', () => {
    const zh = appKeys('zh');
    const needed = [...en.keys()].filter((k) => ZH_AREAS.includes(k.split('.')[1]!));
    expect(needed.length).toBeGreaterThan(20);
    expect(needed.filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect(
      [...zh]
        .filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(en.get(k)!)))
        .map(([k]) => k),
    ).toEqual([]);
  });

  it('knows every literal key the app code passes to t()', () => {
    const selfcheck = new Set(Object.keys(read(join(ROOT, 'locales/en.json'))).filter((k) => k.startsWith('web.')));
    const unknown: string[] = [];
    for (const file of sources(join(ROOT, 'web/src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
        const key = `web.${m[1]}`;
        if (!en.has(key) && !selfcheck.has(key)) unknown.push(`${file.slice(ROOT.length)}: ${m[1]}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});

describe('one name per status', () => {
  it('words the statuses of duties and steps once (common.status.*), in every view', () => {
    const STATUSES = ['overdue', 'due', 'upcoming', 'done', 'blocked', 'not-applicable'];
    for (const lang of ['en', 'ru', 'zh']) {
      const keys = [...appKeys(lang).keys()];
      for (const s of STATUSES) expect(keys, `${lang}: web.common.status.${s}`).toContain(`web.common.status.${s}`);
      const others = keys.filter(
        (k) =>
          !k.startsWith('web.common.') &&
          /\.(?:status|stepStatus|obStatus)\.[a-z-]+$/.test(k) &&
          STATUSES.includes(k.split('.').pop()!),
      );
      expect(others, lang).toEqual([]);
    }
  });
});
