// What every rule of the engine shares while evaluating one case: the law and calendar, the date,
// the options, the trace (for --explain), and helpers that read a parameter in force on a date and
// count terms on the production calendar — each leaving a line in the trace.
import type { Law, ParameterValue } from '../law/index.ts';
import type { ProductionCalendar } from '../calendar/calendar.ts';
import { WorkingCalendar } from './calendar-facade.ts';
import { addDays, addMonths, addYears, type IsoDate } from '../calendar/date.ts';
import type { Citation, Confidence, EvaluateOptions, TraceEntry } from './types.ts';
import { t, type Params } from '../i18n/index.ts';

export interface EngineDeps {
  law: Law;
  calendar: ProductionCalendar;
}

const PROPOSED = { includeProposed: true } as const;

export type Lang = 'en' | 'ru';

/** A term as the law data gives it: a value and how it is counted. */
export interface Term {
  value: number;
  kind: 'working-days' | 'calendar-days' | 'months' | 'years';
  shift: boolean;
}

const UNIT_KEYS: Record<Term['kind'], string> = {
  'working-days': 'unit.working-days',
  'calendar-days': 'unit.calendar-days',
  months: 'unit.months',
  years: 'unit.years',
};

/** Entries an engine keeps per cached look-up before it starts over (bounds the memory of a long-running engine). */
export const CACHE_LIMIT = 20_000;

/** The end of a term from a date, and the arithmetic in words. */
export interface TermEnd {
  date: IsoDate;
  steps: string;
}

/**
 * What an engine keeps from one evaluation to the next. Only what follows from the law, the calendar,
 * a date and the language — never anything read from a case — so no evaluation can see another's case.
 */
export class Shared {
  readonly cal: WorkingCalendar;

  private readonly memos = new Map<string, Map<unknown, unknown>>();

  constructor(deps: EngineDeps) {
    this.cal = new WorkingCalendar(deps.calendar);
  }

  /** A named cache for values that depend only on the law, the calendar, dates and the language. */
  memo<K, V>(name: string): Map<K, V> {
    let m = this.memos.get(name);
    if (m === undefined) {
      m = new Map();
      this.memos.set(name, m);
    }
    return m as Map<K, V>;
  }

}

export class Ctx {
  readonly law: Law;
  readonly cal: WorkingCalendar;
  readonly asOf: IsoDate;
  readonly withProposed: boolean;
  readonly lang: Lang;
  readonly trace: TraceEntry[] | undefined;
  readonly shared: Shared;
  private readonly lookup: typeof PROPOSED | undefined;

  constructor(deps: EngineDeps, asOf: IsoDate, opts: EvaluateOptions, shared?: Shared) {
    this.shared = shared ?? new Shared(deps);
    this.law = deps.law;
    this.cal = this.shared.cal;
    this.asOf = asOf;
    this.withProposed = opts.withProposed === true;
    this.lookup = this.withProposed ? PROPOSED : undefined;
    this.lang = opts.lang ?? 'en';
    this.trace = opts.explain ? [] : undefined;
  }

  msg(key: string, params?: Params): string {
    return t(this.lang, key, params);
  }

  /** The value of a parameter in force on a date (with proposals when asked for), or undefined. */
  param(id: string, on: IsoDate): ParameterValue | undefined {
    return this.law.valueAt(id, on, this.lookup);
  }

  /** Like param(), but the parameter must have a value on the date. */
  need(id: string, on: IsoDate): ParameterValue {
    const v = this.param(id, on);
    if (!v) throw new Error(`law data: ${id} has no value on ${on}`);
    return v;
  }

  num(v: ParameterValue): number {
    if (typeof v.value !== 'number') throw new Error(`law data: expected a number, got ${JSON.stringify(v.value)}`);
    return v.value;
  }

  term(v: ParameterValue): Term {
    const c = v.counting;
    const kind = (c?.kind ?? 'calendar-days') as Term['kind'];
    return { value: this.num(v), kind, shift: c?.shiftToNextWorkingDay === true };
  }

  /** The last day of a term that starts the day after `from` (Civil Code art. 191), counted as the law data says. */
  termEnd(from: IsoDate, term: Term): TermEnd {
    let date: IsoDate;
    switch (term.kind) {
      case 'working-days':
        date = this.cal.addWorkingDays(from, term.value);
        break;
      case 'calendar-days':
        date = addDays(from, term.value);
        break;
      case 'months':
        date = addMonths(from, term.value);
        break;
      case 'years':
        date = addYears(from, term.value);
        break;
    }
    let steps = `${from} + ${term.value} ${this.msg(UNIT_KEYS[term.kind])} → ${date}`;
    if (term.shift && term.kind !== 'working-days' && !this.cal.isWorkingDay(date)) {
      const moved = this.cal.nextWorkingDay(date);
      steps += `; ${this.msg('why.shifted', { from: date, to: moved })}`;
      date = moved;
    }
    return { date, steps };
  }

  /** termEnd(from, term(v)): the end of the term a parameter value sets, counted from a date. */
  termEndOf(from: IsoDate, v: ParameterValue): TermEnd {
    return this.termEnd(from, this.term(v));
  }

  note(rule: string, detail: string, parameters?: { id: string; v: ParameterValue }[], calendar?: string[]): void {
    if (!this.trace) return;
    const entry: TraceEntry = { rule, detail };
    if (parameters) entry.parameters = parameters.map(({ id, v }) => ({ id, value: v.value, from: v.from, basis: v.basis }));
    if (calendar) entry.calendar = calendar;
    this.trace.push(entry);
  }
}

/** Joins the basis of several values without repeating a citation. */
export function basisOf(...values: (ParameterValue | undefined)[]): Citation[] {
  return basisOfList(values);
}

/** basisOf over a list of values. */
export function basisOfList(values: readonly (ParameterValue | undefined)[]): Citation[] {
  const out: Citation[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!v) continue;
    const basis = v.basis;
    for (let j = 0; j < basis.length; j++) {
      const c = basis[j] as Citation;
      if (!out.includes(c)) out.push(c);
    }
  }
  return out;
}

const ORDER: Confidence[] = ['low', 'low-medium', 'medium', 'medium-high', 'high'];

/** The weakest confidence among values: a result is no surer than its least sure input. */
export function weakest(...values: (ParameterValue | undefined)[]): Confidence | undefined {
  let worst: Confidence | undefined;
  for (const v of values) {
    const c = v?.confidence as Confidence | undefined;
    if (c && (worst === undefined || ORDER.indexOf(c) < ORDER.indexOf(worst))) worst = c;
  }
  return worst;
}
