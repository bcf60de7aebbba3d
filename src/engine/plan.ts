// The plan: for the principal and each family member, the procedures of the route in dependency order,
// with status read from the events. A step's date is the event's date when done, a legal deadline where
// the law sets one, or an estimate of typical duration otherwise — and says which. With a target start,
// each step also gets the latest date it may happen, counted backwards on the production calendar.
import type { Case, Person } from '../case/index.ts';
import type { ParameterValue } from '../law/index.ts';
import { addDays, addYears, type IsoDate } from '../calendar/date.ts';
import { type Ctx, basisOf } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import type { DateKind, Eligibility, Obligation, PlanStep, PlanStepId, StepStatus } from './types.ts';
import { permitEnd } from './obligations.ts';

interface Spec {
  id: PlanStepId;
  deps: PlanStepId[];
  done?: IsoDate;
  /** A legal deadline for this step, when one exists. */
  deadline?: IsoDate;
  /** Typical duration after the previous step (an estimate parameter id). */
  estimate?: string;
  /** Fixed estimate date (e.g. a statutory processing term counted from filing). */
  estimateDate?: IsoDate;
  /** A legal processing term (parameter id) counted from the previous step's estimated date. */
  estimateTerm?: string;
  /** Not applicable to this person (e.g. no visa for a visa-free national). */
  na?: boolean;
  optional?: boolean;
  /** The obligation kind whose status this step follows while open. */
  duty?: string;
  values: (ParameterValue | undefined)[];
  why: string;
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

export function buildPlan(ctx: Ctx, c: Case, f: CaseFacts, elig: Eligibility, obligations: readonly Obligation[], targetStart?: IsoDate): PlanResult {
  const on = ctx.asOf;
  const countries = ctx.law.countries;
  // A work visa is needed unless one of the person's citizenships lets them enter without a visa *for
  // work* (a tourist visa waiver, such as China's since 2025-12-01, does not) or is an EAEU citizenship.
  const needsVisa = (p: Person) =>
    !p.citizenships.some((cc) => {
      const v = countries.visaRequired(cc, on);
      return (!v.required && v.workAllowedVisaFree) || countries.isEaeu(cc, on);
    });
  const eaeu = (p: Person) => p.citizenships.some((cc) => countries.isEaeu(cc, on));
  const P = f.principal;
  const abroad = (p: Person) => (p.startsFrom ?? 'abroad') === 'abroad';
  const decisionTerm = ctx.param('work-permit.decision-term', f.permitFiled[0] ?? on);
  const filed = f.permitFiled[0];
  const issued = f.permitIssued[0];
  const decisionDeadline = filed && decisionTerm ? ctx.termEnd(filed, ctx.term(decisionTerm)).date : undefined;
  const openDuty = (kind: string, person: string) => obligations.find((o) => o.kind === kind && o.person === person && o.status !== 'done');
  const obligationDue = (kind: string, person: string) => openDuty(kind, person)?.due;
  const exempt = eaeu(P);

  const specsFor = (p: Person, pf: PersonFacts, principal: boolean): Spec[] => {
    const visa = needsVisa(p) && abroad(p);
    const entry = earliest(pf.entries, issued?.on ?? filed);
    const rpIssued = pf.rpIssued[0];
    const rpFiled = pf.rpFiled[0];
    const rpTerm = rpFiled ? (ctx.param('rp.hqs-processing-term', rpFiled) ?? ctx.param('rp.processing-term', rpFiled)) : undefined;
    const indefiniteAfter = ctx.param('rp.hqs-indefinite-after', on);
    const workStart = f.permitCollected[0] ?? issued?.on;
    const indefiniteDate = indefiniteAfter && workStart && typeof indefiniteAfter.value === 'number' ? addYears(workStart, indefiniteAfter.value) : undefined;
    const list: Spec[] = [];
    if (principal) {
      list.push(
        { id: 'employer-registration', deps: [], done: f.employerRegistered, estimate: 'estimate.employer-registration', values: [ctx.param('estimate.employer-registration', on)], why: ctx.msg('plan.employer-registration') },
        { id: 'contract', deps: ['employer-registration'], done: f.contractSigned[0], estimate: 'estimate.petition-preparation', values: [ctx.param('estimate.petition-preparation', on)], why: ctx.msg('plan.contract') },
        { id: 'work-permit-filing', deps: ['contract'], done: filed, na: exempt, estimate: 'estimate.petition-preparation', values: [ctx.param('estimate.petition-preparation', on)], why: ctx.msg('plan.work-permit-filing') },
        { id: 'work-permit-decision', deps: ['work-permit-filing'], done: issued?.on, na: exempt, ...(decisionDeadline ? { deadline: decisionDeadline } : {}), values: [decisionTerm], why: ctx.msg(decisionDeadline ? 'plan.work-permit-decision.deadline' : 'plan.work-permit-decision', { n: decisionTerm?.value as number, date: decisionDeadline ?? '' }) },
      );
    }
    const inv = pf.invitations[0];
    // The invitations (the principal's and the family's) are issued with the permit decision.
    list.push({ id: 'invitation', deps: ['work-permit-decision'], done: inv?.on, na: !visa, ...(decisionDeadline ? { deadline: decisionDeadline } : {}), values: [decisionTerm], why: ctx.msg(visa ? 'plan.invitation' : 'plan.invitation.na') });
    list.push({ id: 'visa', deps: ['invitation'], done: pf.visas[0]?.on, na: !visa, estimate: 'estimate.consular-visa', values: [ctx.param('estimate.consular-visa', on)], why: ctx.msg(visa ? 'plan.visa' : 'plan.visa.na') });
    list.push({ id: 'entry', deps: visa ? ['visa'] : principal ? ['work-permit-decision'] : [], done: entry, na: !abroad(p), estimate: 'estimate.travel-after-visa', values: [ctx.param('estimate.travel-after-visa', on)], why: ctx.msg(abroad(p) ? 'plan.entry' : 'plan.entry.na') });
    if (principal) {
      const due = obligationDue('work-permit-collection', P.id);
      list.push({ id: 'work-permit-collection', deps: ['work-permit-decision', 'entry'], done: earliest(f.permitCollected), na: exempt, ...(due ? { deadline: due } : {}), values: [ctx.param('work-permit.collection-deadline', issued?.on ?? on)], why: ctx.msg('plan.work-permit-collection') });
    }
    const regDue = obligationDue('migration-registration', p.id);
    list.push({ id: 'migration-registration', deps: ['entry'], done: pf.registrations[0]?.on, ...(regDue ? { deadline: regDue } : {}), values: [ctx.param('registration.hqs-family-after-entry', entry ?? on)], why: ctx.msg('plan.migration-registration') });
    if (principal) {
      const due = obligationDue('contract-notification', P.id);
      list.push({ id: 'contract-notification', deps: ['contract'], done: f.notifications.find((n) => n.kind === 'contract-concluded')?.on, ...(due ? { deadline: due } : {}), values: [ctx.param('employer.notification-contract-concluded', on)], why: ctx.msg('plan.contract-notification') });
    }
    list.push(
      { id: 'rp-filing', deps: principal ? ['work-permit-collection'] : ['entry'], done: rpFiled, optional: true, estimate: 'estimate.rp-preparation', values: [ctx.param('rp.hqs-term', on), ctx.param('estimate.rp-preparation', on)], why: ctx.msg('plan.rp-filing') },
      { id: 'rp-decision', deps: ['rp-filing'], done: rpIssued?.on, optional: true, ...(rpFiled && rpTerm ? { estimateDate: ctx.termEnd(rpFiled, ctx.term(rpTerm)).date } : { estimateTerm: 'rp.hqs-processing-term' }), values: [rpTerm ?? ctx.param('rp.hqs-processing-term', on)], why: ctx.msg('plan.rp-decision') },
    );
    const rpRegDue = obligationDue('rp-registration', p.id);
    list.push({ id: 'rp-registration', deps: ['rp-decision'], done: rpIssued ? pf.registrations.find((r) => r.on >= rpIssued.on)?.on : undefined, optional: true, ...(rpRegDue ? { deadline: rpRegDue } : { estimateTerm: 'registration.rp-holder' }), values: [ctx.param('registration.rp-holder', rpIssued?.on ?? on)], why: ctx.msg('plan.rp-registration') });
    if (principal) {
      const extDue = obligationDue('work-permit-extension', P.id);
      const until = permitEnd(f);
      const needed = until !== undefined && (c.contract.end === undefined || c.contract.end > until);
      list.push({ id: 'work-permit-extension', deps: ['work-permit-collection'], done: f.extensionFiled[0], na: exempt || (until !== undefined && !needed), ...(extDue ? { estimateDate: extDue, duty: 'work-permit-extension' } : {}), values: [ctx.param('work-permit.extension-max-term', on)], why: ctx.msg('plan.work-permit-extension') });
    }
    list.push({
      id: 'indefinite-rp',
      deps: ['rp-decision'],
      done: pf.rpIssued.find((r) => r.indefinite === true)?.on,
      optional: true,
      na: indefiniteAfter === undefined,
      ...(indefiniteDate ? { estimateDate: indefiniteDate } : { estimateTerm: 'rp.hqs-indefinite-after' }),
      values: [indefiniteAfter],
      why: ctx.msg(indefiniteAfter ? 'plan.indefinite-rp' : 'plan.indefinite-rp.na', { years: (indefiniteAfter?.value as number) ?? 2, date: indefiniteDate ?? '—' }),
    });
    list.push({ id: 'citizenship', deps: ['rp-decision'], done: pf.citizenshipGranted[0], optional: true, values: [ctx.param('rp.hqs-term', on)], why: ctx.msg('plan.citizenship') });
    return list;
  };

  const steps: PlanStep[] = [];
  let firstOpen: IsoDate | undefined;
  let entryEstimate: IsoDate | undefined;
  const people: [Person, boolean][] = [[P, true], ...f.family.map((p): [Person, boolean] => [p, false])];
  const principalDates = new Map<PlanStepId, IsoDate>();
  for (const [person, principal] of people) {
    const pf = f.people.get(person.id) as PersonFacts;
    const specs = specsFor(person, pf, principal);
    const dates = new Map<PlanStepId, IsoDate>();
    const statusOf = new Map<PlanStepId, StepStatus>();
    for (const s of specs) {
      let status: StepStatus;
      let date: IsoDate | undefined;
      let dateKind: DateKind | undefined;
      const depsDone = s.deps.every((d) => {
        const st = statusOf.get(d) ?? (principal ? undefined : statusOfPrincipal(steps, d));
        return st === undefined || st === 'done' || st === 'not-applicable';
      });
      if (s.na) {
        status = 'not-applicable';
      } else if (s.done !== undefined && s.done <= on) {
        status = 'done';
        date = s.done;
        dateKind = 'event';
      } else if (s.id === 'citizenship') {
        status = 'upcoming';
      } else if (elig.status === 'ineligible' && !['employer-registration', 'contract'].includes(s.id)) {
        status = 'blocked';
      } else {
        if (s.deadline) {
          date = s.deadline;
          dateKind = 'deadline';
        } else {
          // Estimate: after the latest of the dependencies' dates (or today), plus the typical duration.
          let base: IsoDate = on;
          for (const d of s.deps) {
            const dd = dates.get(d) ?? principalDates.get(d);
            if (dd && dd > base) base = dd;
          }
          if (s.estimateDate) date = s.estimateDate;
          else if (s.estimateTerm) {
            const v = ctx.param(s.estimateTerm, on);
            date = v ? ctx.termEnd(base, ctx.term(v)).date : base;
          } else if (s.estimate) {
            const v = ctx.param(s.estimate, on);
            date = v ? addDays(base, ctx.num(v)) : base;
          } else if (s.id === 'work-permit-decision' && decisionTerm) {
            date = ctx.termEnd(base, ctx.term(decisionTerm)).date;
          } else date = base;
          dateKind = s.estimate || s.estimateDate || s.estimateTerm || s.id === 'work-permit-decision' ? 'estimate' : undefined;
        }
        status = s.deadline && on > s.deadline ? 'overdue' : depsDone ? (s.optional ? 'upcoming' : 'due') : 'upcoming';
        const duty = s.duty ? openDuty(s.duty, person.id) : undefined;
        if (duty && duty.status !== 'not-applicable' && duty.status !== 'done') status = duty.status;
        if (firstOpen === undefined) firstOpen = on;
      }
      statusOf.set(s.id, status);
      if (date) dates.set(s.id, date);
      if (principal && s.id === 'entry' && date && status !== 'done') entryEstimate = date;
      const step: PlanStep = { id: s.id, person: person.id, status, dependsOn: s.deps, basis: basisOf(...s.values), why: s.why };
      if (date) step.date = date;
      if (dateKind) step.dateKind = dateKind;
      if (ctx.trace) {
        const params = s.values.filter((v): v is ParameterValue => v !== undefined).map((v) => ({ id: v.parameterId, v }));
        ctx.note(`plan.${s.id}`, `${person.id}: ${status}${date ? ` ${date} (${dateKind ?? ''})` : ''}`, params);
      }
      steps.push(step);
    }
    if (principal) for (const [k, v] of dates) principalDates.set(k, v);
  }
  if (targetStart) latestDates(ctx, steps, targetStart);
  const result: PlanResult = { steps };
  if (firstOpen && entryEstimate) result.estimatedDays = Math.round((Date.parse(entryEstimate) - Date.parse(firstOpen)) / 86_400_000);
  return result;
}

function statusOfPrincipal(steps: readonly PlanStep[], id: PlanStepId): StepStatus | undefined {
  return steps.find((s) => s.id === id)?.status;
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
