// Every dated legal duty over the whole life of the case, each with its window, due date, status,
// basis and the arithmetic that produced it. Rules are read from the law data in force on the day the
// duty arises (the trigger), counted on the production calendar as the data says (calendar or working
// days; no shift of a last day that falls on a non-working day unless the data says so — the earlier,
// safer date).
import type { Case, Person } from '../case/index.ts';
import type { ParameterValue } from '../law/index.ts';
import { addDays, addMonths, addYears, quarterBounds, type IsoDate } from '../calendar/date.ts';
import { type Ctx, basisOfList } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import type { Obligation, ObligationKind } from './types.ts';
import { statusOf, ageOn } from './util.ts';


function make(
  ctx: Ctx,
  kind: ObligationKind,
  key: string,
  person: string,
  from: IsoDate,
  due: IsoDate,
  doneOn: IsoDate | undefined,
  values: (ParameterValue | undefined)[],
  why: string,
): Obligation {
  const o: Obligation = {
    id: `${kind}:${key}`,
    kind,
    person,
    due,
    window: { from, to: due },
    status: statusOf(ctx.asOf, from, due, doneOn !== undefined && doneOn <= ctx.asOf),
    basis: basisOfList(values),
    why,
  };
  if (doneOn !== undefined && doneOn <= ctx.asOf) {
    o.doneOn = doneOn;
    if (doneOn > due) o.late = true;
  }
  if (ctx.trace) {
    const params = values.filter((v): v is ParameterValue => v !== undefined).map((v) => ({ id: v.parameterId, v }));
    ctx.note(`obligation.${kind}`, `${o.id}: ${why} → ${o.status}`, params, [`window ${from} … ${due}`]);
  }
  const year = Number(due.slice(0, 4));
  if (year > ctx.cal.cal.lastYear) {
    o.why += ` ${ctx.msg('why.provisional', { year })}`;
    o.confidence = 'low';
    return o;
  }
  for (const v of values) {
    if (v && (v.confidence === 'low' || v.confidence === 'low-medium')) {
      o.confidence = v.confidence;
      break;
    }
  }
  return o;
}

/** The first date in a sorted list on or after `from` (and on or before `to`, when given). */
function firstBetween(list: readonly IsoDate[], from: IsoDate, to?: IsoDate): IsoDate | undefined {
  for (const d of list) if (d >= from && (to === undefined || d <= to)) return d;
  return undefined;
}

/** When the case's work ends: the first termination, else the contract end. */
export function workEnd(c: Case, f: CaseFacts): IsoDate | undefined {
  return f.contractTerminated[0] ?? c.contract.end;
}

/** The permit's current end: the last extension, else the issued permit's validity. */
export function permitEnd(f: CaseFacts): IsoDate | undefined {
  const ext = f.permitExtended[f.permitExtended.length - 1];
  if (ext) return ext.validUntil;
  return f.permitIssued[f.permitIssued.length - 1]?.validUntil;
}

function employerNotifications(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const p = f.principal.id;
  const concluded = f.contractSigned[0] ?? (f.permitIssued[0] ? c.contract.start : undefined);
  if (concluded) {
    const v = ctx.param('employer.notification-contract-concluded', concluded);
    if (v) {
      const term = ctx.term(v);
      const { date: due, steps } = ctx.termEnd(concluded, term);
      const done = f.notifications.find((n) => n.kind === 'contract-concluded')?.on;
      const assumed = f.contractSigned[0] ? '' : ` ${ctx.msg('why.assumed-start')}`;
      out.push(make(ctx, 'contract-notification', concluded, p, concluded, due, done, [v], ctx.msg('why.contract-notification', { steps }) + assumed));
    }
  }
  for (const ended of f.contractTerminated) {
    const v = ctx.param('employer.notification-contract-terminated', ended);
    if (!v) continue;
    const { date: due, steps } = ctx.termEnd(ended, ctx.term(v));
    const done = f.notifications.find((n) => n.kind === 'contract-terminated' && n.on >= ended)?.on;
    out.push(make(ctx, 'termination-notification', ended, p, ended, due, done, [v], ctx.msg('why.termination-notification', { steps })));
  }
}

