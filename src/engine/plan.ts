// The plan: for the principal and each family member, the procedures of the route in dependency order,
// with status read from the events. A step's date is the event's date when done, a legal deadline where
// the law sets one, or an estimate of typical duration otherwise — and says which. With a target start,
// each step also gets the latest date it may happen, counted backwards on the production calendar.
import type { Case, Person } from '../case/index.ts';
import type { ParameterValue } from '../law/index.ts';
import { addDays, addYears, type IsoDate } from '../calendar/date.ts';
import { type Ctx, CACHE_LIMIT, basisOfList, basisOfList1 } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import {
  PLAN_STEP_IDS,
  type DateKind,
  type Eligibility,
  type Finding,
  type Obligation,
  type PlanStep,
  type PlanStepId,
  type StepStatus,
} from './types.ts';
import { indexObligations, openDutyIn, permitEnd, workEnd, type ObligationIndex } from './obligations.ts';

/** What shows that a step happened though the case does not record it: an entry (on a visa) or work under the permit. */
interface Implied {
  by: 'entry' | 'work';
  on: IsoDate;
}

/** The first recorded sign of work under the permit: its collection, an extension, or salary paid. */
function workUnderPermit(f: CaseFacts): IsoDate | undefined {
  const dates = [f.permitCollected[0], f.extensionFiled[0], f.permitExtended[0]?.on, f.salaryPaid[0]?.on];
  return dates.reduce<IsoDate | undefined>(
    (a, b) => (b === undefined ? a : a === undefined || b < a ? b : a),
    undefined,
  );
}

interface Spec {
  id: PlanStepId;
  /** Position of the id in PLAN_STEP_IDS. */
  index: number;
  deps: PlanStepId[];
  done: IsoDate | undefined;
  /** A legal deadline for this step, when one exists. */
  deadline: IsoDate | undefined;
  /** Typical duration after the previous step (an estimate parameter): whether there is one, and its value today. */
  estimate: boolean;
  estimateValue: ParameterValue | undefined;
  /** Fixed estimate date (e.g. a statutory processing term counted from filing). */
  estimateDate: IsoDate | undefined;
  /** The earliest day the law allows the step (a right, not a deadline). */
  earliest: IsoDate | undefined;
  /** A later recorded fact that could not have happened without this step (which the case does not record). */
  implied: Implied | undefined;
  /** A legal processing term counted from the previous step's estimated date: whether there is one, and its value today. */
  estimateTerm: boolean;
  termValue: ParameterValue | undefined;
  /** Not applicable to this person (e.g. no visa for a visa-free national). */
  na: boolean;
  optional: boolean;
  /** The obligation kind whose status this step follows while open. */
  duty: string | undefined;
  /** The law values the step rests on (its basis): one, or two where `v2Given`. */
  v1: ParameterValue | undefined;
  v2: ParameterValue | undefined;
  v2Given: boolean;
  why: string;
}

/** Each step id's position in PLAN_STEP_IDS (an object with a fixed set of keys: a quick look-up). */
const STEP_INDEX = Object.fromEntries(PLAN_STEP_IDS.map((id, i) => [id, i])) as Readonly<Record<PlanStepId, number>>;

/**
 * The next step of a person's plan, in `input.spec` (one object reused for every step: each is handled
 * by emit() before the next is described). Fields not given here are reset to "none".
 */
function spec(
  input: PlanInput,
  id: PlanStepId,
  deps: PlanStepId[],
  done: IsoDate | undefined,
  v1: ParameterValue | undefined,
  why: string,
): Spec {
  const s = input.spec;
  s.id = id;
  s.index = STEP_INDEX[id];
  s.deps = deps;
  s.done = done;
  s.deadline = undefined;
  s.estimate = false;
  s.estimateValue = undefined;
  s.estimateDate = undefined;
  s.earliest = undefined;
  s.implied = undefined;
  s.estimateTerm = false;
  s.termValue = undefined;
  s.na = false;
  s.optional = false;
  s.duty = undefined;
  s.v1 = v1;
  s.v2 = undefined;
  s.v2Given = false;
  s.why = why;
  return s;
}

