// Eligibility for the HQS route (115-FZ art. 13.2 p.1): the salary threshold of the category that fits
// the employer and occupation on the date, measured over the period the law used then; the employer's
// bars; the EAEU exemption; excluded activities. Where the route does not fit, the route that would.
import type { Case } from '../case/index.ts';
import type { ApplicableThreshold, ParameterValue, ThresholdParameter } from '../law/index.ts';
import { SEZ_TYPES, matchesCategory, type CategoryFacts, type SezType } from '../law/category.ts';
import type { IsoDate } from '../calendar/date.ts';
import type { Params } from '../i18n/index.ts';
import { type Ctx, CACHE_LIMIT, basisOfList, keyOf, valueOn } from './context.ts';
import type { CaseFacts } from './facts.ts';
import type { Eligibility, EligibilityStatus, Reason, Route, ThresholdCheck, Severity } from './types.ts';
import { fmt, salaryOver, perYear, type Period } from './util.ts';

const RANK: Record<EligibilityStatus, number> = { eligible: 0, review: 1, ineligible: 2 };

/** The facts that pick the threshold categories. */
export function thresholdFacts(c: Case): CategoryFacts {
  return {
    employerKind: c.employer.kind,
    occupation: c.contract.occupation,
    sezType: c.employer.sezType,
    internationalMedicalCluster: c.employer.internationalMedicalCluster,
    siriusPriorityArea: c.employer.siriusPriorityArea,
    regions: c.contract.regions,
  };
}

/** The threshold categories that fit a group of cases alike, and what the engine has looked up for them. */
interface ThresholdSet {
  readonly params: readonly ThresholdParameter[];
  /** The applicable thresholds per date: in force, and with proposals. */
  readonly byDate: [Map<string, readonly ApplicableThreshold[]>, Map<string, readonly ApplicableThreshold[]>];
  /** Per-rule memos keyed by the rule (e.g. findings' quarters). */
  readonly memos: Map<string, Map<string, unknown>>;
}

/**
 * law.applicableThresholds for one case: the categories that fit the case are matched once; the values on
 * each date are looked up once per engine for every case that fits the same categories (the same list, in
 * the same order, as the law's look-up gives).
 */
export class CaseThresholds {
  private readonly set: ThresholdSet;

  constructor(ctx: Ctx, facts: CategoryFacts) {
    const all = ctx.law.thresholdCategories();
    // An SEZ resident whose zone type is not recorded: every category some zone type would give matches, so
    // the most favourable of them decides a look-up (a missing fact never makes the engine stricter).
    const readings = sezReadingsOf(facts);
    const matches = (p: ThresholdParameter) => readings.some((f) => matchesCategory(p.category, f));
    // The set of matching categories, as a number (exact while there are fewer than 53 categories).
    let mask = 0;
    for (let i = 0; i < all.length; i++) if (matches(all[i] as ThresholdParameter)) mask += 2 ** i;
    const cache = ctx.shared.memo<number, ThresholdSet>('threshold-sets');
    let set = all.length < 53 ? cache.get(mask) : undefined;
    if (set === undefined) {
      set = {
        params: all.filter(matches),
        byDate: [new Map(), new Map()],
        memos: new Map(),
      };
      if (all.length < 53) cache.set(mask, set);
    }
    this.set = set;
  }

  at(date: IsoDate, includeProposed: boolean): readonly ApplicableThreshold[] {
    const byDate = this.set.byDate[includeProposed ? 1 : 0];
    let list = byDate.get(date);
    if (list === undefined) {
      const out: ApplicableThreshold[] = [];
      for (const parameter of this.set.params) {
        const value = valueOn(parameter, date, includeProposed) as ParameterValue<number | null> | undefined;
        if (value !== undefined) out.push({ parameter, value });
      }
      list = out;
      if (byDate.size >= CACHE_LIMIT) byDate.clear();
      byDate.set(date, list);
    }
    return list;
  }

