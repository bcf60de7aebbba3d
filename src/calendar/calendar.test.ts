import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CalendarDataError, CalendarRangeError, ProductionCalendar, type WorkingDayOptions } from './calendar.ts';
import { addDays, compareDates, dayOfWeek, fromDayNumber, parseIsoDate, toDayNumber, type IsoDate } from './date.ts';
import { DEFAULT_CALENDAR_PATH, loadCalendar } from './node.ts';

const d = (s: string): IsoDate => parseIsoDate(s);
const cal = loadCalendar();
const rawData = (): Record<string, unknown> & { years: Record<string, Record<string, unknown>> } =>
  JSON.parse(readFileSync(DEFAULT_CALENDAR_PATH, 'utf8'));

/** Slow, obviously-correct references built only on isWorkingDay. */
function naiveAddWorkingDays(start: IsoDate, n: number, opts?: WorkingDayOptions): IsoDate {
  let x = start;
  for (let left = n; left > 0;) {
    x = addDays(x, 1);
    if (cal.isWorkingDay(x, opts)) left--;
  }
  return x;
}
function naiveWorkingDaysBetween(from: IsoDate, to: IsoDate, opts?: WorkingDayOptions): number {
  let count = 0;
  for (let x = from; x <= to; x = addDays(x, 1)) if (cal.isWorkingDay(x, opts)) count++;
  return count;
}

describe('per-year totals (shared/law/calendar-notes.md)', () => {
  const table: [number, number, number, number][] = [
    // year, working, days off, shortened
    [2013, 247, 118, 6],
    [2014, 247, 118, 6],
    [2015, 247, 118, 5],
    [2016, 247, 119, 2],
    [2017, 247, 118, 3],
    [2018, 247, 118, 6],
    [2019, 247, 118, 6],
    [2020, 248, 118, 5],
    [2021, 247, 118, 4],
    [2022, 247, 118, 3],
    [2023, 247, 118, 3],
    [2024, 248, 118, 5],
    [2025, 247, 118, 4],
    [2026, 247, 118, 4],
    [2027, 247, 118, 4],
  ];
  it.each(table)('%i: %i working days, %i days off, %i shortened', (year, working, nonWorking, shortened) => {
    expect(cal.yearTotals(year)).toEqual({ working, nonWorking, shortened });
    expect(cal.workingDaysBetween(d(`${year}-01-01`), d(`${year}-12-31`))).toBe(working);
  });

  it('covers exactly 2013–2027', () => {
    expect([cal.firstYear, cal.lastYear]).toEqual([2013, 2027]);
  });

  it('2024-01-01..2024-12-31 has 248 working days', () => {
    expect(cal.workingDaysBetween(d('2024-01-01'), d('2024-12-31'))).toBe(248);
  });

  it('with the presidential days as days off: 2020 = 219, 2021 = 240, other years unchanged', () => {
    const off = { presidentialDaysOff: true };
    expect(cal.yearTotals(2020, off)).toEqual({ working: 219, nonWorking: 147, shortened: 3 });
    expect(cal.yearTotals(2021, off).working).toBe(240);
    expect(cal.yearTotals(2019, off)).toEqual(cal.yearTotals(2019));
    expect(cal.yearTotals(2026, off)).toEqual(cal.yearTotals(2026));
  });
});

describe('spot checks (shared/law/calendar-notes.md)', () => {
  it.each([
    ['2025-11-01', true, 'working-weekend', true],
    ['2025-05-02', false, 'transferred-day-off', false],
    ['2025-05-08', false, 'transferred-day-off', false],
    ['2025-06-13', false, 'transferred-day-off', false],
    ['2025-11-03', false, 'transferred-day-off', false],
    ['2025-12-31', false, 'transferred-day-off', false],
    ['2024-04-27', true, 'working-weekend', false],
    ['2024-11-02', true, 'working-weekend', true],
    ['2024-12-28', true, 'working-weekend', false],
  ] as const)('%s: working %s (%s, shortened %s)', (date, working, reason, shortened) => {
    expect(cal.isWorkingDay(d(date))).toBe(working);
    expect(cal.kindOfDay(d(date))).toMatchObject({ working, reason, shortened });
  });
});