export interface PlanResult {
  steps: PlanStep[];
  /** Estimated total from the first open step to entry (or start of work), in days. */
  estimatedDays?: number;
}

function earliest(list: readonly IsoDate[], onOrAfter?: IsoDate): IsoDate | undefined {
  for (const d of list) if (onOrAfter === undefined || d >= onOrAfter) return d;
  return undefined;
}

/** The plan's look-ups on the evaluation date: they depend only on the law, the date and withProposed. */
interface OnDate {
  employerRegistration: ParameterValue | undefined;
  petitionPreparation: ParameterValue | undefined;
  consularVisa: ParameterValue | undefined;
  travelAfterVisa: ParameterValue | undefined;
  rpHqsTerm: ParameterValue | undefined;
  rpPreparation: ParameterValue | undefined;
  rpHqsProcessingTerm: ParameterValue | undefined;
  indefiniteAfter: ParameterValue | undefined;
  extensionMaxTerm: ParameterValue | undefined;
  contractConcluded: ParameterValue | undefined;
  collectionDeadline: ParameterValue | undefined;
  registrationAfterEntry: ParameterValue | undefined;
  rpHolder: ParameterValue | undefined;
}

function onDate(ctx: Ctx): OnDate {
  const cache = ctx.shared.memo<string, OnDate>(ctx.withProposed ? 'plan-on-date+proposed' : 'plan-on-date');
  const on = ctx.asOf;
  let v = cache.get(on);
  if (v === undefined) {
    v = {
      employerRegistration: ctx.param('estimate.employer-registration', on),
      petitionPreparation: ctx.param('estimate.petition-preparation', on),
      consularVisa: ctx.param('estimate.consular-visa', on),
      travelAfterVisa: ctx.param('estimate.travel-after-visa', on),
      rpHqsTerm: ctx.param('rp.hqs-term', on),
      rpPreparation: ctx.param('estimate.rp-preparation', on),
      rpHqsProcessingTerm: ctx.param('rp.hqs-processing-term', on),
      indefiniteAfter: ctx.param('rp.hqs-indefinite-after', on),
      extensionMaxTerm: ctx.param('work-permit.extension-max-term', on),
      contractConcluded: ctx.param('employer.notification-contract-concluded', on),
      collectionDeadline: ctx.param('work-permit.collection-deadline', on),
      registrationAfterEntry: ctx.param('registration.hqs-family-after-entry', on),
      rpHolder: ctx.param('registration.rp-holder', on),
    };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(on, v);
  }
  return v;
}

/** The obligation kinds whose open duty a plan step reads. */
type DutyKind =
  | 'work-permit-collection'
  | 'migration-registration'
  | 'contract-notification'
  | 'rp-registration'
  | 'work-permit-extension';

/** What the steps of every person share within one evaluation. */
interface PlanInput {
  ctx: Ctx;
  f: CaseFacts;
  c: Case;
  at: OnDate;
  obligations: ObligationIndex;
  filed: IsoDate | undefined;
  issued: CaseFacts['permitIssued'][number] | undefined;
  decisionTerm: ParameterValue | undefined;
  decisionDeadline: IsoDate | undefined;
  /** The principal is an EAEU citizen: no permit steps. */
  exempt: boolean;
  /** Steps are blocked: the case is not eligible. */
  blocked: boolean;
  /** The step being described (see spec()). */
  spec: Spec;
  steps: PlanStep[];
  firstOpen: IsoDate | undefined;
  entryEstimate: IsoDate | undefined;
  /** Status and date of each of the principal's steps, by position in PLAN_STEP_IDS. */
  principalStatus: (StepStatus | undefined)[];
  principalDates: (IsoDate | undefined)[];
}

/** The person whose steps are being worked out, with the status and date of each step so far. */
interface Walk {
  person: Person;
  principal: boolean;
  statusOf: (StepStatus | undefined)[];
  dates: (IsoDate | undefined)[];
}

