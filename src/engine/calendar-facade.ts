// The production calendar as the engine uses it. Within the calendar's years it is the official
// calendar. Beyond them (a permit running into a year whose transfer decree is not yet published) the
// engine still has to say something about a deadline three years ahead: it counts on weekends and the
// Labour Code art. 112 holidays only, and every item that relied on such a day says so (`provisional`),
// rather than failing or guessing silently.
import type { ProductionCalendar } from '../calendar/calendar.ts';
import { addDays, dayOfWeek, endOfMonth, toDayNumber, type IsoDate } from '../calendar/date.ts';

/** Day numbers of 0000-01-01 and 9999-12-31: the years a date may have. */
const MIN_DAY = toDayNumber('0000-01-01' as IsoDate);
const MAX_DAY = toDayNumber('9999-12-31' as IsoDate);

const ART_112 = new Set([
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
]);

export class WorkingCalendar {
  /** Day numbers of the first and last day the official calendar covers. */
  private readonly firstDay: number;
  private readonly lastDay: number;

  constructor(readonly cal: ProductionCalendar) {
    this.firstDay = toDayNumber(`${String(cal.firstYear).padStart(4, '0')}-01-01` as IsoDate);
    this.lastDay = toDayNumber(`${String(cal.lastYear).padStart(4, '0')}-12-31` as IsoDate);
  }

  private inRange(d: IsoDate): boolean {
    const y = Number(d.slice(0, 4));
    return y >= this.cal.firstYear && y <= this.cal.lastYear;
  }

  isWorkingDay(d: IsoDate): boolean {
    if (this.inRange(d)) return this.cal.isWorkingDay(d);
    return dayOfWeek(d) < 6 && !ART_112.has(d.slice(5));
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

  addWorkingDays(d: IsoDate, n: number): IsoDate {
    // Both d and d + 2n ± 30 days inside the official calendar: its own count. (In day numbers: the same
    // test as by year, and the same errors for a date that is not one or a span past year 9999.)
    const span = n >= 0 ? n * 2 + 30 : n * 2 - 30;
    const day = toDayNumber(d);
    const endDay = day + span;
    if (!Number.isSafeInteger(span) || endDay < MIN_DAY || endDay > MAX_DAY) addDays(d, span);
    if (day >= this.firstDay && day <= this.lastDay && endDay >= this.firstDay && endDay <= this.lastDay)
      return this.cal.addWorkingDays(d, n);
    let x = d;
    const step = n >= 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0;) {
      x = addDays(x, step);
      if (this.isWorkingDay(x)) left--;
    }
    return x;
  }

  lastWorkingDayOfMonth(month: string): IsoDate {
    const last = endOfMonth(`${month}-01` as IsoDate);
    if (this.inRange(last)) return this.cal.lastWorkingDayOfMonth(month);
    return this.previousWorkingDay(last);
  }
}
