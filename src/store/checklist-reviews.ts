// Documents you can tick: a person's document in a case marked received, accepted or rejected (with a
// comment), by an owner or a manager, or received when a scan of it is uploaded. One record per case,
// person and document — not per procedure — so a document collected once counts for every procedure that
// asks for it. Each record has its own version: a write carries the version read (0: none yet) and a
// stale one is a Conflict naming the current version. Every change is written to the audit log in the
// same transaction. A specialist reads the records of the people whose scans they see (themselves and
// their children under 18), never writes them.
import { appendAudit } from './audit.ts';
import { requireCaseVisible, requireWrite, type Actor } from './actor.ts';
import { inTenant, requireUuid, type Db, type Tx } from './db.ts';
import { Conflict, Invalid, NotFound } from './errors.ts';

export const REVIEW_STATUSES = ['received', 'accepted', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const MAX_REVIEW_COMMENT = 2000;

export interface ChecklistReview {
  caseId: string;
  personId: string;
  /** The document's id in the law's catalogue (passport, diploma …), as the checklist names it. */
  document: string;
  status: ReviewStatus;
  comment: string | null;
  version: number;
  /** Who set it: the audit log's label (`user:ann@example.com`, `token:…`, `system:upload`). */
  by: string;
  byUserId: string | null;
  at: string;
}

interface ReviewRow {
  case_id: string;
  person_id: string;
  document: string;
  status: ReviewStatus;
  comment: string | null;
  version: number;
  updated_by: string | null;
  updated_by_label: string;
  updated_at: string | Date;
}

const toReview = (r: ReviewRow): ChecklistReview => ({
  caseId: r.case_id,
  personId: r.person_id,
  document: r.document,
  status: r.status,
  comment: r.comment,
  version: r.version,
  by: r.updated_by_label,
  byUserId: r.updated_by,
  at: r.updated_at instanceof Date ? r.updated_at.toISOString() : new Date(r.updated_at).toISOString(),
});

const DOC_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The people of a case whose records a specialist reads ($2 their person, $1 the case): as for scans, without sharing. */
const SPECIALIST_READS = `(person_id = $2 OR person_id IN (
    SELECT p.person_id FROM case_people p
    WHERE p.case_id = $1::uuid AND p.role = 'family' AND p.birth_date IS NOT NULL
      AND p.birth_date > (now() AT TIME ZONE 'Europe/Moscow')::date - interval '18 years'))`;

/** The review records of a case (for a specialist: their own person's and their children's). */
export async function listChecklistReviews(db: Db, actor: Actor, caseId: string): Promise<ChecklistReview[]> {
  const id = requireUuid(caseId, 'case');
  requireCaseVisible(actor, id);
  return inTenant(
    db,
    actor,
    async (tx) => {
      const exists = await tx.query('SELECT 1 FROM cases WHERE case_id = $1', [id]);
      if (exists.length === 0) throw new NotFound('case', caseId);
      const order = 'ORDER BY person_id, document';
      const rows =
        actor.role === 'specialist'
          ? await tx.query<ReviewRow>(
              `SELECT * FROM checklist_reviews WHERE case_id = $1 AND ${SPECIALIST_READS} ${order}`,
              [id, actor.personId ?? null],
            )
          : await tx.query<ReviewRow>(`SELECT * FROM checklist_reviews WHERE case_id = $1 ${order}`, [id]);
      return rows.map(toReview);
    },
    { readOnly: true },
  );
}

export interface ReviewInput {
  caseId: string;
  personId: string;
  document: string;
  status: ReviewStatus;
  /** Why, above all for a rejection (what to bring instead); null or absent: none. */
  comment?: string | null;
  /** The version read: 0 when the document had no record yet. */
  version: number;
}

function checkInput(input: ReviewInput): { comment: string | null } {
  if (typeof input.document !== 'string' || !DOC_ID.test(input.document))
    throw Invalid.one(
      'document',
      `expected a document id in kebab-case (e.g. "passport"), got ${JSON.stringify(input.document)}`,
    );
  if (!(REVIEW_STATUSES as readonly string[]).includes(input.status))
    throw Invalid.one('status', `expected one of ${REVIEW_STATUSES.join(', ')}, got ${JSON.stringify(input.status)}`);
  if (!Number.isInteger(input.version) || input.version < 0)
    throw Invalid.one('version', 'expected the version read (0 when the document has no status yet)');
  const comment = typeof input.comment === 'string' ? input.comment.trim() : null;
  if (comment !== null && comment.length > MAX_REVIEW_COMMENT)
    throw Invalid.one('comment', `at most ${MAX_REVIEW_COMMENT} characters, got ${comment.length}`, 'too-long', {
      max: MAX_REVIEW_COMMENT,
    });
  if (input.status === 'rejected' && !comment)
    throw Invalid.one(
      'comment',
      'a rejection says why (what is wrong, what to bring instead)',
      'review.comment-required',
    );
  return { comment: comment || null };
}

/** Marks a person's document received, accepted or rejected (owner or manager); the record as stored. */
export async function setChecklistReview(db: Db, actor: Actor, input: ReviewInput): Promise<ChecklistReview> {
  const caseId = requireUuid(input.caseId, 'case');
  requireCaseVisible(actor, caseId);
  requireWrite(actor, 'ticking a document');
  const { comment } = checkInput(input);
  return inTenant(db, actor, async (tx) => {
    const person = await tx.query<{ ok: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM case_people WHERE case_id = $1 AND person_id = $2) AS ok FROM cases WHERE case_id = $1',
      [caseId, input.personId],
    );
    if (!person[0]) throw new NotFound('case', input.caseId);
    if (!person[0].ok) throw Invalid.one('personId', `case ${caseId} has no person ${JSON.stringify(input.personId)}`);
    const [current] = await tx.query<ReviewRow>(
      'SELECT * FROM checklist_reviews WHERE case_id = $1 AND person_id = $2 AND document = $3 FOR UPDATE',
      [caseId, input.personId, input.document],
    );
    const have = current?.version ?? 0;
    if (have !== input.version)
      throw new Conflict(
        `the status of ${input.document} of ${input.personId} changed meanwhile (version ${have}, you sent ${input.version}): read it again`,
        { current: have, field: 'version' },
      );
    const rows = current
      ? await tx.query<ReviewRow>(
          `UPDATE checklist_reviews SET status = $4, comment = $5, version = version + 1, updated_by = $6,
             updated_by_label = $7, updated_at = now()
           WHERE case_id = $1 AND person_id = $2 AND document = $3 RETURNING *`,
          [caseId, input.personId, input.document, input.status, comment, actor.userId, actor.label],
        )
      : await tx.query<ReviewRow>(
          `INSERT INTO checklist_reviews (org_id, case_id, person_id, document, status, comment, updated_by, updated_by_label)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [actor.orgId, caseId, input.personId, input.document, input.status, comment, actor.userId, actor.label],
        );
    const saved = toReview(rows[0]!);
    await appendAudit(tx, actor, {
      action: 'checklist.review',
      entity: 'case',
      entityId: caseId,
      details: {
        personId: input.personId,
        document: input.document,
        status: input.status,
        ...(comment ? { comment } : {}),
        ...(current ? { was: current.status } : {}),
        version: saved.version,
      },
    });
    return saved;
  });
}

/**
 * Inside an upload's transaction: the uploaded document of the person counts as received — unless it is
 * received or accepted already. A rejected one is received again (the new scan is what is to be checked).
 */
export async function receiveOnUpload(
  tx: Tx,
  actor: Actor,
  caseId: string,
  personId: string,
  document: string,
  documentId: string,
): Promise<void> {
  const [current] = await tx.query<ReviewRow>(
    'SELECT * FROM checklist_reviews WHERE case_id = $1 AND person_id = $2 AND document = $3 FOR UPDATE',
    [caseId, personId, document],
  );
  if (current && current.status !== 'rejected') return;
  if (current)
    await tx.query(
      `UPDATE checklist_reviews SET status = 'received', comment = NULL, version = version + 1, updated_by = $4,
         updated_by_label = $5, updated_at = now() WHERE case_id = $1 AND person_id = $2 AND document = $3`,
      [caseId, personId, document, actor.userId, actor.label],
    );
  else
    await tx.query(
      `INSERT INTO checklist_reviews (org_id, case_id, person_id, document, status, updated_by, updated_by_label)
       VALUES ($1, $2, $3, $4, 'received', $5, $6)`,
      [actor.orgId, caseId, personId, document, actor.userId, actor.label],
    );
  await appendAudit(tx, actor, {
    action: 'checklist.review',
    entity: 'case',
    entityId: caseId,
    details: {
      personId,
      document,
      status: 'received',
      upload: documentId,
      ...(current ? { was: current.status } : {}),
    },
  });
}

/** A person's Latin name in a case, for naming their files (their id when the case has no such person). */
export async function personLatinName(db: Db, actor: Actor, caseId: string, personId: string): Promise<string> {
  const rows = await inTenant(
    db,
    actor,
    (tx) =>
      tx.query<{ name_latin: string }>('SELECT name_latin FROM case_people WHERE case_id = $1 AND person_id = $2', [
        caseId,
        personId,
      ]),
    { readOnly: true },
  );
  return rows[0]?.name_latin ?? personId;
}
