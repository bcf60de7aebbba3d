// Findings: risks and inconsistencies a manager must see — pay below the threshold in a period,
// passports that end too soon, names or numbers that disagree, long absences, overdue duties, and the
// person's own history.
import type { Case } from '../case/index.ts';
import type { ApplicableThreshold, FamilyDefinitionVersion } from '../law/index.ts';
import { addMonths, monthBounds, quarterBounds, type IsoDate } from '../calendar/date.ts';
import type { Params } from '../i18n/index.ts';
import { type Ctx, CACHE_LIMIT, basisOf } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import type { Finding, Obligation, Severity } from './types.ts';
import { type CaseThresholds, thresholdsOf, bestThreshold } from './eligibility.ts';
import { currentPassport, indexObligations, permitEnd, type ObligationIndex } from './obligations.ts';
import { fmt, type Period } from './util.ts';

/** The findings being gathered for one case. */
interface Gathered {
  ctx: Ctx;
  out: Finding[];
}

function add(
  g: Gathered,
  severity: Severity,
  code: string,
  people: string[],
  params: Params,
  basis: Finding['basis'] = [],
  confidence?: Finding['confidence'],
): void {
  const finding: Finding = { severity, code, message: g.ctx.msgOf('finding.', code, params), people, basis };
  if (confidence) finding.confidence = confidence;
  g.out.push(finding);
}

/** Names and numbers compared as a person would: trimmed, upper case, single spaces. */
function norm(s: string): string {
  return s.trim().toUpperCase().replace(/\s+/g, ' ');
}

/** The relations the family definition counts, per definition (law data: kept by the engine). */
function allowedRelations(ctx: Ctx, def: FamilyDefinitionVersion): ReadonlySet<string> {
  const cache = ctx.shared.memo<FamilyDefinitionVersion, ReadonlySet<string>>('family-relations');
  let allowed = cache.get(def);
  if (allowed === undefined) {
    allowed = new Set(def.relations.map((r) => r.relation as string));
    cache.set(def, allowed);
  }
  return allowed;
}

/** The quarter a salary period (YYYY-Qn or YYYY-MM) falls in. */
function quarterOfPeriod(period: string): string {
  return period.includes('Q')
    ? period
    : `${period.slice(0, 4)}-Q${Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1}`;
}

export function deriveFindings(ctx: Ctx, c: Case, f: CaseFacts, obligations: readonly Obligation[]): Finding[] {
  const g: Gathered = { ctx, out: [] };
  salaryFindings(g, c, f);
  const index = ctx.local(obligations, indexObligations);
  passportFindings(g, c, f, index);
  mismatchFindings(g, c, f);
  permitAbsenceFindings(g, f);
  obligationFindings(g, f, index);
  historyFindings(g, c);
  familyFindings(g, f);
  ignoredEventFindings(g, f);
  return bySeverity(g.out);
}

/** How the law measured pay in one quarter, for one set of threshold categories: the stricter of its two ends. */
interface QuarterRule {
  from: IsoDate;
  to: IsoDate;
  worst: { need: number; period: Period; value: ApplicableThreshold['value'] } | undefined;
}

function quarterRule(ctx: Ctx, thresholds: CaseThresholds, cache: Map<string, QuarterRule>, q: string): QuarterRule {
  let rule = cache.get(q);
  if (rule === undefined) {
    const { from, to } = quarterBounds(q);
    // A quarter across a change in the law: judged by the stricter value (the Interior Ministry applied
    // 750,000 to the whole first quarter of 2024).
    let worst: QuarterRule['worst'];
    for (const d of [from, to]) {
      const cand = bestThreshold(thresholds.at(d, ctx.withProposed));
      if (!cand || cand.value.value === null) continue;
      const period = (cand.value.period ?? 'year') as Period;
      const need =
        period === 'calendar-quarter'
          ? cand.value.value
          : period === 'calendar-month'
            ? cand.value.value * 3
            : cand.value.value / 4;
      if (!worst || need > worst.need) worst = { need, period, value: cand.value };
    }
    rule = { from, to, worst };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(q, rule);
  }
  return rule;
}

/** Amounts summed per key, the keys in the order first seen (what a Map would hold, without iterating one). */
interface Sums {
  keys: string[];
  amounts: number[];
}

function addTo(sums: Sums, at: Map<string, number>, key: string, amount: number): void {
  const i = at.get(key);
  if (i === undefined) {
    at.set(key, sums.keys.length);
    sums.keys.push(key);
    sums.amounts.push(0 + amount);
  } else sums.amounts[i] = (sums.amounts[i] as number) + amount;
}

