// The bulk actions of the case list, without React (bulk.test.ts): which quarters a salary notification
// can be recorded for, and the server's answer (ok or a problem, case by case) summed up for the page.
import type { z } from 'zod';
import type * as S from '../../../../src/server/schemas.ts';

export type BulkResult = z.infer<typeof S.BulkResult>;

/** The calendar quarter of a date: 2026-11-03 → 2026-Q4. */
export function quarterOf(iso: string): string {
  const y = iso.slice(0, 4);
  const m = Number(iso.slice(5, 7));
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The quarter before: 2026-Q1 → 2025-Q4. */
export function previousQuarter(q: string): string {
  const y = Number(q.slice(0, 4));
  const n = Number(q.slice(6));
  return n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`;
}

/**
 * The quarters offered for "salary notification filed", newest first: the one just ended (the notification
 * is filed after a quarter ends, so it comes first), the current one, and the `back` before.
 */
export function recentQuarters(today: string, back = 3): { quarters: string[]; suggested: string } {
  const current = quarterOf(today);
  const out = [current];
  let q = current;
  for (let i = 0; i <= back; i++) out.push((q = previousQuarter(q)));
  return { quarters: out, suggested: out[1]! };
}

/** Why a case was refused, as a word key the page shows (portfolio.bulk.problem.<kind>). */
export type RefusalKind = 'forbidden' | 'notFound' | 'conflict' | 'invalid' | 'other';

export function refusalKind(status: number): RefusalKind {
  return status === 403
    ? 'forbidden'
    : status === 404
      ? 'notFound'
      : status === 409
        ? 'conflict'
        : status === 422
          ? 'invalid'
          : 'other';
}

export interface BulkSummary {
  /** Cases done: changed now. */
  changed: number;
  /** Cases done that were so already. */
  unchanged: number;
  refused: { caseId: string; kind: RefusalKind; detail: string }[];
  /** The cases done (to take out of the selection). */
  done: string[];
}

export function summarize(r: BulkResult): BulkSummary {
  const s: BulkSummary = { changed: 0, unchanged: 0, refused: [], done: [] };
  for (const x of r.results) {
    if (x.ok) {
      if (x.changed) s.changed++;
      else s.unchanged++;
      s.done.push(x.caseId);
    } else s.refused.push({ caseId: x.caseId, kind: refusalKind(x.problem.status), detail: x.problem.detail });
  }
  return s;
}
