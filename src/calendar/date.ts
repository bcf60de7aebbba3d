// Calendar dates as ISO `YYYY-MM-DD` strings, with arithmetic on day numbers (days since 1970-01-01).
// Proleptic Gregorian calendar, no time zone: a date is a civil date, never an instant. The month and year
// arithmetic follows the Civil Code's rule for terms (art. 192 p. 1 and p. 3): when the target month has no
// such day, the result is the last day of that month.

import type { IsoDate } from '../core/date.ts';

export type { IsoDate };

/** Days since 1970-01-01 (that day is 0). */
export type DayNumber = number;

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A calendar quarter, e.g. `2026-Q1`. */
export type QuarterId = `${number}-Q${1 | 2 | 3 | 4}`;

/** A closed date range: both ends included. */
export interface DateRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** A value that is not a real date (or month, quarter) in the expected form. `value` is the input as given. */
export class InvalidDateError extends Error {
  override readonly name = 'InvalidDateError';
  constructor(
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

const MIN_YEAR = 0;
const MAX_YEAR = 9999;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Two ASCII digits at `i`, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Four ASCII digits at `i`, or -1. */
function digits4(s: string, i: number): number {
  const hi = digits2(s, i);
  const lo = digits2(s, i + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}

/**
 * Splits `YYYY-MM-DD` into numbers; `undefined` when the form is wrong or the date does not exist.
 * Hand-rolled (no regex, no Date) because the engine parses dates in hot loops.
 */
function splitIsoDate(s: string): [number, number, number] | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digits4(s, 0);
  const m = digits2(s, 5);
  const d = digits2(s, 8);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return [y, m, d];
}

function invalidDate(value: unknown): InvalidDateError {
  if (typeof value !== 'string')
    return new InvalidDateError(value, `not a date: expected a YYYY-MM-DD string, got ${typeof value}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    return new InvalidDateError(value, `not a date in YYYY-MM-DD form (${JSON.stringify(value)})`);
  return new InvalidDateError(value, `not a real date (${value})`);
}

/** True when `s` is a real calendar date written as YYYY-MM-DD (2025-02-30 is not). */
export function isRealIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && splitIsoDate(s) !== undefined;
}

/** Checks and brands a date. Throws `InvalidDateError` naming the value. */
export function parseIsoDate(s: unknown): IsoDate {
  if (typeof s === 'string' && splitIsoDate(s) !== undefined) return s as IsoDate;
  throw invalidDate(s);
}

function daysFromCivil(y: number, m: number, d: number): DayNumber {
  // H. Hinnant's days_from_civil: exact integer arithmetic, no Date objects.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(n: DayNumber): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad4(y: number): string {
  return y < 10 ? `000${y}` : y < 100 ? `00${y}` : y < 1000 ? `0${y}` : `${y}`;
}

function format(y: number, m: number, d: number): IsoDate {
  // Within the written-out days (below), the same text without building it again.
  if (y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))
    return fromDayNumber(daysFromCivil(y, m, d));
  return formatNew(y, m, d);
}

function formatNew(y: number, m: number, d: number): IsoDate {
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new InvalidDateError(
      `${y}-${pad2(m)}-${pad2(d)}`,
      `date out of the supported years ${MIN_YEAR}–${MAX_YEAR} (year ${y})`,
    );
  }
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}` as IsoDate;
}

function split(d: IsoDate): [number, number, number] {
  const parts = splitIsoDate(d);
  if (parts === undefined) throw invalidDate(d);
  return parts;
}

/** Days since 1970-01-01 (UTC civil date). Throws `InvalidDateError` for a string that is not a real date. */
export function toDayNumber(d: IsoDate): DayNumber {
  // splitIsoDate without the array (this runs in hot loops).
  if (d.length === 10 && d.charCodeAt(4) === 45 && d.charCodeAt(7) === 45) {
    const y = digits4(d, 0);
    const m = digits2(d, 5);
    const day = digits2(d, 8);
    if (y >= 0 && m >= 1 && m <= 12 && day >= 1 && day <= daysInMonth(y, m)) return daysFromCivil(y, m, day);
  }
  throw invalidDate(d);
}

// Dates written out, by day number, for the days around now (1900-01-01 … 2099-12-31): filled as they
// are asked for. Engines turn day numbers into dates in hot loops; the text of a day never changes.
const CACHE_FIRST_DAY = -25_567; // 1900-01-01
const CACHE_DAYS = 73_049; // … 2099-12-31
const written: (IsoDate | undefined)[] = [];

/** The date `n` days after 1970-01-01. */
export function fromDayNumber(n: DayNumber): IsoDate {
  const i = n - CACHE_FIRST_DAY;
  if (i >= 0 && i < CACHE_DAYS && Number.isInteger(i)) {
    const hit = written[i];
    if (hit !== undefined) return hit;
  }
  if (!Number.isSafeInteger(n)) throw new InvalidDateError(n, `not a whole day number (${n})`);
  const [y, m, d] = civilFromDays(n);
  const iso = formatNew(y, m, d);
  if (i >= 0 && i < CACHE_DAYS) {
    while (written.length < i) written.push(undefined);
    written[i] = iso;
  }
  return iso;
}

function wholeNumber(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
  return n;
}

/** `d` plus `n` calendar days (`n` may be negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(d) + wholeNumber(n, 'addDays: the number of days'));
}

/**
 * `d` plus `n` months (`n` may be negative) on the corresponding day of the target month; when that month has
 * no such day, its last day (Civil Code art. 192 p. 3): 2026-01-31 + 1 month = 2026-02-28.
 */
export function addMonths(d: IsoDate, n: number): IsoDate {
  // split(d) without the array (this runs in hot loops).
  const y = d.length === 10 && d.charCodeAt(4) === 45 && d.charCodeAt(7) === 45 ? digits4(d, 0) : -1;
  const m = y >= 0 ? digits2(d, 5) : -1;
  const day = m >= 1 && m <= 12 ? digits2(d, 8) : -1;
  if (day < 1 || day > daysInMonth(y, m)) throw invalidDate(d);
  const index = y * 12 + (m - 1) + wholeNumber(n, 'addMonths: the number of months');
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return format(ty, tm, Math.min(day, daysInMonth(ty, tm)));
}

/**
 * `d` plus `n` years on the same month and day; 29 February becomes 28 February in a common year
 * (Civil Code art. 192 p. 1, with the month-end rule of p. 3).
 */
export function addYears(d: IsoDate, n: number): IsoDate {
  return addMonths(d, wholeNumber(n, 'addYears: the number of years') * 12);
}

/** -1 when `a` is before `b`, 0 when equal, 1 when after. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  // Real ISO dates with four-digit years order the same as strings.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from `from` to `to`: positive when `to` is later (2026-01-01 → 2026-01-31 is 30). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function dayOfWeekOfDayNumber(n: DayNumber): IsoWeekday {
  // 1970-01-01 was a Thursday (4).
  return (((((n + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(d: IsoDate): IsoWeekday {
  return dayOfWeekOfDayNumber(toDayNumber(d));
}

export function yearOf(d: IsoDate): number {
  return split(d)[0];
}

/** The quarter a date falls in, e.g. `2026-Q2` for 2026-05-11. */
export function quarterOf(d: IsoDate): QuarterId {
  const [y, m] = split(d);
  return `${pad4(y)}-Q${Math.ceil(m / 3)}` as QuarterId;
}

/** First and last day of a quarter given as `YYYY-Qn`. Throws `InvalidDateError` naming the value. */
export function quarterBounds(quarter: string): DateRange {
  // Fast path for the common, well-formed `YYYY-Qn` (the same test as the pattern below, without a regex).
  if (
    typeof quarter === 'string' &&
    quarter.length === 7 &&
    quarter.charCodeAt(4) === 45 &&
    quarter.charCodeAt(5) === 81
  ) {
    const y = digits4(quarter, 0);
    const n = quarter.charCodeAt(6) - 48;
    if (y >= 0 && n >= 1 && n <= 4) {
      const first = (n - 1) * 3 + 1;
      return { from: format(y, first, 1), to: format(y, first + 2, daysInMonth(y, first + 2)) };
    }
  }
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new InvalidDateError(quarter, `not a quarter in YYYY-Qn form, n = 1…4 (${JSON.stringify(quarter)})`);
  const y = Number(m[1]);
  const first = (Number(m[2]) - 1) * 3 + 1;
  return { from: format(y, first, 1), to: format(y, first + 2, daysInMonth(y, first + 2)) };
}

/** First and last day of a month given as `YYYY-MM`. Throws `InvalidDateError` naming the value. */
export function monthBounds(month: string): DateRange {
  // Fast path for the common, well-formed `YYYY-MM` (the same test as below, without a regex).
  if (typeof month === 'string' && month.length === 7 && month.charCodeAt(4) === 45) {
    const y = digits4(month, 0);
    const mo = digits2(month, 5);
    if (y >= 0 && mo >= 1 && mo <= 12) return { from: format(y, mo, 1), to: format(y, mo, daysInMonth(y, mo)) };
  }
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const y = m ? Number(m[1]) : NaN;
  const mo = m ? Number(m[2]) : NaN;
  if (!m || mo < 1 || mo > 12)
    throw new InvalidDateError(month, `not a month in YYYY-MM form (${JSON.stringify(month)})`);
  return { from: format(y, mo, 1), to: format(y, mo, daysInMonth(y, mo)) };
}

/** The last day of the month `d` falls in. */
export function endOfMonth(d: IsoDate): IsoDate {
  const [y, m] = split(d);
  return format(y, m, daysInMonth(y, m));
}

let moscowFormatter: Intl.DateTimeFormat | undefined;

/**
 * Today's date in Europe/Moscow (the time zone every deadline is kept in). Uses the IANA zone through Intl,
 * so historical offsets (UTC+4 in 2011–2014) are right too.
 */
export function todayInMoscow(now: Date = new Date()): IsoDate {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new InvalidDateError(now, `todayInMoscow: not a valid instant (${String(now)})`);
  }
  moscowFormatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Moscow',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  let y = NaN;
  let m = NaN;
  let d = NaN;
  for (const part of moscowFormatter.formatToParts(now)) {
    if (part.type === 'year') y = Number(part.value);
    else if (part.type === 'month') m = Number(part.value);
    else if (part.type === 'day') d = Number(part.value);
  }
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) {
    throw new Error(`todayInMoscow: Intl gave no year/month/day for ${now.toISOString()}`);
  }
  return format(y, m, d);
}
