// The Russian production calendar and working-day arithmetic.
//
// Baseline ("what a working day is"): Labour Code art. 111 (Saturday and Sunday off under the five-day week),
// art. 112 (non-working public holidays; a holiday on a weekend moves the day off to the next working day) and
// the Government's yearly transfer decree. The presidential non-working days of 2020–2021 are NOT days off in
// the baseline: the Supreme Court Presidium (COVID Review No. 1 of 2020-04-21, answers of 2021-04-28 and
// 2021-10-26) held that they neither stop a time limit running nor move its last day. Callers that follow the
// Tax Code (art. 6.1 p. 6 as amended in 2020) pass `{ presidentialDaysOff: true }`.
// The conventions, with their citations, are data: law/calendar/conventions.yaml.
//
// Speed: every covered day gets an index; per mode (baseline / presidential days off) we keep a working flag,
// the running count of working days before each day and the list of working days in order, so that
// `addWorkingDays`, `workingDaysBetween`, `nextWorkingDay` and `previousWorkingDay` are O(1) look-ups.
import { z } from 'zod';
import {
  addDays,
  addMonths,
  addYears,
  dayOfWeekOfDayNumber,
  fromDayNumber,
  isRealIsoDate,
  monthBounds,
  toDayNumber,
  type DayNumber,
  type IsoDate,
} from './date.ts';

export type DayReason =
  'weekday' | 'weekend' | 'public-holiday' | 'transferred-day-off' | 'working-weekend' | 'presidential-non-working';

/** Labour Code art. 112 p. 1 holidays, by id (the words live in locale files). */
export type HolidayId =
  | 'new-year-holidays'
  | 'christmas'
  | 'defender-of-the-fatherland-day'
  | 'international-womens-day'
  | 'spring-and-labour-day'
  | 'victory-day'
  | 'russia-day'
  | 'national-unity-day';

export interface DayKind {
  /** Working day under the chosen mode (baseline unless `presidentialDaysOff`). */
  working: boolean;
  /**
   * Why: `weekday`/`weekend` ordinary days; `public-holiday` an art. 112 holiday (also on a weekend);
   * `transferred-day-off` a Mon–Fri day off that is not itself a holiday (art. 112 substitute day or a day moved
   * by the Government decree); `working-weekend` a Sat/Sun made a working day by the decree;
   * `presidential-non-working` a 2020–2021 presidential non-working day (working in the baseline).
   */
  reason: DayReason;
  /** Pre-holiday day one hour shorter (Labour Code art. 95); still a full working day for counting. */
  shortened: boolean;
  /** For `public-holiday`: which art. 112 holiday. */
  holiday?: HolidayId;
  /** For `presidential-non-working`: the act that declared it, as the data gives it. */
  decree?: string;
}

export interface WorkingDayOptions {
  /**
   * Treat the 2020–2021 presidential non-working days as days off. Default false: they count as working days
   * (Supreme Court position; the earlier, safer date). True only where the law says so (Tax Code art. 6.1 p. 6).
   */
  presidentialDaysOff?: boolean;
}

/** A term: exactly one unit. */
export interface Term {
  days?: number;
  weeks?: number;
  months?: number;
  years?: number;
  workingDays?: number;
}

const TERM_UNITS: ReadonlySet<string> = new Set<keyof Term>(['days', 'weeks', 'months', 'years', 'workingDays']);

export interface PeriodEndOptions extends WorkingDayOptions {
  /**
   * Civil Code art. 193: a last day on a non-working day moves to the next working day. `true` applies it;
   * `false` keeps the last day as counted (the earlier date, the engine's default for duties).
   */
  shift: boolean;
}

export interface PeriodEnd {
  date: IsoDate;
  /** Set when the shift moved the end: the last day as counted, which was a non-working day. */
  shiftedFrom?: IsoDate;
}

export interface YearTotals {
  working: number;
  nonWorking: number;
  shortened: number;
}

/** A date (or year) the production calendar does not cover. Never guessed: the caller must handle it. */
export class CalendarRangeError extends Error {
  override readonly name = 'CalendarRangeError';
  constructor(
    /** The date (or year) asked about. */
    readonly date: string,
    readonly firstYear: number,
    readonly lastYear: number,
    what = `${date} is outside the production calendar`,
  ) {
    super(`${what} (the calendar covers ${firstYear}-01-01 to ${lastYear}-12-31)`);
  }
}

/** The calendar data is malformed or inconsistent. The message names the place in the data and the value. */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
}

