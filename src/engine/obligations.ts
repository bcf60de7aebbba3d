// Every dated legal duty over the whole life of the case, each with its window, due date, status,
// basis and the arithmetic that produced it. Rules are read from the law data in force on the day the
// duty arises (the trigger), counted on the production calendar as the data says (calendar or working
// days; no shift of a last day that falls on a non-working day unless the data says so — the earlier,
// safer date).
import type { Case, Person } from '../case/index.ts';
import type { ParameterValue } from '../law/index.ts';
import { addDays, addMonths, addYears, quarterBounds, type IsoDate } from '../calendar/date.ts';
import { type Ctx, basisOfList } from './context.ts';
import { inRussiaOn, type CaseFacts, type PersonFacts } from './facts.ts';
import type { Confidence, Obligation, ObligationKind } from './types.ts';
import { statusOf, ageOn } from './util.ts';

/** The year of a date as a number (as Number(d.slice(0, 4)), without the slice). */
function yearOf(d: string): number {
  const a = d.charCodeAt(0) - 48;
  const b = d.charCodeAt(1) - 48;
  const c = d.charCodeAt(2) - 48;
  const e = d.charCodeAt(3) - 48;
  if (a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9 && e >= 0 && e <= 9)
    return a * 1000 + b * 100 + c * 10 + e;
  return Number(d.slice(0, 4));
}

/**
 * One obligation. The object is built in its final shape at once (doneOn, late and confidence are
 * present only where they apply, and in this order), which is cheaper than adding fields afterwards.
 * `confidence` overrides the confidence the values give (work-permit-extension is always 'low').
 */
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
  confidence?: Confidence,
): Obligation {
  return makeWithId(ctx, kind, `${kind}:${key}`, person, from, due, doneOn, values, why, confidence);
}

/** make(), with the id (`kind:key`) already written. */
function makeWithId(
  ctx: Ctx,
  kind: ObligationKind,
  id: string,
  person: string,
  from: IsoDate,
  due: IsoDate,
  doneOn: IsoDate | undefined,
  values: (ParameterValue | undefined)[],
  why: string,
  confidence?: Confidence,
): Obligation {
  const done = doneOn !== undefined && doneOn <= ctx.asOf;
  const status = statusOf(ctx.asOf, from, due, done);
  if (ctx.trace) {
    const params = values.filter((v): v is ParameterValue => v !== undefined).map((v) => ({ id: v.parameterId, v }));
    ctx.note(`obligation.${kind}`, `${id}: ${why} → ${status}`, params, [`window ${from} … ${due}`]);
  }
  let text = why;
  let weakest: Confidence | undefined;
  const year = yearOf(due);
  if (year > ctx.cal.cal.lastYear) {
    text += ` ${ctx.msg('why.provisional', { year })}`;
    weakest = 'low';
  } else {
    for (const v of values) {
      if (v && (v.confidence === 'low' || v.confidence === 'low-medium')) {
        weakest = v.confidence;
        break;
      }
    }
  }
  if (confidence !== undefined) weakest = confidence;
  const basis = basisOfList(values);
  const window = { from, to: due };
  if (!done) {
    if (weakest === undefined) return { id, kind, person, due, window, status, basis, why: text };
    return { id, kind, person, due, window, status, basis, why: text, confidence: weakest };
  }
  const on = doneOn as IsoDate;
  if (on > due) {
    if (weakest === undefined)
      return { id, kind, person, due, window, status, basis, why: text, doneOn: on, late: true };
    return { id, kind, person, due, window, status, basis, why: text, doneOn: on, late: true, confidence: weakest };
  }
  if (weakest === undefined) return { id, kind, person, due, window, status, basis, why: text, doneOn: on };
  return { id, kind, person, due, window, status, basis, why: text, doneOn: on, confidence: weakest };
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
      out.push(
        make(
          ctx,
          'contract-notification',
          concluded,
          p,
          concluded,
          due,
          done,
          [v],
          ctx.msg('why.contract-notification', { steps }) + assumed,
        ),
      );
    }
  }
  for (const ended of f.contractTerminated) {
    const v = ctx.param('employer.notification-contract-terminated', ended);
    if (!v) continue;
    const { date: due, steps } = ctx.termEnd(ended, ctx.term(v));
    const done = f.notifications.find((n) => n.kind === 'contract-terminated' && n.on >= ended)?.on;
    out.push(
      make(
        ctx,
        'termination-notification',
        ended,
        p,
        ended,
        due,
        done,
        [v],
        ctx.msg('why.termination-notification', { steps }),
      ),
    );
  }
}

