// The browser's client of the HQS Desk API: the typed client (src/server/client.ts — a function per route
// contract, its types from the server's zod schemas) on same-origin fetch with the session cookie, the
// CSRF token on every write, and problem details turned into an ApiError that names each bad field. No
// other file of the web app names an API path (web/src/client-only.test.ts checks it).
import type { z } from 'zod';
import { ApiError, createClient, withQuery, type Input, type RouteName } from '../../src/server/client.ts';
import type * as S from '../../src/server/schemas.ts';
import type * as P from '../../src/server/schemas-papers.ts';
import type { RenderedEvaluation as Evaluation } from '../../src/engine/types.ts';

export { ApiError };
export type { FieldProblem } from '../../src/server/client.ts';
export type SessionInfo = z.infer<typeof S.SessionInfo>;
export type CaseSummary = z.infer<typeof S.CaseSummary>;
export type CaseListItem = z.infer<typeof S.CaseListItem>;
export type PortfolioFinding = z.infer<typeof S.FindingItem>;
export type CaseRecord = z.infer<typeof S.CaseRecord>;
export type EmployerRecord = z.infer<typeof S.EmployerRecord>;
export type Member = z.infer<typeof S.Member>;
export type DocumentRecord = z.infer<typeof S.DocumentRecord>;
export type ObligationRecord = z.infer<typeof S.ObligationRecord>;
export type Dashboard = z.infer<typeof S.Dashboard>;
export type AuditEntry = z.infer<typeof S.AuditEntry>;
export type AuditPage = z.infer<typeof S.AuditPage>;
export type ChecklistReview = z.infer<typeof P.ChecklistReview>;
export type CaseChecklist = z.infer<typeof P.CaseChecklist>;
export type SelfCheckAnswers = z.infer<typeof P.SelfCheckAnswers>;
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };
export type { Evaluation };

let csrf: string | null = null;
/** Set after sign-in and on every session read: writes send it as X-CSRF-Token. */
export function setCsrfToken(token: string | null): void {
  csrf = token;
}

const client = createClient<{
  getCaseEvaluation: { evaluation: Evaluation; stored: boolean };
  evaluate: Evaluation;
}>({
  credentials: 'same-origin',
  headers: (method) => ({ 'X-CSRF-Token': method !== 'get' && csrf ? csrf : undefined }),
});

let wording: ((e: ApiError) => ApiError) | undefined;
/**
 * How a refusal is worded for the reader (web/src/problems.ts: its codes in the page's language); set by
 * the page's root when its wording is loaded, so every page shows the problem as the reader reads.
 */
export function setErrorWording(word: ((e: ApiError) => ApiError) | undefined): void {
  wording = word;
}

/**
 * The API, a function per route (`api.getCase({ id })`). The evaluation's schema keeps the evaluation
 * open; the engine's own type says what it holds, so those two answers are typed with it. A refusal
 * arrives worded in the reader's language (setErrorWording).
 */
export const api: typeof client = new Proxy(client, {
  get(target, key, receiver) {
    const f = Reflect.get(target, key, receiver) as unknown;
    if (typeof f !== 'function' || key === 'href') return f;
    return (...args: unknown[]) =>
      (f as (...a: unknown[]) => Promise<unknown>)(...args).catch((e: unknown) => {
        throw e instanceof ApiError && wording ? wording(e) : e;
      });
  },
});

/** The query a route takes (`QueryOf<'listCases'>`), as its function takes it. */
export type QueryOf<K extends RouteName> = Input<K> extends { query?: infer Q } ? NonNullable<Q> : never;

/** A path with a query string (values undefined, null or '' left out): for the app's own addresses. */
export const url = withQuery;