  /** A memo for a rule's results that depend only on these categories, the law and its own key. */
  memo<V>(name: string): Map<string, V> {
    let m = this.set.memos.get(name);
    if (m === undefined) {
      m = new Map();
      this.set.memos.set(name, m);
    }
    return m as Map<string, V>;
  }
}

/** The facts with each SEZ type filled in, where the case is an SEZ resident without one; else the facts alone. */
function sezReadingsOf(facts: CategoryFacts): readonly CategoryFacts[] {
  if (facts.employerKind !== 'special-economic-zone' || facts.sezType !== undefined) return [facts];
  return SEZ_TYPES.map((sezType) => ({ ...facts, sezType }));
}

/** The threshold categories of a case, matched once per evaluation (eligibility and findings both ask). */
export function thresholdsOf(ctx: Ctx, c: Case): CaseThresholds {
  return ctx.local(c, matchThresholds);
}

function matchThresholds(c: Case, ctx: Ctx): CaseThresholds {
  return new CaseThresholds(ctx, thresholdFacts(c));
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

export function checkThreshold(ctx: Ctx, c: Case, on: IsoDate, includeProposed: boolean): ThresholdCheck | undefined {
  return thresholdCheck(ctx, c, thresholdsOf(ctx, c), on, includeProposed)?.check;
}

function thresholdCheck(
  ctx: Ctx,
  c: Case,
  thresholds: CaseThresholds,
  on: IsoDate,
  includeProposed: boolean,
): { check: ThresholdCheck; value: ParameterValue } | undefined {
  const list = thresholds.at(on, includeProposed);
  const best = bestThreshold(list);
  if (!best) return undefined;
  const v = best.value;
  const period = (v.period ?? 'year') as Period;
  const salaryInPeriod = salaryOver(c.contract.salary, period);
  const check: ThresholdCheck = {
    category: categoryOf(ctx, best.parameter.id),
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

/** The category's name: the parameter id without its `hqs.salary-threshold.` prefix (kept per engine). */
function categoryOf(ctx: Ctx, id: string): string {
  const cache = ctx.shared.memo<string, string>('threshold-category');
  let name = cache.get(id);
  if (name === undefined) {
    name = id.replace('hqs.salary-threshold.', '');
    cache.set(id, name);
  }
  return name;
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

function reason(
  g: Gathered,
  code: string,
  severity: Severity,
  params: Params,
  values: (ParameterValue | undefined)[],
  extraBasis: Reason['basis'] = [],
): void {
  const basis = basisOfList(values);
  for (const c of extraBasis) basis.push(c);
  const r: Reason = { code, severity, message: g.ctx.msgOf('eligibility.', code, params), basis };
  for (const v of values) {
    if (v && (v.confidence === 'low' || v.confidence === 'low-medium')) {
      r.confidence = v.confidence;
      break;
    }
  }
  g.reasons.push(r);
}

function route(g: Gathered, id: string): void {
  const key = keyOf('route.', id);
  const v = g.ctx.param(key, g.on);
  if (!v) return;
  for (const a of g.alternatives) if (a.id === id) return;
  g.alternatives.push({ id, message: g.ctx.msg(key), basis: [...v.basis] });
}

/** The dates (in order, without repeats) proposals would change a salary threshold on. */
function thresholdProposalDates(ctx: Ctx): readonly IsoDate[] {
  const cache = ctx.shared.memo<string, readonly IsoDate[]>('threshold-proposal-dates');
  let dates = cache.get('all');
  if (dates === undefined) {
    dates = [
      ...new Set(ctx.law.proposals.filter((p) => p.parameterId.startsWith('hqs.salary-threshold.')).map((p) => p.from)),
    ].sort();
    cache.set('all', dates);
  }
  return dates;
}

export function evaluateEligibility(ctx: Ctx, c: Case, facts: CaseFacts): Eligibility {
  const on = ctx.asOf;
  const g: Gathered = { ctx, on, status: 'eligible', reasons: [], alternatives: [] };
  const principal = c.people.find((p) => p.role === 'principal');
  if (!principal) throw new Error('a case has exactly one principal (checked by the case parser)');
  const countries = ctx.law.countries;
  const thresholds = thresholdsOf(ctx, c);

  // Who does not need the route: EAEU citizens work without a permit.
  let eaeu: string | undefined;
  for (const cc of principal.citizenships) {
    if (ctx.isEaeu(cc)) {
      eaeu = cc;
      break;
    }
  }
  if (eaeu) {
    const country = countries.get(eaeu);
    raise(g, 'review');
    reason(
      g,
      'eaeu-permit-not-required',
      'info',
      { country: countries.name(eaeu, ctx.lang) },
      [ctx.param('route.eaeu-work', on)],
      country?.eaeu ? [...country.eaeu.basis] : [],
    );
    route(g, 'eaeu-work');
  }

  // Activities the route excludes.
  const excluded = ctx.param('hqs.excluded-activities', on);
  if (c.contract.religiousActivity === true && excluded) {
    raise(g, 'ineligible');
    reason(g, 'excluded-activity', 'error', { activity: String(excluded.value) }, [excluded]);
    route(g, 'ordinary-work-permit');
  }

  // The employer's bars.
  if (c.employer.illegalHiringPenaltyWithin2Years === true) {
    const bar = ctx.param('employer.illegal-hiring-bar', on);
    raise(g, 'ineligible');
    reason(g, 'employer-barred-illegal-hiring', 'error', { years: bar ? String(bar.value) : '2' }, [bar]);
  }
  if (c.employer.belowThresholdPenaltyWithin2Years === true) {
    const bar = ctx.param('hqs.employer-bar-after-salary-breach', on);
    raise(g, 'ineligible');
    reason(g, 'employer-barred-salary', 'error', { years: bar ? String(bar.value) : '2' }, [bar]);
  }

  // The salary threshold (art. 13.2 p.1): the most favourable category that fits, measured as the law measured it.
  const currency = c.contract.currency ?? 'RUB';
  const sez = sezReadings(ctx, c, on, ctx.withProposed);
  const found = sez ? sez.decisive : thresholdCheck(ctx, c, thresholds, on, ctx.withProposed);
  const check = found?.check;
  if (currency !== 'RUB') {
    raise(g, 'review');
    reason(g, 'salary-currency', 'warning', { currency }, []);
  }
  if (found && check) {
    const v = found.value;
    const params = thresholdParams(ctx, check);
    if (check.threshold === null) reason(g, 'no-salary-requirement', 'info', params, [v]);
    else if (currency !== 'RUB') {
      /* compared only in roubles: the currency reason above says so */
    } else if (check.meets) reason(g, 'salary-meets-threshold', 'info', params, [v]);
    else {
      raise(g, 'ineligible');
      reason(g, 'salary-below-threshold', 'error', params, [v]);
      const visaFree = principal.citizenships.some((cc) => ctx.worksVisaFree(cc));
      route(g, visaFree ? 'patent' : 'ordinary-work-permit');
    }
    if (sez && currency === 'RUB') {
      // The zone type decides the threshold and the case does not say it: eligible only where every type's
      // threshold is met, ineligible only where none is; between them a person must check the zone type.
      const types = (list: readonly SezReading[]) => list.map((r) => ctx.msg(`sez.${r.sezType}`)).join(', ');
      const met = sez.readings.filter((r) => r.check.meets);
      const unmet = sez.readings.filter((r) => !r.check.meets);
      if (unmet.length === 0) reason(g, 'sez-type-missing-all-met', 'info', {}, []);
      else if (met.length === 0) reason(g, 'sez-type-missing-none-met', 'info', {}, []);
      else {
        raise(g, 'review');
        reason(g, 'sez-type-decides', 'warning', { met: types(met), unmet: types(unmet) }, []);
      }
    }
    if (check.confidence === 'low' || check.confidence === 'low-medium') raise(g, 'review');
    if (check.status === 'proposed') reason(g, 'evaluated-with-proposals', 'warning', params, [v]);
  } else {
    raise(g, 'review');
    reason(g, 'no-threshold-data', 'warning', { date: on }, []);
  }

  // The law as it will stand when the contract starts.
  const start = c.contract.start;
  if (start > on) {
    const later = (
      sez
        ? sezReadings(ctx, c, start, ctx.withProposed)?.decisive
        : thresholdCheck(ctx, c, thresholds, start, ctx.withProposed)
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
        {
          start,
          threshold: fmt(later.threshold ?? 0),
          period: ctx.msgOf('period.', later.period),
          salary: fmt(later.salaryInPeriod),
        },
        [],
      );
    }
  }
  if (!ctx.withProposed) proposalNotes(g, c, thresholds);

  if (facts.employerRegistered === undefined) {
    reason(g, 'employer-not-registered', 'info', {}, [ctx.param('estimate.employer-registration', on)]);
  }
  return {
    status: g.status,
    on,
    reasons: g.reasons,
    ...(check ? { threshold: check } : {}),
    alternatives: g.alternatives,
  };
}

function thresholdParams(ctx: Ctx, check: ThresholdCheck): Params {
  return {
    category: ctx.msgOf('category.', check.category),
    threshold: check.threshold === null ? '—' : fmt(check.threshold),
    period: ctx.msgOf('period.', check.period),
    salary: fmt(check.salaryInPeriod),
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
 * An SEZ resident whose zone type the case does not give: the threshold under each zone type, and the one
 * that decides — the strictest where every type's threshold is met (eligible under any reading), else the
 * most favourable (ineligible only when no reading is met). Undefined for every other case.
 */
function sezReadings(
  ctx: Ctx,
  c: Case,
  on: IsoDate,
  includeProposed: boolean,
): { readings: SezReading[]; decisive: { check: ThresholdCheck; value: ParameterValue } } | undefined {
  const facts = thresholdFacts(c);
  if (facts.employerKind !== 'special-economic-zone' || facts.sezType !== undefined) return undefined;
  const readings: SezReading[] = [];
  for (const sezType of SEZ_TYPES) {
    const found = thresholdCheck(ctx, c, new CaseThresholds(ctx, { ...facts, sezType }), on, includeProposed);
    if (found) readings.push({ sezType, ...found });
  }
  if (readings.length === 0) return undefined;
  const perYearOf = (r: SezReading) =>
    r.check.threshold === null ? 0 : perYear(r.check.threshold, r.check.period as Period);
  const allMet = readings.every((r) => r.check.meets);
  let decisive = readings[0] as SezReading;
  for (const r of readings) {
    if (allMet ? perYearOf(r) > perYearOf(decisive) : perYearOf(r) < perYearOf(decisive)) decisive = r;
  }
  return { readings, decisive: { check: decisive.check, value: decisive.value } };
}

/**
 * Bills that would change the threshold this case is measured by, within the contract: a warning each (never
 * an error, never a change of status), and only from the day the proposal was announced. The law in force
 * decides; the reader learns what would change for this person if the bill became law.
 */
function proposalNotes(g: Gathered, c: Case, thresholds: CaseThresholds): void {
  const { ctx, on } = g;
  const end = c.contract.end;
  for (const d of thresholdProposalDates(ctx)) {
    if (end !== undefined && d > end) continue;
    const at = d > on ? d : on;
    // The most favourable of the proposals that would apply to this case's categories.
    const proposed = bestThreshold(thresholds.at(at, true).filter((a) => a.value.status === 'proposed'));
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
        from: p.from,
        threshold: amount === null ? '—' : fmt(amount),
        period: ctx.msgOf('period.', period),
        salary: fmt(salary),
        stage: stage ? ctx.msg(`bill-stage.${stage.stage}`, { date: stage.on }) : ctx.msg('bill-stage.unknown'),
      },
      [p],
    );
  }
}
