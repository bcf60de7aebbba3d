// The rules the law data names by code (parameters of unit `code`, src/law/rule-codes.ts): one implementation
// for every code the loader accepts. The maps are typed by the registry, so a code added to the law without
// a rule here does not compile, and the engine dispatches on the value the data gives.
import type { Case } from '../case/index.ts';
import type { RuleCodeOf } from '../law/index.ts';
import { addDays, quarterBounds, type IsoDate } from '../calendar/date.ts';
import type { WorkingCalendar } from './calendar-facade.ts';
import { msg, type Message } from './messages.ts';

/** Activities the HQS route does not cover (`hqs.excluded-activities`), and whether a case has one. */
export const EXCLUDED_ACTIVITIES: Record<RuleCodeOf<'hqs.excluded-activities'>, (c: Case) => boolean> = {
  // 115-FZ art. 13.2 p. 1: religious activity is not work an HQS may be engaged for.
  'religious-activity': (c) => c.contract.religiousActivity === true,
};

/** A quarterly duty's window and due date, and why. */
export interface QuarterDue {
  /** The first day the duty can be done. */
  from: IsoDate;
  due: IsoDate;
  because: Message;
}

/** When the quarterly salary notification of a quarter (`2026-Q1`) is due (`employer.salary-notification-due`). */
export const SALARY_NOTIFICATION_DUE: Record<
  RuleCodeOf<'employer.salary-notification-due'>,
  (quarter: string, cal: WorkingCalendar) => QuarterDue
> = {
  // 115-FZ art. 13.2 p. 13: no later than the last working day of the month after the quarter.
  'last-working-day-of-month-after-quarter': (quarter, cal) => {
    const from = addDays(quarterBounds(quarter).to, 1);
    const month = from.slice(0, 7);
    const due = cal.lastWorkingDayOfMonth(month);
    return { from, due, because: msg('why.salary-notification', { period: quarter, month, due }) };
  },
};
