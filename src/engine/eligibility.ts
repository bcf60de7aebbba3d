// Eligibility for the HQS route (115-FZ art. 13.2 p.1): the salary threshold of the category that fits
// the employer and occupation on the date, measured over the period the law used then; the employer's
// bars; the EAEU exemption; excluded activities. Where the route does not fit, the route that would.
import type { Case } from '../case/index.ts';
import type { ApplicableThreshold, ParameterValue } from '../law/index.ts';
import type { CategoryFacts, SezType } from '../law/category.ts';
import type { IsoDate } from '../calendar/date.ts';
import { type Ctx, basisOfAll, lowConfidenceOf } from './context.ts';
import type { CaseFacts } from './facts.ts';
import { msg, type MessageCode, type Params, type ParamsOf, type ReasonCode, type RouteId } from './messages.ts';
import type { Eligibility, EligibilityStatus, Reason, Route, ThresholdCheck, Severity } from './types.ts';
import { salaryOver, perYear, type Period } from './util.ts';
import { EXCLUDED_ACTIVITIES } from './rules.ts';

type BillStage = 'submitted' | 'first-reading' | 'second-reading' | 'third-reading' | 'federation-council' | 'signed';

/** The params of a reason's message (`eligibility.<code>`). */
type ReasonParams<C extends ReasonCode> = `eligibility.${C}` extends infer K extends MessageCode ? ParamsOf<K> : never;

const RANK: Record<EligibilityStatus, number> = { eligible: 0, review: 1, ineligible: 2 };

export { thresholdReadings } from './facts.ts';

/** The thresholds of every category some reading fits, with their values on the date (in the law's order). */
export function applicableThresholds(
  ctx: Ctx,
  readings: readonly CategoryFacts[],
  date: IsoDate,
  includeProposed: boolean,
): readonly ApplicableThreshold[] {
  const opts = { includeProposed };
  if (readings.length === 1) return ctx.law.applicableThresholds(readings[0] as CategoryFacts, date, opts);
  const byId = new Map<string, ApplicableThreshold>();
  for (const r of readings) for (const a of ctx.law.applicableThresholds(r, date, opts)) byId.set(a.parameter.id, a);
  return [...byId.values()].sort((a, b) => (a.parameter.id < b.parameter.id ? -1 : 1));
}

/** The most favourable applicable threshold: art. 13.2 p.1 lists the categories as alternatives. */
export function bestThreshold(list: readonly ApplicableThreshold[]): ApplicableThreshold | undefined {
  let best: ApplicableThreshold | undefined;
  let bestPerYear = Infinity;
  for (const a of list) {
    const v = a.value.value;
    const y = v === null ? 0 : perYear(v, (a.value.period ?? 'year') as Period);
    if (
      y < bestPerYear ||
      (y === bestPerYear && best && a.parameter.category.general !== true && best.parameter.category.general === true)
    ) {
      best = a;
      bestPerYear = y;
    }
  }
  return best;
}

/** The salary against the most favourable threshold on a date (115-FZ art. 13.2 p.1 sub. 3). */
function thresholdCheck(
  ctx: Ctx,
  c: Case,
  readings: readonly CategoryFacts[],
  on: IsoDate,
  includeProposed: boolean,
): { check: ThresholdCheck; value: ParameterValue } | undefined {
  const list = applicableThresholds(ctx, readings, on, includeProposed);
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
  if (ctx.trace) {
    ctx.note(
      'eligibility.salary-threshold',
      `${list.length} categor${list.length === 1 ? 'y applies' : 'ies apply'} on ${on} (${list.map((a) => a.parameter.id).join(', ')}); the most favourable is ${best.parameter.id}`,
      list.map((a) => ({ id: a.parameter.id, v: a.value })),
    );
  }
  return { check, value: v };
}

/** The reasons, routes and status being gathered for one case. */
interface Gathered {
  ctx: Ctx;
  on: IsoDate;
  status: EligibilityStatus;
  reasons: Reason[];
  alternatives: Route[];
}

function raise(g: Gathered, s: EligibilityStatus): void {
  if (RANK[s] > RANK[g.status]) g.status = s;
}

function reason<C extends ReasonCode>(
  g: Gathered,
  code: C,
  severity: Severity,
  params: ReasonParams<C>,
  values: (ParameterValue | undefined)[],
  extraBasis: Reason['basis'] = [],
): void {
  const basis = extraBasis.length === 0 ? basisOfAll(values) : [...basisOfAll(values), ...extraBasis];
  const r: Reason =
    Object.keys(params).length === 0
      ? { code, severity, basis }
      : { code, severity, params: params as unknown as Params, basis };
  const confidence = lowConfidenceOf(values);
  if (confidence) r.confidence = confidence;
  g.reasons.push(r);
}

/** A route that fits instead: the parameter `route.<id>` names it (its value is the route's code) and cites it. */
function route(g: Gathered, parameter: `route.${RouteId}`): void {
  const v = g.ctx.value(parameter, g.on);
  if (!v) return;
  const id = v.value as RouteId;
  for (const a of g.alternatives) if (a.id === id) return;
  g.alternatives.push({ id, basis: [...v.basis] });
}

