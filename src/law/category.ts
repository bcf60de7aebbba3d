// Salary-threshold categories of art. 13.2 p.1 of 115-FZ: which employers, occupations and places a
// threshold parameter applies to. The vocabularies are those of the case format (shared/spec/case-format.md).
import { z } from 'zod';
import { EMPLOYER_KINDS, OCCUPATIONS, SEZ_TYPES, type EmployerKind, type Occupation, type SezType } from '../core/vocabulary.ts';

// The lists live in src/core (the case format and the web app speak them too).
export { EMPLOYER_KINDS, OCCUPATIONS, SEZ_TYPES };
export type { EmployerKind, Occupation, SezType };

const RegionCodeSchema = z.string().regex(/^RU-[A-Z]{2,3}$/, { message: 'expected a Russian region code such as RU-MOW' });

/**
 * When a threshold applies. `general: true` marks the residual category ("other foreign citizens"), which
 * applies to every case and must stand alone. Otherwise every field present must hold (AND); a list holds
 * when the case's value is in it (OR); an omitted field does not restrict.
 */
export const CategorySchema = z.strictObject({
  general: z.literal(true).optional(),
  employerKinds: z.array(z.enum(EMPLOYER_KINDS)).min(1).optional(),
  occupations: z.array(z.enum(OCCUPATIONS)).min(1).optional(),
  sezTypes: z.array(z.enum(SEZ_TYPES)).min(1).optional(),
  internationalMedicalCluster: z.literal(true).optional(),
  siriusPriorityArea: z.literal(true).optional(),
  /** Every region where the HQS works must be in this list (the narrower, safer reading). */
  regions: z.array(RegionCodeSchema).min(1).optional(),
});
export type ThresholdCategory = z.infer<typeof CategorySchema>;

/** Where a parameter applies: only in the listed regions, or everywhere except them. */
export const RegionFilterSchema = z.strictObject({
  only: z.array(RegionCodeSchema).min(1).optional(),
  except: z.array(RegionCodeSchema).min(1).optional(),
});
export type RegionFilter = z.infer<typeof RegionFilterSchema>;

/** The facts of a case that decide which threshold categories apply. */
export interface CategoryFacts {
  readonly employerKind: EmployerKind;
  readonly occupation: Occupation;
  readonly sezType?: SezType;
  readonly internationalMedicalCluster?: boolean;
  readonly siriusPriorityArea?: boolean;
  /** The regions where the HQS works (the contract's or the permit's regions). */
  readonly regions: readonly string[];
}

/** True when the category's conditions all hold for the case. */
export function matchesCategory(category: ThresholdCategory, facts: CategoryFacts): boolean {
  if (category.general === true) return true;
  if (category.employerKinds !== undefined && !category.employerKinds.includes(facts.employerKind)) return false;
  if (category.occupations !== undefined && !category.occupations.includes(facts.occupation)) return false;
  if (category.sezTypes !== undefined && (facts.sezType === undefined || !category.sezTypes.includes(facts.sezType))) return false;
  if (category.internationalMedicalCluster === true && facts.internationalMedicalCluster !== true) return false;
  if (category.siriusPriorityArea === true && facts.siriusPriorityArea !== true) return false;
  if (category.regions !== undefined) {
    const allowed = category.regions;
    if (facts.regions.length === 0 || !facts.regions.every((r) => allowed.includes(r))) return false;
  }
  return true;
}

/** True when a parameter limited by `filter` applies in `region` (a code such as RU-MOW). */
export function appliesInRegion(filter: RegionFilter | undefined, region: string): boolean {
  if (filter?.only !== undefined) return filter.only.includes(region);
  if (filter?.except !== undefined) return !filter.except.includes(region);
  return true;
}
