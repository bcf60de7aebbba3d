// The evaluation (`hqs-evaluation/1`, spec/case-format.md) as zod schemas: the single source of its TypeScript
// types (types.ts) and of the API's OpenAPI components (src/server/schemas.ts).
//
// Two shapes of one evaluation:
//   - EvaluationSchema: what the engine gives and the store keeps — codes and typed params, no wording.
//     Every item that says why carries `because` (messages); reasons and findings carry `code` and `params`.
//   - RenderedEvaluationSchema: what the CLI's JSON and the API give — the same, with the text of each
//     message in one language where hqs-evaluation/1 has it: `message` (reasons, routes, findings), `why`
//     (plan steps, obligations, checklist items, grounds, trace) and `note` (a document requirement).
import { z } from 'zod';
import type { IsoDate } from '../calendar/date.ts';
import { EVENT_TYPES } from '../case/index.ts';
import { SOURCE_KINDS } from '../core/citation.ts';
import {
  FINDING_CODES,
  MESSAGE_CODES,
  REASON_CODES,
  ROUTE_IDS,
  type Message,
  type ParamValue,
  type Term,
} from './messages.ts';
import {
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

const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD') as unknown as z.ZodType<
  IsoDate,
  IsoDate
>;
const Confidence = z.enum(CONFIDENCES);
const Severity = z.enum(SEVERITIES);

/** A citation as a reader sees it: the act, its kind and official text, and the provision. */
export const CitationSchema = z.object({
  source: z.string().describe('an id of law/sources.yaml'),
  kind: z.enum(SOURCE_KINDS).optional(),
  article: z.string().optional(),
  part: z.string().optional(),
  paragraph: z.string().optional(),
  subparagraph: z.string().optional(),
  amendedBy: z.string().optional().describe('the act that gave the provision the cited wording'),
  url: z.string().optional().describe("the act's official text"),
  urlKind: z.literal('search').optional().describe("`url` is the official portal's search for the act"),
  short: z
    .object({ en: z.string(), ru: z.string() })
    .optional()
    .describe("the act's short name as readers write it (115-FZ / 115-ФЗ)"),
});
const Basis = z.array(CitationSchema).readonly();

const LocalizedSchema = z.object({ en: z.string(), ru: z.string(), zh: z.string().optional() });

export const TermSchema: z.ZodType<Term> = z.object({
  from: IsoDateSchema,
  n: z.number(),
  unit: z.enum(['working-days', 'calendar-days', 'months', 'years']),
  end: IsoDateSchema,
  shiftedTo: IsoDateSchema.optional(),
});

/** One thing the engine says: a code (src/engine/messages.ts) and typed params. */
export const MessageSchema: z.ZodType<Message> = z.object({
  code: z.enum(MESSAGE_CODES),
  get params() {
    return z.record(z.string(), ParamValueSchema).optional();
  },
});

const ParamValueSchema: z.ZodType<ParamValue> = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.array(z.string()),
  TermSchema,
  LocalizedSchema,
  z.lazy(() => MessageSchema),
  z.array(z.lazy(() => MessageSchema)),
]);
const Params = z.record(z.string(), ParamValueSchema);
const Because = z.array(MessageSchema).describe('why, as messages (rendered, joined, in `why`)');

