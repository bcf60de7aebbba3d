// Small helpers the rules share: obligation status from a window and the date, salary conversions.
import type { IsoDate } from '../calendar/date.ts';
import type { ObligationStatus } from './types.ts';
import type { Salary } from '../case/index.ts';

/** Status of a duty from its window, the date and whether an event satisfied it. */
export function statusOf(asOf: IsoDate, from: IsoDate, due: IsoDate, done: boolean): ObligationStatus {
  if (done) return 'done';
  if (asOf > due) return 'overdue';
  if (asOf >= from) return 'due';
  return 'upcoming';
}

export type Period = 'calendar-month' | 'calendar-quarter' | 'year';

const PER_YEAR: Record<Salary['per'] | Period, number> = {
  month: 12,
  quarter: 4,
  year: 1,
  'calendar-month': 12,
  'calendar-quarter': 4,
};

/** A salary stated per month, quarter or year, expressed over the period the law measures. Gross. */
export function salaryOver(salary: Salary, period: Period): number {
  return (salary.amount * PER_YEAR[salary.per]) / PER_YEAR[period];
}

/** Per-year equivalent of an amount measured over a period (to compare thresholds of different periods). */
export function perYear(amount: number, period: Period): number {
  return amount * PER_YEAR[period];
}

export function minDate(a: IsoDate, b: IsoDate | undefined): IsoDate {
  return b !== undefined && b < a ? b : a;
}

export function maxDate(a: IsoDate, b: IsoDate | undefined): IsoDate {
  return b !== undefined && b > a ? b : a;
}

/** Age in whole years on a date (a birthday on 29 February is reached on 1 March in common years). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const by = Number(birthDate.slice(0, 4));
  const y = Number(on.slice(0, 4));
  const age = y - by;
  return on.slice(5) >= birthDate.slice(5) ? age : age - 1;
}

/** An amount with thin groups of three digits ("750 000"), without Intl (slow on a hot path). */
export function fmt(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const len = s.length;
  let out = s;
  if (len > 3) {
    // The first group holds what is left over from the groups of three.
    const head = len % 3 === 0 ? 3 : len % 3;
    out = s.slice(0, head);
    for (let i = head; i < len; i += 3) out += ` ${s.slice(i, i + 3)}`;
  }
  return n < 0 ? `-${out}` : out;
}