/**
 * A quarter's salary notification as far as it follows from the law, the calendar and the language alone
 * (the engine keeps these between evaluations): the quarter, its first day, the day the window opens,
 * the law in force then (per withProposed), the due date and the words.
 */
interface SalaryQuarter {
  period: string;
  /** The obligation's id: salary-notification:<period>. */
  id: string;
  from: IsoDate;
  windowFrom: IsoDate;
  month: string;
  due?: IsoDate;
  /** The parameter value on windowFrom, without and with proposals (absent: not looked up yet; null: none). */
  v: [ParameterValue | null | undefined, ParameterValue | null | undefined];
  why: Map<string, string>;
}

function salaryQuarter(cache: Map<number, SalaryQuarter>, year: number, q: number): SalaryQuarter {
  // Kept by year and quarter; anything else (a start that is not a real date) is worked out, and fails, afresh.
  const keyed = Number.isSafeInteger(year) && q >= 1 && q <= 4;
  const key = year * 4 + q;
  let sq = keyed ? cache.get(key) : undefined;
  if (sq === undefined) {
    const period = `${year}-Q${q}`;
    const bounds = quarterBounds(period);
    const windowFrom = addDays(bounds.to, 1);
    sq = {
      period,
      id: `salary-notification:${period}`,
      from: bounds.from,
      windowFrom,
      month: windowFrom.slice(0, 7),
      v: [undefined, undefined],
      why: new Map(),
    };
    if (keyed) cache.set(key, sq);
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
  const quarters = ctx.shared.memo<number, SalaryQuarter>('salary-quarter');
  for (let guard = 0; guard < 80; guard++) {
    const sq = salaryQuarter(quarters, year, q);
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
      out.push(makeWithId(ctx, 'salary-notification', sq.id, p, sq.windowFrom, due, done, [v], why));
    }
    if (++q > 4) {
      q = 1;
      year++;
    }
  }
}

/** The person holds a residence permit on the date. */
function hasRp(pf: PersonFacts, on: IsoDate): boolean {
  for (const r of pf.rpIssued)
    if (r.on <= on && (r.indefinite === true || (r.validUntil !== undefined && r.validUntil >= on))) return true;
  return false;
}

function registrations(ctx: Ctx, pf: PersonFacts, out: Obligation[]): void {
  const id = pf.person.id;
  // Entries, exits and registrations are in date order: the first exit and the first registration on or
  // after each entry only move forward as the entries do.
  const exits = pf.exits;
  const regs = pf.registrations;
  let xi = 0;
  let ri = 0;
  for (const entry of pf.entries) {
    // An RP holder registered at the place of residence needs no stay registration on re-entry.
    if (hasRp(pf, entry)) continue;
    const v = ctx.param('registration.hqs-family-after-entry', entry);
    if (!v) continue;
    const { date: due, steps } = ctx.termEndOf(entry, v);
    while (xi < exits.length && (exits[xi] as IsoDate) < entry) xi++;
    const exit = exits[xi];
    while (ri < regs.length && (regs[ri] as (typeof regs)[number]).on < entry) ri++;
    const first = regs[ri]?.on;
    // The registration for this stay: on or after the entry and not after the exit that ends it.
    const done = first !== undefined && (exit === undefined || first <= exit) ? first : undefined;
    if (!done && exit !== undefined && exit <= due) continue; // left before the duty arose
    out.push(
      make(
        ctx,
        'migration-registration',
        `${id}:${entry}`,
        id,
        entry,
        due,
        done,
        [v],
        ctx.msg('why.registration-entry', { steps }),
      ),
    );
  }
  for (const moved of pf.moves) {
    if (hasRp(pf, moved)) continue;
    const v = ctx.param('registration.hqs-family-on-move', moved);
    if (!v) continue;
    const { date: due, steps } = ctx.termEndOf(moved, v);
    const done = pf.registrations.find((r) => r.on >= moved)?.on;
    out.push(
      make(
        ctx,
        'migration-registration',
        `${id}:move:${moved}`,
        id,
        moved,
        due,
        done,
        [v],
        ctx.msg('why.registration-move', { steps }),
      ),
    );
  }
}

