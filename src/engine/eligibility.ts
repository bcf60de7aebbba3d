// Eligibility for the HQS route (115-FZ art. 13.2 p.1): the salary threshold of the category that fits
// the employer and occupation on the date, measured over the period the law used then; the employer's
// bars; the EAEU exemption; excluded activities. Where the route does not fit, the route that would.
import type { Case } from '../case/index.ts';
import type { ApplicableThreshold, ParameterValue } from '../law/index.ts';
import type { IsoDate } from '../calendar/date.ts';
import { type Ctx, basisOf } from './context.ts';
import type { Eligibility, EligibilityStatus, Reason, Route, ThresholdCheck, Severity } from './types.ts';
import { fmt, salaryOver, perYear, type Period } from './util.ts';

const RANK: Record<EligibilityStatus, number> = { eligible: 0, review: 1, ineligible: 2 };


const FACTS = new WeakMap<Case, ReturnType<typeof buildFacts>>();

/** The facts that pick the threshold categories (built once per case). */
export function thresholdFacts(c: Case) {
  let f = FACTS.get(c);
  if (!f) {
    f = buildFacts(c);
    FACTS.set(c, f);
  }
  return f;
}

function buildFacts(c: Case) {
  return {
    employerKind: c.employer.kind,
    occupation: c.contract.occupation,
    sezType: c.employer.sezType,
    internationalMedicalCluster: c.employer.internationalMedicalCluster,
    siriusPriorityArea: c.employer.siriusPriorityArea,
    regions: c.contract.regions,
  };
}

/** The most favourable applicable threshold: art. 13.2 p.1 lists the categories as alternatives. */
export function bestThreshold(list: readonly ApplicableThreshold[]): ApplicableThreshold | undefined {
  let best: ApplicableThreshold | undefined;
  let bestPerYear = Infinity;
  for (const a of list) {
    const v = a.value.value;
    const y = v === null ? 0 : perYear(v, (a.value.period ?? 'year') as Period);
    if (y < bestPerYear || (y === bestPerYear && best && a.parameter.category.general !== true && best.parameter.category.general === true)) {
      best = a;
      bestPerYear = y;
    }
  }
  return best;
}

export function checkThreshold(ctx: Ctx, c: Case, on: IsoDate, includeProposed: boolean): ThresholdCheck | undefined {
  const list = ctx.law.applicableThresholds(thresholdFacts(c), on, { includeProposed });
  const best = bestThreshold(list);
  if (!best) return undefined;
  const v = best.value;
  const period = (v.period ?? 'year') as Period;
  const salaryInPeriod = salaryOver(c.contract.salary, period);
  const check: ThresholdCheck = {
    category: best.parameter.id.replace('hqs.salary-threshold.', ''),
    parameter: best.parameter.id,
    threshold: v.value,
    period,
    salaryInPeriod,
    meets: v.value === null || salaryInPeriod >= v.value,
    effectiveFrom: v.from,
    confidence: v.confidence,
    status: v.status,
  };
  ctx.note(
    'eligibility.salary-threshold',
    `${list.length} categor${list.length === 1 ? 'y applies' : 'ies apply'} on ${on} (${list.map((a) => a.parameter.id).join(', ')}); the most favourable is ${best.parameter.id}`,
    list.map((a) => ({ id: a.parameter.id, v: a.value })),
  );
  return check;
}

