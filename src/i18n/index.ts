// Wording lives in locale files (locales/*.json), never in logic. `t(lang, key, params)` fills
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

const PLACEHOLDER = /\{(\w+)\}/g;

export function hasKey(lang: Lang, key: string): boolean {
  return key in catalogs[lang];
}

// Templates are split once into literal parts and placeholder names: filling one is a join, which
// matters when the engine words thousands of items a second.
type Compiled = { parts: string[]; names: string[] };
const compiled: Record<Lang, Map<string, Compiled>> = { en: new Map(), ru: new Map(), zh: new Map() };

function compile(template: string): Compiled {
  const parts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, m.index));
    names.push(m[1] as string);
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(template.slice(last));
  return { parts, names };
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
    out += (v === undefined || v === null ? `{${name}}` : String(v)) + (c.parts[i + 1] as string);
  }
  return out;
}

export function keys(lang: Lang): string[] {
  return Object.keys(catalogs[lang]);
}

export {
  formatAmount,
  renderChecklistItem,
  renderEvaluation,
  renderFinding,
  renderGround,
  renderMessage,
  renderMessages,
  renderObligation,
  renderStep,
} from './render.ts';
export type { RenderOptions, RenderTables } from './render.ts';