/**
 * A quarter's salary notification as far as it follows from the law, the calendar and the language alone
 * (the engine keeps these between evaluations): the quarter, its first day, the day the window opens,
 * the law in force then (per withProposed), the due date and the words.
 */
interface SalaryQuarter {
  period: string;
  from: IsoDate;
  windowFrom: IsoDate;
  month: string;
  due?: IsoDate;
  /** The parameter value on windowFrom, without and with proposals (absent: not looked up yet; null: none). */
  v: [ParameterValue | null | undefined, ParameterValue | null | undefined];
  why: Map<string, string>;
}

function salaryQuarter(ctx: Ctx, year: number, q: number): SalaryQuarter {
  const cache = ctx.shared.memo<number, SalaryQuarter>('salary-quarter');
  const key = year * 4 + q;
  let sq = cache.get(key);
  if (sq === undefined) {
    const period = `${year}-Q${q}`;
    const bounds = quarterBounds(period);
    const windowFrom = addDays(bounds.to, 1);
    sq = { period, from: bounds.from, windowFrom, month: windowFrom.slice(0, 7), v: [undefined, undefined], why: new Map() };
    cache.set(key, sq);
  }
  return sq;
}

function salaryNotifications(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const issued = f.permitIssued[0]?.on;
  // Quarters in which the HQS works: from the contract start (not before the permit) to the end of work.
  const start = issued && issued > c.contract.start ? issued : c.contract.start;
  const end = workEnd(c, f) ?? c.contract.start;
  const p = f.principal.id;
  const wp = ctx.withProposed ? 1 : 0;
  const notifications = f.notifications;
  let year = Number(start.slice(0, 4));
  let q = Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1;
  for (let guard = 0; guard < 80; guard++) {
    const sq = salaryQuarter(ctx, year, q);
    if (sq.from > end) break;
    let v = sq.v[wp];
    if (v === undefined) v = sq.v[wp] = ctx.param('employer.salary-notification-due', sq.windowFrom) ?? null;
    if (v) {
      const period = sq.period;
      const due = (sq.due ??= ctx.cal.lastWorkingDayOfMonth(sq.month));
      let done: IsoDate | undefined;
      for (let i = 0; i < notifications.length; i++) {
        const n = notifications[i] as (typeof notifications)[number];
        if (n.kind === 'salary' && n.period === period) {
          done = n.on;
          break;
        }
      }
      let why = sq.why.get(ctx.lang);
      if (why === undefined) {
        why = ctx.msg('why.salary-notification', { period, month: sq.month, due });
        sq.why.set(ctx.lang, why);
      }
      out.push(make(ctx, 'salary-notification', period, p, sq.windowFrom, due, done, [v], why));
    }
    if (++q > 4) {
      q = 1;
      year++;
    }
  }
}

/** The person holds a residence permit on the date. */
function hasRp(pf: PersonFacts, on: IsoDate): boolean {
  for (const r of pf.rpIssued) if (r.on <= on && (r.indefinite === true || (r.validUntil !== undefined && r.validUntil >= on))) return true;
  return false;
}

