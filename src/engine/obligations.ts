// Every dated legal duty over the whole life of the case, each with its window, due date, status,
// basis, the arithmetic that produced it and the event that completes it. Rules are read from the law data
// in force on the day the duty arises (the trigger), counted on the production calendar as the data says
// (calendar or working days; no shift of a last day that falls on a non-working day unless the data says
// so — the earlier, safer date).
import type { Case, Person } from '../case/index.ts';
import type { ParameterValue } from '../law/index.ts';
import { addDays, addMonths, addYears, quarterBounds, type IsoDate } from '../calendar/date.ts';
import { type Ctx, basisOf, basisOfAll, lowConfidenceOf } from './context.ts';
import { inRussiaOn, type CaseFacts, type PersonFacts } from './facts.ts';
import { msg, type Message } from './messages.ts';
import { SALARY_NOTIFICATION_DUE } from './rules.ts';
import type { CompletedBy, Confidence, Obligation, ObligationKind } from './types.ts';
import { statusOf, ageOn } from './util.ts';

/** What one duty is: its kind, the person, its window and due date, the event that completed it, and why. */
interface Duty {
  kind: ObligationKind;
  /** The id's part after the kind: `<kind>:<key>`. */
  key: string;
  person: string;
  from: IsoDate;
  due: IsoDate;
  /** The event that completes a duty of this kind (what "mark as done" records); none for a limit. */
  completedBy: CompletedBy | undefined;
  doneOn: IsoDate | undefined;
  values: readonly (ParameterValue | undefined)[];
  because: Message[];
  /** Overrides the confidence the values give (a rule the data does not give, e.g. the extension's fallback). */
  confidence?: Confidence;
}

/** One obligation: its status on the evaluation date, and a result no surer than the law it rests on. */
function make(ctx: Ctx, d: Duty): Obligation {
  const id = `${d.kind}:${d.key}`;
  const done = d.doneOn !== undefined && d.doneOn <= ctx.asOf;
  const status = statusOf(ctx.asOf, d.from, d.due, done);
  const because = d.because;
  let confidence: Confidence | undefined;
  // A due date in a year the production calendar does not cover yet was counted on weekends and the Labour
  // Code's holidays only (calendar-facade.ts): provisional, and said so.
  const year = Number(d.due.slice(0, 4));
  if (year > ctx.cal.lastYear) {
    because.push(msg('why.provisional', { year }));
    confidence = 'low';
  } else confidence = lowConfidenceOf(d.values);
  if (d.confidence !== undefined) confidence = d.confidence;
  if (ctx.trace) {
    const params = d.values.filter((v): v is ParameterValue => v !== undefined).map((v) => ({ id: v.parameterId, v }));
    ctx.note(`obligation.${d.kind}`, `${id} → ${status}`, params, [`window ${d.from} … ${d.due}`], because);
  }
  const o: Obligation = {
    id,
    kind: d.kind,
    person: d.person,
    due: d.due,
    window: { from: d.from, to: d.due },
    status,
    basis: basisOfAll(d.values),
    because,
  };
  if (d.completedBy) o.completedBy = d.completedBy;
  if (done) {
    o.doneOn = d.doneOn as IsoDate;
    if ((d.doneOn as IsoDate) > d.due) o.late = true;
  }
  if (confidence !== undefined) o.confidence = confidence;
  return o;
}

