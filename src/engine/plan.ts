// The plan: for the principal and each family member, the procedures of the route in dependency order,
// with status read from the events. A step's date is the event's date when done, a legal deadline where
// the law sets one, or an estimate of typical duration otherwise — and says which. With a target start,
// each step also gets the latest date it may happen, counted backwards on the production calendar.
import type { Case, Person } from '../case/index.ts';
import type { ParameterValue } from '../law/index.ts';
import { addDays, addYears, type IsoDate } from '../calendar/date.ts';
import { type Ctx, CACHE_LIMIT, basisOfList } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import { PLAN_STEP_IDS, type DateKind, type Eligibility, type Obligation, type PlanStep, type PlanStepId, type StepStatus } from './types.ts';
import { permitEnd } from './obligations.ts';

interface Spec {
  id: PlanStepId;
  /** Position of the id in PLAN_STEP_IDS. */
  index: number;
  deps: PlanStepId[];
  done: IsoDate | undefined;
  /** A legal deadline for this step, when one exists. */
  deadline: IsoDate | undefined;
  /** Typical duration after the previous step (an estimate parameter id). */
  estimate: string | undefined;
  /** Fixed estimate date (e.g. a statutory processing term counted from filing). */
  estimateDate: IsoDate | undefined;
  /** A legal processing term (parameter id) counted from the previous step's estimated date. */
  estimateTerm: string | undefined;
  /** Not applicable to this person (e.g. no visa for a visa-free national). */
  na: boolean;
  optional: boolean;
  /** The obligation kind whose status this step follows while open. */
  duty: string | undefined;
  values: (ParameterValue | undefined)[];
  why: string;
}

const STEP_INDEX: ReadonlyMap<string, number> = new Map(PLAN_STEP_IDS.map((id, i) => [id, i]));