/** The event that completes a step or a duty (what "mark as done" records). */
export const CompletedBySchema = z.object({
  type: z.enum(EVENT_TYPES),
  person: z.string().optional(),
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

// ——— The parts, as the engine gives them ———

const ReasonSchema = z.object({
  code: z.enum(REASON_CODES),
  severity: Severity,
  params: Params.optional(),
  basis: Basis,
  confidence: Confidence.optional(),
});

const RouteSchema = z.object({ id: z.enum(ROUTE_IDS), basis: Basis });

const ThresholdCheckSchema = z.object({
  category: z.string(),
  parameter: z.string(),
  threshold: z.number().nullable(),
  period: z.enum(['calendar-month', 'calendar-quarter', 'year']),
  salaryInPeriod: z.number(),
  meets: z.boolean(),
  effectiveFrom: IsoDateSchema,
  confidence: Confidence.optional(),
  status: z.enum(['in-force', 'proposed']),
});

const EligibilitySchema = z.object({
  status: z.enum(ELIGIBILITY_STATUSES),
  on: IsoDateSchema.describe('the date the eligibility rules were applied on'),
  reasons: z.array(ReasonSchema),
  threshold: ThresholdCheckSchema.optional(),
  alternatives: z.array(RouteSchema).describe('routes that fit where HQS does not (or besides it)'),
});

const PlanStepSchema = z.object({
  id: z.enum(PLAN_STEP_IDS),
  person: z.string(),
  status: z.enum(STEP_STATUSES),
  dependsOn: z.array(z.enum(PLAN_STEP_IDS)),
  basis: Basis,
  because: Because,
  completedBy: CompletedBySchema.optional(),
  recorded: z
    .literal(false)
    .optional()
    .describe('done on a day the case does not record: a later recorded fact could not have happened without it'),
  date: IsoDateSchema.optional(),
  dateKind: z.enum(DATE_KINDS).optional(),
  latest: IsoDateSchema.optional().describe('with a target start: the latest date this step may happen'),
  confidence: Confidence.optional(),
});

const ObligationSchema = z.object({
  id: z.string(),
  kind: z.enum(OBLIGATION_KINDS),
  person: z.string(),
  due: IsoDateSchema,
  window: z.object({ from: IsoDateSchema, to: IsoDateSchema }),
  status: z.enum(OBLIGATION_STATUSES),
  basis: Basis,
  because: Because,
  completedBy: CompletedBySchema.optional().describe('absent where no event satisfies the duty (an absence limit)'),
  doneOn: IsoDateSchema.optional().describe('the event that satisfied it, where status is done'),
  late: z.boolean().optional(),
  measure: z.object({ used: z.number(), limit: z.number(), unit: z.literal('days') }).optional(),
  confidence: Confidence.optional(),
});

const RequirementSchema = z.object({
  title: LocalizedSchema,
  issuer: z.object({ en: z.string(), ru: z.string(), zh: z.string().optional() }),
  provider: z
    .enum(['specialist', 'employer'])
    .describe(
      'who brings it to the filing: the specialist, or the employer (its petition, guarantees, the duties it pays)',
    ),
  form: z.enum(['original', 'copy', 'notarized-copy']),
  copies: z.number(),
  legalization: z.enum(LEGALIZATIONS),
  translation: z.boolean().describe('a notarized Russian translation is needed'),
  order: z.number().describe('position in the document index the authority expects'),
  fileName: z.string(),
  basis: Basis,
  maxAgeMonths: z.number().optional(),
  validUntilAtLeast: IsoDateSchema.optional(),
  photo: z.object({ widthMm: z.number(), heightMm: z.number(), count: z.number() }).optional(),
  confidence: Confidence.optional(),
  notes: z.array(MessageSchema).optional(),
});

const ChecklistItemSchema = z.object({
  person: z.string(),
  procedure: z.string(),
  document: z.string(),
  requirement: RequirementSchema,
  status: z.enum(CHECKLIST_STATUSES),
  usableUntil: IsoDateSchema.optional(),
  because: Because,
});

const GroundOptionSchema = z.object({
  person: z.string(),
  ground: z.string(),
  status: z.enum(GROUND_STATUSES),
  because: Because,
  documents: z.array(z.string()),
  languageCertificate: z.boolean(),
  basis: Basis,
  confidence: Confidence,
  processingMonths: z.number().optional(),
  processingWorkingDays: z.number().optional(),
  check: z.array(z.string()).optional().describe('facts the case does not record that decide the ground'),
});

const FindingSchema = z.object({
  severity: Severity,
  code: z.enum(FINDING_CODES),
  params: Params.optional(),
  people: z.array(z.string()),
  basis: Basis,
  confidence: Confidence.optional(),
});

const TraceEntrySchema = z.object({
  rule: z.string(),
  detail: z.string(),
  because: Because.optional(),
  parameters: z.array(z.object({ id: z.string(), value: z.unknown(), from: IsoDateSchema, basis: Basis })).optional(),
  calendar: z.array(z.string()).optional(),
});

const EvaluationShape = {
  format: z.literal('hqs-evaluation/1'),
  asOf: IsoDateSchema,
  lawVersion: IsoDateSchema,
  caseId: z.string().optional(),
  withProposed: z.boolean(),
  eligibility: EligibilitySchema,
  plan: z.array(PlanStepSchema),
  estimatedDaysToEntry: z.number().optional(),
  obligations: z.array(ObligationSchema),
  checklist: z.array(ChecklistItemSchema).optional().describe('only when documents are asked for'),
  grounds: z.array(GroundOptionSchema).optional().describe('only when documents are asked for'),
  findings: z.array(FindingSchema),
  trace: z.array(TraceEntrySchema).optional(),
};

export const EvaluationSchema = z.object(EvaluationShape);

// ——— The same, with the wording of one language (the CLI's JSON, the API) ———

const text = (what: string) => z.string().describe(what);

const RenderedReasonSchema = ReasonSchema.extend({ message: text('the reason in the asked language') });
const RenderedRouteSchema = RouteSchema.extend({ message: text('the route in the asked language') });
const RenderedFindingSchema = FindingSchema.extend({ message: text('the finding in the asked language') });
const Why = text('`because` in words, in the asked language');

export const RenderedEvaluationSchema = z.object({
  ...EvaluationShape,
  eligibility: EligibilitySchema.extend({
    reasons: z.array(RenderedReasonSchema),
    alternatives: z.array(RenderedRouteSchema),
  }),
  plan: z.array(PlanStepSchema.extend({ why: Why })),
  obligations: z.array(ObligationSchema.extend({ why: Why })),
  checklist: z
    .array(
      ChecklistItemSchema.extend({
        why: Why,
        requirement: RequirementSchema.extend({ note: text('`notes` in words, in the asked language').optional() }),
      }),
    )
    .optional()
    .describe('only when documents are asked for'),
  grounds: z
    .array(GroundOptionSchema.extend({ why: Why }))
    .optional()
    .describe('only when documents are asked for'),
  findings: z.array(RenderedFindingSchema),
  trace: z.array(TraceEntrySchema.extend({ why: Why.optional() })).optional(),
});

/** What an engine gives with the documents: the checklist, the residence grounds and the findings on them. */
export const DocumentsSchema = z.object({
  checklist: z.array(ChecklistItemSchema),
  grounds: z.array(GroundOptionSchema),
  findings: z.array(FindingSchema),
});
