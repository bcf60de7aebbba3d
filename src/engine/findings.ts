// Findings: risks and inconsistencies a manager must see — pay below the threshold in a period,
// passports that end too soon, names or numbers that disagree, long absences, overdue duties, and the
// person's own history.
import type { Case } from '../case/index.ts';
import type { ApplicableThreshold, CategoryFacts, ParameterValue } from '../law/index.ts';
import { addMonths, monthBounds, quarterBounds, type IsoDate } from '../calendar/date.ts';
import { type Ctx, basisOf, lowConfidence } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import type { Finding, Obligation, Severity } from './types.ts';
import { msg, type FindingCode, type Message, type MessageCode, type Params, type ParamsOf } from './messages.ts';
import { bestThreshold } from './eligibility.ts';
import { currentPassport, permitEnd, type ObligationIndex } from './obligations.ts';
import type { Period } from './util.ts';

/** The params of a finding's message (`finding.<code>`). */
type FindingParams<C extends FindingCode> = `finding.${C}` extends infer K extends MessageCode ? ParamsOf<K> : never;

/** The findings being gathered for one case. */
interface Gathered {
  ctx: Ctx;
  out: Finding[];
}

function add<C extends FindingCode>(
  g: Gathered,
  severity: Severity,
  code: C,
  people: string[],
  params: FindingParams<C>,
  basis: Finding['basis'] = [],
  confidence?: Finding['confidence'],
): void {
  const finding: Finding = { severity, code, params: params as unknown as Params, people, basis };
  if (confidence) finding.confidence = confidence;
  g.out.push(finding);
}

/** Names and numbers compared as a person would: trimmed, upper case, single spaces. */
function norm(s: string): string {
  return s.trim().toUpperCase().replace(/\s+/g, ' ');
}

/** The quarter a salary period (YYYY-Qn or YYYY-MM) falls in. */
function quarterOfPeriod(period: string): string {
  return period.includes('Q')
    ? period
    : `${period.slice(0, 4)}-Q${Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1}`;
}

export function deriveFindings(ctx: Ctx, c: Case, f: CaseFacts, index: ObligationIndex): Finding[] {
  const g: Gathered = { ctx, out: [] };
  salaryFindings(g, c, f);
  passportFindings(g, c, f, index);
  mismatchFindings(g, c, f);
  permitAbsenceFindings(g, f);
  obligationFindings(g, f, index);
  historyFindings(g, c);
  familyFindings(g, f);
  ignoredEventFindings(g, f);
  return bySeverity(g.out);
}

/** The thresholds of every category some reading fits, with the values that govern a period (in the law's order). */
function applicableThresholdsInPeriod(
  ctx: Ctx,
  readings: readonly CategoryFacts[],
  period: string,
): readonly ApplicableThreshold[] {
  const opts = { includeProposed: ctx.withProposed };
  if (readings.length === 1) return ctx.law.applicableThresholdsInPeriod(readings[0] as CategoryFacts, period, opts);
  const byId = new Map<string, ApplicableThreshold>();
  for (const r of readings)
    for (const a of ctx.law.applicableThresholdsInPeriod(r, period, opts)) byId.set(a.parameter.id, a);
  return [...byId.values()].sort((a, b) => (a.parameter.id < b.parameter.id ? -1 : 1));
}

/** How the law measures pay in one quarter: the threshold that governs it, as a quarterly amount. */
interface QuarterRule {
  from: IsoDate;
  to: IsoDate;
  /** The threshold's value and the period it is measured over. */
  value: ParameterValue<number | null>;
  period: Period;
  /** The quarterly amount; for a monthly threshold, the monthly amount times `factor`. */
  need: number;
  factor: ParameterValue | undefined;
}

/**
 * The threshold that governs a quarter (115-FZ art. 13.2 p.1 sub. 3; p. 13): of each category that fits the case,
 * the value whose first measurement period is not after the quarter (`firstPeriod`: the Interior Ministry applied
 * 750,000 to the whole first quarter of 2024), the most favourable of them; none where the law sets no amount.
 */
