import { describe, expect, it } from 'vitest';
import {
  actorOf,
  addDays,
  auditRange,
  daysBetween,
  detailPairs,
  duePhrase,
  emailOfLabel,
  isIsoDate,
  pluralForm,
  statusToday,
} from './format.ts';

describe('ISO days', () => {
  it('knows real dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => addDays('2026-02-30', 1)).toThrow(/2026-02-30/);
  });
  it('counts calendar days, negative in the past, across the DST-free Moscow calendar', () => {
    expect(daysBetween('2026-03-01', '2026-03-08')).toBe(7);
    expect(daysBetween('2026-03-08', '2026-03-01')).toBe(-7);
    expect(daysBetween('2026-10-20', '2026-10-30')).toBe(10);
  });
});

describe('plural forms', () => {
  it('has one/other in English', () => {
    expect([1, 2, 5, 21].map((n) => pluralForm('en', n))).toEqual(['one', 'other', 'other', 'other']);
  });
  it('has one/few/many in Russian (1, 21 день; 2–4, 22 дня; 5–20, 11–14 дней)', () => {
    expect([1, 21, 2, 4, 22, 5, 11, 14, 20, 0].map((n) => pluralForm('ru', n))).toEqual([
      'one',
      'one',
      'few',
      'few',
      'few',
      'many',
      'many',
      'many',
      'many',
      'many',
    ]);
  });
  it('takes Chinese readers as English', () => expect(pluralForm('zh', 1)).toBe('one'));
});

describe('when a duty falls due', () => {
  const today = '2026-04-10';
  it('says today, in n days, or n days late', () => {
    expect(duePhrase('en', today, '2026-04-10', 'due')).toEqual({ key: 'obligations.when.today', n: 0 });
    expect(duePhrase('en', today, '2026-04-11', 'upcoming')).toEqual({ key: 'obligations.when.left.one', n: 1 });
    expect(duePhrase('ru', today, '2026-04-13', 'upcoming')).toEqual({ key: 'obligations.when.left.few', n: 3 });
    expect(duePhrase('ru', today, '2026-03-31', 'overdue')).toEqual({ key: 'obligations.when.late.many', n: 10 });
  });
  it('says nothing relative for a duty met or not applying', () => {
    expect(duePhrase('en', today, '2026-04-01', 'done')).toBeNull();
    expect(duePhrase('en', today, '2026-04-01', 'not-applicable')).toBeNull();
  });
  it('shows an open duty past its date as overdue, whatever the last evaluation said', () => {
    expect(statusToday('upcoming', '2026-04-09', today)).toBe('overdue');
    expect(statusToday('due', '2026-04-09', today)).toBe('overdue');
    expect(statusToday('due', '2026-04-10', today)).toBe('due');
    expect(statusToday('done', '2026-04-01', today)).toBe('done');
  });
});

describe('the audit log', () => {
  it('turns picked days into a Moscow time range with an exclusive end', () => {
    expect(auditRange('2026-04-01', '2026-04-30')).toEqual({
      since: '2026-04-01T00:00:00+03:00',
      until: '2026-05-01T00:00:00+03:00',
    });
    expect(auditRange(undefined, '2026-12-31')).toEqual({ until: '2027-01-01T00:00:00+03:00' });
    expect(auditRange('bad', undefined)).toEqual({});
  });
  it('reads actors', () => {
    expect(actorOf('user:anna@example.org')).toEqual({ kind: 'user', name: 'anna@example.org' });
    expect(actorOf('token:hqs_ab12')).toEqual({ kind: 'token', name: 'hqs_ab12' });
    expect(actorOf('cli')).toEqual({ kind: 'system', name: 'cli' });
    expect(emailOfLabel('user:anna@example.org')).toBe('anna@example.org');
    expect(emailOfLabel('token:x')).toBeNull();
  });
  it('writes details as short pairs', () => {
    expect(detailPairs({ count: 3, q: 'chen', asOf: null, nested: { a: [1] } })).toEqual([
      { key: 'count', value: '3' },
      { key: 'q', value: 'chen' },
      { key: 'asOf', value: '—' },
      { key: 'nested', value: '{"a":[1]}' },
    ]);
  });
});
