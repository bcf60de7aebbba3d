import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  InvalidDateError,
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayOfWeek,
  daysBetween,
  endOfMonth,
  fromDayNumber,
  isRealIsoDate,
  monthBounds,
  parseIsoDate,
  quarterBounds,
  quarterOf,
  toDayNumber,
  todayInMoscow,
  yearOf,
  type IsoDate,
} from './date.ts';

const d = (s: string): IsoDate => parseIsoDate(s);

/** Reference implementation through the platform's Date (UTC), for property tests. */
const referenceDayNumber = (s: string): number => Date.parse(`${s}T00:00:00Z`) / 86_400_000;

/** Any real date in years 1000–9999 (where `Date.parse` of the ISO form is unambiguous). */
const anyDate = fc
  .integer({ min: referenceDayNumber('1000-01-01'), max: referenceDayNumber('9998-12-31') })
  .map((n) => fromDayNumber(n));

describe('parseIsoDate / isRealIsoDate', () => {
  it('accepts real dates, including 29 February of a leap year', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(isRealIsoDate('2000-02-29')).toBe(true);
    expect(isRealIsoDate('2026-12-31')).toBe(true);
  });

  it('rejects dates that do not exist, naming the value', () => {
    expect(() => parseIsoDate('2025-02-30')).toThrow(
      new InvalidDateError('2025-02-30', 'not a real date (2025-02-30)'),
    );
    expect(() => parseIsoDate('2023-02-29')).toThrow('not a real date (2023-02-29)');
    expect(() => parseIsoDate('1900-02-29')).toThrow('not a real date (1900-02-29)');
    expect(() => parseIsoDate('2026-13-01')).toThrow('not a real date (2026-13-01)');
    expect(() => parseIsoDate('2026-04-31')).toThrow('not a real date (2026-04-31)');
    expect(isRealIsoDate('2026-00-10')).toBe(false);
  });

  it('rejects other forms and types, naming the value', () => {
    expect(() => parseIsoDate('2026-3-1')).toThrow('not a date in YYYY-MM-DD form ("2026-3-1")');
    expect(() => parseIsoDate('01.03.2026')).toThrow('("01.03.2026")');
    expect(() => parseIsoDate('2026-03-01T00:00')).toThrow(InvalidDateError);
    expect(() => parseIsoDate(20260301)).toThrow('expected a YYYY-MM-DD string, got number');
    expect(isRealIsoDate(undefined)).toBe(false);
    const err = (() => {
      try {
        parseIsoDate('2025-02-30');
      } catch (e) {
        return e as InvalidDateError;
      }
      return undefined;
    })();
    expect(err?.value).toBe('2025-02-30');
  });

  it('agrees with a Date-based check for random YYYY-MM-DD strings', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), two, two, (y, m, day) => {
        const s = `${y}-${m}-${day}`;
        const t = Date.parse(`${s}T00:00:00Z`);
        const real = !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
        expect(isRealIsoDate(s)).toBe(real);
      }),
    );
  });
});

describe('day numbers', () => {
  it('counts days since 1970-01-01', () => {
    expect(toDayNumber(d('1970-01-01'))).toBe(0);
    expect(toDayNumber(d('1969-12-31'))).toBe(-1);
    expect(toDayNumber(d('2026-01-01'))).toBe(20454);
    expect(fromDayNumber(20454)).toBe('2026-01-01');
    expect(fromDayNumber(-719528)).toBe('0000-01-01');
  });

  it('round-trips and matches Date.UTC for any date', () => {
    fc.assert(
      fc.property(anyDate, (x) => {
        expect(toDayNumber(x)).toBe(referenceDayNumber(x));
        expect(fromDayNumber(toDayNumber(x))).toBe(x);
        expect(dayOfWeek(x) % 7).toBe(new Date(`${x}T00:00:00Z`).getUTCDay());
      }),
    );
  });

  it('refuses a string that only pretends to be an IsoDate', () => {
    expect(() => toDayNumber('2025-02-30' as IsoDate)).toThrow('not a real date (2025-02-30)');
    expect(() => fromDayNumber(1.5)).toThrow(InvalidDateError);
  });
});