function quarterRule(ctx: Ctx, readings: readonly CategoryFacts[], q: string): QuarterRule | undefined {
  const { from, to } = quarterBounds(q);
  const best = bestThreshold(applicableThresholdsInPeriod(ctx, readings, q));
  if (!best || best.value.value === null) return undefined;
  const value = best.value;
  const amount = value.value as number;
  const period = (value.period ?? 'year') as Period;
  if (period !== 'calendar-month') {
    return { from, to, value, period, need: period === 'calendar-quarter' ? amount : amount / 4, factor: undefined };
  }
  // A monthly threshold over a quarter: the monthly amount times the factor the law data gives (a derived rule).
  const factor = ctx.valueOrFirst('hqs.salary-threshold.monthly-quarter-factor', to);
  return { from, to, value, period, need: amount * (factor ? ctx.num(factor) : NaN), factor };
}

/** Pay below the threshold in a period (115-FZ art. 13.2 p.1 sub. 3, p. 13), from salary-paid events. */
function salaryFindings(g: Gathered, c: Case, f: CaseFacts): void {
  if (f.salaryPaid.length === 0) return;
  const ctx = g.ctx;
  const P = f.principal.id;
  // Amounts per period, then per quarter, each in the order first seen.
  const paid = new Map<string, number>();
  for (const e of f.salaryPaid) paid.set(e.period, (paid.get(e.period) ?? 0) + e.amount);
  const quarters = new Map<string, number>();
  for (const [period, amount] of paid) {
    const q = quarterOfPeriod(period);
    quarters.set(q, (quarters.get(q) ?? 0) + amount);
  }
  const readings = f.readings;
  // In the order a default sort gives the [quarter, amount] pairs (by their text).
  for (const [q, amount] of [...quarters].sort(byText)) {
    const rule = quarterRule(ctx, readings, q);
    if (!rule || rule.to > ctx.asOf) continue; // no amount, or the quarter is not over yet
    const monthly = rule.period === 'calendar-month';
    let detail: Message | undefined;
    let byFactor = false;
    if (amount < rule.need) {
      detail = msg('finding.salary-below-threshold.quarter', { paid: amount, need: rule.need });
      byFactor = monthly;
    } else if (monthly) {
      // Monthly thresholds: each month paid separately must reach the amount, where months are given.
      for (const [period, m] of paid) {
        if (!period.startsWith(q.slice(0, 4)) || period.includes('Q')) continue;
        const mb = monthBounds(period);
        if (mb.from < rule.from || mb.to > rule.to) continue;
        if (m < (rule.value.value as number))
          detail = msg('finding.salary-below-threshold.month', {
            month: period,
            paid: m,
            need: rule.value.value as number,
          });
      }
    }
    if (!detail) continue;
    const bar = ctx.value('hqs.employer-bar-after-salary-breach', rule.to);
    const years = bar ?? ctx.valueOrFirst('hqs.employer-bar-after-salary-breach', rule.to);
    const used = byFactor ? [rule.value, rule.factor] : [rule.value];
    add(
      g,
      'error',
      'salary-below-threshold',
      [P],
      { period: q, detail, years: years ? ctx.num(years) : NaN },
      basisOf(...used, bar),
      lowConfidence(...used),
    );
  }
}

/**
 * The order a default sort gives [quarter, amount] pairs: by their text (`2024-Q1,750000`), which for distinct
 * quarters of the same length is the quarters' order — the text is written out only where it is not.
 */
