// The evaluation's types, inferred from its schemas (schema.ts): the engine's output in codes (`Evaluation`,
// `PlanStep`, …) and the same with the wording of one language (`RenderedEvaluation`, …), which is what
// hqs-evaluation/1 shows in the CLI's JSON and the API.
import type { z } from 'zod';
import type { Citation } from '../core/citation.ts';
import type { IsoDate } from '../core/date.ts';
import type { CompletedBySchema, DocumentsSchema, EvaluationSchema, RenderedEvaluationSchema } from './schema.ts';
import type { OBLIGATION_KINDS, PLAN_STEP_IDS } from './vocabulary.ts';

export type { Citation, IsoDate };
export type { Confidence } from '../core/confidence.ts';
export type { FindingCode, Message, MessageCode, ParamsOf, ReasonCode, RouteId, Term } from './messages.ts';
export {
  CHECKLIST_STATUSES,
  CONFIDENCES,
  DATE_KINDS,
  ELIGIBILITY_STATUSES,
  GROUND_STATUSES,
  LEGALIZATIONS,
  OBLIGATION_KINDS,
  OBLIGATION_STATUSES,
  PLAN_STEP_IDS,
  SEVERITIES,
  STEP_STATUSES,
} from './vocabulary.ts';

export type Evaluation = z.infer<typeof EvaluationSchema>;
export type Eligibility = Evaluation['eligibility'];
export type Reason = Eligibility['reasons'][number];
export type Route = Eligibility['alternatives'][number];
export type ThresholdCheck = NonNullable<Eligibility['threshold']>;
export type PlanStep = Evaluation['plan'][number];
export type Obligation = Evaluation['obligations'][number];
export type ChecklistItem = NonNullable<Evaluation['checklist']>[number];
export type DocumentRequirement = ChecklistItem['requirement'];
export type GroundOption = NonNullable<Evaluation['grounds']>[number];
export type Finding = Evaluation['findings'][number];
export type TraceEntry = NonNullable<Evaluation['trace']>[number];
export type CompletedBy = z.infer<typeof CompletedBySchema>;
/** The documents of a case on a date: what `engine.documents()` gives. */
export type Documents = z.infer<typeof DocumentsSchema>;

export type EligibilityStatus = Evaluation['eligibility']['status'];
export type StepStatus = PlanStep['status'];
export type ObligationStatus = Obligation['status'];
export type Severity = Finding['severity'];
export type DateKind = NonNullable<PlanStep['dateKind']>;
export type PlanStepId = (typeof PLAN_STEP_IDS)[number];
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
export type GroundStatus = GroundOption['status'];
/** Who a document requirement is for. */
export type Holder = 'principal' | 'spouse' | 'child-under-14' | 'child-14-17' | 'adult-family' | 'incapacitated';

/** The evaluation as hqs-evaluation/1 shows it in one language (the CLI's JSON, the API, the web, the documents). */
export type RenderedEvaluation = z.infer<typeof RenderedEvaluationSchema>;
export type RenderedEligibility = RenderedEvaluation['eligibility'];
export type RenderedReason = RenderedEligibility['reasons'][number];
export type RenderedRoute = RenderedEligibility['alternatives'][number];
export type RenderedPlanStep = RenderedEvaluation['plan'][number];
export type RenderedObligation = RenderedEvaluation['obligations'][number];
export type RenderedChecklistItem = NonNullable<RenderedEvaluation['checklist']>[number];
export type RenderedRequirement = RenderedChecklistItem['requirement'];
export type RenderedGroundOption = NonNullable<RenderedEvaluation['grounds']>[number];
export type RenderedFinding = RenderedEvaluation['findings'][number];
export type RenderedTraceEntry = NonNullable<RenderedEvaluation['trace']>[number];

export interface EvaluateOptions {
  /**
   * Also derive the documents: the checklist, the residence grounds and the findings on the documents
   * (default false). `engine.documents()` gives them alone. Most readers need neither: a portfolio sweep,
   * the case's summary, the obligations.
   */
  documents?: boolean;
  withProposed?: boolean;
  targetStart?: IsoDate;
  /** Add the trace: which rules fired, with which parameter values and citations, on which calendar steps. */
  explain?: boolean;
}
