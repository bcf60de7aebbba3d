// The plan: for the principal and each family member, the procedures of the route in dependency order,
// with status read from the events. A step's date is the event's date when done, a legal deadline where
// the law sets one, or an estimate of typical duration otherwise — and says which. With a target start,
// each step also gets the latest date it may happen, counted backwards on the production calendar.
//
// The steps are a table (STEPS): who takes each, what it waits for, the event that completes it, the law it
// rests on, and how its date is found while it is open. One walk (emit) turns each row into a step.
import type { Case, CaseEventType, Person } from '../case/index.ts';
import { PERSON_EVENT_TYPES } from '../case/index.ts';
import type { ParameterValue } from '../law/index.ts';
import { addDays, addYears, type IsoDate } from '../calendar/date.ts';
import { type Ctx, basisOfAll } from './context.ts';
import { firstEvent, type CaseFacts, type PersonFacts } from './facts.ts';
import type {
  CompletedBy,
  DateKind,
  Eligibility,
  Finding,
  ObligationKind,
  PlanStep,
  PlanStepId,
  StepStatus,
} from './types.ts';
import { openDutyIn, permitEnd, workEnd, type ObligationIndex } from './obligations.ts';
import { msg, type Message } from './messages.ts';

/** What shows that a step happened though the case does not record it: an entry (on a visa) or work under the permit. */
interface Implied {
  by: 'entry' | 'work';
  on: IsoDate;
}

/** Everything a row of the table reads about one person of the case on the evaluation date. */
interface Who {
  ctx: Ctx;
  c: Case;
  f: CaseFacts;
  person: Person;
  pf: PersonFacts;
  principal: boolean;
  /** The principal is an EAEU citizen: no permit steps. */
  exempt: boolean;
  /** The case is not eligible: the steps past the employer's own wait. */
  blocked: boolean;
  /** The person needs a work visa and comes from abroad. */
  visa: boolean;
  abroad: boolean;
  filed: IsoDate | undefined;
  issued: CaseFacts['permitIssued'][number] | undefined;
  /** The decision term on the filing day (or today), and the deadline it gives from the filing. */
  decisionTerm: ParameterValue | undefined;
  decisionDeadline: IsoDate | undefined;
  /** The first entry on or after the permit (or the filing). */
  entry: IsoDate | undefined;
  /** An entry on a visa implies the invitation and the visa; it or work under the permit implies the permit. */
  byEntry: Implied | undefined;
  permitImplied: Implied | undefined;
  obligations: ObligationIndex;
  /** The indefinite RP's reading for this person, once worked out (indefiniteRp). */
  indefinite?: { na: boolean; earliest?: IsoDate; because: Message };
}

/** A parameter's value on the evaluation date. */
function today(w: Who, id: string): ParameterValue | undefined {
  return w.ctx.value(id, w.ctx.asOf);
}

/** How a step's date is found while it is open, when the law sets no deadline for it. */
type OpenDate =
  /** The latest of its dependencies' dates (or today) plus a typical duration in days (an estimate). */
  | { estimate: ParameterValue | undefined }
  /** The same plus a legal term, counted as the law data says (an estimate of when it ends). */
  | { term: ParameterValue | undefined }
  /** A date worked out already (an estimate). */
  | { at: IsoDate }
  /** The earliest day the law allows it (a right, not a deadline). */
  | { earliest: IsoDate };