/** The first date in a sorted list on or after `from`. */
function firstFrom(list: readonly IsoDate[], from: IsoDate): IsoDate | undefined {
  return list.find((d) => d >= from);
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

/** The employer notifies the conclusion and the termination of the contract (115-FZ art. 13 p. 8). */
function employerNotifications(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const p = f.principal.id;
  const concluded = f.contractSigned[0] ?? (f.permitIssued[0] ? c.contract.start : undefined);
  if (concluded) {
    const v = ctx.value('employer.notification-contract-concluded', concluded);
    if (v) {
      const { date: due, steps } = ctx.termEnd(concluded, v);
      const because = [msg('why.contract-notification', { steps })];
      if (!f.contractSigned[0]) because.push(msg('why.assumed-start', { event: 'contract-signed' }));
      out.push(
        make(ctx, {
          kind: 'contract-notification',
          key: concluded,
          person: p,
          from: concluded,
          due,
          completedBy: { type: 'notification-filed', fields: { kind: 'contract-concluded' } },
          doneOn: f.notifications.find((n) => n.kind === 'contract-concluded')?.on,
          values: [v],
          because,
        }),
      );
    }
  }
  for (const ended of f.contractTerminated) {
    const v = ctx.value('employer.notification-contract-terminated', ended);
    if (!v) continue;
    const { date: due, steps } = ctx.termEnd(ended, v);
    out.push(
      make(ctx, {
        kind: 'termination-notification',
        key: ended,
        person: p,
        from: ended,
        due,
        completedBy: { type: 'notification-filed', fields: { kind: 'contract-terminated' } },
        doneOn: f.notifications.find((n) => n.kind === 'contract-terminated' && n.on >= ended)?.on,
        values: [v],
        because: [msg('why.termination-notification', { steps })],
      }),
    );
  }
}

/**
 * The employer's quarterly notification of the pay given to the HQS (115-FZ art. 13.2 p. 13), for each quarter
 * of work: due as the rule the law data names says (`employer.salary-notification-due`, rules.ts).
 */
function salaryNotifications(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const issued = f.permitIssued[0]?.on;
  // Quarters in which the HQS works: from the contract start (not before the permit) to the end of work.
  const start = issued && issued > c.contract.start ? issued : c.contract.start;
  const end = workEnd(c, f) ?? c.contract.start;
  const p = f.principal.id;
  let year = Number(start.slice(0, 4));
  let q = Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1;
  for (let n = 0; n < 80; n++) {
    const period = `${year}-Q${q}`;
    const bounds = quarterBounds(period);
    if (bounds.from > end) break;
    const v = ctx.value('employer.salary-notification-due', addDays(bounds.to, 1));
    if (v && v.value !== null) {
      const rule = SALARY_NOTIFICATION_DUE[v.value as keyof typeof SALARY_NOTIFICATION_DUE];
      if (rule === undefined)
        throw new Error(`law data: employer.salary-notification-due names no rule the engine has: ${String(v.value)}`);
      const { from, due, because } = rule(period, ctx.cal);
      out.push(
        make(ctx, {
          kind: 'salary-notification',
          key: period,
          person: p,
          from,
          due,
          completedBy: { type: 'notification-filed', fields: { kind: 'salary', period } },
          doneOn: f.notifications.find((x) => x.kind === 'salary' && x.period === period)?.on,
          values: [v],
          because: [because],
        }),
      );
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

/** Registration at the place of stay after each entry and each move (109-FZ art. 20; 115-FZ art. 13.2). */
function registrations(ctx: Ctx, pf: PersonFacts, out: Obligation[]): void {
  const id = pf.person.id;
  const completedBy: CompletedBy = { type: 'registered', person: id };
  for (const entry of pf.entries) {
    // An RP holder registered at the place of residence needs no stay registration on re-entry.
    if (hasRp(pf, entry)) continue;
    const v = ctx.value('registration.hqs-family-after-entry', entry);
    if (!v) continue;
    const { date: due, steps } = ctx.termEnd(entry, v);
    const exit = firstFrom(pf.exits, entry);
    const first = pf.registrations.find((r) => r.on >= entry)?.on;
    // The registration for this stay: on or after the entry and not after the exit that ends it.
    const done = first !== undefined && (exit === undefined || first <= exit) ? first : undefined;
    if (!done && exit !== undefined && exit <= due) continue; // left before the duty arose
    out.push(
      make(ctx, {
        kind: 'migration-registration',
        key: `${id}:${entry}`,
        person: id,
        from: entry,
        due,
        completedBy,
        doneOn: done,
        values: [v],
        because: [msg('why.registration-entry', { steps })],
      }),
    );
  }
  for (const moved of pf.moves) {
    if (hasRp(pf, moved)) continue;
    const v = ctx.value('registration.hqs-family-on-move', moved);
    if (!v) continue;
    const { date: due, steps } = ctx.termEnd(moved, v);
    out.push(
      make(ctx, {
        kind: 'migration-registration',
        key: `${id}:move:${moved}`,
        person: id,
        from: moved,
        due,
        completedBy,
        doneOn: pf.registrations.find((r) => r.on >= moved)?.on,
        values: [v],
        because: [msg('why.registration-move', { steps })],
      }),
    );
  }
}

/** The specialist collects the permit in person after it is issued or extended (115-FZ art. 13.2, 316-FZ). */
function collection(ctx: Ctx, f: CaseFacts, on: IsoDate, key: string, out: Obligation[]): void {
  const v = ctx.value('work-permit.collection-deadline', on);
  if (!v) return; // no statutory collection term before 2024-01-07
  const { date: due, steps } = ctx.termEnd(on, v);
  out.push(
    make(ctx, {
      kind: 'work-permit-collection',
      key,
      person: f.principal.id,
      from: on,
      due,
      completedBy: { type: 'work-permit-collected' },
      doneOn: firstFrom(f.permitCollected, on),
      values: [v],
      because: [msg('why.collection', { steps })],
    }),
  );
}

/** The working days the Interior Ministry takes to decide on the permit, on a date (said beside the filing lead). */
function decisionDays(ctx: Ctx, on: IsoDate): number {
  const v = ctx.value('work-permit.decision-term', on);
  return v ? ctx.num(v) : NaN;
}
/** Collection of the permit, and its extension while the work goes on past it (115-FZ art. 13.2). */
function permitDuties(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const p = f.principal.id;
  for (const e of f.permitIssued) collection(ctx, f, e.on, `issued:${e.on}`, out);
  for (const e of f.permitExtended) collection(ctx, f, e.on, `extended:${e.on}`, out);
  // Extension: file before the permit ends where the work goes on past it.
  const until = permitEnd(f);
  const end = workEnd(c, f);
  if (!until || (end !== undefined && end <= until) || f.permitCancelled.length > 0) return;
  const doneOn = firstFrom(f.extensionFiled, f.permitIssued[0]?.on ?? c.contract.start);
  const completedBy: CompletedBy = { type: 'work-permit-extension-filed' };
  // File no later than the lead before the permit's last day, counted back in calendar days and never moved (the
  // earlier date); the window opens three months before the end.
  const lead = ctx.value('work-permit.extension-filing-lead', until);
  if (lead) {
    const days = ctx.num(lead);
    const latest = addDays(until, -days);
    const threeMonthsBefore = addMonths(until, -3);
    const from = threeMonthsBefore < latest ? threeMonthsBefore : latest;
    out.push(
      make(ctx, {
        kind: 'work-permit-extension',
        key: until,
        person: p,
        from,
        due: latest,
        completedBy,
        doneOn,
        values: [lead],
        because: [msg('why.extension-lead', { until, days, latest, n: decisionDays(ctx, until) })],
      }),
    );
    return;
  }
  // No filing term recorded on that date: at least the decision term before the end (low confidence).
  const v = ctx.value('work-permit.decision-term', until);
  if (!v) return;
  const n = ctx.num(v);
  const latest = ctx.cal.addWorkingDays(ctx.cal.previousWorkingDay(until), -n);
  const threeMonthsBefore = addMonths(until, -3);
  const from = threeMonthsBefore < latest ? threeMonthsBefore : latest;
  out.push(
    make(ctx, {
      kind: 'work-permit-extension',
      key: until,
      person: p,
      from,
      due: latest,
      completedBy,
      doneOn,
      values: [v],
      because: [msg('why.extension', { until, n, latest })],
      confidence: 'low',
    }),
  );
}

/**
 * Where the holder of an RP received on `received` came to live at the place of residence later (109-FZ art.
 * 16: the term runs from receiving the permit or from arriving at the dwelling, whichever is later): the first
 * entry into Russia after it when they were abroad that day, else a move recorded within the term.
 */
function arrivalAtResidence(ctx: Ctx, pf: PersonFacts, received: IsoDate, term: ParameterValue): IsoDate | undefined {
  if (!inRussiaOn(pf, received, true)) return pf.entries.find((d) => d > received);
  const { date: end } = ctx.termEnd(received, term);
  return pf.moves.find((d) => d > received && d <= end);
}

/** An RP holder's duties: registration (109-FZ art. 16), the annual notification (115-FZ art. 8 p. 11), the book at 14, 20 and 45. */
function rpDuties(ctx: Ctx, pf: PersonFacts, out: Obligation[]): void {
  const id = pf.person.id;
  for (const rp of pf.rpIssued) {
    // The duties run from the day the permit was received (115-FZ art. 8 p. 11; 109-FZ art. 16); where the case
    // does not say it, from the issue day — the earlier, safer date — and the reader is told.
    const received = rp.received ?? rp.on;
    const assumed = rp.received === undefined ? [msg('why.rp-received-assumed', { on: rp.on })] : [];
    const reg = ctx.value('registration.rp-holder', received);
    if (reg) {
      const arrival = arrivalAtResidence(ctx, pf, received, reg);
      const start = arrival !== undefined && arrival > received ? arrival : received;
      const { date: due, steps } = ctx.termEnd(start, reg);
      out.push(
        make(ctx, {
          kind: 'rp-registration',
          key: `${id}:${rp.on}`,
          person: id,
          from: start,
          due,
          completedBy: { type: 'registered', person: id },
          doneOn: pf.registrations.find((r) => r.on >= received)?.on,
          values: [reg],
          because:
            arrival !== undefined
              ? [msg('why.rp-registration-arrival', { received, arrival, steps })]
              : [msg('why.rp-registration', { steps }), ...assumed],
        }),
      );
    }
    // Annual notification after each year of residence counted from receipt; every fifth in person.
    const last = rp.indefinite ? addYears(ctx.asOf, 1) : (rp.validUntil ?? rp.on);
    for (let k = 1; k <= 60; k++) {
      const anniversary = addYears(received, k);
      if (anniversary > last) break;
      const v = ctx.value('rp.annual-notification-window', anniversary);
      if (!v) continue;
      const { date: due, steps } = ctx.termEnd(anniversary, v);
      const because = [msg('why.rp-annual', { k, anniversary, steps })];
      if (k % 5 === 0) because.push(msg('why.rp-annual-in-person'));
      out.push(
        make(ctx, {
          kind: 'rp-annual-notification',
          key: `${id}:${rp.on}:${k}`,
          person: id,
          from: anniversary,
          due,
          completedBy: { type: 'rp-annual-notification-filed', person: id, fields: { year: k } },
          doneOn: pf.rpAnnual.find((n) => n.year === k && n.on >= rp.on)?.on,
          values: [v],
          because: [...because, ...assumed],
        }),
      );
    }
    // Book replacement at the ages the law data gives while the permit lasts.
    const ages = ctx.value('rp.book-replacement-ages', rp.on);
    if (!ages || !Array.isArray(ages.value)) continue;
    for (const age of ages.value as readonly number[]) {
      const birthday = addYears(pf.person.birthDate, age);
      if (birthday < rp.on) continue;
      if (!rp.indefinite && rp.validUntil !== undefined && birthday > rp.validUntil) continue;
      if (birthday > addYears(ctx.asOf, 5)) continue;
      const dl = ctx.value('rp.book-replacement-deadline', birthday);
      const { date: due, steps } = dl ? ctx.termEnd(birthday, dl) : { date: birthday, steps: birthday };
      out.push(
        make(ctx, {
          kind: 'rp-book-replacement',
          key: `${id}:${age}`,
          person: id,
          from: birthday,
          due,
          completedBy: { type: 'rp-issued', person: id },
          doneOn: pf.rpIssued.find((r) => r.on >= birthday)?.on,
          values: [ages, dl],
          because: [msg('why.rp-book', { age, birthday, steps })],
        }),
      );
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

/** Days outside Russia in each calendar year under an RP, against the limit (115-FZ art. 9 p. 1 sub. 14). */
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
    const on = yEnd < ctx.asOf ? yEnd : ctx.asOf;
    const v = ctx.value('rp.absence-limit', on);
    if (!v) continue;
    const months = ctx.num(v);
    // The limit in months, in days as the law data counts it (the shortest such span, so a warning never comes late).
    const days = ctx.value('rp.absence-limit-days', on);
    if (!days) continue;
    const limit = ctx.num(days);
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
      basis: basisOf(v, days),
      because: [
        msg(v.rule === 'consecutive' ? 'why.absence-consecutive' : 'why.absence-total', {
          year: y,
          used,
          limit,
          months,
        }),
      ],
      measure: { used, limit, unit: 'days' },
    };
    if (o.status === 'done') o.doneOn = yEnd;
    out.push(o);
  }
}

/** After the contract ends: a new HQS contract within the search period, or departure (115-FZ art. 13.2 p. 19). */
function afterTermination(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const ended = f.contractTerminated[0];
  if (!ended) return;
  const win = ctx.value('hqs.after-termination.new-contract-window', ended);
  const dep = ctx.value('hqs.after-termination.departure-period', ended);
  if (!win || !dep) return;
  const { date: searchEnd, steps: s1 } = ctx.termEnd(ended, win);
  const { date: leaveBy, steps: s2 } = ctx.termEnd(searchEnd, dep);
  const newContract = f.contractSigned.find((d) => d > ended && d <= searchEnd);
  const p = f.principal.id;
  out.push(
    make(ctx, {
      kind: 'leave-or-new-contract',
      key: `${p}:new-contract`,
      person: p,
      from: ended,
      due: searchEnd,
      completedBy: { type: 'contract-signed' },
      doneOn: newContract,
      values: [win],
      because: [msg('why.new-contract', { steps: s1 })],
    }),
  );
  for (const person of c.people) {
    const pf = f.people.get(person.id) as PersonFacts;
    out.push(
      make(ctx, {
        kind: 'leave-or-new-contract',
        key: `${person.id}:leave`,
        person: person.id,
        from: searchEnd,
        due: leaveBy,
        completedBy: { type: 'exit', person: person.id },
        doneOn: newContract ?? firstFrom(pf.exits, ended),
        values: [win, dep],
        because: [msg('why.leave', { s1, s2 })],
      }),
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

/** A passport valid through the permit and the next filing (114-FZ art. 24; practice: renewed ahead of its end). */
function passports(ctx: Ctx, c: Case, f: CaseFacts, out: Obligation[]): void {
  const until = permitEnd(f) ?? c.contract.end;
  const lead = ctx.valueOrFirst('passport.renewal-lead', ctx.asOf);
  const leadMonths = lead ? ctx.num(lead) : NaN;
  for (const person of c.people) {
    const pf = f.people.get(person.id) as PersonFacts;
    const current = currentPassport(person, pf);
    if (current === undefined) continue;
    const need = until ?? current.expires;
    const completedBy: CompletedBy = { type: 'passport-renewed', person: person.id };
    // Renew before the passport ends; the window opens the renewal lead before (typical consular lead time).
    const from = addMonths(current.expires, -leadMonths);
    // No passport runs longer than the current one: its duty is open until a renewal supersedes it.
    const o = make(ctx, {
      kind: 'passport-validity',
      key: `${person.id}:${current.number}`,
      person: person.id,
      from,
      due: current.expires,
      completedBy,
      doneOn: undefined,
      values: [lead],
      because: [msg('why.passport', { number: current.number, expires: current.expires, need })],
    });
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
      out.push(
        make(ctx, {
          kind: 'passport-validity',
          key: `${person.id}:${old.number}`,
          person: person.id,
          from: addMonths(old.expires as IsoDate, -leadMonths),
          due: old.expires as IsoDate,
          completedBy,
          doneOn: renewedOn,
          values: [lead],
          because: [
            msg('why.passport-renewed', { number: old.number, expires: old.expires as IsoDate, on: renewedOn }),
          ],
        }),
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
  // Soonest due first; on the same day by id (a stable sort keeps the rules' order for equal ids).
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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

/** The kinds whose open duty a plan step follows (its deadline or its status). */
const FOLLOWED: ReadonlySet<ObligationKind> = new Set([
  'work-permit-extension',
  'work-permit-collection',
  'migration-registration',
  'contract-notification',
  'rp-registration',
]);

export function indexObligations(list: readonly Obligation[]): ObligationIndex {
  const index: ObligationIndex = {
    open: [],
    nextExtension: undefined,
    nextCollection: undefined,
    absences: [],
    overdueOrLate: [],
  };
  for (const o of list) {
    if (o.kind === 'rp-absence-limit') {
      if (o.measure) index.absences.push(o);
      continue;
    }
    if (o.status === 'overdue' || o.late) index.overdueOrLate.push(o);
    if (o.status === 'done' || !FOLLOWED.has(o.kind)) continue;
    if (o.kind === 'work-permit-extension') index.nextExtension ??= o;
    if (o.kind === 'work-permit-collection') index.nextCollection ??= o;
    if (openDutyIn(index, o.kind, o.person) === undefined) index.open.push(o);
  }
  return index;
}

/** The first obligation of a kind for a person that is not done (plan steps follow its status). */
export function openDutyIn(index: ObligationIndex, kind: string, person: string): Obligation | undefined {
  for (const o of index.open) if (o.kind === kind && o.person === person) return o;
  return undefined;
}

export { ageOn };
