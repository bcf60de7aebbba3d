// What every rule of the engine shares while evaluating one case: the law and calendar, the date,
// the options, the trace (for --explain), and helpers that read a parameter in force on a date and
// count terms on the production calendar — each leaving a line in the trace.
import type { Law, Parameter, ParameterValue } from '../law/index.ts';
import type { ProductionCalendar } from '../calendar/calendar.ts';
import { WorkingCalendar } from './calendar-facade.ts';
import { addDays, addMonths, addYears, type IsoDate } from '../calendar/date.ts';
import type { Citation, Confidence, EvaluateOptions, TraceEntry } from './types.ts';
import { t, type Params } from '../i18n/index.ts';

export interface EngineDeps {
  law: Law;
  calendar: ProductionCalendar;
}

export type Lang = 'en' | 'ru';

/** A term as the law data gives it: a value and how it is counted. */
export interface Term {
  value: number;
  kind: 'working-days' | 'calendar-days' | 'months' | 'years';
  shift: boolean;
}

const UNIT_KEYS: ReadonlyMap<string, string> = new Map([
  ['working-days', 'unit.working-days'],
  ['calendar-days', 'unit.calendar-days'],
  ['months', 'unit.months'],
  ['years', 'unit.years'],
]);

/** Entries an engine keeps per cached look-up before it starts over (bounds the memory of a long-running engine). */
export const CACHE_LIMIT = 20_000;

/** map.set(key, value) in a per-engine cache, emptied first when it holds CACHE_LIMIT entries; gives the value. */
export function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= CACHE_LIMIT) map.clear();
  map.set(key, value);
  return value;
}

