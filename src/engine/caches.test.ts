// The engine's caches (checklist requirements, residence grounds, procedures by period, legalization) keep
// only what follows from the law, dates and the language: an engine that has evaluated other cases, on other
// dates, in another language, gives byte for byte what a fresh engine gives; and what a caller does to one
// evaluation's lists never reaches the next.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLaw } from '../law/node.ts';
import { loadCalendar } from '../calendar/node.ts';
import type { IsoDate } from '../calendar/date.ts';
import { parseCase, type Case } from '../case/index.ts';
import { createEngine } from './index.ts';
import { CACHE_LIMIT, remember } from './context.ts';
import type { EvaluateOptions } from './types.ts';

const law = loadLaw();
const calendar = loadCalendar();
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

const cases: Case[] = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => {
    const r = parseCase(readFileSync(`${EXAMPLES}${f}`, 'utf8'), {
      countries: law.countries.codes,
      regions: law.regions.codes,
    });
    if (!r.ok) throw new Error(`examples/${f}: ${JSON.stringify(r.errors)}`);
    return r.case;
  });

// Dates on both sides of changes in the law data (the 2019-11-01 residence rules, 2024-03-01, the Hague
// Convention for Vietnam on 2026-09-11) and the days around them.
const DATES = [
  '2019-10-31',
  '2019-11-01',
  '2024-02-29',
  '2024-03-01',
  '2026-09-10',
  '2026-09-11',
  '2026-11-22',
  '2028-03-01',
] as IsoDate[];
const OPTIONS: EvaluateOptions[] = [{ lang: 'en' }, { lang: 'ru' }, { lang: 'en', withProposed: true, explain: true }];

describe('engine caches', () => {
  it('has example cases to work on', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it('a warm engine gives what a fresh engine gives, case by case, date by date, language by language', () => {
    const warm = createEngine({ law, calendar });
    let compared = 0;
    // Interleaved so that each evaluation meets the caches the others left behind.
    for (const asOf of DATES) {
      for (const opts of OPTIONS) {
        for (const c of cases) {
          const fresh = createEngine({ law, calendar }).evaluate(c, asOf, opts);
          expect(JSON.stringify(warm.evaluate(c, asOf, opts))).toBe(JSON.stringify(fresh));
          compared++;
        }
      }
    }
    expect(compared).toBe(DATES.length * OPTIONS.length * cases.length);
  });

  it('what a caller changes in one evaluation does not reach the next', () => {
    const engine = createEngine({ law, calendar });
    const c = cases.find((x) => x.people.length > 1) as Case;
    const asOf = '2026-11-22' as IsoDate;
    const first = engine.evaluate(c, asOf);
    const text = JSON.stringify(first);
    expect(first.checklist.length).toBeGreaterThan(0);
    expect(first.grounds?.length).toBeGreaterThan(0);
    for (const item of first.checklist) {
      (item.requirement.basis as unknown[]).length = 0;
      item.requirement.issuer.en = 'changed';
      if (item.requirement.photo) item.requirement.photo.count = -1;
    }
    for (const g of first.grounds ?? []) {
      g.documents.push('changed');
      (g.basis as unknown[]).length = 0;
      g.check?.push('changed');
    }
    expect(JSON.stringify(engine.evaluate(c, asOf))).toBe(text);
  });

  it('remember() empties a cache that reaches CACHE_LIMIT entries before it adds one', () => {
    const m = new Map<number, number>();
    for (let i = 0; i < CACHE_LIMIT; i++) remember(m, i, i);
    expect(m.size).toBe(CACHE_LIMIT);
    expect(remember(m, -1, 7)).toBe(7);
    expect([...m.entries()]).toEqual([[-1, 7]]);
  });
});
