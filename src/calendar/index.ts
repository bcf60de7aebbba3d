// The node-free API of src/calendar: dates, the production calendar, the counting conventions.
// File loading lives in ./node.ts (loadCalendar, loadConventions).
export {
  InvalidDateError,
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayOfWeek,
  dayOfWeekOfDayNumber,
  daysBetween,
  endOfMonth,
  fromDayNumber,
  isRealIsoDate,
  monthBounds,
  parseIsoDate,
  quarterBounds,
  quarterOf,
  toDayNumber,
  todayInMoscow,
  yearOf,
} from './date.ts';
export type { DateRange, DayNumber, IsoDate, IsoWeekday, QuarterId } from './date.ts';
export { CalendarDataError, CalendarRangeError, ProductionCalendar } from './calendar.ts';
export type {
  DayKind,
  DayReason,
  HolidayId,
  PeriodEnd,
  PeriodEndOptions,
  ProductionCalendarData,
  Term,
  WorkingDayOptions,
  YearTotals,
} from './calendar.ts';
export { ConventionsError, ShiftPolicySchema, TermUnitSchema, parseConventions } from './conventions.ts';
export type {
  CalendarCitation,
  CalendarConvention,
  CalendarConventions,
  DeadlineKindConvention,
  ShiftPolicy,
  TermUnit,
} from './conventions.ts';
