// No internal identifier reaches a sentence. Every example (examples/*.yaml) and every scenario's case
// (test/scenarios/*.yaml: only `case` and `asOf` are read) is evaluated with its documents on several dates,
// rendered in Russian and Chinese (with the case's people, and without them), and every `message`, `why`
// and `note` is searched for what the engine knows by code: obligation ids, person ids, the codes of the
// vocabularies (employer kinds, occupations, relations, activities, event types), ISO country codes, source
// ids of law/sources.yaml, -FZ in Russian, raw confidence levels, double periods; and in Chinese, any Latin
// word but the people's names, the product's name and the currency codes a template keeps.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { IsoDate } from '../calendar/date.ts';
import { loadCalendar } from '../calendar/node.ts';
import { EVENT_TYPES, parseCase, type Case } from '../case/index.ts';
import { createEngine } from '../engine/index.ts';
import { CONFIDENCES } from '../engine/vocabulary.ts';
import { EMPLOYER_KINDS, OCCUPATIONS, RELATIONS } from '../law/index.ts';
import { loadLaw } from '../law/node.ts';
import { peopleOf, renderEvaluation, type Lang } from './index.ts';

const law = loadLaw();
const engine = createEngine({ law, calendar: loadCalendar() });
const tables = { countries: law.countries.codes, regions: law.regions.codes };

/** Every case to render, with the dates to render it on. */
function cases(): { name: string; c: Case; dates: IsoDate[] }[] {
  const out: { name: string; c: Case; dates: IsoDate[] }[] = [];
  const examples = new URL('../../examples/', import.meta.url);
  for (const f of readdirSync(examples).filter((f) => f.endsWith('.yaml'))) {
    const r = parseCase(parse(readFileSync(new URL(f, examples), 'utf8')), tables);
    if (!r.ok) throw new Error(`examples/${f} is invalid`);
    out.push({
      name: `examples/${f}`,
      c: r.case,
      dates: ['2019-11-01', '2024-03-01', '2026-11-21', '2028-03-01'] as IsoDate[],
    });
  }
  const scenarios = new URL('../../test/scenarios/', import.meta.url);
  for (const f of readdirSync(scenarios).filter((f) => f.endsWith('.yaml'))) {
    const list = parse(readFileSync(new URL(f, scenarios), 'utf8')) as { case: unknown; asOf: string }[];
    for (const [i, s] of list.entries()) {
      const r = parseCase(s.case, tables);
      // A scenario of the parser's refusal has no evaluation.
      if (r.ok)
        out.push({ name: `scenarios/${f}#${i}`, c: r.case, dates: [s.asOf as IsoDate, '2027-06-01' as IsoDate] });
    }
  }
  return out;
}

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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A code standing alone: not part of a longer Latin word, a number or a hyphenated code (Chinese may touch it). */
const token = (words: Iterable<string>) =>
  new RegExp(`(?<![A-Za-z0-9_-])(?:${[...words].map(escape).join('|')})(?![A-Za-z0-9_-])`);

/** Chinese terms that hold Latin letters by the glossary (经认证的IT企业, IT专业人员): not a country code. */
const ownTerms = (s: string) => s.replace(/IT(?=企业|专业)/g, '');

const VOCABULARY = new Set<string>([
  ...EMPLOYER_KINDS,
  ...OCCUPATIONS,
  ...RELATIONS,
  ...EVENT_TYPES,
  'religious-activity',
]);
const SOURCE_IDS = [...law.sources.keys()];

/** What never stands in a sentence, in any language. */
const EVERYWHERE: [string, RegExp][] = [
  ['an obligation id', /[a-z]+(-[a-z]+)+:[\w-]+/],
  ['a person id', /(?<![\p{L}\p{N}])[pc]\d+:/u],
  ['a vocabulary code', token(VOCABULARY)],
  ['a country code', token(law.countries.codes)],
  ['a source id', token(SOURCE_IDS)],
  ['a raw confidence level', token(CONFIDENCES)],
  ['a double period', /(?<!\.)\.\.(?!\.)|。。/],
  ['an unfilled placeholder', /\{\w+\}/],
];

const IN: Record<Exclude<Lang, 'en'>, [string, RegExp][]> = {
  ru: [
    ['an act in English (-FZ)', /-FZ\b/],
    ['a raw confidence level', /достоверность:? (high|medium|low)/],
  ],
  zh: [],
};

/** The Latin words a Chinese sentence may hold: the case's names, the product's name, a currency code. */
function latinAllowed(c: Case): Set<string> {
  const names = [
    ...c.people.map((p) => p.name.latin),
    ...(c.documents ?? []).flatMap((d) => (d.name?.latin ? [d.name.latin] : [])),
    'HQS Desk',
  ];
  return new Set([...names.flatMap((n) => n.split(/[^A-Za-z]+/)), c.contract.currency ?? 'RUB']);
}

describe('rendered sentences hold no internal identifiers', () => {
  const all = cases();

  it.each(['ru', 'zh'] as const)('in %s, for every example and scenario, with and without the people', (lang: Lang) => {
    const found: string[] = [];
    let n = 0;
    for (const { name, c, dates } of all) {
      const latin = latinAllowed(c);
      for (const asOf of dates) {
        const ev = engine.evaluate(c, asOf, { documents: true });
        for (const people of [peopleOf(c), undefined]) {
          const rendered = renderEvaluation(ev, { lang, law, people });
          for (const [path, text] of texts(rendered)) {
            const s = ownTerms(text);
            n++;
            for (const [what, re] of [...EVERYWHERE, ...(lang === 'en' ? [] : IN[lang])]) {
              const m = re.exec(s);
              if (m) found.push(`${name} @${asOf} ${path}: ${what} "${m[0]}" in: ${s}`);
            }
            if (lang === 'zh')
              for (const m of s.matchAll(/(?<![A-Za-z0-9])[A-Za-z]{3,}(?![A-Za-z0-9])/g))
                if (!latin.has(m[0])) found.push(`${name} @${asOf} ${path}: a Latin word "${m[0]}" in: ${s}`);
          }
        }
      }
    }
    expect(n).toBeGreaterThan(1000);
    expect([...new Set(found)].slice(0, 20)).toEqual([]);
  });

  it('names a person by name where the case is given, and by role where it is not', () => {
    const c = all.find((x) => x.name === 'examples/executive-family.yaml')!.c;
    const ev = engine.evaluate(c, '2026-11-21' as IsoDate, { documents: true });
    const named = texts(renderEvaluation(ev, { lang: 'ru', law, people: peopleOf(c) })).map(([, s]) => s);
    expect(named.some((s) => s.includes('Лукас Мюллер'))).toBe(true);
    const roles = texts(renderEvaluation(ev, { lang: 'zh', law })).map(([, s]) => s);
    expect(roles.some((s) => /^家庭成员\d：/.test(s))).toBe(true);
    expect(roles.some((s) => s.includes('MUELLER'))).toBe(false);
  });
});