function collection(ctx: Ctx, f: CaseFacts, on: IsoDate, key: string, out: Obligation[]): void {
  const v = ctx.param('work-permit.collection-deadline', on);
  if (!v) return; // no statutory collection term before 2024-01-07
  const { date: due, steps } = ctx.termEndOf(on, v);
  const done = firstBetween(f.permitCollected, on);
  out.push(
    make(ctx, 'work-permit-collection', key, f.principal.id, on, due, done, [v], ctx.msg('why.collection', { steps })),
  );
}

function permitDuties(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const p = f.principal.id;
  for (const e of f.permitIssued) collection(ctx, f, e.on, `issued:${e.on}`, out);
  for (const e of f.permitExtended) collection(ctx, f, e.on, `extended:${e.on}`, out);
  // Extension: file before the permit ends where the work goes on past it.
  const until = permitEnd(f);
  const end = workEnd(c, f);
  if (until && (end === undefined || end > until) && f.permitCancelled.length === 0) {
    const done = firstBetween(f.extensionFiled, f.permitIssued[0]?.on ?? c.contract.start);
    // 115-FZ art. 13.2 (extension): file no later than the lead before the permit's last day, counted back in
    // calendar days and never moved (the earlier date); the window opens three months before the end.
    const lead = ctx.param('work-permit.extension-filing-lead', until);
    if (lead) {
      const days = ctx.num(lead);
      const latest = addDays(until, -days);
      const threeMonthsBefore = addMonths(until, -3);
      const from = threeMonthsBefore < latest ? threeMonthsBefore : latest;
      const why = ctx.msg('why.extension-lead', { until, days, latest });
      out.push(make(ctx, 'work-permit-extension', until, p, from, latest, done, [lead], why));
      return;
    }
    // No filing term recorded on that date: at least the decision term before the end (low confidence).
    const v = ctx.param('work-permit.decision-term', until);
    if (v) {
      const term = ctx.term(v);
      const latest = ctx.cal.addWorkingDays(ctx.cal.previousWorkingDay(until), -term.value);
      const threeMonthsBefore = addMonths(until, -3);
      const from = threeMonthsBefore < latest ? threeMonthsBefore : latest;
      const why = ctx.msg('why.extension', { until, n: term.value, latest });
      out.push(make(ctx, 'work-permit-extension', until, p, from, latest, done, [v], why, 'low'));
    }
  }
}

/**
 * Where the holder of an RP received on `received` came to live at the place of residence later (109-FZ art.
 * 16: the term runs from receiving the permit or from arriving at the dwelling, whichever is later): the first
 * entry into Russia after it when they were abroad that day, else a move recorded within the term.
 */
function arrivalAtResidence(ctx: Ctx, pf: PersonFacts, received: IsoDate, term: ParameterValue): IsoDate | undefined {
  if (!inRussiaOn(pf, received, true)) return pf.entries.find((d) => d > received);
  const { date: end } = ctx.termEndOf(received, term);
  return pf.moves.find((d) => d > received && d <= end);
}

