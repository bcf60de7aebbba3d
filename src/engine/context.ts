// What every rule of the engine shares while evaluating one case: the law (read through the engine's view,
// law-view.ts) and the working calendar, the date, the options, the trace (for --explain), and helpers that
// read a parameter in force on a date and count a term on the production calendar — each leaving a line in
// the trace. Nothing here outlives the evaluation.
import type { Law, ParameterValue } from '../law/index.ts';
import type { ProductionCalendar } from '../calendar/calendar.ts';
import type { WorkingCalendar } from './calendar-facade.ts';
import { addDays, addMonths, addYears, type IsoDate } from '../calendar/date.ts';
import type { Citation, Confidence, EvaluateOptions, TraceEntry } from './types.ts';
import type { Message, Term } from './messages.ts';

export interface EngineDeps {
  law: Law;
  calendar: ProductionCalendar;
}

/** The end of a term from a date, and its arithmetic. */
export interface TermEnd {
  date: IsoDate;
  steps: Term;
}

export class Ctx {
  readonly asOf: IsoDate;
  readonly withProposed: boolean;
  readonly trace: TraceEntry[] | undefined;
  private readonly lookup: { includeProposed: boolean };

  constructor(
    /** The law, through the engine's view. */
    readonly law: Law,
    readonly cal: WorkingCalendar,
    asOf: IsoDate,
    opts: EvaluateOptions,
  ) {
    this.asOf = asOf;
    this.withProposed = opts.withProposed === true;
    this.lookup = { includeProposed: this.withProposed };
    this.trace = opts.explain ? [] : undefined;
  }

  /** The value of a parameter in force on a date (with proposals, where the evaluation asks for them). */
  value(id: string, on: IsoDate): ParameterValue | undefined {
    return this.law.valueAt(id, on, this.lookup);
  }

  /**
   * value(), or — on a date before the parameter's first value — its first value in force: what a message
   * says of a rule the case is measured against before the data records it (never a number written in code).
   */
  valueOrFirst(id: string, on: IsoDate): ParameterValue | undefined {
    return this.value(id, on) ?? this.law.changesOf(id).find((v) => v.status === 'in-force' && v.value !== null);
  }

  num(v: ParameterValue): number {
    if (typeof v.value !== 'number') throw new Error(`law data: expected a number, got ${JSON.stringify(v.value)}`);
    return v.value;
  }

  /**
   * The last day of the term a parameter value sets, counted from `from` as the data says: the term starts the
   * day after `from` (Civil Code art. 191); a last day on a non-working day moves to the next working day only
   * where the data says so (Civil Code art. 193).
   */
  termEnd(from: IsoDate, v: ParameterValue): TermEnd {
    const value = this.num(v);
    const unit = (v.counting?.kind ?? 'calendar-days') as Term['unit'];
    let date: IsoDate;
    switch (unit) {
      case 'working-days':
        date = this.cal.addWorkingDays(from, value);
        break;
      case 'calendar-days':
        date = addDays(from, value);
        break;
      case 'months':
        date = addMonths(from, value);
        break;
      case 'years':
        date = addYears(from, value);
        break;
    }
    const steps: Term = { from, n: value, unit, end: date };
    if (v.counting?.shiftToNextWorkingDay === true && unit !== 'working-days' && !this.cal.isWorkingDay(date)) {
      date = this.cal.nextWorkingDay(date);
      steps.shiftedTo = date;
    }
    return { date, steps };
  }

  note(
    rule: string,
    detail: string,
    parameters?: { id: string; v: ParameterValue }[],
    calendar?: string[],
    because?: readonly Message[],
  ): void {
    if (!this.trace) return;
    const entry: TraceEntry = { rule, detail };
    if (because) entry.because = [...because];
    if (parameters)
      entry.parameters = parameters.map(({ id, v }) => ({ id, value: v.value, from: v.from, basis: v.basis }));
    if (calendar) entry.calendar = calendar;
    this.trace.push(entry);
  }
}

/** `c` is already in `out`, or a citation of the same provision is. */
function citedIn(out: readonly Citation[], c: Citation): boolean {
  for (const x of out)
    if (
      x === c ||
      (x.source === c.source &&
        x.article === c.article &&
        x.part === c.part &&
        x.paragraph === c.paragraph &&
        x.subparagraph === c.subparagraph &&
        x.amendedBy === c.amendedBy)
    )
      return true;
  return false;
}

/** The citations of one value, each provision once: made once per value (the law's values never change). */
const CITATIONS = new WeakMap<ParameterValue, readonly Citation[]>();
const NO_CITATIONS: readonly Citation[] = Object.freeze([]);

function citationsOf(v: ParameterValue): readonly Citation[] {
  let out = CITATIONS.get(v);
  if (out === undefined) {
    const list: Citation[] = [];
    for (const c of v.basis) if (!citedIn(list, c)) list.push(c);
    out = Object.freeze(list);
    CITATIONS.set(v, out);
  }
  return out;
}

/**
 * The citations of the values, each provision once. Read-only: the list of a single value is shared by every
 * result that rests on that value alone (copy it to add to it).
 */
export function basisOf(...values: (ParameterValue | undefined)[]): Citation[] {
  return basisOfAll(values);
}

/** basisOf over a list of values. */
export function basisOfAll(values: readonly (ParameterValue | undefined)[]): Citation[] {
  let only: ParameterValue | undefined;
  let count = 0;
  for (const v of values) {
    if (v === undefined || v === only) continue;
    only = v;
    count++;
  }
  if (count === 0) return NO_CITATIONS as Citation[];
  if (count === 1) return citationsOf(only as ParameterValue) as Citation[];
  const out: Citation[] = [];
  for (const v of values) if (v) for (const c of citationsOf(v)) if (!citedIn(out, c)) out.push(c);
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

/** The first low or low-medium confidence among values: what an item derived from them must say. */
export function lowConfidence(...values: (ParameterValue | undefined)[]): Confidence | undefined {
  return lowConfidenceOf(values);
}

/** lowConfidence over a list of values. */
export function lowConfidenceOf(values: readonly (ParameterValue | undefined)[]): Confidence | undefined {
  for (const v of values) if (v && (v.confidence === 'low' || v.confidence === 'low-medium')) return v.confidence;
  return undefined;
}
