// Wording comes from locales/{en,ru,zh}.json (the keys under `web.`), one chunk per language loaded on
// demand; dates and numbers are formatted with Intl in the reader's language.
import { LANGS, type Lang } from '../../src/core/lang.ts';

// The languages are src/core's: every one for the self-check and the portal, WORKSPACE_LANGS for the workspace.
export { LANGS, WORKSPACE_LANGS } from '../../src/core/lang.ts';
export type { Lang };

const loaders: Record<Lang, () => Promise<{ default: Record<string, string> }>> = {
  en: () => import('virtual:hqs-locale/en'),
  ru: () => import('virtual:hqs-locale/ru'),
  zh: () => import('virtual:hqs-locale/zh'),
};

const appLoaders: Record<Lang, () => Promise<{ default: Record<string, string> }>> = {
  en: () => import('virtual:hqs-app-locale/en'),
  ru: () => import('virtual:hqs-app-locale/ru'),
  zh: () => import('virtual:hqs-app-locale/zh'),
};

/** The self-check's wording; with `app`, also the signed-in app's (locales/app/<lang>/*.json). */
export async function loadMessages(lang: Lang, opts: { app?: boolean } = {}): Promise<Record<string, string>> {
  if (!opts.app) return (await loaders[lang]()).default;
  const [base, app] = await Promise.all([loaders[lang](), appLoaders[lang]()]);
  return { ...base.default, ...app.default };
}

export function initialLang(allowed: readonly Lang[] = LANGS): Lang {
  const ok = (l: string): l is Lang => (allowed as readonly string[]).includes(l);
  const saved = localStorage.getItem('hqs.lang');
  if (saved && ok(saved)) return saved;
  for (const l of navigator.languages ?? []) {
    const base = l.slice(0, 2).toLowerCase();
    if (ok(base)) return base;
  }
  return 'en';
}

export interface T {
  (key: string, params?: Record<string, string | number>): string;
  lang: Lang;
  /** Whether the wording has this key (for codes that may be new: a generic sentence instead). */
  has(key: string): boolean;
  date(iso: string): string;
  /** A date and time (an ISO timestamp) in the reader's language, Moscow time. */
  dateTime(iso: string): string;
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
  t.has = (key) => messages[`web.${key}`] !== undefined;
  t.date = (iso) => df.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  const dtf = new Intl.DateTimeFormat(BCP47[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Moscow',
  });
  t.dateTime = (iso) => dtf.format(new Date(iso));
  t.number = (n) => nf.format(n);
  t.money = (n) => mf.format(n);
  return t;
}
