// The production calendar as the engine uses it, memoized at the boundary. Within the calendar's years it is
// the official calendar. Beyond them (a permit running into a year whose transfer decree is not yet published)
// the engine still has to say something about a deadline three years ahead: it counts on weekends and the
// public holidays of Labour Code art. 112 as the law data lists them (`calendar.non-working-holidays`) only,
// and every item that relied on such a day says so (`provisional`), rather than failing or guessing silently.
import type { ProductionCalendar } from '../calendar/calendar.ts';
import { addDays, dayOfWeek, endOfMonth, type IsoDate } from '../calendar/date.ts';

/** The non-working public holidays (MM-DD) in a year the production calendar does not cover. */
export type HolidaysOf = (year: number) => ReadonlySet<string>;

/** Entries kept per look-up before it starts over. */
const KEPT = 4096;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= KEPT) map.clear();
  map.set(key, value);
  return value;
}

export class WorkingCalendar {
  /** The first and last year the official calendar covers. */
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly lastWorkingDays = new Map<string, IsoDate>();

  constructor(
    readonly cal: ProductionCalendar,
    private readonly holidaysOf: HolidaysOf,
  ) {
    this.firstYear = cal.firstYear;
    this.lastYear = cal.lastYear;
  }

  private inRange(d: IsoDate): boolean {
    const y = Number(d.slice(0, 4));
    return y >= this.firstYear && y <= this.lastYear;
  }

  isWorkingDay(d: IsoDate): boolean {
    if (this.inRange(d)) return this.cal.isWorkingDay(d);
    return dayOfWeek(d) < 6 && !this.holidaysOf(Number(d.slice(0, 4))).has(d.slice(5));
  }

  nextWorkingDay(d: IsoDate): IsoDate {
    let x = d;
    while (!this.isWorkingDay(x)) x = addDays(x, 1);
    return x;
  }

  previousWorkingDay(d: IsoDate): IsoDate {
    let x = d;
    while (!this.isWorkingDay(x)) x = addDays(x, -1);
    return x;
  }

  /** `n` working days after `d` (before it, for a negative `n`). */
  addWorkingDays(d: IsoDate, n: number): IsoDate {
    // Both ends inside the official calendar (d ± 2n + 30 days at most): its own count, a look-up by day.
    const span = n >= 0 ? n * 2 + 30 : n * 2 - 30;
    if (this.inRange(d) && this.inRange(addDays(d, span))) return this.cal.addWorkingDays(d, n);
    let x = d;
    const step = n >= 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0;) {
      x = addDays(x, step);
      if (this.isWorkingDay(x)) left--;
    }
    return x;
  }

  /** The last working day of a month (YYYY-MM). */
  lastWorkingDayOfMonth(month: string): IsoDate {
    const hit = this.lastWorkingDays.get(month);
    if (hit !== undefined) return hit;
    const last = endOfMonth(`${month}-01` as IsoDate);
    return remember(
      this.lastWorkingDays,
      month,
      this.inRange(last) ? this.cal.lastWorkingDayOfMonth(month) : this.previousWorkingDay(last),
    );
  }
}
