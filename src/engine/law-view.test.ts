// Speed lives at the boundary: an engine reads the law through a memoized view (law-view.ts) and counts on a
// memoized calendar (calendar-facade.ts). The view answers every look-up exactly as the law does — the same
// value objects, on every date that matters — so a warm engine gives byte for byte what a fresh one gives, and
// what a caller does to one evaluation never reaches the next.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLaw } from '../law/node.ts';
import { loadCalendar } from '../calendar/node.ts';
import { addDays, fromDayNumber, toDayNumber, type IsoDate } from '../calendar/date.ts';
import { parseCase, type Case } from '../case/index.ts';
import { EMPLOYER_KINDS, OCCUPATIONS, PROCEDURES, SEZ_TYPES } from '../law/index.ts';
import { boundary, createEngine } from './index.ts';
import { Ctx } from './context.ts';
import { viewOfLaw } from './law-view.ts';
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

/** Each value's first and last day and the days around them, and a sweep over the years the law covers. */
function datesFor(id: string): IsoDate[] {
  const out = new Set<IsoDate>();
  for (const v of law.changesOf(id)) {
    for (const d of [v.from, v.to]) {
      if (d === undefined) continue;
      out.add(d);
      out.add(addDays(d, -1));
      out.add(addDays(d, 1));
    }
  }
  for (let n = toDayNumber('1990-01-01' as IsoDate); n <= toDayNumber('2040-12-31' as IsoDate); n += 61)
    out.add(fromDayNumber(n));
  return [...out];
}

const SWEEP: IsoDate[] = [];
for (let n = toDayNumber('2010-01-01' as IsoDate); n <= toDayNumber('2030-12-31' as IsoDate); n += 97)
  SWEEP.push(fromDayNumber(n));

describe('the law view answers what the law answers', () => {
  const view = viewOfLaw(law);
  const cal = boundary({ law, calendar }).calendar;
  for (const includeProposed of [false, true]) {
    it(`every parameter on every date that matters, ${includeProposed ? 'with' : 'without'} proposals (asked twice)`, () => {
      let compared = 0;
      for (const p of law.parameters)
        for (const d of datesFor(p.id)) {
          const expected = law.valueAt(p.id, d, { includeProposed });
          expect(view.valueAt(p.id, d, { includeProposed })).toBe(expected);
          expect(view.valueAt(p.id, d, { includeProposed })).toBe(expected);
          expect(new Ctx(view, cal, d, { withProposed: includeProposed }).value(p.id, d)).toBe(expected);
          compared++;
        }
      expect(compared).toBeGreaterThan(law.parameters.length * 300);
    });
  }

  it('the thresholds of every employer kind, occupation and zone type, by date and by quarter', () => {
    for (const employerKind of EMPLOYER_KINDS)
      for (const occupation of OCCUPATIONS)
        for (const sezType of [undefined, ...SEZ_TYPES]) {
          const facts = { employerKind, occupation, ...(sezType ? { sezType } : {}), regions: ['RU-MOW'] };
          for (const d of SWEEP) {
            for (const includeProposed of [false, true]) {
              expect(view.applicableThresholds(facts, d, { includeProposed })).toEqual(
                law.applicableThresholds(facts, d, { includeProposed }),
              );
              const q = `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
              expect(view.applicableThresholdsInPeriod(facts, q, { includeProposed })).toEqual(
                law.applicableThresholdsInPeriod(facts, q, { includeProposed }),
              );
            }
          }
        }
  });

  it("the documents of every procedure, every country's legalization and visa rules, the grounds", () => {
    for (const d of SWEEP) {
      for (const id of PROCEDURES)
        if (law.documents.procedures.some((p) => p.id === id))
          expect(view.documents.forProcedure(id, d)).toEqual(law.documents.forProcedure(id, d));
      for (const code of law.countries.codes) {
        expect(view.countries.legalization(code, d)).toEqual(law.countries.legalization(code, d));
        expect(view.countries.visaRequired(code, d)).toEqual(law.countries.visaRequired(code, d));
        expect(view.countries.isEaeu(code, d)).toBe(law.countries.isEaeu(code, d));
      }
      for (const includeProposed of [false, true])
        expect(view.grounds.inForce(d, { includeProposed })).toEqual(law.grounds.inForce(d, { includeProposed }));
    }
  });

  it('an unknown parameter fails as the law fails, each time it is asked', () => {
    expect(() => law.valueAt('no.such-parameter', '2026-01-01' as IsoDate)).toThrow(/unknown law parameter/);
    expect(() => view.valueAt('no.such-parameter', '2026-01-01' as IsoDate)).toThrow(/unknown law parameter/);
    expect(() => view.valueAt('no.such-parameter', '2026-01-01' as IsoDate)).toThrow(/unknown law parameter/);
  });
});

// Dates on both sides of changes in the law data (the 2019-11-01 residence rules, 2024-03-01, the Hague
// Convention for Vietnam on 2026-09-11) and the days around them; 2028 is beyond the production calendar.
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
const OPTIONS: EvaluateOptions[] = [{ documents: true }, {}, { documents: true, withProposed: true, explain: true }];

describe('a warm engine', () => {
  it('has example cases to work on', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
  });

  it('gives what a fresh engine gives, case by case, date by date, option by option', () => {
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
    const first = engine.evaluate(c, asOf, { documents: true });
    const text = JSON.stringify(first);
    expect(first.checklist?.length).toBeGreaterThan(0);
    expect(first.grounds?.length).toBeGreaterThan(0);
    for (const item of first.checklist ?? []) {
      (item.requirement.basis as unknown[]).length = 0;
      item.requirement.issuer.en = 'changed';
      if (item.requirement.photo) item.requirement.photo.count = -1;
    }
    for (const g of first.grounds ?? []) {
      g.documents.push('changed');
      (g.basis as unknown[]).length = 0;
      g.check?.push('changed');
    }
    expect(JSON.stringify(engine.evaluate(c, asOf, { documents: true }))).toBe(text);
  });
});
