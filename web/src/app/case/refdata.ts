// Countries and Russian regions in words, from the law data's tables (virtual:hqs-data, built by Vite),
// and the choices for selects sorted in the reader's language.
import { countries, regions, type Named } from 'virtual:hqs-data';
import type { Lang } from '../../i18n.ts';

const byCode = (list: Named[]) => new Map(list.map((x) => [x.code, x]));
const COUNTRIES = byCode(countries);
const REGIONS = byCode(regions);

export function countryName(code: string, lang: Lang): string {
  return COUNTRIES.get(code)?.names[lang] ?? code;
}

export function regionName(code: string, lang: Lang): string {
  return REGIONS.get(code)?.names[lang] ?? code;
}

const sorted = new Map<string, { code: string; name: string }[]>();
/** Options for a select: code and name, by name in the reader's language. */
export function options(kind: 'countries' | 'regions', lang: Lang): { code: string; name: string }[] {
  const key = `${kind}:${lang}`;
  let list = sorted.get(key);
  if (!list) {
    const coll = new Intl.Collator(lang === 'zh' ? 'zh-CN' : lang);
    list = (kind === 'countries' ? countries : regions)
      .map((x) => ({ code: x.code, name: x.names[lang] }))
      .sort((a, b) => coll.compare(a.name, b.name));
    sorted.set(key, list);
  }
  return list;
}