function openDuty(input: PlanInput, kind: DutyKind, person: string): Obligation | undefined {
  return openDutyIn(input.obligations, kind, person);
}

// A work visa is needed unless one of the person's citizenships lets them enter without a visa *for
// work* (a tourist visa waiver, such as China's since 2025-12-01, does not) or is an EAEU citizenship.
function needsVisa(ctx: Ctx, p: Person): boolean {
  for (const cc of p.citizenships) if (ctx.worksVisaFree(cc) || ctx.isEaeu(cc)) return false;
  return true;
}

function isEaeuCitizen(ctx: Ctx, p: Person): boolean {
  for (const cc of p.citizenships) if (ctx.isEaeu(cc)) return true;
  return false;
}

function abroad(p: Person): boolean {
  return (p.startsFrom ?? 'abroad') === 'abroad';
}

/** The steps of one person's plan, in order, each handed to emit() as it is described. */
function planFor(input: PlanInput, walk: Walk, pf: PersonFacts): void {
  const p = walk.person;
  const principal = walk.principal;
  const { ctx, f, c, at, filed, issued, decisionTerm, decisionDeadline, exempt } = input;
  const P = f.principal;
  const visa = needsVisa(ctx, p) && abroad(p);
  const entry = earliest(pf.entries, issued?.on ?? filed);
  const rpIssued = pf.rpIssued[0];
  const rpFiled = pf.rpFiled[0];
  const rpTerm = rpFiled
    ? (ctx.param('rp.hqs-processing-term', rpFiled) ?? ctx.param('rp.processing-term', rpFiled))
    : undefined;
  const indefiniteAfter = at.indefiniteAfter;
  // Facts that imply earlier steps the case does not record: the invitation and visa came before an entry on
  // a visa, and the permit before that entry or before work under it. Such steps are done, on a day not
  // recorded — never overdue — and a finding asks to record them.
  const byEntry: Implied | undefined = visa && entry !== undefined ? { by: 'entry', on: entry } : undefined;
  const work = principal ? workUnderPermit(f) : undefined;
  const permitImplied: Implied | undefined =
    byEntry && (!work || byEntry.on <= work) ? byEntry : work ? { by: 'work', on: work } : undefined;
  let s: Spec;
  if (principal) {
    s = spec(
      input,
      'employer-registration',
      [],
      f.employerRegistered,
      at.employerRegistration,
      ctx.msg('plan.employer-registration'),
    );
    s.estimate = true;
    s.estimateValue = at.employerRegistration;
    emit(input, walk, s);
    s = spec(
      input,
      'contract',
      ['employer-registration'],
      f.contractSigned[0],
      at.petitionPreparation,
      ctx.msg('plan.contract'),
    );
    s.estimate = true;
    s.estimateValue = at.petitionPreparation;
    emit(input, walk, s);
    s = spec(
      input,
      'work-permit-filing',
      ['contract'],
      filed,
      at.petitionPreparation,
      ctx.msg('plan.work-permit-filing'),
    );
    s.na = exempt;
    s.implied = permitImplied;
    s.estimate = true;
    s.estimateValue = at.petitionPreparation;
    emit(input, walk, s);
    s = spec(
      input,
      'work-permit-decision',
      ['work-permit-filing'],
      issued?.on,
      decisionTerm,
      ctx.msg(decisionDeadline ? 'plan.work-permit-decision.deadline' : 'plan.work-permit-decision', {
        n: decisionTerm?.value as number,
        date: decisionDeadline ?? '',
      }),
    );
    s.na = exempt;
    s.implied = permitImplied;
    if (decisionDeadline) s.deadline = decisionDeadline;
    emit(input, walk, s);
  }
  const inv = pf.invitations[0];
  // The invitations (the principal's and the family's) are issued with the permit decision.
  s = spec(
    input,
    'invitation',
    ['work-permit-decision'],
    inv?.on,
    decisionTerm,
    ctx.msg(visa ? 'plan.invitation' : 'plan.invitation.na'),
  );
  s.na = !visa;
  s.implied = byEntry;
  if (decisionDeadline) s.deadline = decisionDeadline;
  emit(input, walk, s);
  s = spec(
    input,
    'visa',
    ['invitation'],
    pf.visas[0]?.on,
    at.consularVisa,
    ctx.msg(visa ? 'plan.visa' : 'plan.visa.na'),
  );
  s.na = !visa;
  s.implied = byEntry;
  s.estimate = true;
  s.estimateValue = at.consularVisa;
  emit(input, walk, s);
  s = spec(
    input,
    'entry',
    visa ? ['visa'] : principal ? ['work-permit-decision'] : [],
    entry,
    at.travelAfterVisa,
    ctx.msg(abroad(p) ? 'plan.entry' : 'plan.entry.na'),
  );
  s.na = !abroad(p);
  s.estimate = true;
  s.estimateValue = at.travelAfterVisa;
  emit(input, walk, s);
  if (principal) {
    const due = openDuty(input, 'work-permit-collection', P.id)?.due;
    s = spec(
      input,
      'work-permit-collection',
      ['work-permit-decision', 'entry'],
      earliest(f.permitCollected),
      issued ? ctx.param('work-permit.collection-deadline', issued.on) : at.collectionDeadline,
      ctx.msg('plan.work-permit-collection'),
    );
    s.na = exempt;
    if (due) s.deadline = due;
    emit(input, walk, s);
  }
  const regDue = openDuty(input, 'migration-registration', p.id)?.due;
  s = spec(
    input,
    'migration-registration',
    ['entry'],
    pf.registrations[0]?.on,
    entry ? ctx.param('registration.hqs-family-after-entry', entry) : at.registrationAfterEntry,
    ctx.msg('plan.migration-registration'),
  );
  if (regDue) s.deadline = regDue;
  emit(input, walk, s);
  if (principal) {
    const due = openDuty(input, 'contract-notification', P.id)?.due;
    let concluded: IsoDate | undefined;
    for (const n of f.notifications) {
      if (n.kind === 'contract-concluded') {
        concluded = n.on;
        break;
      }
    }
    s = spec(
      input,
      'contract-notification',
      ['contract'],
      concluded,
      at.contractConcluded,
      ctx.msg('plan.contract-notification'),
    );
    if (due) s.deadline = due;
    emit(input, walk, s);
  }
  s = spec(
    input,
    'rp-filing',
    principal ? ['work-permit-collection'] : ['entry'],
    rpFiled,
    at.rpHqsTerm,
    ctx.msg('plan.rp-filing'),
  );
  s.v2 = at.rpPreparation;
  s.v2Given = true;
  s.optional = true;
  s.estimate = true;
  s.estimateValue = at.rpPreparation;
  emit(input, walk, s);
  s = spec(
    input,
    'rp-decision',
    ['rp-filing'],
    rpIssued?.on,
    rpTerm ?? at.rpHqsProcessingTerm,
    ctx.msg('plan.rp-decision'),
  );
  s.optional = true;
  if (rpFiled && rpTerm) s.estimateDate = ctx.termEndOf(rpFiled, rpTerm).date;
  else {
    s.estimateTerm = true;
    s.termValue = at.rpHqsProcessingTerm;
  }
  emit(input, walk, s);
  const rpRegDue = openDuty(input, 'rp-registration', p.id)?.due;
  let rpRegistered: IsoDate | undefined;
  if (rpIssued) {
    for (const r of pf.registrations) {
      if (r.on >= rpIssued.on) {
        rpRegistered = r.on;
        break;
      }
    }
  }
  s = spec(
    input,
    'rp-registration',
    ['rp-decision'],
    rpRegistered,
    rpIssued ? ctx.param('registration.rp-holder', rpIssued.on) : at.rpHolder,
    ctx.msg('plan.rp-registration'),
  );
  s.optional = true;
  if (rpRegDue) s.deadline = rpRegDue;
  else {
    s.estimateTerm = true;
    s.termValue = at.rpHolder;
  }
  emit(input, walk, s);
  if (principal) {
    const extDue = openDuty(input, 'work-permit-extension', P.id)?.due;
    const until = permitEnd(f);
    const needed = until !== undefined && (c.contract.end === undefined || c.contract.end > until);
    s = spec(
      input,
      'work-permit-extension',
      ['work-permit-collection'],
      f.extensionFiled[0],
      at.extensionMaxTerm,
      ctx.msg('plan.work-permit-extension'),
    );
    s.na = exempt || (until !== undefined && !needed);
    if (extDue) {
      s.estimateDate = extDue;
      s.duty = 'work-permit-extension';
    }
    emit(input, walk, s);
  }
  s = indefiniteRpStep(input, pf, indefiniteAfter);
  emit(input, walk, s);
  s = spec(input, 'citizenship', ['rp-decision'], pf.citizenshipGranted[0], at.rpHqsTerm, ctx.msg('plan.citizenship'));
  s.optional = true;
  emit(input, walk, s);
}

