// src/core: the basics every module shares — the ISO date brand, the languages, the citation and its one
// formatter, confidence, the case format's vocabularies. It imports nothing outside src/core (not even zod),
// so the engine, the law, the shells and the web app's bundle can all take it (core.test.ts checks).
export type { IsoDate } from './date.ts';
export {
  CLI_LANGS,
  LANGS,
  LAW_NAME_LANGS,
  LETTER_LANGS,
  WORKSPACE_LANGS,
  lawNameLang,
  type CliLang,
  type DocLang,
  type Lang,
  type LawNameLang,
  type LetterLang,
  type WorkspaceLang,
} from './lang.ts';
export {
  PROVISION_LEVELS,
  SOURCE_KINDS,
  formatCitation,
  formatCitations,
  provisionKey,
  type Citation,
  type CitationStyle,
  type CitationWordKey,
  type ProvisionLevel,
  type SourceKind,
} from './citation.ts';
export { CONFIDENCES, CONFIDENCE_ORDER, type Confidence } from './confidence.ts';
export {
  CONTRACT_KINDS,
  EMPLOYER_KINDS,
  OCCUPATIONS,
  RELATIONS,
  ROLES,
  SALARY_PERIODS,
  SEXES,
  SEZ_TYPES,
  isOneOf,
  type ContractKind,
  type EmployerKind,
  type Occupation,
  type Relation,
  type Role,
  type SalaryPeriod,
  type Sex,
  type SezType,
} from './vocabulary.ts';