describe('2026', () => {
  it('1–8 January are public holidays (3–4 January on the weekend), 9 January a moved day off', () => {
    for (let day = 1; day <= 8; day++) {
      const date = d(`2026-01-0${day}`);
      expect(cal.kindOfDay(date)).toEqual({
        working: false,
        reason: 'public-holiday',
        shortened: false,
        holiday: day === 7 ? 'christmas' : 'new-year-holidays',
      });
    }
    expect(dayOfWeek(d('2026-01-03'))).toBe(6);
    expect(cal.kindOfDay(d('2026-01-09'))).toEqual({ working: false, reason: 'transferred-day-off', shortened: false });
    expect(cal.kindOfDay(d('2026-01-10'))).toEqual({ working: false, reason: 'weekend', shortened: false });
  });

  it('the first working day is Monday 12 January; the break runs 31.12.2025–11.01.2026 (12 days)', () => {
    expect(cal.nextWorkingDay(d('2025-12-31'))).toBe('2026-01-12');
    expect(cal.nextWorkingDay(d('2026-01-01'))).toBe('2026-01-12');
    expect(cal.previousWorkingDay(d('2026-01-11'))).toBe('2025-12-30');
    expect(cal.workingDaysBetween(d('2025-12-31'), d('2026-01-11'))).toBe(0);
    expect(cal.kindOfDay(d('2026-01-12'))).toEqual({ working: true, reason: 'weekday', shortened: false });
  });

  it('9 March and 11 May are substitute days off for 8 March (Sunday) and 9 May (Saturday)', () => {
    expect(cal.kindOfDay(d('2026-03-08'))).toMatchObject({
      working: false,
      reason: 'public-holiday',
      holiday: 'international-womens-day',
    });
    expect(cal.kindOfDay(d('2026-03-09'))).toMatchObject({ working: false, reason: 'transferred-day-off' });
    expect(cal.kindOfDay(d('2026-05-09'))).toMatchObject({
      working: false,
      reason: 'public-holiday',
      holiday: 'victory-day',
    });
    expect(cal.kindOfDay(d('2026-05-11'))).toMatchObject({ working: false, reason: 'transferred-day-off' });
  });

  it('31 December is a day off; shortened days are 30.04, 08.05, 11.06, 03.11; no working Saturdays', () => {
    expect(cal.isWorkingDay(d('2026-12-31'))).toBe(false);
    const shortened: string[] = [];
    const workingWeekends: string[] = [];
    for (let x = d('2026-01-01'); x <= '2026-12-31'; x = addDays(x, 1)) {
      const k = cal.kindOfDay(x);
      if (k.shortened) shortened.push(x);
      if (k.reason === 'working-weekend') workingWeekends.push(x);
    }
    expect(shortened).toEqual(['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03']);
    expect(workingWeekends).toEqual([]);
  });

  it('the quarterly salary notification months end on a working day', () => {
    expect(cal.lastWorkingDayOfMonth('2026-04')).toBe('2026-04-30');
    expect(cal.lastWorkingDayOfMonth('2026-01')).toBe('2026-01-30');
    expect(cal.lastWorkingDayOfMonth('2025-12')).toBe('2025-12-30');
    expect(cal.lastWorkingDayOfMonth('2026-05')).toBe('2026-05-29');
    expect(() => cal.lastWorkingDayOfMonth('2026-4')).toThrow('not a month in YYYY-MM form');
  });
});

describe('2027 transfers (Government Decree No. 1187 of 17.09.2026 and Labour Code art. 112)', () => {
  it.each([
    ['2027-01-01', false, 'public-holiday'],
    ['2027-01-02', false, 'public-holiday'],
    ['2027-01-08', false, 'public-holiday'],
    ['2027-02-20', true, 'working-weekend'],
    ['2027-02-22', false, 'transferred-day-off'],
    ['2027-02-23', false, 'public-holiday'],
    ['2027-05-03', false, 'transferred-day-off'],
    ['2027-05-10', false, 'transferred-day-off'],
    ['2027-06-14', false, 'transferred-day-off'],
    ['2027-11-05', false, 'transferred-day-off'],
    ['2027-12-31', false, 'transferred-day-off'],
    ['2027-01-11', true, 'weekday'],
  ] as const)('%s: working %s (%s)', (date, working, reason) => {
    expect(cal.kindOfDay(d(date))).toMatchObject({ working, reason });
  });

  it('has 247 working days in 2027, as the decree gives', () => {
    expect(cal.workingDaysBetween(d('2027-01-01'), d('2027-12-31'))).toBe(247);
  });

  it('Saturday 20 February is a shortened working day', () => {
    expect(cal.kindOfDay(d('2027-02-20'))).toEqual({ working: true, reason: 'working-weekend', shortened: true });
    expect(cal.nextWorkingDay(d('2027-01-01'))).toBe('2027-01-11');
  });
});