// ---- data shape -------------------------------------------------------------------------------------------

const DateListSchema = z.array(z.string());
const YearSchema = z.strictObject({
  nonWorking: DateListSchema,
  working: DateListSchema,
  shortened: DateListSchema,
  publicHolidays: DateListSchema,
  decrees: z.array(z.string().min(1)).optional(),
});
const PresidentialDaySchema = z.strictObject({ date: z.string(), basis: z.string().min(1) });
const CalendarDataSchema = z.strictObject({
  source: z.string().min(1),
  generated: z.string().refine(isRealIsoDate, { message: 'expected a real date as YYYY-MM-DD' }),
  years: z.record(z.string().regex(/^\d{4}$/, { message: 'expected a four-digit year' }), YearSchema),
  presidentialNonWorkingDays: z.record(z.string().regex(/^\d{4}$/), z.array(PresidentialDaySchema)).optional(),
  notes: z.record(z.string(), z.string()).optional(),
});
export type ProductionCalendarData = z.infer<typeof CalendarDataSchema>;

// ---- internal codes ----------------------------------------------------------------------------------------

const REASONS: readonly DayReason[] = [
  'weekday',
  'weekend',
  'public-holiday',
  'transferred-day-off',
  'working-weekend',
  'presidential-non-working',
];
const WEEKDAY = 0;
const WEEKEND = 1;
const PUBLIC_HOLIDAY = 2;
const TRANSFERRED = 3;
const WORKING_WEEKEND = 4;
const PRESIDENTIAL = 5;

function holidayOf(month: number, day: number): HolidayId | undefined {
  if (month === 1 && day >= 1 && day <= 8) return day === 7 ? 'christmas' : 'new-year-holidays';
  if (month === 2 && day === 23) return 'defender-of-the-fatherland-day';
  if (month === 3 && day === 8) return 'international-womens-day';
  if (month === 5 && day === 1) return 'spring-and-labour-day';
  if (month === 5 && day === 9) return 'victory-day';
  if (month === 6 && day === 12) return 'russia-day';
  if (month === 11 && day === 4) return 'national-unity-day';
  return undefined;
}

/** Per-mode look-up tables. */
interface Mode {
  /** 1 when the day at this index is a working day. */
  readonly work: Uint8Array;
  /** cum[i] = working days at indices < i (length N + 1). */
  readonly cum: Int32Array;
  /** Indices of the working days, in order. */
  readonly ordinals: Int32Array;
}

function buildMode(work: Uint8Array): Mode {
  const n = work.length;
  const cum = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + work[i]!;
  const ordinals = new Int32Array(cum[n]!);
  for (let i = 0, k = 0; i < n; i++) if (work[i] === 1) ordinals[k++] = i;
  return { work, cum, ordinals };
}

