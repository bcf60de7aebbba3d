import { describe, expect, it } from 'vitest';
import { validCase } from './fixtures/cases.ts';
import { CASE_LIMITS, caseLimitProblems } from './limits.ts';

describe('case limits', () => {
  it('a real case fits', () => {
    expect(caseLimitProblems(validCase())).toEqual([]);
  });
  it('names the list that is too long and the limit, without walking into it', () => {
    const c = validCase() as unknown as { people: unknown[]; events: unknown[] };
    c.people = Array.from({ length: CASE_LIMITS.people + 1 }, () => c.people[0]);
    c.events = Array.from({ length: 5000 }, () => ({ on: '0001-01-01' }));
    const problems = caseLimitProblems(c);
    expect(problems).toContainEqual({
      path: 'people',
      message: 'at most 30 people in a case (got 31)',
      kind: 'size',
      code: 'too-many',
      params: { max: 30 },
    });
    expect(problems).toContainEqual({
      path: 'events',
      message: 'at most 2000 events in a case (got 5000)',
      kind: 'size',
      code: 'too-many',
      params: { max: 2000 },
    });
    expect(problems.filter((p) => p.path.startsWith('events['))).toEqual([]);
  });
  it('refuses dates before 1900 or after 2999 at their path', () => {
    const c = validCase() as unknown as { contract: { end?: string } };
    c.contract.end = '9999-12-31';
    expect(caseLimitProblems(c)).toEqual([
      {
        path: 'contract.end',
        message: 'dates from 1900 to 2999 only (got 9999-12-31)',
        kind: 'value',
        code: 'date.range',
        params: { from: 1900, to: 2999 },
      },
    ]);
  });
  it('walks a value nested 100,000 deep without overflowing', () => {
    let v: unknown = '2026-01-01';
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(() => caseLimitProblems({ x: v })).not.toThrow();
  });
});