describe('presidential non-working days (2020–2021)', () => {
  it('count as working days by default and say why', () => {
    expect(cal.kindOfDay(d('2020-04-06'))).toEqual({
      working: true,
      reason: 'presidential-non-working',
      shortened: false,
      decree: 'Нерабочие дни (Указ Президента от 02.04.2020 №239)',
    });
    expect(cal.isWorkingDay(d('2020-07-01'))).toBe(true);
    expect(cal.isWorkingDay(d('2021-11-02'))).toBe(true);
  });

  it('are days off with presidentialDaysOff', () => {
    const off = { presidentialDaysOff: true };
    expect(cal.isWorkingDay(d('2020-07-01'), off)).toBe(false);
    expect(cal.kindOfDay(d('2020-04-30'), off)).toMatchObject({ working: false, shortened: false });
    expect(cal.kindOfDay(d('2020-04-30'))).toMatchObject({ working: true, shortened: true });
    expect(cal.nextWorkingDay(d('2020-03-30'), off)).toBe('2020-05-12');
    expect(cal.nextWorkingDay(d('2020-03-30'))).toBe('2020-03-30');
    expect(cal.addWorkingDays(d('2021-04-30'), 1)).toBe('2021-05-04');
    expect(cal.addWorkingDays(d('2021-04-30'), 1, off)).toBe('2021-05-11');
  });

  it('lists 36 weekdays', () => {
    const days = cal.presidentialNonWorkingDays();
    expect(days).toHaveLength(36);
    expect(days[0]).toBe('2020-03-30');
    expect(days.at(-1)).toBe('2021-11-03');
    expect(days.every((x) => dayOfWeek(x) <= 5)).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('2026-01-09 + 3 working days = 2026-01-14 (the start day is not counted)', () => {
    expect(cal.addWorkingDays(d('2026-01-09'), 3)).toBe('2026-01-14');
    expect(cal.addWorkingDays(d('2026-01-12'), 3)).toBe('2026-01-15');
    expect(cal.addWorkingDays(d('2025-12-30'), 1)).toBe('2026-01-12');
  });

  it('0 leaves the date unchanged, working or not', () => {
    expect(cal.addWorkingDays(d('2026-01-09'), 0)).toBe('2026-01-09');
    expect(cal.addWorkingDays(d('2026-01-12'), 0)).toBe('2026-01-12');
  });

  it('a negative count goes back', () => {
    expect(cal.addWorkingDays(d('2026-01-14'), -3)).toBe('2025-12-30');
    expect(cal.addWorkingDays(d('2026-01-15'), -3)).toBe('2026-01-12');
    expect(cal.addWorkingDays(d('2026-01-10'), -1)).toBe('2025-12-30');
  });

  it('explains the days passed over', () => {
    expect(cal.addWorkingDaysExplained(d('2026-01-09'), 3)).toEqual({
      date: '2026-01-14',
      skipped: ['2026-01-10', '2026-01-11'],
    });
    expect(cal.addWorkingDaysExplained(d('2026-03-06'), 1)).toEqual({
      date: '2026-03-10',
      skipped: ['2026-03-07', '2026-03-08', '2026-03-09'],
    });
    expect(cal.addWorkingDaysExplained(d('2026-03-10'), -1)).toEqual({
      date: '2026-03-06',
      skipped: ['2026-03-07', '2026-03-08', '2026-03-09'],
    });
    expect(cal.addWorkingDaysExplained(d('2026-03-10'), 0)).toEqual({ date: '2026-03-10', skipped: [] });
  });

  it('rejects a count that is not a whole number', () => {
    expect(() => cal.addWorkingDays(d('2026-03-10'), 1.5)).toThrow('must be a whole number, got 1.5');
    expect(() => cal.addWorkingDays(d('2026-03-10'), Number.NaN)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('includes both ends and is 0 for an empty range', () => {
    expect(cal.workingDaysBetween(d('2026-01-12'), d('2026-01-12'))).toBe(1);
    expect(cal.workingDaysBetween(d('2026-01-10'), d('2026-01-11'))).toBe(0);
    expect(cal.workingDaysBetween(d('2026-01-12'), d('2026-01-16'))).toBe(5);
    expect(cal.workingDaysBetween(d('2026-01-16'), d('2026-01-12'))).toBe(0);
    expect(cal.workingDaysBetween(d('2013-01-01'), d('2027-12-31'))).toBe(247 * 13 + 248 * 2);
  });
});

describe('periodEnd (Civil Code art. 190–193)', () => {
  it('days: counted from the day after the event; a last day on a holiday moves only with shift', () => {
    // 2026-02-06 + 30 days = Sunday 8 March (a holiday); 9 March is a substitute day off.
    expect(cal.periodEnd(d('2026-02-06'), { days: 30 }, { shift: false })).toEqual({ date: '2026-03-08' });
    expect(cal.periodEnd(d('2026-02-06'), { days: 30 }, { shift: true })).toEqual({
      date: '2026-03-10',
      shiftedFrom: '2026-03-08',
    });
    expect(cal.periodEnd(d('2026-03-10'), { days: 1 }, { shift: true })).toEqual({ date: '2026-03-11' });
  });

  it('months: the corresponding day, clamped to the month end, then shifted if asked', () => {
    expect(cal.periodEnd(d('2026-01-31'), { months: 1 }, { shift: false })).toEqual({ date: '2026-02-28' });
    expect(cal.periodEnd(d('2026-01-31'), { months: 1 }, { shift: true })).toEqual({
      date: '2026-03-02',
      shiftedFrom: '2026-02-28',
    });
    expect(cal.periodEnd(d('2025-11-30'), { months: 3 }, { shift: false })).toEqual({ date: '2026-02-28' });
    expect(cal.periodEnd(d('2025-12-09'), { months: 1 }, { shift: true })).toEqual({
      date: '2026-01-12',
      shiftedFrom: '2026-01-09',
    });
  });

  it('years: 29 February ends on 28 February; a long term without shift may leave the calendar', () => {
    expect(cal.periodEnd(d('2024-02-29'), { years: 1 }, { shift: false })).toEqual({ date: '2025-02-28' });
    expect(cal.periodEnd(d('2024-02-29'), { years: 1 }, { shift: true })).toEqual({ date: '2025-02-28' });
    expect(cal.periodEnd(d('2026-02-06'), { years: 3 }, { shift: false })).toEqual({ date: '2029-02-06' });
    expect(() => cal.periodEnd(d('2026-02-06'), { years: 3 }, { shift: true })).toThrow(CalendarRangeError);
  });

  it('weeks and working days', () => {
    expect(cal.periodEnd(d('2026-02-06'), { weeks: 2 }, { shift: false })).toEqual({ date: '2026-02-20' });
    expect(cal.periodEnd(d('2026-01-09'), { workingDays: 3 }, { shift: false })).toEqual({ date: '2026-01-14' });
    expect(cal.periodEnd(d('2026-01-09'), { workingDays: 3 }, { shift: true })).toEqual({ date: '2026-01-14' });
  });

  it('presidential days do not move a last day (Supreme Court), unless presidentialDaysOff', () => {
    expect(cal.periodEnd(d('2020-03-31'), { days: 10 }, { shift: true })).toEqual({ date: '2020-04-10' });
    expect(cal.periodEnd(d('2020-03-31'), { days: 10 }, { shift: true, presidentialDaysOff: true })).toEqual({
      date: '2020-05-12',
      shiftedFrom: '2020-04-10',
    });
  });

  it('rejects a term that is not exactly one positive whole unit', () => {
    expect(() => cal.periodEnd(d('2026-01-09'), {}, { shift: false })).toThrow(
      'expected exactly one of days, weeks, months, years, workingDays',
    );
    expect(() => cal.periodEnd(d('2026-01-09'), { days: 3, months: 1 }, { shift: false })).toThrow(
      'got {"days":3,"months":1}',
    );
    expect(() => cal.periodEnd(d('2026-01-09'), { days: 0 }, { shift: false })).toThrow(RangeError);
    expect(() => cal.periodEnd(d('2026-01-09'), { days: 2.5 }, { shift: false })).toThrow(RangeError);
    expect(() => cal.periodEnd(d('2026-01-09'), { hours: 3 } as never, { shift: false })).toThrow(RangeError);
  });
});

describe('outside the covered years', () => {
  it('throws CalendarRangeError naming the date and the range', () => {
    expect(() => cal.isWorkingDay(d('2012-12-31'))).toThrow(
      '2012-12-31 is outside the production calendar (the calendar covers 2013-01-01 to 2027-12-31)',
    );
    expect(() => cal.kindOfDay(d('2028-01-03'))).toThrow(CalendarRangeError);
    expect(() => cal.workingDaysBetween(d('2026-01-01'), d('2028-01-01'))).toThrow('2028-01-01 is outside');
    expect(() => cal.yearTotals(2028)).toThrow(
      'year 2028 is outside the production calendar (the calendar covers 2013-01-01 to 2027-12-31)',
    );
    expect(() => cal.decreesOf(2012)).toThrow(CalendarRangeError);
    expect(cal.covers(d('2012-12-31'))).toBe(false);
    expect(cal.covers(d('2013-01-01'))).toBe(true);
  });

  it('throws when an answer would need a day past either end', () => {
    expect(() => cal.addWorkingDays(d('2027-12-29'), 5)).toThrow(
      '5 working days after 2027-12-29 fall beyond the production calendar',
    );
    expect(() => cal.nextWorkingDay(d('2027-12-31'))).toThrow('no working day on or after 2027-12-31');
    expect(() => cal.previousWorkingDay(d('2013-01-05'))).toThrow('no working day on or before 2013-01-05');
    expect(() => cal.addWorkingDays(d('2013-01-10'), -2)).toThrow(
      '2 working days before 2013-01-10 fall before the production calendar',
    );
    const err = (() => {
      try {
        cal.isWorkingDay(d('2030-05-05'));
      } catch (e) {
        return e as CalendarRangeError;
      }
      return undefined;
    })();
    expect(err).toMatchObject({ date: '2030-05-05', firstYear: 2013, lastYear: 2027 });
  });
});

describe('decrees and metadata', () => {
  it('keeps the decree numbers the research confirmed', () => {
    expect(cal.decreesOf(2026).join(' ')).toContain('№ 1466');
    expect(cal.decreesOf(2027).join(' ')).toContain('от 17.09.2026 № 1187');
    expect(cal.decreesOf(2020)).toEqual([]);
    expect(cal.generated).toBe('2026-11-21');
  });
});

describe('fromData is strict and names the problem', () => {
  const mutate = (f: (data: ReturnType<typeof rawData>) => void): (() => ProductionCalendar) => {
    const data = rawData();
    f(data);
    return () => ProductionCalendar.fromData(data, 'test.json');
  };

  it('accepts the repository data', () => {
    expect(mutate(() => {})().lastYear).toBe(2027);
  });

  it('rejects unknown keys, bad dates, wrong lists and gaps', () => {
    expect(
      mutate((x) => {
        x['extra'] = 1;
      }),
    ).toThrow(/test\.json: .*extra/);
    expect(
      mutate((x) => {
        (x.years['2026']!['nonWorking'] as string[]).push('2026-02-30');
      }),
    ).toThrow('test.json: years.2026.nonWorking[14]: not a real date as YYYY-MM-DD ("2026-02-30")');
    expect(
      mutate((x) => {
        (x.years['2026']!['nonWorking'] as string[]).push('2026-02-21');
      }),
    ).toThrow('2026-02-21 is a Saturday or Sunday');
    expect(
      mutate((x) => {
        (x.years['2026']!['working'] as string[]).push('2026-02-20');
      }),
    ).toThrow('years.2026.working[0]: 2026-02-20 is a Monday–Friday');
    expect(
      mutate((x) => {
        (x.years['2026']!['working'] as string[]).push('2025-02-22');
      }),
    ).toThrow('2025-02-22 is not in 2026');
    expect(
      mutate((x) => {
        (x.years['2026']!['shortened'] as string[]).push('2026-01-09');
      }),
    ).toThrow('2026-01-09 is shortened but is not a working day');
    expect(
      mutate((x) => {
        (x.years['2026']!['nonWorking'] as string[]).push('2026-01-09');
      }),
    ).toThrow('2026-01-09 is listed twice');
    expect(
      mutate((x) => {
        x.years['2026']!['nonWorking'] = (x.years['2026']!['nonWorking'] as string[]).filter((s) => s !== '2026-06-12');
      }),
    ).toThrow('2026-06-12 is a weekday public holiday missing from years.2026.nonWorking');
    expect(
      mutate((x) => {
        delete x.years['2020'];
      }),
    ).toThrow('years must be consecutive; 2020 is missing');
    expect(
      mutate((x) => {
        (x['presidentialNonWorkingDays'] as Record<string, unknown[]>)['2020']!.push({
          date: '2020-05-01',
          basis: 'x',
        });
      }),
    ).toThrow('2020-05-01 must be a baseline working weekday (it is public-holiday)');
    expect(() => ProductionCalendar.fromData({ source: 's', generated: '2026-11-21', years: {} })).toThrow(
      CalendarDataError,
    );
  });
});

// ---- properties ----------------------------------------------------------------------------------------------

/** Dates from 2013-01-01 to 2027-06-30: room for up to 100 working days after any of them. */
const dateInRange = fc
  .integer({ min: toDayNumber(parseIsoDate('2013-01-01')), max: toDayNumber(parseIsoDate('2027-06-30')) })
  .map((n) => fromDayNumber(n));
const count = fc.integer({ min: 1, max: 100 });
const mode = fc.constantFrom<WorkingDayOptions | undefined>(undefined, { presidentialDaysOff: true });

describe('properties over random dates in range', () => {
  it('addWorkingDays lands on a working day n working days after d', () => {
    fc.assert(
      fc.property(dateInRange, count, mode, (start, n, opts) => {
        const r = cal.addWorkingDays(start, n, opts);
        expect(cal.isWorkingDay(r, opts)).toBe(true);
        expect(compareDates(r, start)).toBe(1);
        expect(cal.workingDaysBetween(addDays(start, 1), r, opts)).toBe(n);
        expect(cal.workingDaysBetween(addDays(start, 1), addDays(r, -1), opts)).toBe(n - 1);
      }),
    );
  });

  it('addWorkingDays and workingDaysBetween agree with a day-by-day count', () => {
    fc.assert(
      fc.property(dateInRange, count, mode, (start, n, opts) => {
        expect(cal.addWorkingDays(start, n, opts)).toBe(naiveAddWorkingDays(start, n, opts));
        const to = addDays(start, n);
        expect(cal.workingDaysBetween(start, to, opts)).toBe(naiveWorkingDaysBetween(start, to, opts));
      }),
      { numRuns: 300 },
    );
  });

  it('adding a then b is adding a + b; going back n returns to the last working day on or before d', () => {
    fc.assert(
      fc.property(
        dateInRange,
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        mode,
        (start, a, b, opts) => {
          expect(cal.addWorkingDays(cal.addWorkingDays(start, a, opts), b, opts)).toBe(
            cal.addWorkingDays(start, a + b, opts),
          );
          if (a > 0 && start >= '2013-02-01')
            expect(cal.addWorkingDays(cal.addWorkingDays(start, a, opts), -a, opts)).toBe(
              cal.previousWorkingDay(start, opts),
            );
        },
      ),
    );
  });

  it('skipped days are exactly the non-working days passed over', () => {
    fc.assert(
      fc.property(dateInRange, count, (start, n) => {
        const { date, skipped } = cal.addWorkingDaysExplained(start, n);
        expect(date).toBe(cal.addWorkingDays(start, n));
        expect(skipped.length + n).toBe(toDayNumber(date) - toDayNumber(start));
        expect(skipped.every((x) => !cal.isWorkingDay(x) && x > start && x < date)).toBe(true);
      }),
    );
  });

  it('nextWorkingDay / previousWorkingDay are working, on the right side of d, with nothing working in between', () => {
    fc.assert(
      fc.property(
        dateInRange.filter((x) => x >= '2013-01-09'),
        mode,
        (x, opts) => {
          const next = cal.nextWorkingDay(x, opts);
          const prev = cal.previousWorkingDay(x, opts);
          expect(cal.isWorkingDay(next, opts) && cal.isWorkingDay(prev, opts)).toBe(true);
          expect(compareDates(next, x)).toBeGreaterThanOrEqual(0);
          expect(compareDates(prev, x)).toBeLessThanOrEqual(0);
          expect(cal.workingDaysBetween(x, next, opts)).toBe(1);
          expect(cal.workingDaysBetween(prev, x, opts)).toBe(1);
          expect(next === x).toBe(cal.isWorkingDay(x, opts));
        },
      ),
    );
  });

  it('periodEnd with shift is the first working day on or after the unshifted end', () => {
    const term = fc.oneof(
      fc.integer({ min: 1, max: 120 }).map((n) => ({ days: n })),
      fc.integer({ min: 1, max: 5 }).map((n) => ({ months: n })),
    );
    fc.assert(
      fc.property(
        dateInRange.filter((x) => x <= '2027-06-01'),
        term,
        (start, t) => {
          const plain = cal.periodEnd(start, t, { shift: false });
          const shifted = cal.periodEnd(start, t, { shift: true });
          expect(plain.shiftedFrom).toBeUndefined();
          expect(shifted.date).toBe(cal.nextWorkingDay(plain.date));
          expect(shifted.shiftedFrom).toBe(shifted.date === plain.date ? undefined : plain.date);
        },
      ),
    );
  });
});
