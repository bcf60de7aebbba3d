// The language of an answer that words the engine's codes: `?lang=` when given, else the first of en, ru
// and zh the client's Accept-Language prefers (by its q-values), else English.
import { LANGS, type Lang } from '../core/lang.ts';
import { isOneOf } from '../core/vocabulary.ts';

/** The language asked for by `lang` or the Accept-Language header (RFC 9110 §12.5.4). */
export function requestLang(lang: Lang | undefined, acceptLanguage: string | undefined): Lang {
  if (lang !== undefined) return lang;
  if (!acceptLanguage) return 'en';
  let best: Lang | undefined;
  let bestQ = 0;
  for (const part of acceptLanguage.slice(0, 1000).split(',')) {
    const [range, ...rest] = part.trim().split(';');
    const primary = (range ?? '').trim().toLowerCase().split('-')[0];
    if (!isOneOf(LANGS, primary)) continue;
    let q = 1;
    for (const p of rest) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best ?? 'en';
}
