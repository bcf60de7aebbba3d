// The vocabularies of the case format (shared/spec/case-format.md) that the law data, the engine, the server
// and the web app all speak. One list each; the zod schemas (src/law, src/case) are built from them, and the
// web app takes them from here without carrying zod.

/** What kind of employer sponsors the specialist: decides the salary threshold (115-FZ art. 13.2 p. 1). */
export const EMPLOYER_KINDS = [
  'commercial',
  'science-education',
  'skolkovo',
  'special-economic-zone',
  'healthcare',
  'it-accredited',
  'foreign-branch',
  'other',
] as const;
export type EmployerKind = (typeof EMPLOYER_KINDS)[number];

export const OCCUPATIONS = ['general', 'scientist', 'teacher', 'medical', 'it', 'other'] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

/** Types of special economic zone. */
export const SEZ_TYPES = ['technology-innovation', 'industrial-production', 'tourist-recreational', 'port'] as const;
export type SezType = (typeof SEZ_TYPES)[number];

/** A family member's relation to the principal (115-FZ art. 13.2 p. 15). */
export const RELATIONS = [
  'spouse',
  'child',
  'child-spouse',
  'parent',
  'parent-spouse',
  'grandparent',
  'grandchild',
] as const;
export type Relation = (typeof RELATIONS)[number];

export const ROLES = ['principal', 'family'] as const;
export type Role = (typeof ROLES)[number];

export const SEXES = ['M', 'F'] as const;
export type Sex = (typeof SEXES)[number];

export const CONTRACT_KINDS = ['employment', 'civil'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

export const SALARY_PERIODS = ['month', 'quarter', 'year'] as const;
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];

/** True when `v` is one of `list`: a value read from a command line, a query, storage or a form. */
export function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}