interface StepRule {
  step: PlanStepId;
  /** The principal's step only, or each person's. */
  who: 'principal' | 'each';
  /** A fresh list each call (the step keeps it). */
  dependsOn: (w: Who) => PlanStepId[];
  /** The event that completes the step (what "mark as done" records). */
  completedBy: CompletedBy['type'];
  /** Fields that event must have. */
  completedByFields?: Readonly<Record<string, string | boolean>>;
  /** Only events on or after this day complete it (null: none can yet). */
  completedAfter?: (w: Who) => IsoDate | null;
  /** When the completing fact is not one event (the employer's registration is also a field of the case). */
  done?: (w: Who) => IsoDate | undefined;
  notApplicable?: (w: Who) => boolean;
  /** Done, though not recorded, where a later fact could not have happened without it. */
  impliedBy?: (w: Who) => Implied | undefined;
  /** Open: 'upcoming' rather than 'due' once its dependencies are done. */
  optional?: true;
  /** Steps the employer takes whatever the eligibility says (the others are blocked while it does not fit). */
  notBlocked?: true;
  /** Outside HQS Desk's verified law data: always 'upcoming' while not done. */
  outsideLaw?: true;
  /** The law values the step rests on (its basis). */
  law: (w: Who) => readonly (ParameterValue | undefined)[];
  /** A legal deadline for the step, where there is one (the due date of the duty it discharges). */
  deadline?: (w: Who) => IsoDate | undefined;
  /** How its date is found while open and without a deadline; none: the day its dependencies allow. */
  date?: (w: Who) => OpenDate | undefined;
  /** While open, the step has the status of this duty (due, overdue…). */
  followsDuty?: ObligationKind;
  because: (w: Who) => Message;
}

const openDue = (w: Who, kind: ObligationKind, person = w.person.id) => openDutyIn(w.obligations, kind, person)?.due;

/** The first recorded sign of work under the permit: its collection, an extension, or salary paid. */
function workUnderPermit(f: CaseFacts): IsoDate | undefined {
  const dates = [f.permitCollected[0], f.extensionFiled[0], f.permitExtended[0]?.on, f.salaryPaid[0]?.on];
  return dates.reduce<IsoDate | undefined>(
    (a, b) => (b === undefined ? a : a === undefined || b < a ? b : a),
    undefined,
  );
}

