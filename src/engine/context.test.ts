// The engine's own look-up of a parameter's value (Ctx.param, valueOn) against the law's (law.valueAt):
// the same value object on every date that matters — each value's first and last day, the days around
// them, and a sweep over the years the law covers — in force and with proposals.
import { describe, it, expect } from 'vitest';
import { loadLaw } from '../law/node.ts';
import { loadCalendar } from '../calendar/node.ts';
import { addDays, fromDayNumber, toDayNumber, type IsoDate } from '../calendar/date.ts';
import { Ctx, Shared, keyOf, valueOn } from './context.ts';

const law = loadLaw();
const deps = { law, calendar: loadCalendar() };
const shared = new Shared(deps);

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

describe('Ctx.param and valueOn give what law.valueAt gives', () => {
  for (const withProposed of [false, true]) {
    it(`every parameter, ${withProposed ? 'with' : 'without'} proposals`, () => {
      let compared = 0;
      for (const p of law.parameters) {
        for (const d of datesFor(p.id)) {
          const expected = law.valueAt(p.id, d, { includeProposed: withProposed });
          expect(valueOn(p, d, withProposed)).toBe(expected);
          expect(new Ctx(deps, d, { withProposed }, shared).param(p.id, d)).toBe(expected);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(law.parameters.length * 300);
    });
  }

  it('an unknown parameter fails as the law fails', () => {
    const ctx = new Ctx(deps, '2026-01-01' as IsoDate, {}, shared);
    expect(() => law.valueAt('no.such-parameter', ctx.asOf)).toThrow(/unknown law parameter "no.such-parameter"/);
    expect(() => ctx.param('no.such-parameter', ctx.asOf)).toThrow(/unknown law parameter "no.such-parameter"/);
    // Asked again (nothing is remembered for an id that failed).
    expect(() => ctx.param('no.such-parameter', ctx.asOf)).toThrow(/unknown law parameter/);
  });
});

describe('keyOf', () => {
  it('joins prefix and code, and hands out the same string each time', () => {
    const a = keyOf('finding.', 'passport-expired');
    expect(a).toBe('finding.passport-expired');
    expect(keyOf('finding.', 'passport-expired')).toBe(a);
    expect(keyOf('route.', 'patent')).toBe('route.patent');
  });
});
