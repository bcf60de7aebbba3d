// evaluate(case, asOf): the heart of HQS Desk. Pure and deterministic: no I/O, no clock; the law data
// and the production calendar are given once to createEngine().
import type { Case } from '../case/index.ts';
import type { IsoDate } from '../calendar/date.ts';
import { Ctx, Shared, type EngineDeps } from './context.ts';
import { readFacts } from './facts.ts';
import { evaluateEligibility } from './eligibility.ts';
import { deriveObligations } from './obligations.ts';
import { buildPlan, impliedStepFindings } from './plan.ts';
import { deriveFindings } from './findings.ts';
import { deriveChecklist, checklistFindings } from './checklist.ts';
import { deriveGrounds } from './grounds.ts';
import type { Evaluation, EvaluateOptions } from './types.ts';

export * from './types.ts';
export type { EngineDeps } from './context.ts';
export type { GroundOption, GroundStatus } from './grounds.ts';

export interface Engine {
  evaluate(c: Case, asOf: IsoDate, opts?: EvaluateOptions): Evaluation;
}

export function createEngine(deps: EngineDeps): Engine {
  const shared = new Shared(deps);
  return {
    evaluate(c, asOf, opts = {}) {
      const ctx = new Ctx(deps, asOf, opts, shared);
      const facts = readFacts(c, asOf);
      const eligibility = evaluateEligibility(ctx, c, facts);
      const obligations = deriveObligations(ctx, c, facts);
      const plan = buildPlan(ctx, c, facts, eligibility, obligations, opts.targetStart);
      const withDocuments = opts.documents !== false;
      const checklist = withDocuments ? deriveChecklist(ctx, c, facts, plan.steps) : [];
      const findings = sortFindings([
        ...deriveFindings(ctx, c, facts, obligations),
        ...checklistFindings(ctx, c, checklist),
        ...impliedStepFindings(ctx, plan.steps),
      ]);
      const ev: Evaluation = {
        format: 'hqs-evaluation/1',
        asOf,
        lawVersion: deps.law.version,
        ...(c.id ? { caseId: c.id } : {}),
        withProposed: ctx.withProposed,
        eligibility,
        plan: plan.steps,
        ...(plan.estimatedDays !== undefined ? { estimatedDaysToEntry: plan.estimatedDays } : {}),
        obligations,
        checklist,
        ...(withDocuments ? { grounds: deriveGrounds(ctx, c, facts) } : {}),
        findings,
      };
      if (ctx.trace) ev.trace = ctx.trace;
      return ev;
    },
  };
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Errors first, then warnings, then notes; the order within a severity is the rules' order. */
function sortFindings(list: Evaluation['findings']): Evaluation['findings'] {
  return list.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