/** The steps of the route, in the order of PLAN_STEP_IDS (principal first, then each family member). */
export const STEPS: readonly StepRule[] = [
  {
    // The employer registers with the Interior Ministry as an HQS employer (115-FZ art. 13.2 p. 1).
    step: 'employer-registration',
    who: 'principal',
    dependsOn: () => [],
    completedBy: 'employer-registered',
    done: (w) => w.f.employerRegistered,
    notBlocked: true,
    law: (w) => [today(w, 'estimate.employer-registration')],
    date: (w) => ({ estimate: today(w, 'estimate.employer-registration') }),
    because: () => msg('plan.employer-registration'),
  },
  {
    // The contract is concluded before the petition (115-FZ art. 13.2 p. 2).
    step: 'contract',
    who: 'principal',
    dependsOn: () => ['employer-registration'],
    completedBy: 'contract-signed',
    notBlocked: true,
    law: (w) => [today(w, 'estimate.petition-preparation')],
    date: (w) => ({ estimate: today(w, 'estimate.petition-preparation') }),
    because: () => msg('plan.contract'),
  },
  {
    // The employer's petition for the permit and the invitations (115-FZ art. 13.2 p. 2, 7).
    step: 'work-permit-filing',
    who: 'principal',
    dependsOn: () => ['contract'],
    completedBy: 'work-permit-filed',
    notApplicable: (w) => w.exempt,
    impliedBy: (w) => w.permitImplied,
    law: (w) => [today(w, 'estimate.petition-preparation')],
    date: (w) => ({ estimate: today(w, 'estimate.petition-preparation') }),
    because: () => msg('plan.work-permit-filing'),
  },
  {
    // The decision within the statutory term from filing (115-FZ art. 13.2 p. 7).
    step: 'work-permit-decision',
    who: 'principal',
    dependsOn: () => ['work-permit-filing'],
    completedBy: 'work-permit-issued',
    notApplicable: (w) => w.exempt,
    impliedBy: (w) => w.permitImplied,
    law: (w) => [w.decisionTerm],
    deadline: (w) => w.decisionDeadline,
    date: (w) => ({ term: w.decisionTerm }),
    because: (w) =>
      w.decisionDeadline
        ? msg('plan.work-permit-decision.deadline', { n: w.decisionTerm?.value as number, date: w.decisionDeadline })
        : msg('plan.work-permit-decision', { n: w.decisionTerm?.value as number }),
  },
  {
    // The invitations (the principal's and the family's) are issued with the permit (115-FZ art. 13.2 p. 7).
    step: 'invitation',
    who: 'each',
    dependsOn: () => ['work-permit-decision'],
    completedBy: 'invitation-issued',
    notApplicable: (w) => !w.visa,
    impliedBy: (w) => w.byEntry,
    law: (w) => [w.decisionTerm],
    deadline: (w) => w.decisionDeadline,
    because: (w) => msg(w.visa ? 'plan.invitation' : 'plan.invitation.na'),
  },
  {
    // A multiple-entry work visa at the consulate (114-FZ art. 25.6).
    step: 'visa',
    who: 'each',
    dependsOn: () => ['invitation'],
    completedBy: 'visa-issued',
    notApplicable: (w) => !w.visa,
    impliedBy: (w) => w.byEntry,
    law: (w) => [today(w, 'estimate.consular-visa')],
    date: (w) => ({ estimate: today(w, 'estimate.consular-visa') }),
    because: (w) => msg(w.visa ? 'plan.visa' : 'plan.visa.na'),
  },
  {
    step: 'entry',
    who: 'each',
    dependsOn: (w) => (w.visa ? ['visa'] : w.principal ? ['work-permit-decision'] : []),
    completedBy: 'entry',
    completedAfter: (w) => w.issued?.on ?? w.filed ?? ('0000-01-01' as IsoDate),
    notApplicable: (w) => !w.abroad,
    law: (w) => [today(w, 'estimate.travel-after-visa')],
    date: (w) => ({ estimate: today(w, 'estimate.travel-after-visa') }),
    because: (w) => msg(w.abroad ? 'plan.entry' : 'plan.entry.na'),
  },
  {
    // The specialist collects the permit in person (115-FZ art. 13.2 as amended by 316-FZ).
    step: 'work-permit-collection',
    who: 'principal',
    dependsOn: () => ['work-permit-decision', 'entry'],
    completedBy: 'work-permit-collected',
    notApplicable: (w) => w.exempt,
    law: (w) => [
      w.issued
        ? w.ctx.value('work-permit.collection-deadline', w.issued.on)
        : today(w, 'work-permit.collection-deadline'),
    ],
    deadline: (w) => openDue(w, 'work-permit-collection'),
    because: () => msg('plan.work-permit-collection'),
  },
  {
    // Registration at the place of stay after entry (109-FZ art. 20).
    step: 'migration-registration',
    who: 'each',
    dependsOn: () => ['entry'],
    completedBy: 'registered',
    law: (w) => [
      w.entry
        ? w.ctx.value('registration.hqs-family-after-entry', w.entry)
        : today(w, 'registration.hqs-family-after-entry'),
    ],
    deadline: (w) => openDue(w, 'migration-registration'),
    because: () => msg('plan.migration-registration'),
  },
  {
    // The employer notifies the Interior Ministry of the contract (115-FZ art. 13 p. 8).
    step: 'contract-notification',
    who: 'principal',
    dependsOn: () => ['contract'],
    completedBy: 'notification-filed',
    completedByFields: { kind: 'contract-concluded' },
    law: (w) => [today(w, 'employer.notification-contract-concluded')],
    deadline: (w) => openDue(w, 'contract-notification'),
    because: () => msg('plan.contract-notification'),
  },
  {
    // A residence permit for the term of the work permit, without a TRP (115-FZ art. 13.2 p. 21).
    step: 'rp-filing',
    who: 'each',
    dependsOn: (w) => (w.principal ? ['work-permit-collection'] : ['entry']),
    completedBy: 'rp-filed',
    optional: true,
    law: (w) => [today(w, 'rp.hqs-term'), today(w, 'estimate.rp-preparation')],
    date: (w) => ({ estimate: today(w, 'estimate.rp-preparation') }),
    because: () => msg('plan.rp-filing'),
  },
  {
    // The decision within the statutory processing term from filing.
    step: 'rp-decision',
    who: 'each',
    dependsOn: () => ['rp-filing'],
    completedBy: 'rp-issued',
    optional: true,
    law: (w) => [rpTerm(w) ?? today(w, 'rp.hqs-processing-term')],
    date: (w) => {
      const filed = w.pf.rpFiled[0];
      const term = rpTerm(w);
      return filed && term ? { at: w.ctx.termEnd(filed, term).date } : { term: today(w, 'rp.hqs-processing-term') };
    },
    because: () => msg('plan.rp-decision'),
  },
  {
    // Registration at the place of residence after the RP (109-FZ art. 16).
    step: 'rp-registration',
    who: 'each',
    dependsOn: () => ['rp-decision'],
    completedBy: 'registered',
    completedAfter: (w) => w.pf.rpIssued[0]?.on ?? null,
    optional: true,
    law: (w) => {
      const rp = w.pf.rpIssued[0];
      return [rp ? w.ctx.value('registration.rp-holder', rp.on) : today(w, 'registration.rp-holder')];
    },
    deadline: (w) => openDue(w, 'rp-registration'),
    date: (w) => ({ term: today(w, 'registration.rp-holder') }),
    because: () => msg('plan.rp-registration'),
  },
  {
    // Extension of the permit where the contract goes on past it (115-FZ art. 13.2).
    step: 'work-permit-extension',
    who: 'principal',
    dependsOn: () => ['work-permit-collection'],
    completedBy: 'work-permit-extension-filed',
    notApplicable: (w) => {
      const until = permitEnd(w.f);
      const needed = until !== undefined && (w.c.contract.end === undefined || w.c.contract.end > until);
      return w.exempt || (until !== undefined && !needed);
    },
    law: (w) => [today(w, 'work-permit.extension-max-term')],
    date: (w) => {
      const due = openDue(w, 'work-permit-extension');
      return due ? { at: due } : undefined;
    },
    followsDuty: 'work-permit-extension',
    because: () => msg('plan.work-permit-extension'),
  },
  {
    // The indefinite RP of an HQS (115-FZ art. 8 and 13.2 as amended by 316-FZ): see indefiniteRp().
    step: 'indefinite-rp',
    who: 'each',
    dependsOn: () => ['rp-decision'],
    completedBy: 'rp-issued',
    completedByFields: { indefinite: true },
    optional: true,
    notApplicable: (w) => indefiniteRp(w).na,
    law: (w) => [today(w, 'rp.hqs-indefinite-after')],
    date: (w) => {
      const r = indefiniteRp(w);
      return r.earliest ? { earliest: r.earliest } : { term: today(w, 'rp.hqs-indefinite-after') };
    },
    because: (w) => indefiniteRp(w).because,
  },
  {
    // Citizenship: its conditions are outside the verified law data.
    step: 'citizenship',
    who: 'each',
    dependsOn: () => ['rp-decision'],
    completedBy: 'citizenship-granted',
    optional: true,
    outsideLaw: true,
    law: (w) => [today(w, 'rp.hqs-term')],
    because: () => msg('plan.citizenship'),
  },
];