function rpDuties(ctx: Ctx, pf: PersonFacts, out: Obligation[]): void {
  const id = pf.person.id;
  for (const rp of pf.rpIssued) {
    // The duties run from the day the permit was received (115-FZ art. 8 p. 11; 109-FZ art. 16); where the case
    // does not say it, from the issue day — the earlier, safer date — and the reader is told.
    const received = rp.received ?? rp.on;
    const assumed = rp.received === undefined ? ` ${ctx.msg('why.rp-received-assumed', { on: rp.on })}` : '';
    const reg = ctx.param('registration.rp-holder', received);
    if (reg) {
      const arrival = arrivalAtResidence(ctx, pf, received, reg);
      const start = arrival !== undefined && arrival > received ? arrival : received;
      const { date: due, steps } = ctx.termEndOf(start, reg);
      const done = pf.registrations.find((r) => r.on >= received)?.on;
      const why =
        ctx.msg(arrival !== undefined ? 'why.rp-registration-arrival' : 'why.rp-registration', {
          steps,
          received,
          arrival: arrival ?? '',
        }) + (arrival === undefined ? assumed : '');
      out.push(make(ctx, 'rp-registration', `${id}:${rp.on}`, id, start, due, done, [reg], why));
    }
    // Annual notification after each year of residence counted from receipt; every fifth in person.
    const last = rp.indefinite ? addYears(ctx.asOf, 1) : (rp.validUntil ?? rp.on);
    for (let k = 1; k <= 60; k++) {
      const anniversary = addYears(received, k);
      if (anniversary > last) break;
      const v = ctx.param('rp.annual-notification-window', anniversary);
      if (!v) continue;
      const { date: due, steps } = ctx.termEndOf(anniversary, v);
      const done = pf.rpAnnual.find((n) => n.year === k && n.on >= rp.on)?.on;
      const inPerson = k % 5 === 0 ? ` ${ctx.msg('why.rp-annual-in-person')}` : '';
      out.push(
        make(
          ctx,
          'rp-annual-notification',
          `${id}:${rp.on}:${k}`,
          id,
          anniversary,
          due,
          done,
          [v],
          ctx.msg('why.rp-annual', { k, anniversary, steps }) + inPerson + assumed,
        ),
      );
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
        out.push(
          make(
            ctx,
            'rp-book-replacement',
            `${id}:${age}`,
            id,
            birthday,
            due,
            later,
            [ages, dl],
            ctx.msg('why.rp-book', { age, birthday, steps }),
          ),
        );
      }
    }
  }
}

/** Days outside Russia in each calendar year under an RP: exit day abroad, entry day in Russia. */
export function absenceDays(
  pf: PersonFacts,
  from: IsoDate,
  to: IsoDate,
  asOf: IsoDate,
): { total: number; longest: number } {
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
  const lastYear = Math.min(
    Number(ctx.asOf.slice(0, 4)),
    rp.indefinite ? 9999 : Number((rp.validUntil ?? rp.on).slice(0, 4)),
  );
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
      why: ctx.msg(v.rule === 'consecutive' ? 'why.absence-consecutive' : 'why.absence-total', {
        year: y,
        used,
        limit,
        months,
      }),
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
  out.push(
    make(
      ctx,
      'leave-or-new-contract',
      `${p}:new-contract`,
      p,
      ended,
      searchEnd,
      newContract,
      [win],
      ctx.msg('why.new-contract', { steps: s1 }),
    ),
  );
  for (const person of c.people) {
    const pf = f.people.get(person.id) as PersonFacts;
    const left = newContract ?? firstBetween(pf.exits, ended);
    out.push(
      make(
        ctx,
        'leave-or-new-contract',
        `${person.id}:leave`,
        person.id,
        searchEnd,
        leaveBy,
        left,
        [win, dep],
        ctx.msg('why.leave', { s1, s2 }),
      ),
    );
  }
}

/** The passport that runs longest (the first such, in the order the case lists passports and renewals). */
export function currentPassport(person: Person, pf: PersonFacts): { number: string; expires: IsoDate } | undefined {
  let current: { number: string; expires: IsoDate } | undefined;
  if (person.passports)
    for (const x of person.passports) if (current === undefined || x.expires > current.expires) current = x;
  for (const x of pf.passportRenewals) if (current === undefined || x.expires > current.expires) current = x;
  return current;
}