describe('addDays, daysBetween, compareDates, dayOfWeek', () => {
  it('adds calendar days across month and year ends', () => {
    expect(addDays(d('2025-12-31'), 1)).toBe('2026-01-01');
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2026-03-01'), -1)).toBe('2026-02-28');
    expect(addDays(d('2026-03-10'), 90)).toBe('2026-06-08');
    expect(() => addDays(d('2026-03-10'), 0.5)).toThrow('addDays: the number of days must be a whole number, got 0.5');
  });

  it('measures and compares', () => {
    expect(daysBetween(d('2026-01-01'), d('2026-01-31'))).toBe(30);
    expect(daysBetween(d('2026-01-31'), d('2026-01-01'))).toBe(-30);
    expect(daysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366);
    expect(compareDates(d('2026-01-09'), d('2026-01-12'))).toBe(-1);
    expect(compareDates(d('2026-01-12'), d('2026-01-12'))).toBe(0);
    expect(compareDates(d('2027-01-01'), d('2026-12-31'))).toBe(1);
  });

  it('names weekdays the ISO way (Monday 1 … Sunday 7)', () => {
    expect(dayOfWeek(d('2026-01-12'))).toBe(1);
    expect(dayOfWeek(d('2026-01-09'))).toBe(5);
    expect(dayOfWeek(d('2026-01-03'))).toBe(6);
    expect(dayOfWeek(d('2026-03-08'))).toBe(7);
    expect(dayOfWeek(d('1970-01-01'))).toBe(4);
  });

  it('daysBetween and addDays are inverse', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(addDays(a, daysBetween(a, b))).toBe(b);
        expect(Math.sign(daysBetween(a, b))).toBe(compareDates(a, b) * -1 || 0);
      }),
    );
  });
});

