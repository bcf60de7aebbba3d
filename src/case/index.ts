// The case file `hqs-case/1`: schema and types, parsing with clear errors, export, INN check digits.
export * from './schema.ts';
export { parseCase, formatCaseErrors, caseToJson, caseToYaml, detectFormat, ROOT_PATH } from './parse.ts';
export type { CaseError, ParseResult, ParseCaseOptions } from './parse.ts';
export { crossFieldIssues, eventsAfter, formatPath, isRealIsoDate } from './checks.ts';
export type { CheckTables, PathSegment, RawIssue } from './checks.ts';
export { innProblem, isValidInn, innWithCheckDigits } from './inn.ts';
export type { InnProblem } from './inn.ts';
export { CASE_LIMITS, caseLimitProblems, textProblem } from './limits.ts';
export type { CaseLimits, LimitProblem } from './limits.ts';
export { issueCode, issueProblems } from './codes.ts';
export type { Coded, ProblemParams } from './codes.ts';
