// The papers of a case: its checklist with each document's review status (received, accepted, rejected)
// and the counts per person and procedure, and the next filing's pack — that procedure's scans as a ZIP
// named by the index, the person and the document. A review belongs to a person's document, not to a
// procedure: the same passport counts for every procedure that asks for it ("also for …").
import { zipSync, type Zippable } from 'fflate';
import type { IsoDate } from '../calendar/date.ts';
import type { Case } from '../case/index.ts';
import type { ChecklistItem, Evaluation } from '../engine/index.ts';
import { nextFiling, scanName } from '../documents/next-filing.ts';
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';
import { caseEvaluation, evaluateStored, type EvaluationDeps } from './evaluation.ts';

export const SCAN_EXTENSIONS: Record<store.MediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/tiff': 'tif',
};

const key = (person: string, document: string) => `${person}\u0000${document}`;

export interface ReviewCounts {
  total: number;
  received: number;
  accepted: number;
  rejected: number;
}

export interface CaseChecklistView {
  caseId: string;
  asOf: string;
  items: {
    person: string;
    procedure: string;
    document: string;
    order: number;
    status: string;
    review: store.ChecklistReview | null;
    alsoFor: string[];
    scans: number;
  }[];
  procedures: (ReviewCounts & { person: string; procedure: string })[];
  next: { procedure: string; people: string[] } | null;
}

/** Counts of a procedure's documents by their review status (each document once, as the checklist lists it). */
export function reviewCounts(
  items: readonly { person: string; document: string }[],
  reviews: ReadonlyMap<string, { status: store.ReviewStatus }>,
): ReviewCounts {
  const out: ReviewCounts = { total: items.length, received: 0, accepted: 0, rejected: 0 };
  for (const i of items) {
    const r = reviews.get(key(i.person, i.document));
    if (r) out[r.status]++;
  }
  return out;
}

/** The checklist of a case with the review statuses (the evaluation as of asOf, stored when today). */
export async function caseChecklist(
  deps: EvaluationDeps,
  actor: Actor,
  caseId: string,
  asOf: string | undefined,
): Promise<CaseChecklistView> {
  const { evaluation } = await caseEvaluation(deps, actor, caseId, asOf, { documents: true });
  const [reviews, documents] = await Promise.all([
    store.listChecklistReviews(deps.db, actor, caseId),
    store.listDocuments(deps.db, actor, caseId),
  ]);
  const byKey = new Map(reviews.map((r) => [key(r.personId, r.document), r]));
  const scans = new Map<string, number>();
  for (const d of documents) scans.set(key(d.personId, d.type), (scans.get(key(d.personId, d.type)) ?? 0) + 1);
  const checklist = evaluation.checklist ?? [];
  const procedures: CaseChecklistView['procedures'] = [];
  const seen = new Set<string>();
  for (const i of checklist) {
    const k = key(i.person, i.procedure);
    if (seen.has(k)) continue;
    seen.add(k);
    const mine = checklist.filter((x) => x.person === i.person && x.procedure === i.procedure);
    procedures.push({ person: i.person, procedure: i.procedure, ...reviewCounts(mine, byKey) });
  }
  const next = nextFiling(checklist, undefined, evaluation.plan);
  return {
    caseId: store.isUuid(caseId) ? caseId.toLowerCase() : caseId,
    asOf: evaluation.asOf,
    items: checklist.map((i) => ({
      person: i.person,
      procedure: i.procedure,
      document: i.document,
      order: i.requirement.order,
      status: i.status,
      review: byKey.get(key(i.person, i.document)) ?? null,
      alsoFor: [
        ...new Set(
          checklist
            .filter((x) => x.person === i.person && x.document === i.document && x.procedure !== i.procedure)
            .map((x) => x.procedure),
        ),
      ],
      scans: scans.get(key(i.person, i.document)) ?? 0,
    })),
    procedures,
    next: next ? { procedure: next.procedure, people: next.people } : null,
  };
}