/**
 * The day the HQS began work in Russia under the permit: the later of the contract's start, the permit's
 * issue and — for a specialist coming from abroad — the first entry after the permit (the law counts work
 * "in this capacity"; where it is unclear, the later, safer day). Undefined until all of them are known.
 */
function hqsWorkStart(input: PlanInput): { date: IsoDate; entry?: IsoDate } | undefined {
  const { f, c, issued } = input;
  if (!issued) return undefined;
  let date = c.contract.start > issued.on ? c.contract.start : issued.on;
  if (!abroad(f.principal)) return { date };
  const entry = earliest((f.people.get(f.principal.id) as PersonFacts).entries, issued.on);
  if (entry === undefined) return undefined;
  if (entry > date) date = entry;
  return { date, entry };
}

/**
 * The indefinite RP (115-FZ art. 8 and 13.2 as amended by 316-FZ, from 2024-01-07): a right of those who hold an
 * RP issued on HQS grounds, from the latest of two years of HQS work, the day the HQS RP was received and the
 * day the rule took effect. Without an HQS RP it is offered only while the work goes on (the RP may still
 * come); once the work has ended without one, it is not offered.
 */
function indefiniteRpStep(input: PlanInput, pf: PersonFacts, after: ParameterValue | undefined): Spec {
  const { ctx, f, c } = input;
  const on = ctx.asOf;
  const done = pf.rpIssued.find((r) => r.indefinite === true)?.on;
  const years = typeof after?.value === 'number' ? after.value : undefined;
  const held = pf.rpIssued.find(
    (r) => r.indefinite !== true && r.on <= on && (r.validUntil === undefined || r.validUntil >= on),
  );
  const ended = workEnd(c, f);
  const work = hqsWorkStart(input);
  const twoYears = work && years !== undefined ? addYears(work.date, years) : undefined;
  let key: string;
  let earliestDate: IsoDate | undefined;
  let na = after === undefined || years === undefined;
  if (na) key = 'plan.indefinite-rp.na';
  else if (held) {
    const received = held.received ?? held.on;
    earliestDate = [twoYears, received, after?.from].reduce<IsoDate | undefined>(
      (a, b) => (b === undefined ? a : a === undefined || b > a ? b : a),
      undefined,
    );
    key = twoYears ? 'plan.indefinite-rp.earliest' : 'plan.indefinite-rp.work-unknown';
  } else if (ended !== undefined && ended <= on) {
    na = true;
    key = 'plan.indefinite-rp.no-hqs-rp';
  } else key = 'plan.indefinite-rp.needs-rp';
  const s = spec(
    input,
    'indefinite-rp',
    ['rp-decision'],
    done,
    after,
    ctx.msg(key, {
      years: years ?? 2,
      date: earliestDate ?? twoYears ?? '—',
      work: work?.date ?? '—',
      received: held ? (held.received ?? held.on) : '—',
      from: after?.from ?? '—',
    }),
  );
  s.optional = true;
  s.na = na;
  if (earliestDate && twoYears) s.earliest = earliestDate;
  else if (!na) {
    s.estimateTerm = true;
    s.termValue = after;
  }
  return s;
}