/** The processing term of the person's RP application, counted from its filing. */
function rpTerm(w: Who): ParameterValue | undefined {
  const filed = w.pf.rpFiled[0];
  return filed ? (w.ctx.value('rp.hqs-processing-term', filed) ?? w.ctx.value('rp.processing-term', filed)) : undefined;
}

/**
 * The day the HQS began work in Russia under the permit: the later of the contract's start, the permit's
 * issue and — for a specialist coming from abroad — the first entry after the permit (the law counts work
 * "in this capacity"; where it is unclear, the later, safer day). Undefined until all of them are known.
 */
function hqsWorkStart(w: Who): IsoDate | undefined {
  const { f, c, issued } = w;
  if (!issued) return undefined;
  const date = c.contract.start > issued.on ? c.contract.start : issued.on;
  if ((f.principal.startsFrom ?? 'abroad') !== 'abroad') return date;
  const entry = (f.people.get(f.principal.id) as PersonFacts).entries.find((d) => d >= issued.on);
  if (entry === undefined) return undefined;
  return entry > date ? entry : date;
}

/**
 * The indefinite RP (115-FZ art. 8 and 13.2 as amended by 316-FZ, from 2024-01-07): a right of those who hold an
 * RP issued on HQS grounds, from the latest of two years of HQS work, the day the HQS RP was received and the
 * day the rule took effect. Without an HQS RP it is offered only while the work goes on (the RP may still
 * come); once the work has ended without one, it is not offered.
 */
