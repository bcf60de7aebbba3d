// Every dated legal duty over the whole life of the case, each with its window, due date, status,
// basis and the arithmetic that produced it. Rules are read from the law data in force on the day the
// duty arises (the trigger), counted on the production calendar as the data says (calendar or working
// days; no shift of a last day that falls on a non-working day unless the data says so — the earlier,
// safer date).
import type { Case } from '../case/index.ts';
import type { ParameterValue } from '../law/index.ts';
import { addDays, addMonths, addYears, quarterBounds, type IsoDate } from '../calendar/date.ts';
import { type Ctx, basisOf } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import type { Obligation, ObligationKind } from './types.ts';
import { statusOf, ageOn } from './util.ts';

type Push = (o: Obligation) => void;

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
    basis: basisOf(...values),
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

function employerNotifications(ctx: Ctx, c: Case, f: CaseFacts, push: Push): void {
  const p = f.principal.id;
  const concluded = f.contractSigned[0] ?? (f.permitIssued[0] ? c.contract.start : undefined);
  if (concluded) {
    const v = ctx.param('employer.notification-contract-concluded', concluded);
    if (v) {
      const term = ctx.term(v);
      const { date: due, steps } = ctx.termEnd(concluded, term);
      const done = f.notifications.find((n) => n.kind === 'contract-concluded')?.on;
      const assumed = f.contractSigned[0] ? '' : ` ${ctx.msg('why.assumed-start')}`;
      push(make(ctx, 'contract-notification', concluded, p, concluded, due, done, [v], ctx.msg('why.contract-notification', { steps }) + assumed));
    }
  }
  for (const ended of f.contractTerminated) {
    const v = ctx.param('employer.notification-contract-terminated', ended);
    if (!v) continue;
    const { date: due, steps } = ctx.termEnd(ended, ctx.term(v));
    const done = f.notifications.find((n) => n.kind === 'contract-terminated' && n.on >= ended)?.on;
    push(make(ctx, 'termination-notification', ended, p, ended, due, done, [v], ctx.msg('why.termination-notification', { steps })));
  }
}

function salaryNotifications(ctx: Ctx, c: Case, f: CaseFacts, push: Push): void {
  const issued = f.permitIssued[0]?.on;
  // Quarters in which the HQS works: from the contract start (not before the permit) to the end of work.
  const start = issued && issued > c.contract.start ? issued : c.contract.start;
  const end = workEnd(c, f) ?? c.contract.start;
  const p = f.principal.id;
  let year = Number(start.slice(0, 4));
  let q = Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1;
  for (let guard = 0; guard < 80; guard++) {
    const period = `${year}-Q${q}`;
    const bounds = quarterBounds(period);
    if (bounds.from > end) break;
    const windowFrom = addDays(bounds.to, 1);
    const v = ctx.param('employer.salary-notification-due', windowFrom);
    if (v) {
      const month = windowFrom.slice(0, 7);
      const due = ctx.cal.lastWorkingDayOfMonth(month);
      const done = f.notifications.find((n) => n.kind === 'salary' && n.period === period)?.on;
      push(make(ctx, 'salary-notification', period, p, windowFrom, due, done, [v], ctx.msg('why.salary-notification', { period, month, due })));
    }
    if (++q > 4) {
      q = 1;
      year++;
    }
  }
}

function registrations(ctx: Ctx, c: Case, f: CaseFacts, pf: PersonFacts, push: Push): void {
  const id = pf.person.id;
  const hasRp = (on: IsoDate) => pf.rpIssued.some((r) => r.on <= on && (r.indefinite === true || (r.validUntil !== undefined && r.validUntil >= on)));
  for (const entry of pf.entries) {
    // An RP holder registered at the place of residence needs no stay registration on re-entry.
    if (hasRp(entry)) continue;
    const v = ctx.param('registration.hqs-family-after-entry', entry);
    if (!v) continue;
    const { date: due, steps } = ctx.termEnd(entry, ctx.term(v));
    const exit = firstBetween(pf.exits, entry);
    const done = pf.registrations.find((r) => r.on >= entry && (exit === undefined || r.on <= exit))?.on;
    if (!done && exit !== undefined && exit <= due) continue; // left before the duty arose
    push(make(ctx, 'migration-registration', `${id}:${entry}`, id, entry, due, done, [v], ctx.msg('why.registration-entry', { steps })));
  }
  for (const moved of pf.moves) {
    if (hasRp(moved)) continue;
    const v = ctx.param('registration.hqs-family-on-move', moved);
    if (!v) continue;
    const { date: due, steps } = ctx.termEnd(moved, ctx.term(v));
    const done = pf.registrations.find((r) => r.on >= moved)?.on;
    push(make(ctx, 'migration-registration', `${id}:move:${moved}`, id, moved, due, done, [v], ctx.msg('why.registration-move', { steps })));
  }
  void c;
}

function permitDuties(ctx: Ctx, c: Case, f: CaseFacts, push: Push): void {
  const p = f.principal.id;
  const decisions: { on: IsoDate; key: string }[] = [
    ...f.permitIssued.map((e) => ({ on: e.on, key: `issued:${e.on}` })),
    ...f.permitExtended.map((e) => ({ on: e.on, key: `extended:${e.on}` })),
  ];
  for (const d of decisions) {
    const v = ctx.param('work-permit.collection-deadline', d.on);
    if (!v) continue; // no statutory collection term before 2024-01-07
    const { date: due, steps } = ctx.termEnd(d.on, ctx.term(v));
    const done = firstBetween(f.permitCollected, d.on);
    push(make(ctx, 'work-permit-collection', d.key, p, d.on, due, done, [v], ctx.msg('why.collection', { steps })));
  }
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
      push(o);
    }
  }
}