export function evaluateEligibility(ctx: Ctx, c: Case): Eligibility {
  const on = ctx.asOf;
  const reasons: Reason[] = [];
  const alternatives: Route[] = [];
  let status: EligibilityStatus = 'eligible';
  const raise = (s: EligibilityStatus) => {
    if (RANK[s] > RANK[status]) status = s;
  };
  const reason = (code: string, severity: Severity, params: Record<string, string | number>, values: (ParameterValue | undefined)[], extraBasis: Reason['basis'] = []) => {
    const basis = [...basisOf(...values), ...extraBasis];
    const r: Reason = { code, severity, message: ctx.msg(`eligibility.${code}`, params), basis };
    const weakest = values.find((v) => v && (v.confidence === 'low' || v.confidence === 'low-medium'));
    if (weakest) r.confidence = weakest.confidence;
    reasons.push(r);
  };
  const route = (id: string) => {
    const v = ctx.param(`route.${id}`, on);
    if (!v) return;
    if (!alternatives.some((a) => a.id === id)) alternatives.push({ id, message: ctx.msg(`route.${id}`), basis: [...v.basis] });
  };
  const principal = c.people.find((p) => p.role === 'principal');
  if (!principal) throw new Error('a case has exactly one principal (checked by the case parser)');
  const countries = ctx.law.countries;

  // Who does not need the route: EAEU citizens work without a permit.
  const eaeu = principal.citizenships.find((cc) => countries.isEaeu(cc, on));
  if (eaeu) {
    const country = countries.get(eaeu);
    raise('review');
    reason('eaeu-permit-not-required', 'info', { country: countries.name(eaeu, ctx.lang) }, [ctx.param('route.eaeu-work', on)], country?.eaeu ? [...country.eaeu.basis] : []);
    route('eaeu-work');
  }

  // Activities the route excludes.
  const excluded = ctx.param('hqs.excluded-activities', on);
  if (c.contract.religiousActivity === true && excluded) {
    raise('ineligible');
    reason('excluded-activity', 'error', { activity: String(excluded.value) }, [excluded]);
    route('ordinary-work-permit');
  }

  // The employer's bars.
  if (c.employer.illegalHiringPenaltyWithin2Years === true) {
    const bar = ctx.param('employer.illegal-hiring-bar', on);
    raise('ineligible');
    reason('employer-barred-illegal-hiring', 'error', { years: bar ? String(bar.value) : '2' }, [bar]);
  }
  if (c.employer.belowThresholdPenaltyWithin2Years === true) {
    const bar = ctx.param('hqs.employer-bar-after-salary-breach', on);
    raise('ineligible');
    reason('employer-barred-salary', 'error', { years: bar ? String(bar.value) : '2' }, [bar]);
  }

  // The salary threshold.
  const currency = c.contract.currency ?? 'RUB';
  const check = checkThreshold(ctx, c, on, ctx.withProposed);
  if (currency !== 'RUB') {
    raise('review');
    reason('salary-currency', 'warning', { currency }, []);
  }
  if (check) {
    const v = ctx.law.applicableThresholds(thresholdFacts(c), on, { includeProposed: ctx.withProposed }).find((a) => a.parameter.id === check.parameter)?.value;
    const params = {
      category: ctx.msg(`category.${check.category}`),
      threshold: check.threshold === null ? '—' : fmt(check.threshold),
      period: ctx.msg(`period.${check.period}`),
      salary: fmt(check.salaryInPeriod),
      from: check.effectiveFrom,
    };
    if (check.threshold === null) reason('no-salary-requirement', 'info', params, [v]);
    else if (currency !== 'RUB') {
      /* compared only in roubles: the currency reason above says so */
    } else if (check.meets) reason('salary-meets-threshold', 'info', params, [v]);
    else {
      raise('ineligible');
      reason('salary-below-threshold', 'error', params, [v]);
      const visaFree = principal.citizenships.some((cc) => {
        const v = countries.visaRequired(cc, on);
        return !v.required && v.workAllowedVisaFree;
      });
      route(visaFree ? 'patent' : 'ordinary-work-permit');
    }
    if (check.confidence === 'low' || check.confidence === 'low-medium') raise('review');
    if (check.status === 'proposed') reason('evaluated-with-proposals', 'warning', params, [v]);
  } else {
    raise('review');
    reason('no-threshold-data', 'warning', { date: on }, []);
  }

  // The law as it will stand when the contract starts, and proposals that would change it.
  const start = c.contract.start;
  if (start > on) {
    const later = checkThreshold(ctx, c, start, ctx.withProposed);
    if (later && check && later.parameter === check.parameter && later.effectiveFrom !== check.effectiveFrom && !later.meets) {
      raise('ineligible');
      reason('salary-below-threshold-at-start', 'error', { start, threshold: fmt(later.threshold ?? 0), period: ctx.msg(`period.${later.period}`), salary: fmt(later.salaryInPeriod) }, []);
    }
  }
  if (!ctx.withProposed) {
    // Proposals (bills) that would change the threshold this case is measured by, within the contract.
    const end = c.contract.end;
    const dates = [...new Set(ctx.law.proposals.filter((p) => p.parameterId.startsWith('hqs.salary-threshold.') && (end === undefined || p.from <= end)).map((p) => p.from))].sort();
    for (const d of dates) {
      const at = d > on ? d : on;
      // The most favourable of the proposals that would apply to this case's categories.
      const proposed = bestThreshold(ctx.law.applicableThresholds(thresholdFacts(c), at, { includeProposed: true }).filter((a) => a.value.status === 'proposed'));
      if (!proposed || proposed.value.status !== 'proposed') continue;
      const p = proposed.value;
      const amount = p.value;
      const period = (p.period ?? 'year') as Period;
      const salary = salaryOver(c.contract.salary, period);
      const meets = amount === null || salary >= amount;
      reason(meets ? 'proposal-would-be-met' : 'proposal-would-not-be-met', 'warning', { from: p.from, threshold: amount === null ? '—' : fmt(amount), period: ctx.msg(`period.${period}`), salary: fmt(salary) }, [p]);
      if (!meets && status === 'eligible') raise('review');
    }
  }

  if (!c.employer.hqsRegistered && !(c.events ?? []).some((e) => e.type === 'employer-registered')) {
    reason('employer-not-registered', 'info', {}, [ctx.param('estimate.employer-registration', on)]);
  }
  return { status, on, reasons, ...(check ? { threshold: check } : {}), alternatives };
}