const STEPS = PLAN_STEP_IDS.length;

export function buildPlan(
  ctx: Ctx,
  c: Case,
  f: CaseFacts,
  elig: Eligibility,
  obligations: readonly Obligation[],
  targetStart?: IsoDate,
): PlanResult {
  const on = ctx.asOf;
  const P = f.principal;
  const decisionTerm = ctx.param('work-permit.decision-term', f.permitFiled[0] ?? on);
  const filed = f.permitFiled[0];
  const decisionDeadline = filed && decisionTerm ? ctx.termEndOf(filed, decisionTerm).date : undefined;
  const input: PlanInput = {
    ctx,
    f,
    c,
    at: onDate(ctx),
    obligations: ctx.local(obligations, indexObligations),
    filed,
    issued: f.permitIssued[0],
    decisionTerm,
    decisionDeadline,
    exempt: isEaeuCitizen(ctx, P),
    blocked: elig.status === 'ineligible',
    spec: spec0(),
    steps: [],
    firstOpen: undefined,
    entryEstimate: undefined,
    principalStatus: new Array<StepStatus | undefined>(STEPS),
    principalDates: new Array<IsoDate | undefined>(STEPS),
  };
  // The principal first, then the family in the order the case lists them.
  planFor(
    input,
    { person: P, principal: true, statusOf: input.principalStatus, dates: input.principalDates },
    f.people.get(P.id) as PersonFacts,
  );
  for (const person of f.family) {
    const walk: Walk = {
      person,
      principal: false,
      statusOf: new Array<StepStatus | undefined>(STEPS),
      dates: new Array<IsoDate | undefined>(STEPS),
    };
    planFor(input, walk, f.people.get(person.id) as PersonFacts);
  }
  const steps = input.steps;
  if (targetStart) latestDates(ctx, steps, targetStart);
  const result: PlanResult = { steps };
  const { firstOpen, entryEstimate } = input;
  if (firstOpen && entryEstimate)
    result.estimatedDays = Math.round((Date.parse(entryEstimate) - Date.parse(firstOpen)) / 86_400_000);
  return result;
}

