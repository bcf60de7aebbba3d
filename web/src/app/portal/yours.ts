// What the specialist's portal lists to bring: only what they bring themselves (not the employer's petition,
// registration card, guarantees or the duties it pays: `requirement.provider`, law/documents), and first the
// papers of the filing that comes next in the plan; the later filings' papers (a residence permit, years
// ahead) are folded. Pure: yours.test.ts checks it against a real evaluation.
import type { Evaluation } from '../../api.ts';

type Item = NonNullable<Evaluation['checklist']>[number];
type Step = Evaluation['plan'][number];

/** Which procedures of the document catalogue a plan step files (as src/engine/checklist.ts STEP_PROCEDURES). */
export const STEP_PROCEDURES: Readonly<Record<string, readonly string[]>> = {
  'work-permit-filing': ['work-permit'],
  invitation: ['invitation'],
  visa: ['work-visa'],
  'migration-registration': ['arrival-registration'],
  'contract-notification': ['employer-notification'],
  'rp-filing': ['hqs-rp'],
  'work-permit-extension': ['work-permit-extension'],
  'indefinite-rp': ['indefinite-rp'],
  citizenship: ['citizenship'],
};

const OPEN: ReadonlySet<string> = new Set(['overdue', 'due', 'upcoming', 'blocked']);

/** The items the specialist brings themselves. */
export const specialistItems = (items: readonly Item[]): Item[] =>
  items.filter((c) => c.requirement.provider !== 'employer');

/**
 * The items of the next filing (`now`: the first open plan step, in the plan's order, that files a procedure
 * the items have) and the rest (`later`). With no open step that files one, everything is `now`.
 */
export function splitByNext(
  plan: readonly Step[],
  items: readonly Item[],
): { now: Item[]; later: Item[]; procedure?: string } {
  const have = new Set(items.map((c) => c.procedure));
  for (const step of plan) {
    if (!OPEN.has(step.status)) continue;
    const procedure = (STEP_PROCEDURES[step.id] ?? []).find((p) => have.has(p));
    if (procedure)
      return {
        now: items.filter((c) => c.procedure === procedure),
        later: items.filter((c) => c.procedure !== procedure),
        procedure,
      };
  }
  return { now: [...items], later: [] };
}