function registrations(ctx: Ctx, pf: PersonFacts, out: Obligation[]): void {
  const id = pf.person.id;
  for (const entry of pf.entries) {
    // An RP holder registered at the place of residence needs no stay registration on re-entry.
    if (hasRp(pf, entry)) continue;
    const v = ctx.param('registration.hqs-family-after-entry', entry);
    if (!v) continue;
    const { date: due, steps } = ctx.termEndOf(entry, v);
    const exit = firstBetween(pf.exits, entry);
    let done: IsoDate | undefined;
    for (const r of pf.registrations) {
      if (r.on >= entry && (exit === undefined || r.on <= exit)) {
        done = r.on;
        break;
      }
    }
    if (!done && exit !== undefined && exit <= due) continue; // left before the duty arose
    out.push(make(ctx, 'migration-registration', `${id}:${entry}`, id, entry, due, done, [v], ctx.msg('why.registration-entry', { steps })));
  }
  for (const moved of pf.moves) {
    if (hasRp(pf, moved)) continue;
    const v = ctx.param('registration.hqs-family-on-move', moved);
    if (!v) continue;
    const { date: due, steps } = ctx.termEndOf(moved, v);
    const done = pf.registrations.find((r) => r.on >= moved)?.on;
    out.push(make(ctx, 'migration-registration', `${id}:move:${moved}`, id, moved, due, done, [v], ctx.msg('why.registration-move', { steps })));
  }
}

function collection(ctx: Ctx, f: CaseFacts, on: IsoDate, key: string, out: Obligation[]): void {
  const v = ctx.param('work-permit.collection-deadline', on);
  if (!v) return; // no statutory collection term before 2024-01-07
  const { date: due, steps } = ctx.termEndOf(on, v);
  const done = firstBetween(f.permitCollected, on);
  out.push(make(ctx, 'work-permit-collection', key, f.principal.id, on, due, done, [v], ctx.msg('why.collection', { steps })));
}

function permitDuties(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const p = f.principal.id;
  for (const e of f.permitIssued) collection(ctx, f, e.on, `issued:${e.on}`, out);
  for (const e of f.permitExtended) collection(ctx, f, e.on, `extended:${e.on}`, out);
  // Extension: file before the permit ends where the work goes on past it.
  const until = permitEnd(f);
  const end = workEnd(c, f);
  if (until && (end === undefined || end > until) && f.permitCancelled.length === 0) {
    const v = ctx.param('work-permit.decision-term', until);
    if (v) {
      const term = ctx.term(v);
      const latest = ctx.cal.addWorkingDays(ctx.cal.previousWorkingDay(until), -term.value);
      const from = addMonths(until, -3) < latest ? addMonths(until, -3) : latest;
      const done = firstBetween(f.extensionFiled, f.permitIssued[0]?.on ?? c.contract.start);
      const o = make(ctx, 'work-permit-extension', until, p, from, latest, done, [v], ctx.msg('why.extension', { until, n: term.value, latest }));
      o.confidence = 'low';
      out.push(o);
    }
  }
}

function rpDuties(ctx: Ctx, pf: PersonFacts, out: Obligation[]): void {
  const id = pf.person.id;
  for (const rp of pf.rpIssued) {
    const reg = ctx.param('registration.rp-holder', rp.on);
    if (reg) {
      const { date: due, steps } = ctx.termEndOf(rp.on, reg);
      const done = pf.registrations.find((r) => r.on >= rp.on)?.on;
      out.push(make(ctx, 'rp-registration', `${id}:${rp.on}`, id, rp.on, due, done, [reg], ctx.msg('why.rp-registration', { steps })));
    }
    // Annual notification after each year of residence, counted from the issue date.
    const last = rp.indefinite ? addYears(ctx.asOf, 1) : (rp.validUntil ?? rp.on);
    for (let k = 1; k <= 60; k++) {
      const anniversary = addYears(rp.on, k);
      if (anniversary > last) break;
      const v = ctx.param('rp.annual-notification-window', anniversary);
      if (!v) continue;
      const { date: due, steps } = ctx.termEndOf(anniversary, v);
      const done = pf.rpAnnual.find((n) => n.year === k && n.on >= rp.on)?.on;
      out.push(make(ctx, 'rp-annual-notification', `${id}:${rp.on}:${k}`, id, anniversary, due, done, [v], ctx.msg('why.rp-annual', { k, anniversary, steps })));
    }
    // Book replacement at 14, 20 and 45 while the permit lasts.
    const ages = ctx.param('rp.book-replacement-ages', rp.on);
    if (ages && Array.isArray(ages.value)) {
      for (const age of ages.value as readonly number[]) {
        const birthday = addYears(pf.person.birthDate, age);
        if (birthday < rp.on) continue;
        if (!rp.indefinite && rp.validUntil !== undefined && birthday > rp.validUntil) continue;
        if (birthday > addYears(ctx.asOf, 5)) continue;
        const dl = ctx.param('rp.book-replacement-deadline', birthday);
        const { date: due, steps } = dl ? ctx.termEnd(birthday, ctx.term(dl)) : { date: birthday, steps: birthday };
        const later = pf.rpIssued.find((r) => r.on >= birthday)?.on;
        out.push(make(ctx, 'rp-book-replacement', `${id}:${age}`, id, birthday, due, later, [ages, dl], ctx.msg('why.rp-book', { age, birthday, steps })));
      }
    }
  }
}

