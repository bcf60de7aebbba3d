// Wording lives in locale files (locales/*.json), never in logic. `t(lang, key, params)` fills
// `{name}` placeholders; a missing key in a language falls back to English, a key missing everywhere
// is a programming error and throws (tests walk every key the code uses).
import en from '../../locales/en.json' with { type: 'json' };
import ru from '../../locales/ru.json' with { type: 'json' };
import zh from '../../locales/zh.json' with { type: 'json' };

export type Lang = 'en' | 'ru' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'ru', 'zh'];

type Catalog = Record<string, string>;
const catalogs: Record<Lang, Catalog> = { en, ru, zh };

export type Params = Record<string, string | number | boolean | null | undefined>;

const PLACEHOLDER = /\{(\w+)\}/g;

export function hasKey(lang: Lang, key: string): boolean {
  return key in catalogs[lang];
}

export function t(lang: Lang, key: string, params?: Params): string {
  const template = catalogs[lang][key] ?? catalogs.en[key];
  if (template === undefined) throw new Error(`no wording for "${key}" in locales/en.json`);
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = params[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

export function keys(lang: Lang): string[] {
  return Object.keys(catalogs[lang]);
}