/** The dates (in order, without repeats) proposals would change a salary threshold on. */
function thresholdProposalDates(ctx: Ctx): IsoDate[] {
  const dates = new Set<IsoDate>();
  for (const p of ctx.law.proposals) if (p.parameterId.startsWith('hqs.salary-threshold.')) dates.add(p.from);
  return [...dates].sort();
}

export function evaluateEligibility(ctx: Ctx, c: Case, facts: CaseFacts): Eligibility {
  const on = ctx.asOf;
  const g: Gathered = { ctx, on, status: 'eligible', reasons: [], alternatives: [] };
  const principal = facts.principal;
  const countries = ctx.law.countries;
  const readings = facts.readings;

  // EAEU citizens work without a permit (EAEU Treaty art. 97).
  const eaeu = principal.citizenships.find((cc) => countries.isEaeu(cc, on));
  if (eaeu) {
    const country = countries.get(eaeu);
    raise(g, 'review');
    reason(
      g,
      'eaeu-permit-not-required',
      'info',
      { country: eaeu },
      [ctx.value('route.eaeu-work', on)],
      country?.eaeu ? [...country.eaeu.basis] : [],
    );
    route(g, 'route.eaeu-work');
  }

  // Activities the route excludes (115-FZ art. 13.2 p.1): the law data names them, each a rule of rules.ts.
  const excluded = ctx.value('hqs.excluded-activities', on);
  if (excluded && EXCLUDED_ACTIVITIES[excluded.value as keyof typeof EXCLUDED_ACTIVITIES](c)) {
    raise(g, 'ineligible');
    reason(g, 'excluded-activity', 'error', { activity: String(excluded.value) }, [excluded]);
    route(g, 'route.ordinary-work-permit');
  }

  // The employer's bars (115-FZ art. 13.2 p.1; p. 26 sub. 1).
  if (c.employer.illegalHiringPenaltyWithin2Years === true) {
    const bar = ctx.value('employer.illegal-hiring-bar', on);
    raise(g, 'ineligible');
    reason(g, 'employer-barred-illegal-hiring', 'error', { years: yearsOf(ctx, 'employer.illegal-hiring-bar', bar) }, [
      bar,
    ]);
  }
  if (c.employer.belowThresholdPenaltyWithin2Years === true) {
    const bar = ctx.value('hqs.employer-bar-after-salary-breach', on);
    raise(g, 'ineligible');
    reason(g, 'employer-barred-salary', 'error', { years: yearsOf(ctx, 'hqs.employer-bar-after-salary-breach', bar) }, [
      bar,
    ]);
  }

  // The salary threshold (art. 13.2 p.1): the most favourable category that fits, measured as the law measured it.
  const currency = c.contract.currency ?? 'RUB';
  const sez = sezReadings(ctx, c, readings, on, ctx.withProposed);
  const found = sez ? sez.decisive : thresholdCheck(ctx, c, readings, on, ctx.withProposed);
  const check = found?.check;
  if (currency !== 'RUB') {
    raise(g, 'review');
    reason(g, 'salary-currency', 'warning', { currency }, []);
  }
  if (found && check) {
    const v = found.value;
    const params = thresholdParams(check);
    if (check.threshold === null)
      reason(g, 'no-salary-requirement', 'info', { category: check.category, from: check.effectiveFrom }, [v]);
    else if (currency !== 'RUB') {
      /* compared only in roubles: the currency reason above says so */
    } else if (check.meets) reason(g, 'salary-meets-threshold', 'info', params, [v]);
    else {
      raise(g, 'ineligible');
      reason(g, 'salary-below-threshold', 'error', params, [v]);
      const visaFree = principal.citizenships.some((cc) => {
        const visa = countries.visaRequired(cc, on);
        return !visa.required && visa.workAllowedVisaFree;
      });
      route(g, visaFree ? 'route.patent' : 'route.ordinary-work-permit');
    }
    if (sez && currency === 'RUB') {
      // The zone type decides the threshold and the case does not say it: eligible only where every type's
      // threshold is met, ineligible only where none is; between them a person must check the zone type.
      const types = (list: readonly SezReading[]) => list.map((r) => r.sezType);
      const met = sez.readings.filter((r) => r.check.meets);
      const unmet = sez.readings.filter((r) => !r.check.meets);
      if (unmet.length === 0) reason(g, 'sez-type-missing-all-met', 'info', {}, []);
      else if (met.length === 0) reason(g, 'sez-type-missing-none-met', 'info', {}, []);
      else {
        raise(g, 'review');
        reason(
          g,
          'sez-type-decides',
          'warning',
          { met: types(met), unmet: types(unmet), field: 'employer.sezType' },
          [],
        );
      }
    }
    if (check.confidence === 'low' || check.confidence === 'low-medium') raise(g, 'review');
    if (check.status === 'proposed') {
      const { category, threshold, period, from } = params;
      reason(g, 'evaluated-with-proposals', 'warning', { category, threshold, period, from }, [v]);
    }
  } else {
    raise(g, 'review');
    reason(g, 'no-threshold-data', 'warning', { date: on }, []);
  }

  // The law as it will stand when the contract starts.
  const start = c.contract.start;
  if (start > on) {
    const later = (
      sez
        ? sezReadings(ctx, c, readings, start, ctx.withProposed)?.decisive
        : thresholdCheck(ctx, c, readings, start, ctx.withProposed)
    )?.check;
    if (
      later &&
      check &&
      later.parameter === check.parameter &&
      later.effectiveFrom !== check.effectiveFrom &&
      !later.meets
    ) {
      raise(g, 'ineligible');
      reason(
        g,
        'salary-below-threshold-at-start',
        'error',
        { start, threshold: later.threshold ?? 0, period: later.period, salary: later.salaryInPeriod },
        [],
      );
    }
  }
  if (!ctx.withProposed) proposalNotes(g, c, readings);

  if (facts.employerRegistered === undefined) {
    reason(g, 'employer-not-registered', 'info', {}, [ctx.value('estimate.employer-registration', on)]);
  }
  return {
    status: g.status,
    on,
    reasons: g.reasons,
    ...(check ? { threshold: check } : {}),
    alternatives: g.alternatives,
  };
}