/** No next-filing pack: a 404 naming why (nothing left to file, no scans yet), at `field`. */
const nothing = (message: string, field: string) =>
  new store.NotFound('next filing', '(case)', { message, problems: [{ path: field, message }] });

/** A stored case evaluated with the documents, and its next filing (for one person when asked); audited as an export. */
export async function nextFilingOf(
  deps: EvaluationDeps,
  actor: Actor,
  caseId: string,
  q: { asOf?: string | undefined; person?: string | undefined },
  format: string,
): Promise<{ rec: store.CaseRecord; evaluation: Evaluation; procedure: string; items: ChecklistItem[] }> {
  const { rec, evaluation } = await evaluateStored(
    deps,
    actor,
    caseId,
    q.asOf as IsoDate | undefined,
    { documents: true },
    'case.export',
    { format, ...(q.person ? { person: q.person } : {}) },
  );
  if (q.person !== undefined && !rec.case.people.some((p) => p.id === q.person))
    throw store.Invalid.one('person', `the case has no person ${JSON.stringify(q.person)}`);
  const next = nextFiling(evaluation.checklist ?? [], q.person, evaluation.plan);
  if (!next)
    throw nothing(
      q.person !== undefined
        ? `nothing is left to file for ${q.person}: the plan has no open procedure with documents for them`
        : 'nothing is left to file: the plan has no open procedure with documents',
      q.person !== undefined ? 'person' : '(case)',
    );
  return { rec, evaluation, procedure: next.procedure, items: next.items };
}

/** A person's name for a file: the Latin name as in the passport, else their id. */
export function personFileName(c: Case, personId: string): string {
  return c.people.find((p) => p.id === personId)?.name.latin ?? personId;
}

/** The file name part for the whole case: the principal's Latin name. */
export function principalFileName(c: Case): string {
  const p = c.people.find((x) => x.role === 'principal') ?? c.people[0];
  return p ? p.name.latin : 'case';
}

/**
 * The scans of the next filing as a ZIP: each `NN Person - document.ext` (NN its number in the procedure's
 * index; `(2)` for a second scan of one document). Every scan read is audited as a download.
 */
export async function nextFilingZip(
  deps: EvaluationDeps,
  actor: Actor,
  caseId: string,
  q: { asOf?: string | undefined; person?: string | undefined },
): Promise<{ zip: Uint8Array; procedure: string; rec: store.CaseRecord; files: string[] }> {
  const { rec, procedure, items } = await nextFilingOf(deps, actor, caseId, q, 'next-filing.zip');
  const documents = await store.listDocuments(deps.db, actor, rec.caseId);
  const order = rec.case.people.map((p) => p.id);
  const sorted = [...items].sort(
    (a, b) => order.indexOf(a.person) - order.indexOf(b.person) || a.requirement.order - b.requirement.order,
  );
  const files: Zippable = {};
  const names: string[] = [];
  for (const item of sorted) {
    const scans = documents
      .filter((d) => d.personId === item.person && d.type === item.document)
      .sort((a, b) => (a.uploadedAt < b.uploadedAt ? -1 : a.uploadedAt > b.uploadedAt ? 1 : 0));
    let copy = 0;
    for (const scan of scans) {
      const { bytes } = await store.readDocument(deps.db, actor, scan.documentId);
      const name = scanName(
        item.requirement.order,
        personFileName(rec.case, item.person),
        item.document,
        SCAN_EXTENSIONS[scan.mediaType],
        ++copy,
      );
      // Scans are compressed already (PDF, JPEG, HEIC): stored as they are.
      files[name] = [new Uint8Array(bytes), { level: 0 }];
      names.push(name);
    }
  }
  if (names.length === 0)
    throw nothing(`no scans are uploaded yet for the next filing (${procedure})`, q.person ? 'person' : '(case)');
  return { zip: zipSync(files), procedure, rec, files: names };
}