function spec0(): Spec {
  return {
    id: 'employer-registration',
    index: 0,
    deps: [],
    done: undefined,
    deadline: undefined,
    estimate: false,
    estimateValue: undefined,
    estimateDate: undefined,
    earliest: undefined,
    implied: undefined,
    estimateTerm: false,
    termValue: undefined,
    na: false,
    optional: false,
    duty: undefined,
    v1: undefined,
    v2: undefined,
    v2Given: false,
    why: '',
  };
}

/** A step's status and date from its spec, the events and the steps it depends on; appended to the plan. */
function emit(input: PlanInput, walk: Walk, s: Spec): void {
  const ctx = input.ctx;
  const on = ctx.asOf;
  const { person, principal, statusOf, dates } = walk;
  const { principalStatus, principalDates } = input;
  let status: StepStatus;
  let date: IsoDate | undefined;
  let dateKind: DateKind | undefined;
  let depsDone = true;
  for (const d of s.deps) {
    const i = STEP_INDEX[d];
    const st = statusOf[i] ?? (principal ? undefined : principalStatus[i]);
    if (!(st === undefined || st === 'done' || st === 'not-applicable')) {
      depsDone = false;
      break;
    }
  }
  if (s.na) {
    status = 'not-applicable';
  } else if (s.done !== undefined && s.done <= on) {
    status = 'done';
    date = s.done;
    dateKind = 'event';
  } else if (s.done === undefined && s.implied !== undefined) {
    status = 'done';
  } else if (s.id === 'citizenship') {
    status = 'upcoming';
  } else if (input.blocked && s.id !== 'employer-registration' && s.id !== 'contract') {
    status = 'blocked';
  } else {
    if (s.deadline) {
      date = s.deadline;
      dateKind = 'deadline';
    } else if (s.earliest) {
      date = s.earliest;
      dateKind = 'earliest';
    } else {
      // Estimate: after the latest of the dependencies' dates (or today), plus the typical duration.
      let base: IsoDate = on;
      for (const d of s.deps) {
        const i = STEP_INDEX[d];
        const dd = dates[i] ?? principalDates[i];
        if (dd && dd > base) base = dd;
      }
      if (s.estimateDate) date = s.estimateDate;
      else if (s.estimateTerm) {
        // The term's value on the evaluation date (looked up with the specs).
        const v = s.termValue;
        date = v ? ctx.termEndOf(base, v).date : base;
      } else if (s.estimate) {
        const v = s.estimateValue;
        date = v ? addDays(base, ctx.num(v)) : base;
      } else if (s.id === 'work-permit-decision' && input.decisionTerm) {
        date = ctx.termEndOf(base, input.decisionTerm).date;
      } else date = base;
      dateKind =
        s.estimate || s.estimateDate || s.estimateTerm || s.id === 'work-permit-decision' ? 'estimate' : undefined;
    }
    status = s.deadline && on > s.deadline ? 'overdue' : depsDone ? (s.optional ? 'upcoming' : 'due') : 'upcoming';
    if (s.duty) {
      const duty = openDuty(input, s.duty as DutyKind, person.id);
      if (duty && duty.status !== 'not-applicable' && duty.status !== 'done') status = duty.status;
    }
    if (input.firstOpen === undefined) input.firstOpen = on;
  }
  statusOf[s.index] = status;
  if (date) dates[s.index] = date;
  if (principal && s.id === 'entry' && date && status !== 'done') input.entryEstimate = date;
  const basis = s.v2Given ? basisOfList([s.v1, s.v2]) : basisOfList1(s.v1);
  const implied = status === 'done' && date === undefined && s.implied !== undefined;
  const why = implied ? `${s.why} ${ctx.msg(`plan.implied.${s.implied?.by}`, { on: s.implied?.on ?? '' })}` : s.why;
  const step: PlanStep = { id: s.id, person: person.id, status, dependsOn: s.deps, basis, why };
  if (implied) step.recorded = false;
  if (date) step.date = date;
  if (dateKind) step.dateKind = dateKind;
  if (ctx.trace) {
    const values = s.v2Given ? [s.v1, s.v2] : [s.v1];
    const params = values.filter((v): v is ParameterValue => v !== undefined).map((v) => ({ id: v.parameterId, v }));
    ctx.note(`plan.${s.id}`, `${person.id}: ${status}${date ? ` ${date} (${dateKind ?? ''})` : ''}`, params);
  }
  input.steps.push(step);
}

