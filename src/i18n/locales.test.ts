// The locale files word every code the engine and the documents use, in every language, with the same
// placeholders: a Chinese reader never meets an English sentence in the legal content, and a template never
// drops a date or an amount the English gives.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCalendar } from '../calendar/node.ts';
import { parseCase } from '../case/index.ts';
import { createEngine } from '../engine/index.ts';
import { MESSAGES } from '../engine/messages.ts';
import { loadLaw } from '../law/node.ts';
import { keys, renderEvaluation, type Lang } from './index.ts';

const catalog = (lang: Lang): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), 'utf8')) as Record<string, string>;
const en = catalog('en');
const ru = catalog('ru');
const zh = catalog('zh');

/**
 * Keys a language may lack, and why. Letters are written to the Russian authorities for the employer (in
 * Russian, or in English for the employer's own reading), never to the specialist in Chinese; Russian dates
 * name the month in the genitive by their own rule (src/documents/format.ts), not by `doc.month.*`.
 */
const NOT_NEEDED: Record<Lang, RegExp | undefined> = { en: undefined, ru: /^doc\.month\./, zh: /^letter\./ };

const placeholders = (s: string): string[] =>
  [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();

/**
 * Templates whose placeholders may differ, and why: each language writes a date its own way from the same
 * params (2 March 2026, 02.03.2026, 2026年3月2日); a Russian letter names the act by its number alone.
 */
const OWN_PLACEHOLDERS = new Set(['doc.date', 'date.day', 'date.month', 'letter.basis']);

describe('locales', () => {
  it.each(['ru', 'zh'] as const)('%s words every key of English, except those it does not need', (lang) => {
    const have = lang === 'ru' ? ru : zh;
    const missing = Object.keys(en).filter((k) => !(k in have) && !NOT_NEEDED[lang]?.test(k));
    expect(missing).toEqual([]);
    expect(Object.keys(have).filter((k) => !(k in en))).toEqual([]);
  });

  it.each(['ru', 'zh'] as const)('%s keeps the placeholders of each English template', (lang) => {
    const have = lang === 'ru' ? ru : zh;
    const differ = Object.keys(have)
      .filter(
        (k) =>
          k in en &&
          !OWN_PLACEHOLDERS.has(k) &&
          placeholders(have[k] as string).join() !== placeholders(en[k] as string).join(),
      )
      .map(
        (k) => `${k}: {${placeholders(have[k] as string).join('}{')}} vs {${placeholders(en[k] as string).join('}{')}}`,
      );
    expect(differ).toEqual([]);
  });

  it('has a template for every message code of the engine, in each language', () => {
    for (const lang of ['en', 'ru', 'zh'] as const) {
      const have = new Set(keys(lang));
      expect(Object.keys(MESSAGES).filter((code) => !have.has(code))).toEqual([]);
    }
  });

  it('writes Chinese as the glossary says in every zh file of locales/: the HQS is 高技能专家, no other name', () => {
    const app = new URL('../../locales/app/zh/', import.meta.url);
    const files: [string, Record<string, string>][] = [
      ['locales/zh.json', zh],
      ...readdirSync(app)
        .filter((f) => f.endsWith('.json'))
        .map((f): [string, Record<string, string>] => [
          `locales/app/zh/${f}`,
          JSON.parse(readFileSync(new URL(f, app), 'utf8')) as Record<string, string>,
        ]),
    ];
    expect(files.length).toBeGreaterThan(1);
    const wrong = files.flatMap(([file, texts]) =>
      Object.entries(texts)
        .filter(([, v]) =>
          /高素质专家|高级专家|高水平专家|高技术专家|高端人才|海牙认证|居住地移民登记|\bHQS\b(?! Desk)/.test(v),
        )
        .map(([k, v]) => `${file} ${k}: ${v}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe('statuses', () => {
  it.each(['ru', 'zh'] as const)('%s gives each status of a duty or step one name in every view', (lang) => {
    const app = new URL(`../../locales/app/${lang}/`, import.meta.url);
    const all: Record<string, string> = { ...catalog(lang) };
    for (const f of readdirSync(app).filter((f) => f.endsWith('.json')))
      for (const [k, v] of Object.entries(JSON.parse(readFileSync(new URL(f, app), 'utf8')) as Record<string, string>))
        all[`${f}:${k}`] = v;
    const names = new Map<string, Set<string>>();
    for (const [k, v] of Object.entries(all)) {
      const m =
        /(?:^|[.:])(?:ics\.status|stepstatus|status|obStatus|stepStatus)\.(due|overdue|upcoming|done|not-applicable|blocked)$/.exec(
          k,
        );
      if (m) names.set(m[1] as string, (names.get(m[1] as string) ?? new Set()).add(v.toLowerCase()));
    }
    const differ = [...names].filter(([, v]) => v.size > 1).map(([k, v]) => `${k}: ${[...v].join(' | ')}`);
    expect(differ).toEqual([]);
  });
});

describe('rendered evaluations', () => {
  const law = loadLaw();
  const engine = createEngine({ law, calendar: loadCalendar() });
  const tables = { countries: law.countries.codes, regions: law.regions.codes };
  const dir = new URL('../../examples/', import.meta.url);
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const r = parseCase(parse(readFileSync(new URL(f, dir), 'utf8')), tables);
      if (!r.ok) throw new Error(`examples/${f} is invalid`);
      return [f, r.case] as const;
    });

  /** Every `message`, `why` and `note` of a rendered evaluation, with where it stands. */
  function texts(value: unknown, path = ''): [string, string][] {
    if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      (k === 'message' || k === 'why' || k === 'note') && typeof v === 'string'
        ? [[`${path}.${k}`, v] as [string, string]]
        : texts(v, `${path}.${k}`),
    );
  }

  it.each(cases.map(([f]) => f))('%s in Chinese: every sentence of the legal content is Chinese', (f) => {
    const c = cases.find(([name]) => name === f)![1];
    for (const asOf of ['2024-03-01', '2026-11-21']) {
      const ev = renderEvaluation(engine.evaluate(c, asOf as never, { documents: true }), { lang: 'zh', law });
      const english = texts(ev).filter(([, s]) => !/\p{Script=Han}/u.test(s));
      expect(english, `${f} @${asOf}`).toEqual([]);
    }
  });
});
