// Vite build of the web app (web/ → web/dist). `virtual:hqs-data` hands the app the reference tables it
// needs from the law data (countries with names, Russian regions, the kinds of employer, occupations and
// family relations) and the web's wording from locales/*.json — read at build time, so the browser never
// needs YAML or the whole locale files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const LANGS = ['en', 'ru', 'zh'] as const;

interface Named {
  code: string;
  names: { en: string; ru: string; zh?: string };
}

function readYaml<T>(rel: string): T {
  const path = `${root}${rel}`;
  try {
    return parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new Error(`web build: cannot read ${path}: ${(e as Error).message}`);
  }
}

function hqsData(): Plugin {
  const DATA = 'virtual:hqs-data';
  const LOCALE = 'virtual:hqs-locale/';
  const APP_LOCALE = 'virtual:hqs-app-locale/';
  // The signed-in app's wording: locales/app/<lang>/<area>.json, each key becoming `web.<area>.<key>`.
  // Chinese falls back to English for the areas not translated (the workspace is en/ru; the portal,
  // sign-in and invitation pages are en/ru/zh — web/src/i18n.test.ts checks which).
  const appMessages = (lang: string): Record<string, string> => {
    const dir = `${root}locales/app/${lang}/`;
    const out: Record<string, string> = {};
    if (!existsSync(dir)) return out;
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const area = f.slice(0, -5);
      let data: Record<string, string>;
      try {
        data = JSON.parse(readFileSync(dir + f, 'utf8')) as Record<string, string>;
      } catch (e) {
        throw new Error(`web build: locales/app/${lang}/${f}: ${(e as Error).message}`);
      }
      for (const [k, v] of Object.entries(data)) out[`web.${area}.${k}`] = v;
    }
    return out;
  };
  return {
    name: 'hqs-data',
    resolveId(id) {
      return id === DATA || id.startsWith(LOCALE) || id.startsWith(APP_LOCALE) ? `\0${id}` : null;
    },
    load(id) {
      if (id === `\0${DATA}`) {
        const countries = readYaml<{ countries: Named[] }>('law/countries.yaml').countries;
        const regions = readYaml<{ regions: Named[] }>('law/regions.yaml').regions;
        const pick = (xs: Named[]) =>
          xs.map((x) => ({ code: x.code, names: { en: x.names.en, ru: x.names.ru, zh: x.names.zh ?? x.names.en } }));
        if (!countries?.length || !regions?.length)
          throw new Error('web build: law/countries.yaml or law/regions.yaml has no entries');
        return `export const countries = ${JSON.stringify(pick(countries))};\nexport const regions = ${JSON.stringify(pick(regions))};\n`;
      }
      if (id.startsWith(`\0${APP_LOCALE}`)) {
        const lang = id.slice(APP_LOCALE.length + 1);
        if (!(LANGS as readonly string[]).includes(lang))
          throw new Error(`web build: no locale "${lang}" (expected one of ${LANGS.join(', ')})`);
        const messages = lang === 'zh' ? { ...appMessages('en'), ...appMessages('zh') } : appMessages(lang);
        return `export default ${JSON.stringify(messages)};\n`;
      }
      if (id.startsWith(`\0${LOCALE}`)) {
        const lang = id.slice(LOCALE.length + 1);
        if (!(LANGS as readonly string[]).includes(lang))
          throw new Error(`web build: no locale "${lang}" (expected one of ${LANGS.join(', ')})`);
        const all = JSON.parse(readFileSync(`${root}locales/${lang}.json`, 'utf8')) as Record<string, string>;
        const web = Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('web.')));
        return `export default ${JSON.stringify(web)};\n`;
      }
      return null;
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), hqsData()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', reportCompressedSize: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