function rpDuties(ctx: Ctx, f: CaseFacts, pf: PersonFacts, push: Push): void {
  const id = pf.person.id;
  for (const rp of pf.rpIssued) {
    const reg = ctx.param('registration.rp-holder', rp.on);
    if (reg) {
      const { date: due, steps } = ctx.termEnd(rp.on, ctx.term(reg));
      const done = pf.registrations.find((r) => r.on >= rp.on)?.on;
      push(make(ctx, 'rp-registration', `${id}:${rp.on}`, id, rp.on, due, done, [reg], ctx.msg('why.rp-registration', { steps })));
    }
    // Annual notification after each year of residence, counted from the issue date.
    const last = rp.indefinite ? addYears(ctx.asOf, 1) : (rp.validUntil ?? rp.on);
    for (let k = 1; k <= 60; k++) {
      const anniversary = addYears(rp.on, k);
      if (anniversary > last) break;
      const v = ctx.param('rp.annual-notification-window', anniversary);
      if (!v) continue;
      const { date: due, steps } = ctx.termEnd(anniversary, ctx.term(v));
      const done = pf.rpAnnual.find((n) => n.year === k && n.on >= rp.on)?.on;
      push(make(ctx, 'rp-annual-notification', `${id}:${rp.on}:${k}`, id, anniversary, due, done, [v], ctx.msg('why.rp-annual', { k, anniversary, steps })));
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
        const o = make(ctx, 'rp-book-replacement', `${id}:${age}`, id, birthday, due, later, [ages, dl], ctx.msg('why.rp-book', { age, birthday, steps }));
        push(o);
      }
    }
  }
  void f;
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

function rpAbsence(ctx: Ctx, pf: PersonFacts, push: Push): void {
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
    const limit = Math.round((Date.parse(addMonths(`2023-01-01` as IsoDate, months)) - Date.parse('2023-01-01')) / 86_400_000);
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
    push(o);
  }
}

function afterTermination(ctx: Ctx, c: Case, f: CaseFacts, push: Push): void {
  const ended = f.contractTerminated[0];
  if (!ended) return;
  const win = ctx.param('hqs.after-termination.new-contract-window', ended);
  const dep = ctx.param('hqs.after-termination.departure-period', ended);
  if (!win || !dep) return;
  const { date: searchEnd, steps: s1 } = ctx.termEnd(ended, ctx.term(win));
  const { date: leaveBy, steps: s2 } = ctx.termEnd(searchEnd, ctx.term(dep));
  const newContract = f.contractSigned.find((d) => d > ended && d <= searchEnd);
  const p = f.principal.id;
  push(make(ctx, 'leave-or-new-contract', `${p}:new-contract`, p, ended, searchEnd, newContract, [win], ctx.msg('why.new-contract', { steps: s1 })));
  for (const person of c.people) {
    const pf = f.people.get(person.id) as PersonFacts;
    const left = newContract ?? firstBetween(pf.exits, ended);
    push(make(ctx, 'leave-or-new-contract', `${person.id}:leave`, person.id, searchEnd, leaveBy, left, [win, dep], ctx.msg('why.leave', { s1, s2 })));
  }
}

function passports(ctx: Ctx, c: Case, f: CaseFacts, push: Push): void {
  const until = permitEnd(f) ?? c.contract.end;
  for (const person of c.people) {
    const pf = f.people.get(person.id) as PersonFacts;
    const all = [...(person.passports ?? []), ...pf.passportRenewals.map((r) => ({ number: r.number, issued: r.issued, expires: r.expires }))];
    if (all.length === 0) continue;
    const current = all.reduce((a, b) => (b.expires > a.expires ? b : a));
    const need = until ?? current.expires;
    // Renew before the passport ends; the window opens six months before (typical consular lead time).
    const lead = ctx.param('passport.renewal-lead', ctx.asOf);
    const from = addMonths(current.expires, -(lead ? ctx.num(lead) : 6));
    const renewed = all.some((x) => x.expires > current.expires);
    const o = make(ctx, 'passport-validity', `${person.id}:${current.number}`, person.id, from, current.expires, renewed ? current.expires : undefined, [lead], ctx.msg('why.passport', { number: current.number, expires: current.expires, need }));
    if (current.expires >= need && ctx.asOf < from) o.status = 'upcoming';
    push(o);
  }
}

export function deriveObligations(ctx: Ctx, c: Case, f: CaseFacts): Obligation[] {
  const out: Obligation[] = [];
  const push: Push = (o) => {
    out.push(o);
  };
  employerNotifications(ctx, c, f, push);
  salaryNotifications(ctx, c, f, push);
  permitDuties(ctx, c, f, push);
  for (const pf of f.people.values()) {
    registrations(ctx, c, f, pf, push);
    rpDuties(ctx, f, pf, push);
    rpAbsence(ctx, pf, push);
  }
  afterTermination(ctx, c, f, push);
  passports(ctx, c, f, push);
  out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

export { ageOn };
