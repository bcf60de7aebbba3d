// The HQS eligibility rule written for json-rules-engine, the comparison the benchmark issue asks for:
// how fast is a general-purpose JSON rules engine at *only* the eligibility part of what our engine does?
//
// The rules are built from the same law data as the engine (never hand-copied numbers):
// - salary threshold (115-FZ art. 13.2 p. 1): one rule per in-force dated value of every threshold
//   category — the value applies between its `from` and `to`; the category filters employer kind,
//   occupation, SEZ type, medical cluster, Sirius and regions; the salary is converted to the value's
//   period (month, quarter, year); a `null` value means the category sets no salary requirement. The
//   categories are alternatives: meeting any one is enough.
// - EAEU exemption (Treaty on the EAEU art. 97): a citizenship of a member state on the date (membership
//   dated from the country table) — such a worker needs no permit, so the HQS route is for review.
// - employer bars (115-FZ art. 13.2 p. 26–26.1 and the illegal-hiring bar): a penalty within 2 years.
// - religious activity is outside the route; a salary not in roubles cannot be compared (review).
//
// `referenceEligibility` computes the same decision in plain TypeScript through the law's own look-ups;
// the test holds the two to the same answers, so the comparison measures equal work.
import { Engine, type Almanac, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { ApplicableThreshold, CategoryFacts, Law, Period } from '../src/law/index.ts';
import { toDayNumber, type IsoDate } from '../src/calendar/date.ts';
import type { Case, Person, Salary } from '../src/case/index.ts';

export type EligibilityStatus = 'eligible' | 'ineligible' | 'review';

export interface EligibilityOutcome {
  status: EligibilityStatus;
  /** What decided it, sorted: employer-barred, religious-activity, currency-review, salary-below-threshold, eaeu-exempt, salary-meets-threshold. */
  codes: string[];
}

type NestedCondition = Extract<TopLevelCondition, { all: unknown }>['all'][number];

const PER_YEAR: Record<Salary['per'] | Period, number> = {
  month: 12,
  quarter: 4,
  year: 1,
  'calendar-month': 12,
  'calendar-quarter': 4,
};

/** The salary over the period a threshold is measured in (gross; a stated yearly salary spread evenly). */
export function salaryOver(salary: Salary, period: Period): number {
  return (salary.amount * PER_YEAR[salary.per]) / PER_YEAR[period];
}

function principalOf(c: Case): Person {
  const p = c.people.find((x) => x.role === 'principal');
  if (p === undefined) throw new Error(`case ${c.id ?? '(no id)'}: no principal`);
  return p;
}

/** The facts of a case the threshold categories look at. */
export function categoryFacts(c: Case): CategoryFacts {
  return {
    employerKind: c.employer.kind,
    occupation: c.contract.occupation,
    regions: c.contract.regions,
    ...(c.employer.sezType !== undefined ? { sezType: c.employer.sezType } : {}),
    ...(c.employer.internationalMedicalCluster === true ? { internationalMedicalCluster: true } : {}),
    ...(c.employer.siriusPriorityArea === true ? { siriusPriorityArea: true } : {}),
  };
}

/** Decision from what fired; shared by both implementations so that only the rule evaluation differs. */
function decide(fired: ReadonlySet<string>): EligibilityOutcome {
  const codes = [...fired].sort();
  if (fired.has('employer-barred') || fired.has('religious-activity')) return { status: 'ineligible', codes };
  if (fired.has('currency-review')) return { status: 'review', codes };
  if (!fired.has('salary-meets-threshold'))
    return { status: 'ineligible', codes: [...codes, 'salary-below-threshold'].sort() };
  if (fired.has('eaeu-exempt')) return { status: 'review', codes };
  return { status: 'eligible', codes };
}

/** The same rules in plain TypeScript, through the law's own look-ups (the yardstick for the JRE rules). */
export function referenceEligibility(law: Law, c: Case, on: IsoDate): EligibilityOutcome {
  const fired = new Set<string>();
  if (c.employer.illegalHiringPenaltyWithin2Years === true || c.employer.belowThresholdPenaltyWithin2Years === true)
    fired.add('employer-barred');
  if (c.contract.religiousActivity === true) fired.add('religious-activity');
  if ((c.contract.currency ?? 'RUB') !== 'RUB') fired.add('currency-review');
  if (principalOf(c).citizenships.some((code) => law.countries.isEaeu(code, on))) fired.add('eaeu-exempt');
  const meets = (t: ApplicableThreshold): boolean =>
    t.value.value === null ||
    (t.value.period !== undefined && salaryOver(c.contract.salary, t.value.period) >= t.value.value);
  if (law.applicableThresholds(categoryFacts(c), on).some(meets)) fired.add('salary-meets-threshold');
  return decide(fired);
}

// ——— The json-rules-engine version ———

/** Facts handed to json-rules-engine for one case (all static; `salaryOver` is a dynamic fact). */
export interface JreFacts {
  onDay: number;
  employerKind: string;
  occupation: string;
  sezType: string;
  internationalMedicalCluster: boolean;
  siriusPriorityArea: boolean;
  regions: readonly string[];
  citizenships: readonly string[];
  salaryAmount: number;
  salaryPer: Salary['per'];
  currency: string;
  illegalHiringPenaltyWithin2Years: boolean;
  belowThresholdPenaltyWithin2Years: boolean;
  religiousActivity: boolean;
}

export function jreFacts(c: Case, on: IsoDate): JreFacts {
  return {
    onDay: toDayNumber(on),
    employerKind: c.employer.kind,
    occupation: c.contract.occupation,
    sezType: c.employer.sezType ?? 'none',
    internationalMedicalCluster: c.employer.internationalMedicalCluster === true,
    siriusPriorityArea: c.employer.siriusPriorityArea === true,
    regions: c.contract.regions,
    citizenships: principalOf(c).citizenships,
    salaryAmount: c.contract.salary.amount,
    salaryPer: c.contract.salary.per,
    currency: c.contract.currency ?? 'RUB',
    illegalHiringPenaltyWithin2Years: c.employer.illegalHiringPenaltyWithin2Years === true,
    belowThresholdPenaltyWithin2Years: c.employer.belowThresholdPenaltyWithin2Years === true,
    religiousActivity: c.contract.religiousActivity === true,
  };
}

/** The rules, as JSON, built from the law data. */
export function eligibilityRules(law: Law): RuleProperties[] {
  const rules: RuleProperties[] = [];
  for (const parameter of law.thresholdCategories()) {
    const cat = parameter.category;
    const category: NestedCondition[] = [];
    if (cat.general !== true) {
      if (cat.employerKinds) category.push({ fact: 'employerKind', operator: 'in', value: [...cat.employerKinds] });
      if (cat.occupations) category.push({ fact: 'occupation', operator: 'in', value: [...cat.occupations] });
      if (cat.sezTypes) category.push({ fact: 'sezType', operator: 'in', value: [...cat.sezTypes] });
      if (cat.internationalMedicalCluster === true)
        category.push({ fact: 'internationalMedicalCluster', operator: 'equal', value: true });
      if (cat.siriusPriorityArea === true)
        category.push({ fact: 'siriusPriorityArea', operator: 'equal', value: true });
      if (cat.regions) category.push({ fact: 'regions', operator: 'allIn', value: [...cat.regions] });
    }
    for (const v of parameter.values) {
      if (v.status !== 'in-force') continue;
      const all: NestedCondition[] = [{ fact: 'onDay', operator: 'greaterThanInclusive', value: toDayNumber(v.from) }];
      if (v.to !== undefined) all.push({ fact: 'onDay', operator: 'lessThanInclusive', value: toDayNumber(v.to) });
      all.push(...category);
      if (v.value !== null) {
        if (typeof v.value !== 'number' || v.period === undefined) {
          throw new Error(
            `${parameter.file}: values[${v.index}]: a salary threshold needs a number and a period (got ${JSON.stringify(v.value)}, ${v.period})`,
          );
        }
        all.push({
          fact: 'salaryOver',
          params: { period: v.period },
          operator: 'greaterThanInclusive',
          value: v.value,
        });
      }
      rules.push({
        name: `${parameter.id}@${v.from}`,
        conditions: { all },
        event: {
          type: 'salary-meets-threshold',
          params: { parameter: parameter.id, from: v.from, value: v.value, period: v.period ?? null },
        },
      });
    }
  }

  const eaeu: NestedCondition[] = [];
  for (const country of law.countries.countries) {
    if (country.eaeu === undefined || country.self === true) continue;
    eaeu.push({
      all: [
        { fact: 'citizenships', operator: 'contains', value: country.code },
        { fact: 'onDay', operator: 'greaterThanInclusive', value: toDayNumber(country.eaeu.memberFrom as IsoDate) },
      ],
    });
  }
  if (eaeu.length > 0) rules.push({ name: 'eaeu', conditions: { any: eaeu }, event: { type: 'eaeu-exempt' } });

  rules.push({
    name: 'employer-bar',
    conditions: {
      any: [
        { fact: 'illegalHiringPenaltyWithin2Years', operator: 'equal', value: true },
        { fact: 'belowThresholdPenaltyWithin2Years', operator: 'equal', value: true },
      ],
    },
    event: { type: 'employer-barred' },
  });
  rules.push({
    name: 'religious-activity',
    conditions: { all: [{ fact: 'religiousActivity', operator: 'equal', value: true }] },
    event: { type: 'religious-activity' },
  });
  rules.push({
    name: 'currency',
    conditions: { all: [{ fact: 'currency', operator: 'notEqual', value: 'RUB' }] },
    event: { type: 'currency-review' },
  });
  return rules;
}

export interface JreEligibility {
  readonly engine: Engine;
  readonly ruleCount: number;
  evaluate(c: Case, on: IsoDate): Promise<EligibilityOutcome>;
}

/** A json-rules-engine Engine loaded with the eligibility rules (built once; run once per case). */
export function createJreEligibility(law: Law): JreEligibility {
  const rules = eligibilityRules(law);
  const engine = new Engine(rules, { allowUndefinedFacts: false });
  // Every region of the work must be in the category's list (the narrower reading, as src/law does).
  engine.addOperator<readonly string[], readonly string[]>(
    'allIn',
    (fact, allowed) => fact.length > 0 && fact.every((r) => allowed.includes(r)),
  );
  engine.addFact<Promise<number>>('salaryOver', async (params: Record<string, unknown>, almanac: Almanac) => {
    const amount = await almanac.factValue<number>('salaryAmount');
    const per = await almanac.factValue<Salary['per']>('salaryPer');
    return salaryOver({ amount, per }, params['period'] as Period);
  });
  return {
    engine,
    ruleCount: rules.length,
    async evaluate(c: Case, on: IsoDate): Promise<EligibilityOutcome> {
      const { events } = await engine.run(jreFacts(c, on) as unknown as Record<string, unknown>);
      const fired = new Set<string>();
      for (const e of events) fired.add(e.type);
      return decide(fired);
    },
  };
}
