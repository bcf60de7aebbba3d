// evaluate(case, asOf): the heart of HQS Desk. Pure and deterministic: no I/O, no clock; the law data
// and the production calendar are given once to createEngine(). The engine speaks codes: every reason,
// finding and `why` is a message (messages.ts) that src/i18n words in a language.
import type { Case } from '../case/index.ts';
import type { IsoDate } from '../calendar/date.ts';
import type { Law } from '../law/index.ts';
import { Ctx, type EngineDeps } from './context.ts';
import { viewOfLaw } from './law-view.ts';
import { WorkingCalendar } from './calendar-facade.ts';
import { readFacts, type CaseFacts } from './facts.ts';
import { evaluateEligibility } from './eligibility.ts';
import { deriveObligations, indexObligations } from './obligations.ts';
import { buildPlan, impliedStepFindings, type PlanResult } from './plan.ts';
import { deriveFindings } from './findings.ts';
import { deriveChecklist, checklistFindings } from './checklist.ts';
import { deriveGrounds } from './grounds.ts';
import type { Documents, Eligibility, EvaluateOptions, Evaluation, Finding, FindingCode, Obligation } from './types.ts';

export * from './types.ts';
export * from './messages.ts';
export {
  CitationSchema,
  CompletedBySchema,
  DocumentsSchema,
  EvaluationSchema,
  MessageSchema,
  RenderedEvaluationSchema,
  TermSchema,
} from './schema.ts';
export type { EngineDeps } from './context.ts';

export interface Engine {
  /**
   * Eligibility, the plan, the obligations and the findings of a case on a date; with `documents: true` also
   * the checklist, the residence grounds and the findings on the documents.
   */
  evaluate(c: Case, asOf: IsoDate, opts?: EvaluateOptions): Evaluation;
  /** The documents alone: the checklist, the residence grounds and the findings on the documents. */
  documents(c: Case, asOf: IsoDate, opts?: Omit<EvaluateOptions, 'documents'>): Documents;
}

/** What evaluate() works out before the documents, which the documents build on. */
interface Core {
  ctx: Ctx;
  facts: CaseFacts;
  eligibility: Eligibility;
  obligations: Obligation[];
  plan: PlanResult;
  /** The findings on the case's facts and duties, and on the steps the plan takes as done without a record. */
  findings: Finding[];
  implied: Finding[];
}

/** The boundary of an engine: the law and the working calendar, each memoized (law-view.ts, calendar-facade.ts). */
export function boundary(deps: EngineDeps): { law: Law; calendar: WorkingCalendar } {
  const law = viewOfLaw(deps.law);
  const calendar = new WorkingCalendar(deps.calendar, (year) => {
    const v = law.valueAt('calendar.non-working-holidays', `${String(year).padStart(4, '0')}-01-01` as IsoDate);
    return holidaySet(v?.value ?? law.changesOf('calendar.non-working-holidays')[0]?.value);
  });
  return { law, calendar };
}

export function createEngine(deps: EngineDeps): Engine {
  // Everything below the boundary reads the law and the calendar as plain look-ups.
  const { law, calendar } = boundary(deps);
  const core = (c: Case, asOf: IsoDate, opts: EvaluateOptions): Core => {
    const ctx = new Ctx(law, calendar, asOf, opts);
    const facts = readFacts(c, asOf);
    const eligibility = evaluateEligibility(ctx, c, facts);
    const obligations = deriveObligations(ctx, c, facts);
    const index = indexObligations(obligations);
    const plan = buildPlan(ctx, c, facts, eligibility, index, opts.targetStart);
    const findings = deriveFindings(ctx, c, facts, index);
    return { ctx, facts, eligibility, obligations, plan, findings, implied: impliedStepFindings(plan.steps) };
  };
  const documentsOf = (c: Case, k: Core): Documents => {
    const checklist = deriveChecklist(k.ctx, c, k.facts, k.plan.steps);
    return { checklist, grounds: deriveGrounds(k.ctx, c, k.facts), findings: checklistFindings(c, checklist) };
  };
  return {
    evaluate(c, asOf, opts = {}) {
      const k = core(c, asOf, opts);
      const docs = opts.documents === true ? documentsOf(c, k) : undefined;
      const findings = sortFindings([...k.findings, ...(docs?.findings ?? []), ...k.implied]);
      const ev: Evaluation = {
        format: 'hqs-evaluation/1',
        asOf,
        lawVersion: deps.law.version,
        ...(c.id ? { caseId: c.id } : {}),
        withProposed: k.ctx.withProposed,
        eligibility: k.eligibility,
        plan: k.plan.steps,
        ...(k.plan.estimatedDays !== undefined ? { estimatedDaysToEntry: k.plan.estimatedDays } : {}),
        obligations: k.obligations,
        ...(docs ? { checklist: docs.checklist, grounds: docs.grounds } : {}),
        findings,
      };
      if (k.ctx.trace) ev.trace = k.ctx.trace;
      return ev;
    },
    documents(c, asOf, opts = {}) {
      const docs = documentsOf(c, core(c, asOf, opts));
      return { ...docs, findings: sortFindings(docs.findings) };
    },
  };
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Errors first, then warnings, then notes; the order within a severity is the rules' order. */
const HOLIDAY_SETS = new WeakMap<object, ReadonlySet<string>>();
const NO_HOLIDAYS: ReadonlySet<string> = new Set();

/** The days (MM-DD) of a `month-days` value as a set, made once per value. */
function holidaySet(value: unknown): ReadonlySet<string> {
  if (!Array.isArray(value)) return NO_HOLIDAYS;
  let set = HOLIDAY_SETS.get(value);
  if (set === undefined) {
    set = new Set(value as string[]);
    HOLIDAY_SETS.set(value, set);
  }
  return set;
}

/** The findings on the documents (checklistFindings): present only where the documents were derived. */
export const DOCUMENT_FINDING_CODES: readonly FindingCode[] = [
  'document-unusable-at-filing',
  'document-expiring-near-filing',
  'document-legalization-missing',
  'document-translation-missing',
];

/** An evaluation as evaluate() gives it without the documents: no checklist, no grounds, no findings on them. */
export function withoutDocuments(ev: Evaluation): Evaluation {
  if (ev.checklist === undefined && ev.grounds === undefined) return ev;
  const { checklist: _c, grounds: _g, ...rest } = ev;
  return { ...rest, findings: ev.findings.filter((f) => !DOCUMENT_FINDING_CODES.includes(f.code)) };
}

function sortFindings(list: Finding[]): Finding[] {
  return list.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