function indefiniteRp(w: Who): { na: boolean; earliest?: IsoDate; because: Message } {
  return (w.indefinite ??= readIndefiniteRp(w));
}

function readIndefiniteRp(w: Who): { na: boolean; earliest?: IsoDate; because: Message } {
  const { ctx, f, c, pf } = w;
  const on = ctx.asOf;
  const after = today(w, 'rp.hqs-indefinite-after');
  const years = typeof after?.value === 'number' ? after.value : undefined;
  if (after === undefined || years === undefined) return { na: true, because: msg('plan.indefinite-rp.na') };
  const held = pf.rpIssued.find(
    (r) => r.indefinite !== true && r.on <= on && (r.validUntil === undefined || r.validUntil >= on),
  );
  const work = hqsWorkStart(w);
  const twoYears = work ? addYears(work, years) : undefined;
  if (held) {
    const received = held.received ?? held.on;
    if (!twoYears || !work) return { na: false, because: msg('plan.indefinite-rp.work-unknown', { years }) };
    const latest = [twoYears, received, after.from].reduce((a, b) => (b > a ? b : a));
    return {
      na: false,
      earliest: latest,
      because: msg('plan.indefinite-rp.earliest', { date: latest, years, work, received, from: after.from }),
    };
  }
  const ended = workEnd(c, f);
  if (ended !== undefined && ended <= on) return { na: true, because: msg('plan.indefinite-rp.no-hqs-rp') };
  return { na: false, because: msg('plan.indefinite-rp.needs-rp', { years }) };
}

export interface PlanResult {
  steps: PlanStep[];
  /** Estimated total from the first open step to entry (or start of work), in days. */
  estimatedDays?: number;
}

// A work visa is needed unless one of the person's citizenships lets them enter without a visa *for
// work* (a tourist visa waiver, such as China's since 2025-12-01, does not) or is an EAEU citizenship.
function needsVisa(ctx: Ctx, p: Person): boolean {
  const countries = ctx.law.countries;
  for (const cc of p.citizenships) {
    const v = countries.visaRequired(cc, ctx.asOf);
    if ((!v.required && v.workAllowedVisaFree) || countries.isEaeu(cc, ctx.asOf)) return false;
  }
  return true;
}

/** The status and date of each step of one person, and of the principal (a family member's steps wait for the principal's). */
interface Walk {
  status: Map<PlanStepId, StepStatus>;
  dates: Map<PlanStepId, IsoDate>;
}