/** Days outside Russia in each calendar year under an RP: exit day abroad, entry day in Russia. */
export function absenceDays(pf: PersonFacts, from: IsoDate, to: IsoDate, asOf: IsoDate): { total: number; longest: number } {
  let total = 0;
  let longest = 0;
  for (const trip of pf.trips) {
    const back = trip.entry ?? addDays(asOf, 1);
    const a = trip.exit > from ? trip.exit : from;
    const bLimit = addDays(to, 1);
    const b = back < bLimit ? back : bLimit;
    if (b <= a) continue;
    const days = Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
    total += days;
    const whole = Math.round((Date.parse(back) - Date.parse(trip.exit)) / 86_400_000);
    if (whole > longest) longest = whole;
  }
  return { total, longest };
}

const LIMIT_DAYS = new Map<number, number>();

/** An absence limit of `months` in days: the shortest such span a year can hold (from 1 January of a common year). */
function limitDays(months: number): number {
  let days = LIMIT_DAYS.get(months);
  if (days === undefined) {
    days = Math.round((Date.parse(addMonths(`2023-01-01` as IsoDate, months)) - Date.parse('2023-01-01')) / 86_400_000);
    LIMIT_DAYS.set(months, days);
  }
  return days;
}

function rpAbsence(ctx: Ctx, pf: PersonFacts, out: Obligation[]): void {
  const id = pf.person.id;
  const rp = pf.rpIssued[0];
  if (!rp) return;
  const lastYear = Math.min(Number(ctx.asOf.slice(0, 4)), rp.indefinite ? 9999 : Number((rp.validUntil ?? rp.on).slice(0, 4)));
  for (let y = Number(rp.on.slice(0, 4)); y <= lastYear; y++) {
    const yStart = `${y}-01-01` as IsoDate;
    const yEnd = `${y}-12-31` as IsoDate;
    const v = ctx.param('rp.absence-limit', yEnd < ctx.asOf ? yEnd : ctx.asOf);
    if (!v) continue;
    const months = ctx.num(v);
    // Six months in total: counted as the shortest six months a year can hold (January–June of a
    // common year, 181 days), so a warning never comes late.
    const limit = limitDays(months);
    const from = rp.on > yStart ? rp.on : yStart;
    const { total, longest } = absenceDays(pf, from, yEnd, ctx.asOf);
    const used = v.rule === 'consecutive' ? longest : total;
    const over = used > limit;
    const o: Obligation = {
      id: `rp-absence-limit:${id}:${y}`,
      kind: 'rp-absence-limit',
      person: id,
      due: yEnd,
      window: { from, to: yEnd },
      status: over ? 'overdue' : ctx.asOf > yEnd ? 'done' : ctx.asOf >= from ? 'due' : 'upcoming',
      basis: [...v.basis],
      why: ctx.msg(v.rule === 'consecutive' ? 'why.absence-consecutive' : 'why.absence-total', { year: y, used, limit, months }),
      measure: { used, limit, unit: 'days' },
    };
    if (o.status === 'done') o.doneOn = yEnd;
    out.push(o);
  }
}

