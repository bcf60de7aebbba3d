import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarDataError } from './calendar.ts';
import { ConventionsError } from './conventions.ts';
import { DEFAULT_CALENDAR_PATH, loadCalendar, loadConventions } from './node.ts';

describe('loadCalendar / loadConventions', () => {
  it('load the repository files once and cache them', () => {
    const a = loadCalendar();
    expect(loadCalendar(DEFAULT_CALENDAR_PATH)).toBe(a);
    expect(a.firstYear).toBe(2013);
    expect(loadConventions()).toBe(loadConventions());
  });

  it('name the file when it is missing or malformed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hqs-calendar-'));
    const missing = join(dir, 'missing.json');
    expect(() => loadCalendar(missing)).toThrow(CalendarDataError);
    expect(() => loadCalendar(missing)).toThrow(`${missing}: cannot read the file`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "years": ');
    expect(() => loadCalendar(broken)).toThrow(`${broken}: not valid JSON`);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(
      wrong,
      JSON.stringify({
        source: 's',
        generated: '2026-11-21',
        years: { '2030': { nonWorking: ['2030-01-05'], working: [], shortened: [], publicHolidays: [] } },
      }),
    );
    expect(() => loadCalendar(wrong)).toThrow(`${wrong}: years.2030.nonWorking[0]: 2030-01-05 is a Saturday or Sunday`);
    expect(() => loadConventions(join(dir, 'none.yaml'))).toThrow(ConventionsError);
  });
});