function passports(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const until = permitEnd(f) ?? c.contract.end;
  let lead: ParameterValue | undefined | null = null;
  for (const person of c.people) {
    const pf = f.people.get(person.id) as PersonFacts;
    const current = currentPassport(person, pf);
    if (current === undefined) continue;
    const need = until ?? current.expires;
    // Renew before the passport ends; the window opens six months before (typical consular lead time).
    if (lead === null) lead = ctx.param('passport.renewal-lead', ctx.asOf);
    const from = addMonths(current.expires, -(lead ? ctx.num(lead) : 6));
    // No passport runs longer than the current one: its duty is open until a renewal supersedes it.
    const o = make(
      ctx,
      'passport-validity',
      `${person.id}:${current.number}`,
      person.id,
      from,
      current.expires,
      undefined,
      [lead],
      ctx.msg('why.passport', { number: current.number, expires: current.expires, need }),
    );
    if (current.expires >= need && ctx.asOf < from) o.status = 'upcoming';
    out.push(o);
    // Each passport the case shows superseded (a renewal, or a later passport listed with its issue date)
    // had the same duty, met on the day the new one came: kept so the history shows it done (or late).
    const held = [
      ...(person.passports ?? []),
      ...pf.passportRenewals.map((r) => ({ number: r.number, expires: r.expires, issued: r.issued, on: r.on })),
    ];
    for (const old of person.passports ?? []) {
      if (old.number === current.number || old.expires < c.contract.start) continue;
      let renewedOn: IsoDate | undefined;
      for (const x of held) {
        if (x.expires <= old.expires || x.number === old.number) continue;
        const on = ('on' in x ? x.on : x.issued) as IsoDate | undefined;
        if (on !== undefined && (renewedOn === undefined || on < renewedOn)) renewedOn = on;
      }
      if (renewedOn === undefined) continue;
      const oldFrom = addMonths(old.expires as IsoDate, -(lead ? ctx.num(lead) : 6));
      out.push(
        make(
          ctx,
          'passport-validity',
          `${person.id}:${old.number}`,
          person.id,
          oldFrom,
          old.expires as IsoDate,
          renewedOn,
          [lead],
          ctx.msg('why.passport-renewed', { number: old.number, expires: old.expires, on: renewedOn }),
        ),
      );
    }
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
  if (n > 256)
    return list.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Due dates as numbers YYYYMMDD, which order as the strings do; any other form: compare the strings.
  const keys: number[] = new Array<number>(n);
  const ids: string[] = new Array<string>(n);
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const o = list[i] as Obligation;
    const k = dayKey(o.due);
    if (k < 0)
      return list.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    keys[i] = k;
    ids[i] = o.id;
    order[i] = i;
  }
  for (let i = 1; i < n; i++) {
    const x = order[i] as number;
    const xk = keys[x] as number;
    const xi = ids[x] as string;
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = order[j] as number;
      const yk = keys[y] as number;
      if (yk > xk || (yk === xk && (ids[y] as string) > xi)) order[j + 1] = y;
      else break;
    }
    order[j + 1] = x;
  }
  const sorted: Obligation[] = new Array<Obligation>(n);
  for (let i = 0; i < n; i++) sorted[i] = list[order[i] as number] as Obligation;
  return sorted;
}

/** YYYY-MM-DD as the number YYYYMMDD, or -1 for a string in any other form. */
function dayKey(d: string): number {
  if (d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return -1;
  let k = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = d.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    k = k * 10 + c;
  }
  return k;
}

/** What the plan and the findings ask of the obligations, found in one pass over the list. */
export interface ObligationIndex {
  /** Obligations not done, of the kinds plan steps follow: the first of each kind and person, in list order. */
  open: Obligation[];
  /** The first work-permit-extension that is not done. */
  nextExtension: Obligation | undefined;
  /** The first work-permit-collection that is not done. */
  nextCollection: Obligation | undefined;
  /** rp-absence-limit obligations with a measure, in list order. */
  absences: Obligation[];
  /** Other obligations that are overdue or were done late, in list order. */
  overdueOrLate: Obligation[];
}

export function indexObligations(list: readonly Obligation[]): ObligationIndex {
  const index: ObligationIndex = {
    open: [],
    nextExtension: undefined,
    nextCollection: undefined,
    absences: [],
    overdueOrLate: [],
  };
  for (const o of list) {
    const kind = o.kind;
    const status = o.status;
    if (kind === 'rp-absence-limit') {
      if (o.measure) index.absences.push(o);
      continue;
    }
    if (status === 'overdue' || o.late) index.overdueOrLate.push(o);
    if (status === 'done') continue;
    switch (kind) {
      case 'work-permit-extension':
        index.nextExtension ??= o;
        break;
      case 'work-permit-collection':
        index.nextCollection ??= o;
        break;
      case 'migration-registration':
      case 'contract-notification':
      case 'rp-registration':
        break;
      default:
        continue;
    }
    if (openDutyIn(index, kind, o.person) === undefined) index.open.push(o);
  }
  return index;
}

/** The first obligation of a kind for a person that is not done (plan steps follow its status). */
export function openDutyIn(index: ObligationIndex, kind: string, person: string): Obligation | undefined {
  for (const o of index.open) if (o.kind === kind && o.person === person) return o;
  return undefined;
}

export { ageOn };