/** The years of a bar on the date (or, before the data records one, its first value: see Ctx.valueOrFirst). */
function yearsOf(ctx: Ctx, id: string, bar: ParameterValue | undefined): number {
  const v = bar ?? ctx.valueOrFirst(id, ctx.asOf);
  return v ? ctx.num(v) : NaN;
}

function thresholdParams(check: ThresholdCheck): ReasonParams<'salary-meets-threshold'> {
  return {
    salary: check.salaryInPeriod,
    period: check.period,
    threshold: check.threshold,
    category: check.category,
    from: check.effectiveFrom,
  };
}

/** The threshold a case would be measured by if its SEZ were of one type. */
interface SezReading {
  sezType: SezType;
  check: ThresholdCheck;
  value: ParameterValue;
}

/**
 * An SEZ resident whose zone type the case does not give (115-FZ art. 13.2 p.1 sub. 1–2): the threshold under
 * each zone type, and the one that decides — the strictest where every type's threshold is met (eligible under
 * any reading), else the most favourable (ineligible only when no reading is met). Undefined for every other case.
 */
function sezReadings(
  ctx: Ctx,
  c: Case,
  readings: readonly CategoryFacts[],
  on: IsoDate,
  includeProposed: boolean,
): { readings: SezReading[]; decisive: { check: ThresholdCheck; value: ParameterValue } } | undefined {
  if (readings.length === 1) return undefined;
  const out: SezReading[] = [];
  for (const facts of readings) {
    const found = thresholdCheck(ctx, c, [facts], on, includeProposed);
    if (found) out.push({ sezType: facts.sezType as SezType, ...found });
  }
  if (out.length === 0) return undefined;
  const perYearOf = (r: SezReading) =>
    r.check.threshold === null ? 0 : perYear(r.check.threshold, r.check.period as Period);
  const allMet = out.every((r) => r.check.meets);
  let decisive = out[0] as SezReading;
  for (const r of out) {
    if (allMet ? perYearOf(r) > perYearOf(decisive) : perYearOf(r) < perYearOf(decisive)) decisive = r;
  }
  return { readings: out, decisive: { check: decisive.check, value: decisive.value } };
}

/**
 * Bills that would change the threshold this case is measured by, within the contract: a warning each (never
 * an error, never a change of status), and only from the day the proposal was announced. The law in force
 * decides; the reader learns what would change for this person if the bill became law.
 */
function proposalNotes(g: Gathered, c: Case, readings: readonly CategoryFacts[]): void {
  const { ctx, on } = g;
  const end = c.contract.end;
  for (const d of thresholdProposalDates(ctx)) {
    if (end !== undefined && d > end) continue;
    const at = d > on ? d : on;
    // The most favourable of the proposals that would apply to this case's categories.
    const proposed = bestThreshold(
      applicableThresholds(ctx, readings, at, true).filter((a) => a.value.status === 'proposed'),
    );
    if (!proposed || proposed.value.status !== 'proposed') continue;
    const p = proposed.value;
    if (p.announced === undefined || p.announced > on) continue;
    const amount = p.value;
    const period = (p.period ?? 'year') as Period;
    const salary = salaryOver(c.contract.salary, period);
    const meets = amount === null || salary >= amount;
    const source = p.basis[0] ? ctx.law.sources.get(p.basis[0].source) : undefined;
    const stage = source?.lastStage;
    reason(
      g,
      meets ? 'proposal-would-be-met' : 'proposal-would-not-be-met',
      'warning',
      {
        stage: stage
          ? { code: `bill-stage.${stage.stage as BillStage}`, params: { date: stage.on } }
          : msg('bill-stage.unknown'),
        threshold: amount,
        period,
        from: p.from,
        salary,
      },
      [p],
    );
  }
}