function spec(id: PlanStepId, deps: PlanStepId[], done: IsoDate | undefined, values: (ParameterValue | undefined)[], why: string): Spec {
  return {
    id,
    index: STEP_INDEX.get(id) as number,
    deps,
    done,
    deadline: undefined,
    estimate: undefined,
    estimateDate: undefined,
    estimateTerm: undefined,
    na: false,
    optional: false,
    duty: undefined,
    values,
    why,
  };
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
type DutyKind = 'work-permit-collection' | 'migration-registration' | 'contract-notification' | 'rp-registration' | 'work-permit-extension';

/** Per kind and person, the first obligation (in the list's order) that is not done. */
function openDuties(obligations: readonly Obligation[]): Map<string, Map<string, Obligation>> {
  const open = new Map<string, Map<string, Obligation>>();
  for (const o of obligations) {
    if (o.status === 'done') continue;
    switch (o.kind) {
      case 'work-permit-collection':
      case 'migration-registration':
      case 'contract-notification':
      case 'rp-registration':
      case 'work-permit-extension': {
        let byPerson = open.get(o.kind);
        if (byPerson === undefined) {
          byPerson = new Map();
          open.set(o.kind, byPerson);
        }
        if (!byPerson.has(o.person)) byPerson.set(o.person, o);
        break;
      }
      default:
        break;
    }
  }
  return open;
}

/** What the steps of every person share within one evaluation. */
interface PlanInput {
  ctx: Ctx;
  f: CaseFacts;
  c: Case;
  at: OnDate;
  open: Map<string, Map<string, Obligation>>;
  filed: IsoDate | undefined;
  issued: CaseFacts['permitIssued'][number] | undefined;
  decisionTerm: ParameterValue | undefined;
  decisionDeadline: IsoDate | undefined;
  /** The principal is an EAEU citizen: no permit steps. */
  exempt: boolean;
}

function openDuty(input: PlanInput, kind: DutyKind, person: string): Obligation | undefined {
  return input.open.get(kind)?.get(person);
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

function isEaeuCitizen(ctx: Ctx, p: Person): boolean {
  for (const cc of p.citizenships) if (ctx.law.countries.isEaeu(cc, ctx.asOf)) return true;
  return false;
}

function abroad(p: Person): boolean {
  return (p.startsFrom ?? 'abroad') === 'abroad';
}

function specsFor(input: PlanInput, p: Person, pf: PersonFacts, principal: boolean): Spec[] {
  const { ctx, f, c, at, filed, issued, decisionTerm, decisionDeadline, exempt } = input;
  const P = f.principal;
  const visa = needsVisa(ctx, p) && abroad(p);
  const entry = earliest(pf.entries, issued?.on ?? filed);
  const rpIssued = pf.rpIssued[0];
  const rpFiled = pf.rpFiled[0];
  const rpTerm = rpFiled ? (ctx.param('rp.hqs-processing-term', rpFiled) ?? ctx.param('rp.processing-term', rpFiled)) : undefined;
  const indefiniteAfter = at.indefiniteAfter;
  const workStart = f.permitCollected[0] ?? issued?.on;
  const indefiniteDate = indefiniteAfter && workStart && typeof indefiniteAfter.value === 'number' ? addYears(workStart, indefiniteAfter.value) : undefined;
  const list: Spec[] = [];
  let s: Spec;
  if (principal) {
    s = spec('employer-registration', [], f.employerRegistered, [at.employerRegistration], ctx.msg('plan.employer-registration'));
    s.estimate = 'estimate.employer-registration';
    list.push(s);
    s = spec('contract', ['employer-registration'], f.contractSigned[0], [at.petitionPreparation], ctx.msg('plan.contract'));
    s.estimate = 'estimate.petition-preparation';
    list.push(s);
    s = spec('work-permit-filing', ['contract'], filed, [at.petitionPreparation], ctx.msg('plan.work-permit-filing'));
    s.na = exempt;
    s.estimate = 'estimate.petition-preparation';
    list.push(s);
    s = spec(
      'work-permit-decision',
      ['work-permit-filing'],
      issued?.on,
      [decisionTerm],
      ctx.msg(decisionDeadline ? 'plan.work-permit-decision.deadline' : 'plan.work-permit-decision', { n: decisionTerm?.value as number, date: decisionDeadline ?? '' }),
    );
    s.na = exempt;
    if (decisionDeadline) s.deadline = decisionDeadline;
    list.push(s);
  }
  const inv = pf.invitations[0];
  // The invitations (the principal's and the family's) are issued with the permit decision.
  s = spec('invitation', ['work-permit-decision'], inv?.on, [decisionTerm], ctx.msg(visa ? 'plan.invitation' : 'plan.invitation.na'));
  s.na = !visa;
  if (decisionDeadline) s.deadline = decisionDeadline;
  list.push(s);
  s = spec('visa', ['invitation'], pf.visas[0]?.on, [at.consularVisa], ctx.msg(visa ? 'plan.visa' : 'plan.visa.na'));
  s.na = !visa;
  s.estimate = 'estimate.consular-visa';
  list.push(s);
  s = spec('entry', visa ? ['visa'] : principal ? ['work-permit-decision'] : [], entry, [at.travelAfterVisa], ctx.msg(abroad(p) ? 'plan.entry' : 'plan.entry.na'));
  s.na = !abroad(p);
  s.estimate = 'estimate.travel-after-visa';
  list.push(s);
  if (principal) {
    const due = openDuty(input, 'work-permit-collection', P.id)?.due;
    s = spec('work-permit-collection', ['work-permit-decision', 'entry'], earliest(f.permitCollected), [issued ? ctx.param('work-permit.collection-deadline', issued.on) : at.collectionDeadline], ctx.msg('plan.work-permit-collection'));
    s.na = exempt;
    if (due) s.deadline = due;
    list.push(s);
  }
  const regDue = openDuty(input, 'migration-registration', p.id)?.due;
  s = spec('migration-registration', ['entry'], pf.registrations[0]?.on, [entry ? ctx.param('registration.hqs-family-after-entry', entry) : at.registrationAfterEntry], ctx.msg('plan.migration-registration'));
  if (regDue) s.deadline = regDue;
  list.push(s);
  if (principal) {
    const due = openDuty(input, 'contract-notification', P.id)?.due;
    let concluded: IsoDate | undefined;
    for (const n of f.notifications) {
      if (n.kind === 'contract-concluded') {
        concluded = n.on;
        break;
      }
    }
    s = spec('contract-notification', ['contract'], concluded, [at.contractConcluded], ctx.msg('plan.contract-notification'));
    if (due) s.deadline = due;
    list.push(s);
  }
  s = spec('rp-filing', principal ? ['work-permit-collection'] : ['entry'], rpFiled, [at.rpHqsTerm, at.rpPreparation], ctx.msg('plan.rp-filing'));
  s.optional = true;
  s.estimate = 'estimate.rp-preparation';
  list.push(s);
  s = spec('rp-decision', ['rp-filing'], rpIssued?.on, [rpTerm ?? at.rpHqsProcessingTerm], ctx.msg('plan.rp-decision'));
  s.optional = true;
  if (rpFiled && rpTerm) s.estimateDate = ctx.termEndOf(rpFiled, rpTerm).date;
  else s.estimateTerm = 'rp.hqs-processing-term';
  list.push(s);
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
  s = spec('rp-registration', ['rp-decision'], rpRegistered, [rpIssued ? ctx.param('registration.rp-holder', rpIssued.on) : at.rpHolder], ctx.msg('plan.rp-registration'));
  s.optional = true;
  if (rpRegDue) s.deadline = rpRegDue;
  else s.estimateTerm = 'registration.rp-holder';
  list.push(s);
  if (principal) {
    const extDue = openDuty(input, 'work-permit-extension', P.id)?.due;
    const until = permitEnd(f);
    const needed = until !== undefined && (c.contract.end === undefined || c.contract.end > until);
    s = spec('work-permit-extension', ['work-permit-collection'], f.extensionFiled[0], [at.extensionMaxTerm], ctx.msg('plan.work-permit-extension'));
    s.na = exempt || (until !== undefined && !needed);
    if (extDue) {
      s.estimateDate = extDue;
      s.duty = 'work-permit-extension';
    }
    list.push(s);
  }
  let indefinite: IsoDate | undefined;
  for (const r of pf.rpIssued) {
    if (r.indefinite === true) {
      indefinite = r.on;
      break;
    }
  }
  s = spec(
    'indefinite-rp',
    ['rp-decision'],
    indefinite,
    [indefiniteAfter],
    ctx.msg(indefiniteAfter ? 'plan.indefinite-rp' : 'plan.indefinite-rp.na', { years: (indefiniteAfter?.value as number) ?? 2, date: indefiniteDate ?? '—' }),
  );
  s.optional = true;
  s.na = indefiniteAfter === undefined;
  if (indefiniteDate) s.estimateDate = indefiniteDate;
  else s.estimateTerm = 'rp.hqs-indefinite-after';
  list.push(s);
  s = spec('citizenship', ['rp-decision'], pf.citizenshipGranted[0], [at.rpHqsTerm], ctx.msg('plan.citizenship'));
  s.optional = true;
  list.push(s);
  return list;
}

const STEPS = PLAN_STEP_IDS.length;

export function buildPlan(ctx: Ctx, c: Case, f: CaseFacts, elig: Eligibility, obligations: readonly Obligation[], targetStart?: IsoDate): PlanResult {
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
    open: openDuties(obligations),
    filed,
    issued: f.permitIssued[0],
    decisionTerm,
    decisionDeadline,
    exempt: isEaeuCitizen(ctx, P),
  };
  const blockedByEligibility = elig.status === 'ineligible';

  const steps: PlanStep[] = [];
  let firstOpen: IsoDate | undefined;
  let entryEstimate: IsoDate | undefined;
  // Status and date of each step by its position in PLAN_STEP_IDS: the principal's, and the current person's.
  const principalStatus: (StepStatus | undefined)[] = new Array<StepStatus | undefined>(STEPS);
  const principalDates: (IsoDate | undefined)[] = new Array<IsoDate | undefined>(STEPS);
  const people = f.family.length + 1;
  for (let k = 0; k < people; k++) {
    const principal = k === 0;
    const person = principal ? P : (f.family[k - 1] as Person);
    const pf = f.people.get(person.id) as PersonFacts;
    const specs = specsFor(input, person, pf, principal);
    const dates: (IsoDate | undefined)[] = principal ? principalDates : new Array<IsoDate | undefined>(STEPS);
    const statusOf: (StepStatus | undefined)[] = principal ? principalStatus : new Array<StepStatus | undefined>(STEPS);
    for (const s of specs) {
      let status: StepStatus;
      let date: IsoDate | undefined;
      let dateKind: DateKind | undefined;
      let depsDone = true;
      for (const d of s.deps) {
        const i = STEP_INDEX.get(d) as number;
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
      } else if (s.id === 'citizenship') {
        status = 'upcoming';
      } else if (blockedByEligibility && s.id !== 'employer-registration' && s.id !== 'contract') {
        status = 'blocked';
      } else {
        if (s.deadline) {
          date = s.deadline;
          dateKind = 'deadline';
        } else {
          // Estimate: after the latest of the dependencies' dates (or today), plus the typical duration.
          let base: IsoDate = on;
          for (const d of s.deps) {
            const i = STEP_INDEX.get(d) as number;
            const dd = dates[i] ?? principalDates[i];
            if (dd && dd > base) base = dd;
          }
          if (s.estimateDate) date = s.estimateDate;
          else if (s.estimateTerm) {
            const v = ctx.param(s.estimateTerm, on);
            date = v ? ctx.termEndOf(base, v).date : base;
          } else if (s.estimate) {
            const v = ctx.param(s.estimate, on);
            date = v ? addDays(base, ctx.num(v)) : base;
          } else if (s.id === 'work-permit-decision' && decisionTerm) {
            date = ctx.termEndOf(base, decisionTerm).date;
          } else date = base;
          dateKind = s.estimate || s.estimateDate || s.estimateTerm || s.id === 'work-permit-decision' ? 'estimate' : undefined;
        }
        status = s.deadline && on > s.deadline ? 'overdue' : depsDone ? (s.optional ? 'upcoming' : 'due') : 'upcoming';
        if (s.duty) {
          const duty = openDuty(input, s.duty as DutyKind, person.id);
          if (duty && duty.status !== 'not-applicable' && duty.status !== 'done') status = duty.status;
        }
        if (firstOpen === undefined) firstOpen = on;
      }
      statusOf[s.index] = status;
      if (date) dates[s.index] = date;
      if (principal && s.id === 'entry' && date && status !== 'done') entryEstimate = date;
      const step: PlanStep = { id: s.id, person: person.id, status, dependsOn: s.deps, basis: basisOfList(s.values), why: s.why };
      if (date) step.date = date;
      if (dateKind) step.dateKind = dateKind;
      if (ctx.trace) {
        const params = s.values.filter((v): v is ParameterValue => v !== undefined).map((v) => ({ id: v.parameterId, v }));
        ctx.note(`plan.${s.id}`, `${person.id}: ${status}${date ? ` ${date} (${dateKind ?? ''})` : ''}`, params);
      }
      steps.push(step);
    }
  }
  if (targetStart) latestDates(ctx, steps, targetStart);
  const result: PlanResult = { steps };
  if (firstOpen && entryEstimate) result.estimatedDays = Math.round((Date.parse(entryEstimate) - Date.parse(firstOpen)) / 86_400_000);
  return result;
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