describe('addMonths / addYears: Civil Code art. 192 month-end rule', () => {
  it('31 January + 1 month is the last day of February', () => {
    expect(addMonths(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
  });

  it('29 February + 1 year is 28 February; + 4 years is 29 February again', () => {
    expect(addYears(d('2024-02-29'), 1)).toBe('2025-02-28');
    expect(addYears(d('2024-02-29'), 4)).toBe('2028-02-29');
    expect(addYears(d('2024-02-29'), -1)).toBe('2023-02-28');
    expect(addYears(d('2026-03-10'), 3)).toBe('2029-03-10');
  });

  it('30 November + 3 months is the end of February', () => {
    expect(addMonths(d('2026-11-30'), 3)).toBe('2027-02-28');
    expect(addMonths(d('2023-11-30'), 3)).toBe('2024-02-29');
  });

  it('other month ends, across years and backwards', () => {
    expect(addMonths(d('2026-03-31'), 1)).toBe('2026-04-30');
    expect(addMonths(d('2026-08-31'), 6)).toBe('2027-02-28');
    expect(addMonths(d('2026-03-31'), -1)).toBe('2026-02-28');
    expect(addMonths(d('2026-01-15'), -13)).toBe('2024-12-15');
    expect(addMonths(d('2026-05-20'), 0)).toBe('2026-05-20');
    expect(() => addMonths(d('2026-05-20'), 1.5)).toThrow(
      'addMonths: the number of months must be a whole number, got 1.5',
    );
  });

  it('lands in the target month on min(day, days in that month), and keeps order', () => {
    const n = fc.integer({ min: -240, max: 240 });
    fc.assert(
      fc.property(
        anyDate.filter((x) => x >= '1100-01-01' && x <= '9900-12-31'),
        n,
        (x, k) => {
          const r = addMonths(x, k);
          const [y, m, day] = x.split('-').map(Number) as [number, number, number];
          const target = y * 12 + (m - 1) + k;
          const [ry, rm, rday] = r.split('-').map(Number) as [number, number, number];
          expect(ry * 12 + (rm - 1)).toBe(target);
          expect(rday).toBe(Math.min(day, Number(endOfMonth(r).slice(8))));
          expect(compareDates(r, x)).toBe(Math.sign(k) as -1 | 0 | 1);
          expect(compareDates(addMonths(x, k), addMonths(x, k + 1))).toBe(-1);
          expect(addYears(x, Math.trunc(k / 12))).toBe(addMonths(x, Math.trunc(k / 12) * 12));
        },
      ),
    );
  });

  it('is monotonic: an earlier start never ends later', () => {
    fc.assert(
      fc.property(anyDate, anyDate, fc.integer({ min: 0, max: 120 }), (a, b, k) => {
        fc.pre(a >= '1100-01-01' && b >= '1100-01-01' && a <= '9800-12-31' && b <= '9800-12-31');
        const [lo, hi] = compareDates(a, b) <= 0 ? [a, b] : [b, a];
        expect(compareDates(addMonths(lo, k), addMonths(hi, k))).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('months and quarters', () => {
  it('quarterOf', () => {
    expect(quarterOf(d('2026-01-01'))).toBe('2026-Q1');
    expect(quarterOf(d('2026-03-31'))).toBe('2026-Q1');
    expect(quarterOf(d('2026-05-11'))).toBe('2026-Q2');
    expect(quarterOf(d('2026-09-30'))).toBe('2026-Q3');
    expect(quarterOf(d('2026-10-01'))).toBe('2026-Q4');
    expect(yearOf(d('2026-10-01'))).toBe(2026);
  });

  it('quarterBounds', () => {
    expect(quarterBounds('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterBounds('2024-Q2')).toEqual({ from: '2024-04-01', to: '2024-06-30' });
    expect(quarterBounds('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(quarterBounds('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(() => quarterBounds('2026-Q5')).toThrow('not a quarter in YYYY-Qn form, n = 1…4 ("2026-Q5")');
    expect(() => quarterBounds('2026Q1')).toThrow(InvalidDateError);
  });

  it('monthBounds and endOfMonth', () => {
    expect(monthBounds('2026-03')).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(monthBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthBounds('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(() => monthBounds('2026-13')).toThrow('not a month in YYYY-MM form ("2026-13")');
    expect(() => monthBounds('2026-3')).toThrow(InvalidDateError);
    expect(endOfMonth(d('2026-04-15'))).toBe('2026-04-30');
    expect(endOfMonth(d('2100-02-01'))).toBe('2100-02-28');
  });

  it('every date lies inside its quarter and month bounds', () => {
    fc.assert(
      fc.property(anyDate, (x) => {
        const q = quarterBounds(quarterOf(x));
        const m = monthBounds(x.slice(0, 7));
        expect(q.from <= x && x <= q.to).toBe(true);
        expect(m.from <= x && x <= m.to).toBe(true);
        expect(m.to).toBe(endOfMonth(x));
        expect(addDays(m.to, 1).slice(8)).toBe('01');
      }),
    );
  });
});

describe('todayInMoscow (Europe/Moscow, UTC+3)', () => {
  it('turns over at 21:00 UTC', () => {
    expect(todayInMoscow(new Date('2026-03-01T20:59:59.999Z'))).toBe('2026-03-01');
    expect(todayInMoscow(new Date('2026-03-01T21:00:00.000Z'))).toBe('2026-03-02');
    expect(todayInMoscow(new Date('2026-03-01T00:00:00.000Z'))).toBe('2026-03-01');
  });

  it('crosses the year at 21:00 UTC on 31 December', () => {
    expect(todayInMoscow(new Date('2026-12-31T20:59:00Z'))).toBe('2026-12-31');
    expect(todayInMoscow(new Date('2026-12-31T21:00:00Z'))).toBe('2027-01-01');
  });

  it('uses the historical offset (UTC+4 in 2012)', () => {
    expect(todayInMoscow(new Date('2012-06-01T19:59:59Z'))).toBe('2012-06-01');
    expect(todayInMoscow(new Date('2012-06-01T20:00:00Z'))).toBe('2012-06-02');
  });

  it('defaults to now and rejects an invalid instant', () => {
    expect(isRealIsoDate(todayInMoscow())).toBe(true);
    expect(() => todayInMoscow(new Date('nonsense'))).toThrow(InvalidDateError);
  });
});
