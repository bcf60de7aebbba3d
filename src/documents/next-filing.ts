// The next filing: of the checklist (which lists the procedures in the plan's order), the first procedure
// with documents to prepare — for one person when asked — and its documents. The "Next filing" pack (the
// checklist PDF of that procedure only and a ZIP of its scans) is made of it. Rendering only: which
// procedures are open and in which order is the engine's (evaluation.checklist).
import { STEP_PROCEDURES } from '../engine/checklist.ts';
import type { RenderedChecklistItem as ChecklistItem, PlanStep } from '../engine/types.ts';

export interface NextFiling<I extends Pick<ChecklistItem, 'person' | 'procedure'> = ChecklistItem> {
  procedure: string;
  /** The people who file documents for it (in the checklist's order). */
  people: string[];
  /** Its documents, as the checklist lists them (for one person when asked). */
  items: I[];
}

type Step = Pick<PlanStep, 'id' | 'person' | 'status' | 'date'>;

const OPEN = new Set(['due', 'overdue', 'upcoming', 'blocked']);

/**
 * The next procedure of the checklist (for `person` only, when given), or null when nothing is left to
 * file: of the plan's open steps that file a procedure the checklist lists, the one dated first (an
 * undated one last; on a tie, the plan's order, which is the order of dependencies). Without
 * the plan, the checklist's first procedure.
 */
export function nextFiling<I extends Pick<ChecklistItem, 'person' | 'procedure'>>(
  checklist: readonly I[],
  person?: string,
  plan: readonly Step[] = [],
): NextFiling<I> | null {
  const mine = person === undefined ? checklist : checklist.filter((i) => i.person === person);
  if (!mine.length) return null;
  const listed = new Set(mine.map((i) => i.procedure));
  let procedure: string | undefined;
  let best: string | undefined;
  for (const step of plan) {
    if (!OPEN.has(step.status)) continue;
    const date = step.date ?? '9999-12-31';
    if (procedure !== undefined && best !== undefined && date >= best) continue;
    const p = (STEP_PROCEDURES[step.id] ?? []).find((x) => listed.has(x));
    if (p === undefined) continue;
    procedure = p;
    best = date;
  }
  procedure ??= mine[0]!.procedure;
  const items = mine.filter((i) => i.procedure === procedure);
  return { procedure, people: [...new Set(items.map((i) => i.person))], items };
}

/** A name for a file in any file system: no slashes, control characters or reserved punctuation. */
export function fileSafe(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- dropping control characters is the point
      .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120)
  );
}

/** `03 Ivanova Anna - passport.pdf`: the document's number in the index, the person and the document. */
export function scanName(order: number, person: string, document: string, ext: string, copy = 1): string {
  const n = String(order).padStart(2, '0');
  return `${n} ${fileSafe(person)} - ${fileSafe(document)}${copy > 1 ? ` (${copy})` : ''}.${ext}`;
}
