// The public API of src/law (no Node built-ins here; src/law/node.ts loads law/ from disk).
export { parseLawFiles } from './parse.ts';
export type { LawFile, ParseOptions } from './parse.ts';
export { LawDataError, LawLookupError } from './errors.ts';
export type {
  ApplicableThreshold,
  FamilyDefinition,
  FamilyDefinitionVersion,
  FamilyRelation,
  FamilyRight,
  Law,
  LookupOptions,
  Parameter,
  ParameterValue,
  Source,
  ThresholdParameter,
} from './law.ts';
export {
  BasisSchema,
  CitationSchema,
  ConfidenceSchema,
  IsoDateSchema,
  LocalizedTextSchema,
  StatusSchema,
  isRealIsoDate,
  researchOf,
} from './citation.ts';
export type { Citation, CitationResearch, Confidence, IsoDate, LawStatus, LocalizedText } from './citation.ts';
export { EMPLOYER_KINDS, OCCUPATIONS, SEZ_TYPES, appliesInRegion, matchesCategory } from './category.ts';
export type { CategoryFacts, EmployerKind, Occupation, RegionFilter, SezType, ThresholdCategory } from './category.ts';
export { OFFICIAL_HOSTS, RELATIONS, UNITS, hostIsOneOf } from './schema.ts';
export type { Counting, FromPrecision, LawValue, Period, Range, Relation, Rule, SourceKind, TaxBand, Unit, ValueKind } from './schema.ts';
export { PurposeSchema, RegionKindSchema, parseCountriesFile, parseRegionsFile } from './countries.ts';
export type {
  Country,
  CountryLang,
  CountrySource,
  CountryTable,
  Eaeu,
  Hague,
  LegalAssistanceTreaty,
  Legalization,
  LegalizationKind,
  Minsk,
  MinskApplication,
  Purpose,
  Region,
  RegionKind,
  RegionLang,
  RegionTable,
  VisaFreeEntry,
  VisaRequirement,
} from './countries.ts';
export {
  CONDITIONS,
  FORMS,
  HOLDERS,
  ORIGINS,
  PROCEDURES,
  PROVIDERS,
  VALIDITY_ANCHORS,
  useInForce,
} from './documents.ts';
export type {
  Condition,
  DocumentCatalogue,
  DocumentForm,
  DocumentType,
  DocumentUse,
  Holder,
  IndexEntry,
  Origin,
  Provider,
  PhotoSpec,
  Procedure,
  ProcedureId,
  Validity,
  ValidityAnchor,
} from './documents.ts';
export { GROUND_FACTS } from './grounds.ts';
export { RULE_CODES, ruleCodeProblem } from './rule-codes.ts';
export type { RuleCodeOf, RuleCodeParameter } from './rule-codes.ts';
export type { EligibleWhen, Ground, GroundFact, GroundProcessing, GroundsTable } from './grounds.ts';