export class ProductionCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Where the data came from (the data's own `source` text). */
  readonly source: string;
  /** The date the data was generated. */
  readonly generated: IsoDate;

  private readonly startDay: DayNumber;
  private readonly size: number;
  private readonly reason: Uint8Array;
  private readonly shortenedFlag: Uint8Array;
  private readonly baseline: Mode;
  private readonly presidentialOff: Mode;
  private readonly isoByIndex: IsoDate[];
  private readonly presidentialBasis: Map<number, string>;
  private readonly decreesByYear: Map<number, readonly string[]>;

  private constructor(data: ProductionCalendarData, origin: string) {
    const fail = (path: string, message: string): never => {
      throw new CalendarDataError(`${origin}: ${path}: ${message}`);
    };

    const years = Object.keys(data.years)
      .map(Number)
      .sort((a, b) => a - b);
    if (years.length === 0) fail('years', 'no years: the calendar must cover at least one year');
    const firstYear = years[0]!;
    const lastYear = years[years.length - 1]!;
    years.forEach((y, k) => {
      if (y !== firstYear + k)
        fail('years', `years must be consecutive; ${firstYear + k} is missing between ${firstYear} and ${lastYear}`);
    });
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.source = data.source;
    this.generated = data.generated as IsoDate;

    this.startDay = toDayNumber(`${firstYear}-01-01` as IsoDate);
    this.size = toDayNumber(`${lastYear}-12-31` as IsoDate) - this.startDay + 1;
    const reason = new Uint8Array(this.size);
    const shortened = new Uint8Array(this.size);
    this.isoByIndex = new Array<IsoDate>(this.size);
    for (let i = 0; i < this.size; i++) {
      const dn = this.startDay + i;
      this.isoByIndex[i] = fromDayNumber(dn);
      reason[i] = dayOfWeekOfDayNumber(dn) >= 6 ? WEEKEND : WEEKDAY;
    }

    /** Index of a listed date, after checking it is real, unique in its list and inside `year`. */
    const indexIn = (year: string, path: string, value: string, seen: Set<string>): number => {
      if (!isRealIsoDate(value)) fail(path, `not a real date as YYYY-MM-DD (${JSON.stringify(value)})`);
      if (!value.startsWith(`${year}-`)) fail(path, `${value} is not in ${year}, the year it is listed under`);
      if (seen.has(value)) fail(path, `${value} is listed twice`);
      seen.add(value);
      return toDayNumber(value as IsoDate) - this.startDay;
    };
    const weekend = (i: number): boolean => dayOfWeekOfDayNumber(this.startDay + i) >= 6;

    const decreesByYear = new Map<number, readonly string[]>();
    for (const [year, y] of Object.entries(data.years)) {
      decreesByYear.set(Number(year), Object.freeze([...(y.decrees ?? [])]));
      const nonWorking = new Set<string>();
      y.nonWorking.forEach((s, k) => {
        const path = `years.${year}.nonWorking[${k}]`;
        const i = indexIn(year, path, s, nonWorking);
        if (weekend(i)) fail(path, `${s} is a Saturday or Sunday; nonWorking lists only Monday–Friday days off`);
        reason[i] = TRANSFERRED;
      });
      const working = new Set<string>();
      y.working.forEach((s, k) => {
        const path = `years.${year}.working[${k}]`;
        const i = indexIn(year, path, s, working);
        if (!weekend(i))
          fail(path, `${s} is a Monday–Friday; working lists only Saturdays and Sundays that are working days`);
        reason[i] = WORKING_WEEKEND;
      });
      const holidays = new Set<string>();
      y.publicHolidays.forEach((s, k) => {
        const path = `years.${year}.publicHolidays[${k}]`;
        const i = indexIn(year, path, s, holidays);
        if (holidayOf(Number(s.slice(5, 7)), Number(s.slice(8, 10))) === undefined) {
          fail(path, `${s} is not a Labour Code art. 112 holiday known to src/calendar (add it to holidayOf)`);
        }
        if (working.has(s)) fail(path, `${s} is a public holiday but is also listed as a working weekend day`);
        if (!weekend(i) && !nonWorking.has(s))
          fail(path, `${s} is a weekday public holiday missing from years.${year}.nonWorking`);
        reason[i] = PUBLIC_HOLIDAY;
      });
      const short = new Set<string>();
      y.shortened.forEach((s, k) => {
        const path = `years.${year}.shortened[${k}]`;
        const i = indexIn(year, path, s, short);
        if (reason[i] !== WEEKDAY && reason[i] !== WORKING_WEEKEND)
          fail(path, `${s} is shortened but is not a working day in the baseline`);
        shortened[i] = 1;
      });
    }

    const presidentialBasis = new Map<number, string>();
    for (const [year, days] of Object.entries(data.presidentialNonWorkingDays ?? {})) {
      const y = Number(year);
      if (y < firstYear || y > lastYear)
        fail(`presidentialNonWorkingDays.${year}`, `year ${year} is not among the calendar's years`);
      const seen = new Set<string>();
      days.forEach((p, k) => {
        const path = `presidentialNonWorkingDays.${year}[${k}].date`;
        const i = indexIn(year, path, p.date, seen);
        if (reason[i] !== WEEKDAY)
          fail(path, `${p.date} must be a baseline working weekday (it is ${REASONS[reason[i]!]})`);
        reason[i] = PRESIDENTIAL;
        presidentialBasis.set(i, p.basis);
      });
    }

    const baselineWork = new Uint8Array(this.size);
    const presidentialWork = new Uint8Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const r = reason[i];
      const w = r === WEEKDAY || r === WORKING_WEEKEND || r === PRESIDENTIAL ? 1 : 0;
      baselineWork[i] = w;
      presidentialWork[i] = r === PRESIDENTIAL ? 0 : w;
    }
    this.reason = reason;
    this.shortenedFlag = shortened;
    this.baseline = buildMode(baselineWork);
    this.presidentialOff = buildMode(presidentialWork);
    this.presidentialBasis = presidentialBasis;
    this.decreesByYear = decreesByYear;
  }

  /**
   * Builds the calendar from the JSON of law/calendar/ru-production-calendar.json. Strict: an unknown key, a
   * date that does not exist, a weekday listed as a working weekend, a gap between years… throw
   * `CalendarDataError` naming the place (`origin` prefixes the message, e.g. the file path).
   */
  static fromData(json: unknown, origin = 'production calendar data'): ProductionCalendar {
    const parsed = CalendarDataSchema.safeParse(json);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
      throw new CalendarDataError(`${origin}: ${lines.join('; ')}`);
    }
    return new ProductionCalendar(parsed.data, origin);
  }

  // ---- look-ups --------------------------------------------------------------------------------------------

  /** True when the calendar covers `d`. Throws only for a string that is not a real date. */
  covers(d: IsoDate): boolean {
    const i = toDayNumber(d) - this.startDay;
    return i >= 0 && i < this.size;
  }

  private index(d: IsoDate): number {
    const i = toDayNumber(d) - this.startDay;
    if (i < 0 || i >= this.size) throw new CalendarRangeError(d, this.firstYear, this.lastYear);
    return i;
  }

  private mode(opts: WorkingDayOptions | undefined): Mode {
    return opts?.presidentialDaysOff === true ? this.presidentialOff : this.baseline;
  }

  private rangeError(d: IsoDate, what: string): CalendarRangeError {
    return new CalendarRangeError(d, this.firstYear, this.lastYear, what);
  }

  isWorkingDay(d: IsoDate, opts?: WorkingDayOptions): boolean {
    return this.mode(opts).work[this.index(d)] === 1;
  }

  /** What kind of day `d` is, and why (see `DayKind`). */
  kindOfDay(d: IsoDate, opts?: WorkingDayOptions): DayKind {
    const i = this.index(d);
    const code = this.reason[i]!;
    const working = this.mode(opts).work[i] === 1;
    const kind: DayKind = { working, reason: REASONS[code]!, shortened: working && this.shortenedFlag[i] === 1 };
    if (code === PUBLIC_HOLIDAY) kind.holiday = holidayOf(Number(d.slice(5, 7)), Number(d.slice(8, 10)))!;
    if (code === PRESIDENTIAL) kind.decree = this.presidentialBasis.get(i)!;
    return kind;
  }

  /** `d` if it is a working day, else the first working day after it. */
  nextWorkingDay(d: IsoDate, opts?: WorkingDayOptions): IsoDate {
    const m = this.mode(opts);
    const k = m.cum[this.index(d)]!;
    if (k >= m.ordinals.length)
      throw this.rangeError(d, `no working day on or after ${d} inside the production calendar`);
    return this.isoByIndex[m.ordinals[k]!]!;
  }

  /** `d` if it is a working day, else the last working day before it. */
  previousWorkingDay(d: IsoDate, opts?: WorkingDayOptions): IsoDate {
    const m = this.mode(opts);
    const k = m.cum[this.index(d) + 1]! - 1;
    if (k < 0) throw this.rangeError(d, `no working day on or before ${d} inside the production calendar`);
    return this.isoByIndex[m.ordinals[k]!]!;
  }

  /**
   * The date `n` working days after `d`; `d` itself is never counted, whether or not it is a working day
   * (2026-01-09 + 3 = 2026-01-14). A negative `n` counts back: the date |n| working days before `d`.
   * `n = 0` returns `d` unchanged (adding nothing), so that adding a then b equals adding a + b; to land on a
   * working day use `nextWorkingDay`.
   */
  addWorkingDays(d: IsoDate, n: number, opts?: WorkingDayOptions): IsoDate {
    if (!Number.isSafeInteger(n))
      throw new RangeError(`addWorkingDays: the number of working days must be a whole number, got ${n}`);
    const i = this.index(d);
    if (n === 0) return d;
    const m = this.mode(opts);
    const k = n > 0 ? m.cum[i + 1]! + n - 1 : m.cum[i]! + n;
    if (k >= m.ordinals.length)
      throw this.rangeError(d, `${n} working days after ${d} fall beyond the production calendar`);
    if (k < 0) throw this.rangeError(d, `${-n} working days before ${d} fall before the production calendar`);
    return this.isoByIndex[m.ordinals[k]!]!;
  }

  /** `addWorkingDays`, with the non-working days passed over between `d` and the result (for the "why"). */
  addWorkingDaysExplained(d: IsoDate, n: number, opts?: WorkingDayOptions): { date: IsoDate; skipped: IsoDate[] } {
    const date = this.addWorkingDays(d, n, opts);
    const work = this.mode(opts).work;
    const a = this.index(d);
    const b = this.index(date);
    const skipped: IsoDate[] = [];
    for (let i = Math.min(a, b) + 1; i < Math.max(a, b); i++) if (work[i] === 0) skipped.push(this.isoByIndex[i]!);
    return { date, skipped };
  }

  /** Working days from `from` to `to`, both included; 0 when `from` is after `to` (an empty range). */
  workingDaysBetween(from: IsoDate, to: IsoDate, opts?: WorkingDayOptions): number {
    const i = this.index(from);
    const j = this.index(to);
    if (j < i) return 0;
    const cum = this.mode(opts).cum;
    return cum[j + 1]! - cum[i]!;
  }

  /** The last working day of a month given as `YYYY-MM` (`2026-04` → 2026-04-30). */
  lastWorkingDayOfMonth(month: string, opts?: WorkingDayOptions): IsoDate {
    const { from, to } = monthBounds(month);
    const last = this.previousWorkingDay(to, opts);
    if (last < from) throw new CalendarDataError(`${month} has no working day`);
    return last;
  }

  /**
   * The end of a term that runs from an event on `start` (Civil Code art. 190–193):
   * - the event day is not counted; days are counted from the next day (art. 191), so `{ days: n }` ends on
   *   start + n and `{ weeks: n }` on start + 7n (art. 192 p. 4);
   * - `{ months: n }` / `{ years: n }` end on the corresponding day of the last month / year, or that month's
   *   last day when it has no such day (art. 192 p. 1, 3);
   * - `{ workingDays: n }` ends on the n-th working day after `start` (always a working day);
   * - with `shift: true`, a last day on a non-working day moves to the next working day (art. 193) and
   *   `shiftedFrom` tells the day it moved from; with `shift: false` it stays.
   * The calendar is consulted only when the answer depends on it (working days, or a shift); a pure calendar
   * term without shift may end outside the covered years.
   */
  periodEnd(start: IsoDate, term: Term, opts: PeriodEndOptions): PeriodEnd {
    const given = Object.keys(term).filter((k) => (term as Record<string, unknown>)[k] !== undefined);
    const unit = given[0] as keyof Term | undefined;
    const n = unit === undefined ? undefined : term[unit];
    if (
      given.length !== 1 ||
      unit === undefined ||
      !TERM_UNITS.has(unit) ||
      typeof n !== 'number' ||
      !Number.isSafeInteger(n) ||
      n < 1
    ) {
      throw new RangeError(
        `periodEnd: expected exactly one of days, weeks, months, years, workingDays as a whole number ≥ 1; got ${JSON.stringify(term)}`,
      );
    }
    if (unit === 'workingDays') return { date: this.addWorkingDays(start, n, opts) };
    const last =
      unit === 'days'
        ? addDays(start, n)
        : unit === 'weeks'
          ? addDays(start, 7 * n)
          : unit === 'months'
            ? addMonths(start, n)
            : addYears(start, n);
    if (!opts.shift || this.isWorkingDay(last, opts)) return { date: last };
    return { date: this.nextWorkingDay(last, opts), shiftedFrom: last };
  }

  /** Working days, days off and shortened working days in a covered year. */
  yearTotals(year: number, opts?: WorkingDayOptions): YearTotals {
    if (!Number.isInteger(year) || year < this.firstYear || year > this.lastYear) {
      throw new CalendarRangeError(
        String(year),
        this.firstYear,
        this.lastYear,
        `year ${year} is outside the production calendar`,
      );
    }
    const a = toDayNumber(`${year}-01-01` as IsoDate) - this.startDay;
    const b = toDayNumber(`${year}-12-31` as IsoDate) - this.startDay;
    const m = this.mode(opts);
    const working = m.cum[b + 1]! - m.cum[a]!;
    let shortened = 0;
    for (let i = a; i <= b; i++) if (this.shortenedFlag[i] === 1 && m.work[i] === 1) shortened++;
    return { working, nonWorking: b - a + 1 - working, shortened };
  }

  /** The Government transfer decrees the data names for `year` (empty where the number was not confirmed). */
  decreesOf(year: number): readonly string[] {
    const decrees = this.decreesByYear.get(year);
    if (decrees === undefined)
      throw new CalendarRangeError(
        String(year),
        this.firstYear,
        this.lastYear,
        `year ${year} is outside the production calendar`,
      );
    return decrees;
  }

  /** The presidential non-working days (baseline working days), in date order. */
  presidentialNonWorkingDays(): IsoDate[] {
    return [...this.presidentialBasis.keys()].sort((a, b) => a - b).map((i) => this.isoByIndex[i]!);
  }
}