export function buildPlan(
  ctx: Ctx,
  c: Case,
  f: CaseFacts,
  elig: Eligibility,
  obligations: ObligationIndex,
  targetStart?: IsoDate,
): PlanResult {
  const on = ctx.asOf;
  const P = f.principal;
  const filed = f.permitFiled[0];
  const decisionTerm = ctx.value('work-permit.decision-term', filed ?? on);
  const decisionDeadline = filed && decisionTerm ? ctx.termEnd(filed, decisionTerm).date : undefined;
  const issued = f.permitIssued[0];
  const exempt = P.citizenships.some((cc) => ctx.law.countries.isEaeu(cc, on));
  const blocked = elig.status === 'ineligible';
  const work = workUnderPermit(f);
  const steps: PlanStep[] = [];
  const principalWalk: Walk = { status: new Map(), dates: new Map() };
  let firstOpen: IsoDate | undefined;
  let entryEstimate: IsoDate | undefined;

  // The principal first, then the family in the order the case lists them.
  for (const person of [P, ...f.family]) {
    const principal = person === P;
    const pf = f.people.get(person.id) as PersonFacts;
    const abroad = (person.startsFrom ?? 'abroad') === 'abroad';
    const visa = needsVisa(ctx, person) && abroad;
    // The first entry on or after the permit (or its filing): the entry the visa and the permit were for.
    const entry = pf.entries.find((d) => d >= (issued?.on ?? filed ?? '0000-01-01'));
    const byEntry: Implied | undefined = visa && entry !== undefined ? { by: 'entry', on: entry } : undefined;
    const personWork = principal ? work : undefined;
    const w: Who = {
      ctx,
      c,
      f,
      person,
      pf,
      principal,
      exempt,
      blocked,
      visa,
      abroad,
      filed,
      issued,
      decisionTerm,
      decisionDeadline,
      entry,
      byEntry,
      permitImplied:
        byEntry && (!personWork || byEntry.on <= personWork)
          ? byEntry
          : personWork
            ? { by: 'work', on: personWork }
            : undefined,
      obligations,
    };
    const walk: Walk = principal ? principalWalk : { status: new Map(), dates: new Map() };
    for (const rule of STEPS) {
      if (rule.who === 'principal' && !principal) continue;
      const step = emit(w, rule, walk, principalWalk);
      steps.push(step);
      if (step.status !== 'done' && step.status !== 'not-applicable' && step.status !== 'blocked' && !rule.outsideLaw)
        firstOpen ??= on;
      if (principal && rule.step === 'entry' && step.date && step.status !== 'done') entryEstimate = step.date;
    }
  }
  if (targetStart) latestDates(ctx, steps, targetStart);
  const result: PlanResult = { steps };
  if (firstOpen && entryEstimate)
    result.estimatedDays = Math.round((Date.parse(entryEstimate) - Date.parse(firstOpen)) / 86_400_000);
  return result;
}

const PERSON_EVENTS: ReadonlySet<CaseEventType> = new Set(PERSON_EVENT_TYPES);

/** The event that completes a step, for a person. */
function completedByOf(rule: StepRule, person: string): CompletedBy {
  const out: CompletedBy = { type: rule.completedBy };
  if (PERSON_EVENTS.has(rule.completedBy)) out.person = person;
  if (rule.completedByFields) out.fields = { ...rule.completedByFields };
  return out;
}

/** A dependency's status: the person's own step, else (for a family member) the principal's. */
function statusOfStep(d: PlanStepId, walk: Walk, principalWalk: Walk, principal: boolean): StepStatus | undefined {
  return walk.status.get(d) ?? (principal ? undefined : principalWalk.status.get(d));
}

