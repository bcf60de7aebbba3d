// Wording comes from locales/{en,ru,zh}.json (the keys under `web.`), one chunk per language loaded on
// demand; dates and numbers are formatted with Intl in the reader's language.
export const LANGS = ['en', 'ru', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

const loaders: Record<Lang, () => Promise<{ default: Record<string, string> }>> = {
  en: () => import('virtual:hqs-locale/en'),
  ru: () => import('virtual:hqs-locale/ru'),
  zh: () => import('virtual:hqs-locale/zh'),
};

export async function loadMessages(lang: Lang): Promise<Record<string, string>> {
  return (await loaders[lang]()).default;
}

export function initialLang(): Lang {
  const saved = localStorage.getItem('hqs.lang');
  if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  for (const l of navigator.languages ?? []) {
    const base = l.slice(0, 2).toLowerCase();
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}

export interface T {
  (key: string, params?: Record<string, string | number>): string;
  lang: Lang;
  date(iso: string): string;
  number(n: number): string;
  money(n: number): string;
}

const BCP47: Record<Lang, string> = { en: 'en-GB', ru: 'ru-RU', zh: 'zh-CN' };

export function translator(lang: Lang, messages: Record<string, string>): T {
  const nf = new Intl.NumberFormat(BCP47[lang]);
  const mf = new Intl.NumberFormat(BCP47[lang], { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 });
  const df = new Intl.DateTimeFormat(BCP47[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const t = ((key: string, params?: Record<string, string | number>) => {
    const text = messages[`web.${key}`];
    if (text === undefined) {
      console.error(`missing wording: web.${key} in locales/${lang}.json`);
      return key;
    }
    return text.replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));
  }) as T;
  t.lang = lang;
  t.date = (iso) => df.format(new Date(`${iso}T00:00:00Z`));
  t.number = (n) => nf.format(n);
  t.money = (n) => mf.format(n);
  return t;
}
