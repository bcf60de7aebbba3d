// The shapes of the law data files (law/README.md describes every field). All objects are strict: an
// unknown key is an error. Checks that need more than one field (value by unit, date order, sources that
// exist) are in parse.ts.
import { z } from 'zod';
import { RELATIONS, type Relation } from '../core/vocabulary.ts';
import {
  SOURCE_KINDS,
  BasisSchema,
  ConfidenceSchema,
  IsoDateSchema,
  LocalizedTextSchema,
  StatusSchema,
} from './citation.ts';
import { CategorySchema, RegionFilterSchema } from './category.ts';

/** Dotted lower-case segments, e.g. `hqs.salary-threshold.general`; mirrors the file path under parameters/. */
export const ParameterIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/, {
    message: 'expected dotted lower-case segments such as hqs.salary-threshold.general',
  });

export const UNITS = [
  'RUB',
  'RUB-range',
  'working-days',
  'calendar-days',
  'days',
  'months',
  'years',
  'percent',
  'factor',
  'ages',
  'tax-scale',
  'code',
  'month-days',
] as const;
export const UnitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof UnitSchema>;

/** Units whose values are terms; their values say how the term is counted (`counting`). */
export const DURATION_UNITS: readonly Unit[] = ['working-days', 'calendar-days', 'days', 'months', 'years'];

/** How the value is shaped, by unit: what the typed look-ups (`numberAt`, `rangeAt`…) return. */
export type ValueKind = 'number' | 'range' | 'tax-scale' | 'list' | 'code' | 'month-days';
export function kindOfUnit(unit: Unit): ValueKind {
  switch (unit) {
    case 'RUB-range':
      return 'range';
    case 'tax-scale':
      return 'tax-scale';
    case 'ages':
      return 'list';
    case 'code':
      return 'code';
    case 'month-days':
      return 'month-days';
    default:
      return 'number';
  }
}

/** The period over which an amount is measured. */
export const PeriodSchema = z.enum(['calendar-month', 'calendar-quarter', 'year']);
export type Period = z.infer<typeof PeriodSchema>;

/** How a limit made of days or months adds up. */
export const RuleSchema = z.enum([
  'total-per-calendar-year',
  'consecutive',
  'within-any-180-days',
  'within-12-consecutive-months',
  'per-stay',
]);
export type Rule = z.infer<typeof RuleSchema>;

/** How sure the start date is: `exact`, `approximate` (the day is not verified) or `in-force-by` (may have begun earlier). */
export const FromPrecisionSchema = z.enum(['exact', 'approximate', 'in-force-by']);
export type FromPrecision = z.infer<typeof FromPrecisionSchema>;

export const CountingSchema = z.strictObject({
  kind: z.enum(['working-days', 'calendar-days', 'months', 'years']),
  /** Whether a term whose last day is a non-working day ends on the next working day (GK art. 193). */
  shiftToNextWorkingDay: z.boolean(),
});
export type Counting = z.infer<typeof CountingSchema>;

export interface Range {
  readonly min: number;
  readonly max: number;
}
/** One band of a progressive scale: `rate` percent on the income above the previous band up to `upTo` (null: no limit). */
export interface TaxBand {
  readonly upTo: number | null;
  readonly rate: number;
}
/** A parameter value. `null` means the law sets no such requirement or limit in that period. */
export type LawValue = number | string | Range | readonly TaxBand[] | readonly number[] | readonly string[] | null;

export const RangeSchema = z.strictObject({ min: z.number(), max: z.number() });
export const TaxBandSchema = z.strictObject({ upTo: z.number().nullable(), rate: z.number() });

/** One dated value of a parameter. `value` is checked against the parameter's unit in parse.ts. */
export const ValueEntrySchema = z.strictObject({
  from: IsoDateSchema,
  to: IsoDateSchema.optional(),
  fromPrecision: FromPrecisionSchema.optional(),
  value: z.unknown(),
  period: PeriodSchema.optional(),
  firstPeriod: z
    .string()
    .regex(/^\d{4}-(?:Q[1-4]|0[1-9]|1[0-2])$/, { message: 'expected a quarter such as 2024-Q1 or a month such as 2024-03' })
    .optional(),
  counting: CountingSchema.optional(),
  rule: RuleSchema.optional(),
  status: StatusSchema,
  confidence: ConfidenceSchema,
  verified: IsoDateSchema,
  basis: BasisSchema,
  note: LocalizedTextSchema.optional(),
  /** Proposals: the day the proposal became public. */
  announced: IsoDateSchema.optional(),
});
export type ValueEntry = z.infer<typeof ValueEntrySchema>;

/** A parameter file; `values` are parsed one by one so that every bad value is reported. */
export const ParameterFileSchema = z.strictObject({
  id: ParameterIdSchema,
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  unit: UnitSchema,
  category: CategorySchema.optional(),
  regions: RegionFilterSchema.optional(),
  beforeFirstValue: LocalizedTextSchema.optional(),
  note: LocalizedTextSchema.optional(),
  values: z.array(z.unknown()).min(1, { message: 'at least one dated value is required' }),
});