function byText([a, x]: [string, number], [b, y]: [string, number]): number {
  if (a.length !== b.length) {
    const ta = `${a},${x}`;
    const tb = `${b},${y}`;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : x === y ? 0 : String(x) < String(y) ? -1 : 1;
}

/** Passports that have ended, or end before the permit or the next filing. */
function passportFindings(g: Gathered, c: Case, f: CaseFacts, index: ObligationIndex): void {
  const ctx = g.ctx;
  const until = permitEnd(f) ?? c.contract.end;
  const nextFiling = index.nextExtension?.due;
  let filingLimit: IsoDate | undefined;
  for (const person of c.people) {
    const pf = f.people.get(person.id) as PersonFacts;
    const current = currentPassport(person, pf);
    if (current === undefined) {
      add(g, 'warning', 'passport-missing', [person.id], { person: person.id });
      continue;
    }
    if (current.expires < ctx.asOf)
      add(g, 'error', 'passport-expired', [person.id], {
        person: person.id,
        number: current.number,
        expires: current.expires,
      });
    else if (until && current.expires < until)
      add(g, 'warning', 'passport-expires-before-permit', [person.id], {
        person: person.id,
        number: current.number,
        expires: current.expires,
        until,
      });
    if (nextFiling && current.expires < (filingLimit ??= addMonths(nextFiling, 6)))
      add(g, 'warning', 'passport-expires-before-filing', [person.id], {
        person: person.id,
        expires: current.expires,
        filing: nextFiling,
      });
  }
}

/** Names and passport numbers that differ between what the case says in different places. */
function mismatchFindings(g: Gathered, c: Case, f: CaseFacts): void {
  const documents = c.documents ?? [];
  if (documents.length === 0) return;
  for (const person of c.people) {
    for (const d of documents) {
      if (d.person !== person.id) continue;
      if (d.name?.latin && norm(d.name.latin) !== norm(person.name.latin))
        add(g, 'warning', 'name-mismatch', [person.id], {
          person: person.id,
          doc: d.type,
          a: d.name.latin,
          b: person.name.latin,
        });
      if (d.name?.cyrillic && person.name.cyrillic && norm(d.name.cyrillic) !== norm(person.name.cyrillic))
        add(g, 'warning', 'name-mismatch', [person.id], {
          person: person.id,
          doc: d.type,
          a: d.name.cyrillic,
          b: person.name.cyrillic,
        });
      if (d.type === 'passport' && d.number) {
        const known = [
          ...(person.passports ?? []).map((p) => p.number),
          ...(f.people.get(person.id) as PersonFacts).passportRenewals.map((r) => r.number),
        ];
        if (known.length > 0 && !known.map(norm).includes(norm(d.number)))
          add(g, 'warning', 'passport-number-mismatch', [person.id], {
            person: person.id,
            number: d.number,
            known: known.join(', '),
          });
      }
    }
  }
}

/** Days abroad under a permit: an absence over six months is a ground to cancel it. */
function permitAbsenceFindings(g: Gathered, f: CaseFacts): void {
  const issued = f.permitIssued[0];
  if (!issued) return;
  const ctx = g.ctx;
  const P = f.principal.id;
  const pf = f.people.get(P) as PersonFacts;
  const v = ctx.value('work-permit.absence-cancellation', ctx.asOf);
  if (!v) return;
  const months = ctx.num(v);
  for (const trip of pf.trips) {
    if (trip.exit < issued.on) continue;
    const back = trip.entry ?? ctx.asOf;
    const limit = addMonths(trip.exit, months);
    if (back > limit)
      add(g, 'error', 'permit-absence-over-limit', [P], { exit: trip.exit, months }, [...v.basis], v.confidence);
    else if (back > addMonths(trip.exit, months - 1))
      add(
        g,
        'warning',
        'permit-absence-nearing-limit',
        [P],
        { exit: trip.exit, months, limit },
        [...v.basis],
        v.confidence,
      );
  }
}

/** RP absences near or over the limit, overdue duties, duties done late, a collection term that may lapse. */
/** An obligation as a sentence names it: the quarter's salary notification, or the kind and the person. */
function named(o: Obligation): Message {
  return o.kind === 'salary-notification'
    ? msg('obligation.salary-notification', { quarter: o.id.slice(o.id.indexOf(':') + 1) })
    : msg('obligation.of', { kind: o.kind, person: o.person });
}

function obligationFindings(g: Gathered, f: CaseFacts, index: ObligationIndex): void {
  const ctx = g.ctx;
  const P = f.principal.id;
  // RP absence nearing or over the limit.
  for (const o of index.absences) {
    const { used, limit } = o.measure as NonNullable<Obligation['measure']>;
    if (used > limit)
      add(g, 'error', 'rp-absence-over-limit', [o.person], { used, limit, year: o.due.slice(0, 4) }, o.basis);
    else if (used >= Math.floor(limit * 0.8))
      add(g, 'warning', 'rp-absence-nearing-limit', [o.person], { used, limit, year: o.due.slice(0, 4) }, o.basis);
  }

  // Overdue duties and duties done late.
  for (const o of index.overdueOrLate) {
    if (o.status === 'overdue')
      add(
        g,
        'error',
        'obligation-overdue',
        [o.person],
        { id: o.id, due: o.due, what: named(o) },
        o.basis,
        o.confidence,
      );
    else if (o.late)
      add(
        g,
        'warning',
        'obligation-done-late',
        [o.person],
        { id: o.id, due: o.due, done: o.doneOn as IsoDate, what: named(o) },
        o.basis,
      );
  }

  // Collection period that may run out before the specialist can arrive.
  const collection = index.nextCollection;
  const pfP = f.people.get(P) as PersonFacts;
  if (
    collection &&
    (f.principal.startsFrom ?? 'abroad') === 'abroad' &&
    !arrivesWithin(pfP, collection.window.from, collection.due)
  ) {
    const ext = ctx.value('work-permit.collection-deadline-extension', collection.window.from);
    const extra = ext ?? ctx.valueOrFirst('work-permit.collection-deadline-extension', collection.window.from);
    add(
      g,
      'warning',
      'collection-before-arrival',
      [P],
      { due: collection.due, extra: extra ? ctx.num(extra) : NaN },
      basisOf(ext),
      'medium',
    );
  }
}

/** Risk flags from the person's history. */
function historyFindings(g: Gathered, c: Case): void {
  for (const person of c.people) {
    const h = person.history;
    if (!h) continue;
    if (h.entryBan) add(g, 'error', 'history-entry-ban', [person.id], { person: person.id });
    if (h.deported) add(g, 'error', 'history-deported', [person.id], { person: person.id });
    if (h.overstay) add(g, 'warning', 'history-overstay', [person.id], { person: person.id });
    if (h.priorRefusal) add(g, 'warning', 'history-prior-refusal', [person.id], { person: person.id });
  }
}

/** Family members the law does not count as family of an HQS. */
function familyFindings(g: Gathered, f: CaseFacts): void {
  const ctx = g.ctx;
  const def = ctx.law.familyDefinitionAt(ctx.asOf);
  if (!def) return;
  for (const person of f.family) {
    if (person.relation && !def.relations.some((r) => r.relation === person.relation))
      add(g, 'warning', 'not-a-family-member', [person.id], { person: person.id, relation: person.relation }, [
        ...def.basis,
      ]);
  }
}

/** Events dated after the evaluation date: not facts on that date, left out — and the reader is told which. */
function ignoredEventFindings(g: Gathered, f: CaseFacts): void {
  const ignored = f.ignored;
  if (ignored.length === 0) return;
  const ctx = g.ctx;
  const people = new Set<string>();
  const list = ignored.slice(0, 10).map((e) => {
    const person = (e as { person?: string }).person ?? (e.type === 'employer-registered' ? '' : f.principal.id);
    if (person) people.add(person);
    return person
      ? msg('finding.events-after-as-of.item', { on: e.on, event: e.type, person })
      : msg('finding.events-after-as-of.item-employer', { on: e.on, event: e.type });
  });
  if (ignored.length > list.length) list.push(msg('list.more'));
  add(g, 'info', 'events-after-as-of', [...people], { count: ignored.length, asOf: ctx.asOf, list });
}

/** An entry into Russia within [from, to]. */
function arrivesWithin(pf: PersonFacts, from: IsoDate, to: IsoDate): boolean {
  for (const e of pf.entries) if (e >= from && e <= to) return true;
  return false;
}

/** Errors, then warnings, then notes, each in the order found (what a stable sort by severity gives). */
function bySeverity(list: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const severity of ['error', 'warning', 'info'] as const)
    for (const x of list) if (x.severity === severity) out.push(x);
  return out;
}
