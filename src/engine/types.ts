// The evaluation (`hqs-evaluation/1`): the public output contract of the engine, as in
// spec/case-format.md. Every derived item carries `basis` (citations from the law data) and `why`
// (the arithmetic in words).
import type { Citation } from '../law/citation.ts';
import type { IsoDate } from '../calendar/date.ts';
import type { GroundOption } from './grounds.ts';

export type { Citation, IsoDate };

export type EligibilityStatus = 'eligible' | 'ineligible' | 'review';
export type StepStatus = 'done' | 'due' | 'upcoming' | 'overdue' | 'blocked' | 'not-applicable';
export type ObligationStatus = 'done' | 'upcoming' | 'due' | 'overdue' | 'not-applicable';
export type Severity = 'error' | 'warning' | 'info';
export type Confidence = 'high' | 'medium-high' | 'medium' | 'low-medium' | 'low';

export const PLAN_STEP_IDS = [
  'employer-registration',
  'contract',
  'work-permit-filing',
  'work-permit-decision',
  'invitation',
  'visa',
  'entry',
  'work-permit-collection',
  'migration-registration',
  'contract-notification',
  'rp-filing',
  'rp-decision',
  'rp-registration',
  'work-permit-extension',
  'indefinite-rp',
  'citizenship',
] as const;
export type PlanStepId = (typeof PLAN_STEP_IDS)[number];

export const OBLIGATION_KINDS = [
  'contract-notification',
  'termination-notification',
  'salary-notification',
  'migration-registration',
  'work-permit-collection',
  'work-permit-extension',
  'rp-registration',
  'rp-annual-notification',
  'rp-absence-limit',
  'leave-or-new-contract',
  'passport-validity',
  'rp-book-replacement',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export interface Reason {
  code: string;
  severity: Severity;
  message: string;
  basis: readonly Citation[];
  confidence?: Confidence;
}

/** A route that fits where HQS does not (or besides it). */
export interface Route {
  id: string;
  message: string;
  basis: readonly Citation[];
}

export interface ThresholdCheck {
  category: string;
  parameter: string;
  threshold: number | null;
  period: string;
  salaryInPeriod: number;
  meets: boolean;
  effectiveFrom: IsoDate;
  confidence?: Confidence;
  status: 'in-force' | 'proposed';
}

export interface Eligibility {
  status: EligibilityStatus;
  /** The date the eligibility rules were applied on. */
  on: IsoDate;
  reasons: Reason[];
  threshold?: ThresholdCheck;
  alternatives: Route[];
}

/**
 * A date in the plan is a legal deadline, the earliest day the law allows (a right such as the indefinite RP),
 * an estimate of typical duration, or the day it happened — never confused.
 */
export type DateKind = 'deadline' | 'earliest' | 'estimate' | 'event';

export interface PlanStep {
  id: PlanStepId;
  person: string;
  status: StepStatus;
  date?: IsoDate;
  dateKind?: DateKind;
  /** With --target-start: the latest date this step may happen for the target start to hold. */
  latest?: IsoDate;
  /**
   * false: the step is done on a day the case does not record — a later recorded fact (an entry on a visa, work
   * under the permit) could not have happened without it.
   */
  recorded?: false;
  dependsOn: PlanStepId[];
  basis: readonly Citation[];
  why: string;
  confidence?: Confidence;
}

export interface Obligation {
  id: string;
  kind: ObligationKind;
  person: string;
  due: IsoDate;
  window: { from: IsoDate; to: IsoDate };
  status: ObligationStatus;
  basis: readonly Citation[];
  why: string;
  /** The event that satisfied it, where status is done. */
  doneOn?: IsoDate;
  late?: boolean;
  measure?: { used: number; limit: number; unit: 'days' };
  confidence?: Confidence;
}

/** Who a document requirement is for. */
export type Holder = 'principal' | 'spouse' | 'child-under-14' | 'child-14-17' | 'adult-family' | 'incapacitated';

/** What a document must be like for one procedure and person (from law/documents, decided by the case). */
export interface DocumentRequirement {
  title: { en: string; ru: string; zh?: string };
  issuer: { en: string; ru: string };
  /** original | copy | notarized-copy */
  form: 'original' | 'copy' | 'notarized-copy';
  copies: number;
  /** For a foreign public document: what the issuing country's treaties require; not-applicable for Russian or private documents. */
  legalization: 'apostille' | 'consular-legalization' | 'none-minsk' | 'none-domestic' | 'not-applicable';
  /** A notarized Russian translation is needed. */
  translation: boolean;
  /** Issued no earlier than this many months before filing. */
  maxAgeMonths?: number;
  /** Must stay valid at least until this date (e.g. a passport through the permit term). */
  validUntilAtLeast?: IsoDate;
  photo?: { widthMm: number; heightMm: number; count: number };
  /** Position in the document index a consulate or the Interior Ministry expects (1, 2, …). */
  order: number;
  /** File name for the scan, e.g. 01_Passport_Bio.pdf. */
  fileName: string;
  basis: readonly Citation[];
  confidence?: Confidence;
  note?: string;
}

export interface ChecklistItem {
  person: string;
  procedure: string;
  document: string;
  status: 'collected' | 'missing' | 'expired' | 'expiring';
  requirement: DocumentRequirement;
  /** The date the collected document stops being usable for this filing, where it does. */
  usableUntil?: IsoDate;
  /** Why the status is what it is ("issued 2026-01-10, more than 3 months before the filing on …"). */
  why: string;
}

export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  people: string[];
  basis: readonly Citation[];
  confidence?: Confidence;
}

export interface TraceEntry {
  rule: string;
  detail: string;
  parameters?: { id: string; value: unknown; from: IsoDate; basis: readonly Citation[] }[];
  calendar?: string[];
}

export interface Evaluation {
  format: 'hqs-evaluation/1';
  asOf: IsoDate;
  lawVersion: IsoDate;
  caseId?: string;
  withProposed: boolean;
  eligibility: Eligibility;
  plan: PlanStep[];
  obligations: Obligation[];
  checklist: ChecklistItem[];
  /** Estimated days from today to the principal's entry (or start), where entry is still ahead. */
  estimatedDaysToEntry?: number;
  /** Grounds for a residence permit without a TRP (115-FZ art. 8 p.2) each person may use. */
  grounds?: GroundOption[];
  findings: Finding[];
  trace?: TraceEntry[];
}

export interface EvaluateOptions {
  /**
   * Derive the document checklist and the residence grounds (default true). A portfolio sweep that stores
   * only obligations and findings turns it off: the checklist is most of the work of an evaluation.
   */
  documents?: boolean;
  withProposed?: boolean;
  targetStart?: IsoDate;
  explain?: boolean;
  lang?: 'en' | 'ru';
}
