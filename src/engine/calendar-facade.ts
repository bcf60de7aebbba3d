// The production calendar as the engine uses it. Within the calendar's years it is the official
// calendar. Beyond them (a permit running into a year whose transfer decree is not yet published) the
// engine still has to say something about a deadline three years ahead: it counts on weekends and the
// Labour Code art. 112 holidays only, and every item that relied on such a day says so (`provisional`),
// rather than failing or guessing silently.
import type { ProductionCalendar } from '../calendar/calendar.ts';
import { addDays, dayOfWeek, endOfMonth, type IsoDate } from '../calendar/date.ts';

const ART_112 = new Set(['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04']);

export class WorkingCalendar {
  constructor(readonly cal: ProductionCalendar) {}

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
    const end = addDays(d, n >= 0 ? n * 2 + 30 : n * 2 - 30);
    if (this.inRange(d) && this.inRange(end)) return this.cal.addWorkingDays(d, n);
    let x = d;
    const step = n >= 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0; ) {
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