/** Pay below the threshold in a period, from salary-paid events, measured as the law measured it then. */
function salaryFindings(g: Gathered, c: Case, f: CaseFacts): void {
  const paidEvents = f.salaryPaid;
  if (paidEvents.length === 0) return;
  const ctx = g.ctx;
  const P = f.principal.id;
  // Amounts per period, then per quarter, each in the order first seen.
  const paid: Sums = { keys: [], amounts: [] };
  const periodAt = new Map<string, number>();
  for (const e of paidEvents) addTo(paid, periodAt, e.period, e.amount);
  const quarters: Sums = { keys: [], amounts: [] };
  const quarterAt = new Map<string, number>();
  const quarterNames = ctx.shared.memo<string, string>('quarter-of-period');
  for (let i = 0; i < paid.keys.length; i++) {
    const period = paid.keys[i] as string;
    let q = quarterNames.get(period);
    if (q === undefined) {
      q = quarterOfPeriod(period);
      if (quarterNames.size >= CACHE_LIMIT) quarterNames.clear();
      quarterNames.set(period, q);
    }
    addTo(quarters, quarterAt, q, paid.amounts[i] as number);
  }
  const thresholds = thresholdsOf(ctx, c);
  const rules = thresholds.memo<QuarterRule>(ctx.withProposed ? 'quarter-rule+proposed' : 'quarter-rule');
  for (const k of inDefaultSortOrder(quarters)) {
    const q = quarters.keys[k] as string;
    const amount = quarters.amounts[k] as number;
    const { from, to, worst } = quarterRule(ctx, thresholds, rules, q);
    if (to > ctx.asOf) continue; // the quarter is not over yet
    if (!worst) continue;
    const monthly = worst.period === 'calendar-month';
    let below = amount < worst.need;
    let detail: string | undefined;
    if (monthly && !below) {
      // Monthly thresholds: each month paid separately must reach the amount, where months are given.
      const year = q.slice(0, 4);
      for (let i = 0; i < paid.keys.length; i++) {
        const period = paid.keys[i] as string;
        const m = paid.amounts[i] as number;
        if (!period.startsWith(year) || period.includes('Q')) continue;
        const mb = monthBounds(period);
        if (mb.from < from || mb.to > to) continue;
        if (m < (worst.value.value as number)) {
          below = true;
          detail = `${period}: ${fmt(m)} < ${fmt(worst.value.value as number)}`;
        }
      }
    }
    if (below) {
      const bar = ctx.param('hqs.employer-bar-after-salary-breach', to);
      detail ??= `${fmt(amount)} < ${fmt(worst.need)}`;
      add(
        g,
        'error',
        'salary-below-threshold',
        [P],
        { period: q, detail, years: bar ? String(bar.value) : '2' },
        basisOf(worst.value, bar),
      );
    }
  }
}

/**
 * The positions of the [quarter, amount] pairs in the order [...map].sort() gives: by the text
 * "quarter,amount". Quarters written alike (YYYY-Qn, all seven characters) differ within those
 * characters, so their own order decides.
 */
function inDefaultSortOrder(quarters: Sums): number[] {
  const { keys, amounts } = quarters;
  const order = keys.map((_, k) => k);
  let plain = true;
  for (const q of keys) if (q.length !== 7) plain = false;
  if (!plain) {
    const texts = keys.map((q, k) => `${q},${amounts[k] as number}`);
    return order.sort((a, b) =>
      (texts[a] as string) < (texts[b] as string) ? -1 : (texts[a] as string) > (texts[b] as string) ? 1 : 0,
    );
  }
  // Insertion sort by quarter (stable; quarters are unique and mostly in order already).
  for (let i = 1; i < order.length; i++) {
    const x = order[i] as number;
    const xq = keys[x] as string;
    let j = i - 1;
    while (j >= 0 && (keys[order[j] as number] as string) > xq) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = x;
  }
  return order;
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
  const v = ctx.param('work-permit.absence-cancellation', ctx.asOf);
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
      add(g, 'error', 'obligation-overdue', [o.person], { id: o.id, due: o.due }, o.basis, o.confidence);
    else if (o.late)
      add(g, 'warning', 'obligation-done-late', [o.person], { id: o.id, due: o.due, done: o.doneOn ?? '' }, o.basis);
  }

  // Collection period that may run out before the specialist can arrive.
  const collection = index.nextCollection;
  const pfP = f.people.get(P) as PersonFacts;
  if (
    collection &&
    (f.principal.startsFrom ?? 'abroad') === 'abroad' &&
    !arrivesWithin(pfP, collection.window.from, collection.due)
  ) {
    const ext = ctx.param('work-permit.collection-deadline-extension', collection.window.from);
    add(
      g,
      'warning',
      'collection-before-arrival',
      [P],
      { due: collection.due, extra: ext ? String(ext.value) : '30' },
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
  const allowed = allowedRelations(ctx, def);
  for (const person of f.family) {
    if (person.relation && !allowed.has(person.relation))
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
  const shown = ignored.slice(0, 10).map((e) => {
    const person = (e as { person?: string }).person ?? (e.type === 'employer-registered' ? '' : f.principal.id);
    if (person) people.add(person);
    return `${e.on} ${ctx.msg(`eventtype.${e.type}`)}${person ? ` (${person})` : ''}`;
  });
  const list = ignored.length > shown.length ? `${shown.join('; ')}; …` : shown.join('; ');
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
