import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConventionsError, parseConventions } from './conventions.ts';
import { DEFAULT_CONVENTIONS_PATH, loadCalendar, loadConventions } from './node.ts';

const SOURCES = ['GK', 'TK', 'NK', 'SC-COVID-Review-1-2020', 'Gov-transfer-decrees'];
const conventions = loadConventions();
const text = readFileSync(DEFAULT_CONVENTIONS_PATH, 'utf8');

/** Re-serialises the repository file after a change, to test the checks. */
interface Doc {
  conventions: Record<string, Record<string, unknown>>;
  deadlineKinds: Record<string, Record<string, unknown> & { conventions: string[] }>;
  calendar: { coverage: { years: number[] }[] };
}
const edited = (f: (doc: Doc) => void): string => {
  const doc = parse(text) as Doc;
  f(doc);
  return stringify(doc);
};

describe('law/calendar/conventions.yaml', () => {
  const all = [
    ...Object.entries(conventions.conventions).map(([id, c]) => ({
      id: `conventions.${id}`,
      basis: c.basis,
      verified: c.verified,
    })),
    ...Object.entries(conventions.deadlineKinds).map(([id, k]) => ({
      id: `deadlineKinds.${id}`,
      basis: k.basis,
      verified: k.verified,
    })),
  ];

  it('cites only the agreed source ids, each with a URL, verified 2026-11-21', () => {
    for (const entry of all) {
      expect(entry.verified, entry.id).toBe('2026-11-21');
      for (const c of entry.basis) expect(SOURCES, `${entry.id}: ${c.source}`).toContain(c.source);
    }
    expect(conventions.calendar.basis.every((c) => SOURCES.includes(c.source))).toBe(true);
  });

  it('cites the Civil Code art. 190–193, Labour Code art. 112, the Supreme Court review and Tax Code art. 6.1', () => {
    const cited = new Set(all.flatMap((e) => e.basis.map((c) => `${c.source} ${c.article ?? ''}`.trim())));
    for (const want of [
      'GK 190',
      'GK 191',
      'GK 192',
      'GK 193',
      'TK 112',
      'NK 6.1',
      'SC-COVID-Review-1-2020',
      'Gov-transfer-decrees',
    ]) {
      expect(cited, want).toContain(want);
    }
  });

  it('describes the same years as the calendar data', () => {
    const cal = loadCalendar();
    expect([conventions.calendar.firstYear, conventions.calendar.lastYear]).toEqual([cal.firstYear, cal.lastYear]);
  });

  it('states the engine choices per kind of deadline', () => {
    const k = conventions.deadlineKinds;
    expect(k['working-days']).toMatchObject({
      presidentialDaysOff: false,
      law: 'not-applicable',
      engine: 'not-applicable',
    });
    expect(k['calendar-term-duty']).toMatchObject({ presidentialDaysOff: false, law: 'shift', engine: 'no-shift' });
    expect(k['calendar-term-authority']).toMatchObject({ law: 'shift', engine: 'shift' });
    expect(k['tax-code-term']).toMatchObject({ presidentialDaysOff: true, law: 'shift', engine: 'no-shift' });
    expect(k['last-working-day-of-month']?.presidentialDaysOff).toBe(false);
    expect(conventions.conventions['end-on-non-working-day']?.law).toBe('shift');
  });
});

describe('parseConventions is strict', () => {
  it('accepts the repository file', () => {
    expect(Object.keys(parseConventions(text).deadlineKinds)).toHaveLength(5);
  });

  it('rejects a missing citation, a dangling reference, an unknown key and bad YAML, naming the place', () => {
    expect(() =>
      parseConventions(
        edited((d) => (d.conventions['term-start']!['basis'] = [])),
        'c.yaml',
      ),
    ).toThrow('c.yaml: conventions.term-start.basis: a citation is required (basis must not be empty)');
    expect(() =>
      parseConventions(
        edited((d) => d.deadlineKinds['working-days']!.conventions.push('no-such-rule')),
        'c.yaml',
      ),
    ).toThrow('c.yaml: deadlineKinds.working-days.conventions[4]: no convention named "no-such-rule"');
    expect(() => parseConventions(edited((d) => (d.conventions['term-start']!['colour'] = 'red')))).toThrow(
      /conventions\.term-start: .*colour/,
    );
    expect(() => parseConventions(edited((d) => (d.deadlineKinds['tax-code-term']!['engine'] = 'sometimes')))).toThrow(
      /deadlineKinds\.tax-code-term\.engine/,
    );
    expect(() => parseConventions(edited((d) => (d.conventions['term-start']!['verified'] = '2026-02-30')))).toThrow(
      'conventions.term-start.verified: expected a real date as YYYY-MM-DD',
    );
    expect(() => parseConventions(edited((d) => (d.calendar.coverage[1]!.years = [2027, 2027])))).toThrow(
      'calendar.coverage[1]: expected a range starting at 2026, got 2027–2027',
    );
    expect(() => parseConventions('a: [', 'c.yaml')).toThrow(ConventionsError);
  });
});