/** A row of the table for one person: its status and date from the events and the steps it depends on. */
function emit(w: Who, rule: StepRule, walk: Walk, principalWalk: Walk): PlanStep {
  const { ctx, person, principal } = w;
  const on = ctx.asOf;
  const deps = rule.dependsOn(w);
  const completedBy = completedByOf(rule, person.id);
  const after = rule.completedAfter ? rule.completedAfter(w) : undefined;
  const done = rule.done
    ? rule.done(w)
    : after === null
      ? undefined
      : firstEvent(w.f, rule.completedBy, completedBy.person, after, rule.completedByFields)?.on;
  const implied = rule.impliedBy?.(w);
  let status: StepStatus;
  let date: IsoDate | undefined;
  let dateKind: DateKind | undefined;
  let deadline: IsoDate | undefined;
  if (rule.notApplicable?.(w)) status = 'not-applicable';
  else if (done !== undefined) {
    status = 'done';
    date = done;
    dateKind = 'event';
  } else if (implied !== undefined) status = 'done';
  else if (rule.outsideLaw) status = 'upcoming';
  else if (w.blocked && rule.notBlocked !== true) status = 'blocked';
  else {
    deadline = rule.deadline?.(w);
    const open = deadline === undefined ? rule.date?.(w) : undefined;
    if (deadline !== undefined) {
      date = deadline;
      dateKind = 'deadline';
    } else if (open !== undefined && 'earliest' in open) {
      date = open.earliest;
      dateKind = 'earliest';
    } else {
      // From the latest of the dependencies' dates (or today).
      let base: IsoDate = on;
      for (const d of deps) {
        const dd = walk.dates.get(d) ?? principalWalk.dates.get(d);
        if (dd && dd > base) base = dd;
      }
      if (open === undefined) date = base;
      else {
        dateKind = 'estimate';
        if ('at' in open) date = open.at;
        else if ('term' in open) date = open.term ? ctx.termEnd(base, open.term).date : base;
        else date = open.estimate ? addDays(base, ctx.num(open.estimate)) : base;
      }
    }
    let depsDone = true;
    for (const d of deps) {
      const st = statusOfStep(d, walk, principalWalk, principal);
      if (st !== undefined && st !== 'done' && st !== 'not-applicable') depsDone = false;
    }
    status = deadline && on > deadline ? 'overdue' : depsDone ? (rule.optional ? 'upcoming' : 'due') : 'upcoming';
    if (rule.followsDuty) {
      const duty = openDutyIn(w.obligations, rule.followsDuty, person.id);
      if (duty && duty.status !== 'not-applicable' && duty.status !== 'done') status = duty.status;
    }
  }
  walk.status.set(rule.step, status);
  if (date) walk.dates.set(rule.step, date);
  const values = rule.law(w);
  const because = [rule.because(w)];
  const unrecorded = status === 'done' && date === undefined && implied !== undefined;
  if (unrecorded)
    because.push(msg(implied.by === 'entry' ? 'plan.implied.entry' : 'plan.implied.work', { on: implied.on }));
  const step: PlanStep = {
    id: rule.step,
    person: person.id,
    status,
    dependsOn: deps,
    basis: basisOfAll(values),
    because,
    completedBy,
  };
  if (unrecorded) step.recorded = false;
  if (date) step.date = date;
  if (dateKind) step.dateKind = dateKind;
  if (ctx.trace) {
    const params = values.filter((v): v is ParameterValue => v !== undefined).map((v) => ({ id: v.parameterId, v }));
    ctx.note(`plan.${rule.step}`, `${person.id}: ${status}${date ? ` ${date} (${dateKind ?? ''})` : ''}`, params);
  }
  return step;
}

/** Working backwards from a target start: by when each earlier step must happen. */
function latestDates(ctx: Ctx, steps: PlanStep[], target: IsoDate): void {
  const on = ctx.asOf;
  const days = (id: string) => {
    const v = ctx.value(id, on);
    return v ? ctx.num(v) : 0;
  };
  const decision = ctx.value('work-permit.decision-term', on);
  for (const s of steps) {
    if (s.status === 'done' || s.status === 'not-applicable') continue;
    let latest: IsoDate | undefined;
    const entry = addDays(target, -1);
    const visa = addDays(entry, -days('estimate.travel-after-visa'));
    const decided = addDays(visa, -days('estimate.consular-visa'));
    // The decision must fall on a working day by `decided`; the filing is the decision term before it.
    const filing = decision ? ctx.cal.addWorkingDays(ctx.cal.previousWorkingDay(decided), -ctx.num(decision)) : decided;
    switch (s.id) {
      case 'entry':
        latest = entry;
        break;
      case 'visa':
        latest = visa;
        break;
      case 'invitation':
      case 'work-permit-decision':
        latest = decided;
        break;
      case 'work-permit-filing':
        latest = filing;
        break;
      case 'contract':
      case 'employer-registration':
        latest = addDays(filing, -days('estimate.petition-preparation'));
        break;
      case 'work-permit-collection':
        latest = target;
        break;
      default:
        break;
    }
    if (latest) {
      s.latest = latest;
      if (latest < on && s.status !== 'overdue') s.because.push(msg('plan.target-missed', { target, latest }));
    }
  }
}

/** Steps the plan takes as done though the case does not record them: one warning per person, asking to record them. */
export function impliedStepFindings(steps: readonly PlanStep[]): Finding[] {
  const byPerson = new Map<string, PlanStep[]>();
  for (const s of steps) {
    if (s.recorded !== false) continue;
    const list = byPerson.get(s.person) ?? [];
    list.push(s);
    byPerson.set(s.person, list);
  }
  return [...byPerson].map(([person, list]) => ({
    severity: 'warning' as const,
    code: 'steps-not-recorded' as const,
    params: { person, steps: list.map((s) => s.id) },
    people: [person],
    basis: [],
  }));
}