/** Working backwards from a target start: by when each earlier step must happen. */
function latestDates(ctx: Ctx, steps: PlanStep[], target: IsoDate): void {
  const on = ctx.asOf;
  const days = (id: string) => {
    const v = ctx.param(id, on);
    return v ? ctx.num(v) : 0;
  };
  const decision = ctx.param('work-permit.decision-term', on);
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
      if (latest < on && s.status !== 'overdue') {
        s.why += ` ${ctx.msg('plan.target-missed', { latest, target })}`;
      }
    }
  }
}

/** Steps the plan takes as done though the case does not record them: one warning per person, asking to record them. */
export function impliedStepFindings(ctx: Ctx, steps: readonly PlanStep[]): Finding[] {
  const byPerson = new Map<string, PlanStep[]>();
  for (const s of steps) {
    if (s.recorded !== false) continue;
    const list = byPerson.get(s.person) ?? [];
    list.push(s);
    byPerson.set(s.person, list);
  }
  return [...byPerson].map(([person, list]) => ({
    severity: 'warning' as const,
    code: 'steps-not-recorded',
    message: ctx.msg('finding.steps-not-recorded', {
      person,
      steps: list.map((s) => ctx.msg(`step.${s.id}`)).join(', '),
    }),
    people: [person],
    basis: [],
  }));
}