/** What the engine has looked up about one country on one date (each answer only when first asked). */
interface CountryOnDate {
  eaeu: boolean | undefined;
  worksVisaFree: boolean | undefined;
}

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
  /** law.parameter(id), keyed by the ids the engine asks for. */
  private readonly parameters = new Map<string, Parameter>();

  constructor(
    deps: EngineDeps,
    private readonly law: Law = deps.law,
  ) {
    this.cal = new WorkingCalendar(deps.calendar);
  }

  /** law.parameter(id), looked up once per id (throws as the law does for an unknown id). */
  parameter(id: string): Parameter {
    let p = this.parameters.get(id);
    if (p === undefined) {
      p = this.law.parameter(id);
      this.parameters.set(id, p);
    }
    return p;
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
  /** Per derive function: the key it was last asked about and what it gave (see local()). */
  private locals: Map<unknown, { key: unknown; value: unknown }> | undefined;
  /** What the engine keeps about countries on asOf (found on first use). */
  private countries: Map<string, CountryOnDate> | undefined;

  constructor(deps: EngineDeps, asOf: IsoDate, opts: EvaluateOptions, shared?: Shared) {
    this.shared = shared ?? new Shared(deps);
    this.law = deps.law;
    this.cal = this.shared.cal;
    this.asOf = asOf;
    this.withProposed = opts.withProposed === true;
    this.lang = opts.lang ?? 'en';
    this.trace = opts.explain ? [] : undefined;
  }

  /**
   * derive(key), worked out once in this evaluation (e.g. an index over the obligations that the plan and
   * the findings both read). Lives and dies with the Ctx: nothing is kept from one evaluation to the next.
   */
  local<K, V>(key: K, derive: (key: K, ctx: Ctx) => V): V {
    this.locals ??= new Map();
    const hit = this.locals.get(derive);
    if (hit !== undefined && hit.key === key) return hit.value as V;
    const value = derive(key, this);
    this.locals.set(derive, { key, value });
    return value;
  }

  /** countries.isEaeu(code, asOf), kept per engine. */
  isEaeu(code: string): boolean {
    const facts = this.countryOnDate(code);
    return (facts.eaeu ??= this.law.countries.isEaeu(code, this.asOf));
  }

  /** A citizen of `code` may enter and work without a visa on asOf (countries.visaRequired), kept per engine. */
  worksVisaFree(code: string): boolean {
    const facts = this.countryOnDate(code);
    if (facts.worksVisaFree === undefined) {
      const v = this.law.countries.visaRequired(code, this.asOf);
      facts.worksVisaFree = !v.required && v.workAllowedVisaFree;
    }
    return facts.worksVisaFree;
  }

  private countryOnDate(code: string): CountryOnDate {
    let byCode = this.countries;
    if (byCode === undefined) {
      const byDate = this.shared.memo<string, Map<string, CountryOnDate>>('country-on-date');
      byCode = byDate.get(this.asOf);
      if (byCode === undefined) {
        if (byDate.size >= CACHE_LIMIT) byDate.clear();
        byCode = new Map();
        byDate.set(this.asOf, byCode);
      }
      this.countries = byCode;
    }
    let facts = byCode.get(code);
    if (facts === undefined) {
      facts = { eaeu: undefined, worksVisaFree: undefined };
      byCode.set(code, facts);
    }
    return facts;
  }

  msg(key: string, params?: Params): string {
    return t(this.lang, key, params);
  }

  /** msg(prefix + code): the key is built once per pair (see keyOf). */
  msgOf(prefix: string, code: string, params?: Params): string {
    return t(this.lang, keyOf(prefix, code), params);
  }

  /**
   * The value of a parameter in force on a date (with proposals when asked for), or undefined: what
   * law.valueAt(id, on, { includeProposed: withProposed }) gives (context.test.ts holds the two together),
   * without the law's look-up by id on every call.
   */
  param(id: string, on: IsoDate): ParameterValue | undefined {
    return valueOn(this.shared.parameter(id), on, this.withProposed);
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
    return this.endOf(from, term.value, term.kind, term.shift);
  }

  private endOf(from: IsoDate, value: number, kind: Term['kind'], shift: boolean): TermEnd {
    let date: IsoDate;
    switch (kind) {
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
    let steps = `${from} + ${value} ${this.msg(UNIT_KEYS.get(kind) ?? `unit.${kind}`)} → ${date}`;
    if (shift && kind !== 'working-days' && !this.cal.isWorkingDay(date)) {
      const moved = this.cal.nextWorkingDay(date);
      steps += `; ${this.msg('why.shifted', { from: date, to: moved })}`;
      date = moved;
    }
    return { date, steps };
  }

  /** termEnd(from, term(v)): the end of the term a parameter value sets, counted from a date. */
  termEndOf(from: IsoDate, v: ParameterValue): TermEnd {
    const c = v.counting;
    return this.endOf(
      from,
      this.num(v),
      (c?.kind ?? 'calendar-days') as Term['kind'],
      c?.shiftToNextWorkingDay === true,
    );
  }

  note(rule: string, detail: string, parameters?: { id: string; v: ParameterValue }[], calendar?: string[]): void {
    if (!this.trace) return;
    const entry: TraceEntry = { rule, detail };
    if (parameters)
      entry.parameters = parameters.map(({ id, v }) => ({ id, value: v.value, from: v.from, basis: v.basis }));
    if (calendar) entry.calendar = calendar;
    this.trace.push(entry);
  }
}

const KEYS = new Map<string, Map<string, string>>();

/**
 * `prefix + code`, built once per pair and then handed out as the same string: a key concatenated afresh
 * would have to be flattened and hashed on every message look-up.
 */
export function keyOf(prefix: string, code: string): string {
  let byCode = KEYS.get(prefix);
  if (byCode === undefined) {
    byCode = new Map();
    KEYS.set(prefix, byCode);
  }
  let key = byCode.get(code);
  if (key === undefined) {
    key = prefix + code;
    byCode.set(code, key);
  }
  return key;
}

/**
 * law.valueAt for a parameter already at hand: the value in force on `date`; with includeProposed, a
 * proposal that has started by then wins. (The law keeps each track sorted and without overlaps.)
 */
export function valueOn(p: Parameter, date: IsoDate, includeProposed: boolean): ParameterValue | undefined {
  if (includeProposed && p.proposed.length > 0) {
    const proposed = pick(p.proposed, date);
    if (proposed !== undefined) return proposed;
  }
  return pick(p.values, date);
}

/** The value of a sorted, non-overlapping track whose range contains `date` (as the law's look-up picks it). */
function pick(track: readonly ParameterValue[], date: IsoDate): ParameterValue | undefined {
  for (let i = track.length - 1; i >= 0; i--) {
    const v = track[i] as ParameterValue;
    if (v.from <= date) return v.to === undefined || date <= v.to ? v : undefined;
  }
  return undefined;
}

/** basisOf(v): the value's citations (the law data cites each provision once per value). */
export function basisOfList1(v: ParameterValue | undefined): Citation[] {
  return v === undefined ? [] : v.basis.slice();
}

/** `c` is already in `out`, or a citation of the same provision is. */
function citedIn(out: readonly Citation[], c: Citation): boolean {
  for (const x of out) if (x === c || sameProvision(x, c)) return true;
  return false;
}

function sameProvision(a: Citation, b: Citation): boolean {
  return (
    a.source === b.source &&
    a.article === b.article &&
    a.part === b.part &&
    a.paragraph === b.paragraph &&
    a.subparagraph === b.subparagraph &&
    a.amendedBy === b.amendedBy
  );
}

/** Joins the basis of several values without repeating a citation. */
export function basisOf(...values: (ParameterValue | undefined)[]): Citation[] {
  return basisOfList(values);
}

/** basisOf over a list of values. */
export function basisOfList(values: readonly (ParameterValue | undefined)[]): Citation[] {
  if (values.length === 1) return basisOfList1(values[0]);
  const out: Citation[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!v) continue;
    const basis = v.basis;
    for (let j = 0; j < basis.length; j++) {
      const c = basis[j] as Citation;
      if (!citedIn(out, c)) out.push(c);
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
