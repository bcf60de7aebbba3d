// The catalogues (locales/*.json) and `t`. Wording lives in locale files, never in logic. `t(lang, key, params)` fills
// `{name}` placeholders; a missing key in a language falls back to English, a key missing everywhere
// is a programming error and throws (tests walk every key the code uses).
import en from '../../locales/en.json' with { type: 'json' };
import ru from '../../locales/ru.json' with { type: 'json' };
import zh from '../../locales/zh.json' with { type: 'json' };
import { LANGS, type Lang } from '../core/lang.ts';

export { LANGS };
export type { Lang };

type Catalog = Record<string, string>;
const catalogs: Record<Lang, Catalog> = { en, ru, zh };

export type Params = Record<string, string | number | boolean | null | undefined>;

/**
 * `{name}` is the param; `{name|год|года|лет}` is the word that agrees with the number the param holds, in
 * the forms the language distinguishes (see `pluralForm`): Russian one/few/many, English one/other, Chinese
 * none (a Chinese template writes the measure word itself). A param holding a person's sex picks by it:
 * `{sex|готов|готова|готов(а)}` — M the first form, F the second, anything else (unknown) the last.
 */
const PLACEHOLDER = /\{(\w+)(?:\|([^{}]*))?\}/g;

/**
 * Which plural form a number takes: 0 one, 1 few, 2 many (Russian: 1 год, 2 года, 5 лет, 21 год, 11 лет);
 * English 0 one, 1 other; Chinese always 0. A fraction takes Russian "few" (1,5 года) and English "other".
 */
function formOf(lang: Lang, v: string | number | boolean): number {
  if (v === 'M') return 0;
  if (v === 'F') return 1;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) && String(v).trim() !== '' ? pluralForm(lang, n) : Number.MAX_SAFE_INTEGER;
}

export function pluralForm(lang: Lang, n: number): number {
  if (lang === 'zh') return 0;
  if (lang === 'en') return n === 1 ? 0 : 1;
  if (!Number.isInteger(n)) return 1;
  const a = Math.abs(n);
  const d = a % 10;
  const dd = a % 100;
  if (d === 1 && dd !== 11) return 0;
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return 1;
  return 2;
}

export function hasKey(lang: Lang, key: string): boolean {
  return key in catalogs[lang];
}

// Templates are split once into literal parts and placeholder names: filling one is a join, which
// matters when the engine words thousands of items a second.
type Compiled = { parts: string[]; names: string[]; forms: (string[] | undefined)[] };
const compiled: Record<Lang, Map<string, Compiled>> = { en: new Map(), ru: new Map(), zh: new Map() };

function compile(template: string): Compiled {
  const parts: string[] = [];
  const names: string[] = [];
  const forms: (string[] | undefined)[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index));
    names.push(m[1] as string);
    forms.push(m[2] === undefined ? undefined : m[2].split('|'));
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(template.slice(last));
  return { parts, names, forms };
}

export function t(lang: Lang, key: string, params?: Params): string {
  let c = compiled[lang].get(key);
  if (c === undefined) {
    const template = catalogs[lang][key] ?? catalogs.en[key];
    if (template === undefined) throw new Error(`no wording for "${key}" in locales/en.json`);
    c = compile(template);
    compiled[lang].set(key, c);
  }
  if (c.names.length === 0) return c.parts[0] as string;
  let out = c.parts[0] as string;
  for (let i = 0; i < c.names.length; i++) {
    const name = c.names[i] as string;
    const v = params?.[name];
    const forms = c.forms[i];
    const word =
      v === undefined || v === null
        ? `{${name}}`
        : forms === undefined
          ? String(v)
          : (forms[Math.min(formOf(lang, v), forms.length - 1)] ?? '');
    out += word + (c.parts[i + 1] as string);
  }
  return out;
}

export function keys(lang: Lang): string[] {
  return Object.keys(catalogs[lang]);
}