// --- sources.yaml ------------------------------------------------------------------------------------

export { SOURCE_KINDS };
export const SourceKindSchema = z.enum(SOURCE_KINDS);
export type { SourceKind } from './citation.ts';

/**
 * Where an act's official or reference text may be linked: the official publication portals, the two legal
 * reference systems, the Government, the President, the Duma's bill registry and the treaty depositaries. A
 * research page (a law firm, a news site, a blog) is evidence in a citation, never an act's link.
 */
export const OFFICIAL_HOSTS = [
  'pravo.gov.ru',
  'publication.pravo.gov.ru',
  'consultant.ru',
  'garant.ru',
  'base.garant.ru',
  'government.ru',
  'kremlin.ru',
  'sozd.duma.gov.ru',
  'docs.cntd.ru',
  'sudrf.cntd.ru',
  'hcch.net',
  'docs.eaeunion.org',
  'eaeunion.org',
  'xn--b1aew.xn--p1ai',
  'mvd.ru',
  'vsrf.ru',
] as const;

/** Official portals of other states, for `foreign-law` sources. */
export const FOREIGN_OFFICIAL_HOSTS = ['zakon.rada.gov.ua', 'minjust.gov.ua'] as const;

/** The host of a URL is one of `hosts` or a subdomain of one (www.consultant.ru). */
export function hostIsOneOf(url: string, hosts: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

/** A stage a bill has passed, as far as verified (`first-reading` on 2026-03-18). */
export const BillStageSchema = z.strictObject({
  stage: z.enum(['submitted', 'first-reading', 'second-reading', 'third-reading', 'federation-council', 'signed']),
  on: IsoDateSchema,
});

/** The placeholder of a source series: an ISO 3166-1 alpha-2 code, e.g. `bilateral-RU-{country}`. */
export const SERIES_PLACEHOLDER = '{country}';

export const SourceEntrySchema = z.strictObject({
  /** The id citations use. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, { message: 'expected letters, digits, dots and hyphens' }).optional(),
  /** Instead of `id`: a family of acts, one per country, e.g. `bilateral-RU-{country}` matches `bilateral-RU-AM`. */
  series: z.string().min(1).optional(),
  kind: SourceKindSchema,
  /** The id stands for a set of acts (e.g. the yearly decrees moving days off): no single adoption date. */
  collective: z.literal(true).optional(),
  number: z.string().min(1).optional(),
  adopted: IsoDateSchema.optional(),
  submitted: IsoDateSchema.optional(),
  /** Bills: the day the proposal became public (its warnings show from then on). */
  announced: IsoDateSchema.optional(),
  /** Bills: the last stage verified. */
  lastStage: BillStageSchema.optional(),
  inForce: IsoDateSchema.optional(),
  /** The act's name as a reader writes it in a citation (115-ФЗ, КоАП РФ, Приказ МВД России № 536). */
  short: LocalizedTextSchema,
  title: LocalizedTextSchema,
  /** The official or reference text (a host of OFFICIAL_HOSTS); practice guides have none. */
  url: z.url().optional(),
  /** `search`: the url is the official portal's search for the act (its own page was not verified). */
  urlKind: z.enum(['text', 'search']).optional(),
  note: LocalizedTextSchema.optional(),
});

export const SourcesFileSchema = z.strictObject({
  sources: z.array(z.unknown()).min(1, { message: 'at least one source is required' }),
});

// --- family.yaml -------------------------------------------------------------------------------------

export { RELATIONS };
export type { Relation };
export const RelationSchema = z.enum(RELATIONS);

const dated = {
  from: IsoDateSchema,
  to: IsoDateSchema.optional(),
  fromPrecision: FromPrecisionSchema.optional(),
  status: StatusSchema,
  confidence: ConfidenceSchema,
  verified: IsoDateSchema,
  basis: BasisSchema,
  note: LocalizedTextSchema.optional(),
};

export const FamilyRelationSchema = z.strictObject({
  relation: RelationSchema,
  /** The relation includes adoption (an adopted child, an adoptive parent). */
  includesAdopted: z.boolean().optional(),
  title: LocalizedTextSchema,
});

export const FamilyDefinitionVersionSchema = z.strictObject({
  ...dated,
  relations: z.array(FamilyRelationSchema).min(1, { message: 'at least one relation is required' }),
});

export const FamilyRightSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'expected lower-case words joined by hyphens' }),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema,
  /** Parameters that give the right its numbers (checked to exist). */
  parameters: z.array(ParameterIdSchema).min(1).optional(),
  ...dated,
});

export const FamilyFileSchema = z.strictObject({
  definitions: z.array(FamilyDefinitionVersionSchema).min(1, { message: 'at least one dated definition is required' }),
  rights: z.array(FamilyRightSchema).min(1, { message: 'at least one right is required' }),
});