function afterTermination(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const ended = f.contractTerminated[0];
  if (!ended) return;
  const win = ctx.param('hqs.after-termination.new-contract-window', ended);
  const dep = ctx.param('hqs.after-termination.departure-period', ended);
  if (!win || !dep) return;
  const { date: searchEnd, steps: s1 } = ctx.termEnd(ended, ctx.term(win));
  const { date: leaveBy, steps: s2 } = ctx.termEnd(searchEnd, ctx.term(dep));
  const newContract = f.contractSigned.find((d) => d > ended && d <= searchEnd);
  const p = f.principal.id;
  out.push(make(ctx, 'leave-or-new-contract', `${p}:new-contract`, p, ended, searchEnd, newContract, [win], ctx.msg('why.new-contract', { steps: s1 })));
  for (const person of c.people) {
    const pf = f.people.get(person.id) as PersonFacts;
    const left = newContract ?? firstBetween(pf.exits, ended);
    out.push(make(ctx, 'leave-or-new-contract', `${person.id}:leave`, person.id, searchEnd, leaveBy, left, [win, dep], ctx.msg('why.leave', { s1, s2 })));
  }
}

/** The passport that runs longest (the first such, in the order the case lists passports and renewals). */
export function currentPassport(person: Person, pf: PersonFacts): { number: string; expires: IsoDate } | undefined {
  let current: { number: string; expires: IsoDate } | undefined;
  if (person.passports) for (const x of person.passports) if (current === undefined || x.expires > current.expires) current = x;
  for (const x of pf.passportRenewals) if (current === undefined || x.expires > current.expires) current = x;
  return current;
}

function passports(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const until = permitEnd(f) ?? c.contract.end;
  for (const person of c.people) {
    const pf = f.people.get(person.id) as PersonFacts;
    const current = currentPassport(person, pf);
    if (current === undefined) continue;
    const need = until ?? current.expires;
    // Renew before the passport ends; the window opens six months before (typical consular lead time).
    const lead = ctx.param('passport.renewal-lead', ctx.asOf);
    const from = addMonths(current.expires, -(lead ? ctx.num(lead) : 6));
    // No passport runs longer than the current one, so this duty is never marked done by a renewal.
    const o = make(ctx, 'passport-validity', `${person.id}:${current.number}`, person.id, from, current.expires, undefined, [lead], ctx.msg('why.passport', { number: current.number, expires: current.expires, need }));
    if (current.expires >= need && ctx.asOf < from) o.status = 'upcoming';
    out.push(o);
  }
}

export function deriveObligations(ctx: Ctx, c: Case, f: CaseFacts): Obligation[] {
  const out: Obligation[] = [];
  employerNotifications(ctx, c, f, out);
  salaryNotifications(ctx, c, f, out);
  permitDuties(ctx, c, f, out);
  for (const pf of f.people.values()) {
    registrations(ctx, pf, out);
    rpDuties(ctx, pf, out);
    rpAbsence(ctx, pf, out);
  }
  afterTermination(ctx, c, f, out);
  passports(ctx, c, f, out);
  return sortByDueThenId(out);
}

/** Stably by due date, then id: an insertion sort over the two keys (the list is mostly in order already). */
function sortByDueThenId(list: Obligation[]): Obligation[] {
  const n = list.length;
  if (n > 256) return list.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const dues: string[] = new Array<string>(n);
  const ids: string[] = new Array<string>(n);
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const o = list[i] as Obligation;
    dues[i] = o.due;
    ids[i] = o.id;
    order[i] = i;
  }
  for (let i = 1; i < n; i++) {
    const x = order[i] as number;
    const xd = dues[x] as string;
    const xi = ids[x] as string;
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = order[j] as number;
      const yd = dues[y] as string;
      if (yd > xd || (yd === xd && (ids[y] as string) > xi)) order[j + 1] = y;
      else break;
    }
    order[j + 1] = x;
  }
  const sorted: Obligation[] = new Array<Obligation>(n);
  for (let i = 0; i < n; i++) sorted[i] = list[order[i] as number] as Obligation;
  return sorted;
}

export { ageOn };
