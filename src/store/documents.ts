// Documents of a case: a record (case, person, type, digest, size, media type) in the database, and the
// bytes as a content-addressed file. The type is detected from the content; anything but a PDF, JPEG,
// PNG, HEIC/HEIF or TIFF scan is refused. The same bytes uploaded again for the same person and type give
// back the record already stored (deduplicated), and the same bytes anywhere are kept on disk once.
import { randomUUID } from 'node:crypto';
import { appendAudit } from './audit.ts';
import { canWrite, requireCaseVisible, type Actor } from './actor.ts';
import { inSystem, inTenant, requireUuid, type Db, type Tx } from './db.ts';
import { Forbidden, Invalid, NotFound } from './errors.ts';
import { detectMediaType, type MediaType } from './files.ts';
import { receiveOnUpload } from './checklist-reviews.ts';

export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

export interface DocumentRecord {
  documentId: string;
  caseId: string;
  personId: string;
  type: string;
  fileName: string | null;
  sha256: string;
  size: number;
  mediaType: MediaType;
  uploadedBy: string | null;
  uploadedAt: string;
  /** Seen by every specialist of the case, not only by its own person (and the parents of a child). */
  shared: boolean;
}

interface DocumentRow {
  document_id: string;
  case_id: string;
  person_id: string;
  type: string;
  file_name: string | null;
  sha256: string;
  size: number;
  media_type: MediaType;
  uploaded_by: string | null;
  uploaded_at: string;
  shared: boolean;
}

const toDocument = (r: DocumentRow): DocumentRecord => ({
  documentId: r.document_id,
  caseId: r.case_id,
  personId: r.person_id,
  type: r.type,
  fileName: r.file_name,
  sha256: r.sha256,
  size: r.size,
  mediaType: r.media_type,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
  shared: r.shared,
});

/**
 * Which scans a specialist sees, as SQL over `documents` (parameter $2 their person, $3 their case): their
 * own person's, the children's under 18 in their case (a parent gathers a child's papers), and what has
 * been shared with the case. A spouse or another adult of the family sees only their own unless shared.
 */
const SPECIALIST_SEES = `(person_id = $2 OR shared OR person_id IN (
    SELECT p.person_id FROM case_people p
    WHERE p.case_id = $3::uuid AND p.role = 'family' AND p.birth_date IS NOT NULL
      AND p.birth_date > (now() AT TIME ZONE 'Europe/Moscow')::date - interval '18 years'))`;

/** The people of the case a specialist may upload for: themselves and the children under 18. */
async function specialistMayUploadFor(tx: Tx, actor: Actor, caseId: string, personId: string): Promise<boolean> {
  if (personId === actor.personId) return true;
  const rows = await tx.query(
    `SELECT 1 FROM case_people p WHERE p.case_id = $1 AND p.person_id = $2 AND p.role = 'family'
       AND p.birth_date IS NOT NULL AND p.birth_date > (now() AT TIME ZONE 'Europe/Moscow')::date - interval '18 years'`,
    [caseId, personId],
  );
  return rows.length > 0;
}

export interface NewDocument {
  caseId: string;
  personId: string;
  /** Document type in kebab-case, as in the case file (passport, diploma …). */
  type: string;
  /** The name it was uploaded under (shown, never trusted for the type). */
  fileName?: string;
  bytes: Uint8Array;
  /** Seen by every specialist of the case (default: its person only, and a child's by the parents). */
  shared?: boolean;
}

const DOC_TYPE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function describeStart(bytes: Uint8Array): string {
  const head = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return head === '' ? 'it is empty' : `it starts with the bytes ${head}`;
}

/** Checks the upload and returns its media type (Invalid names what is wrong). */
export function checkUpload(
  input: Pick<NewDocument, 'type' | 'bytes' | 'fileName'>,
  maxBytes = MAX_DOCUMENT_BYTES,
): MediaType {
  if (typeof input.type !== 'string' || !DOC_TYPE.test(input.type))
    throw Invalid.one(
      'type',
      `expected a document type in kebab-case (e.g. "passport"), got ${JSON.stringify(input.type)}`,
      'document-type.format',
    );
  if (
    input.fileName !== undefined &&
    (input.fileName.length > 255 || [...input.fileName].some((ch) => ch < ' ' || ch === '/' || ch === '\\'))
  ) {
    throw Invalid.one(
      'fileName',
      'a file name of at most 255 characters, without slashes or control characters',
      'file.name',
    );
  }
  if (input.bytes.length === 0) throw Invalid.one('file', 'the file is empty', 'file.empty');
  if (input.bytes.length > maxBytes)
    throw Invalid.one(
      'file',
      `the file is ${input.bytes.length} bytes; at most ${maxBytes} are accepted`,
      'file.too-large',
      { maxMb: Math.floor(maxBytes / 1024 / 1024) },
    );
  const mediaType = detectMediaType(input.bytes);
  if (!mediaType)
    throw Invalid.one(
      'file',
      `not a PDF, JPEG, PNG, HEIC or TIFF file: ${describeStart(input.bytes)} (the type is read from the content, not the name)`,
      'file.not-pdf-or-image',
    );
  return mediaType;
}

function requireUpload(actor: Actor, caseId: string): void {
  requireCaseVisible(actor, caseId);
  if (!canWrite(actor) && actor.role !== 'specialist')
    throw new Forbidden(`uploading a document: a ${actor.role} may not make changes`);
}

/** Stores a document (owner, manager, or the case's specialist). */
export async function storeDocument(
  db: Db,
  actor: Actor,
  input: NewDocument,
  opts: { maxBytes?: number } = {},
): Promise<{ document: DocumentRecord; deduplicated: boolean }> {
  const caseId = requireUuid(input.caseId, 'case');
  requireUpload(actor, caseId);
  const mediaType = checkUpload(input, opts.maxBytes);
  // Check the case and person before writing bytes, so a refused upload leaves nothing on disk.
  await inTenant(
    db,
    actor,
    async (tx) => {
      const person = await tx.query<{ ok: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM case_people WHERE case_id = $1 AND person_id = $2) AS ok FROM cases WHERE case_id = $1',
        [caseId, input.personId],
      );
      if (!person[0]) throw new NotFound('case', input.caseId);
      if (!person[0].ok)
        throw Invalid.one(
          'personId',
          `case ${caseId} has no person ${JSON.stringify(input.personId)}`,
          'person.unknown',
        );
      if (actor.role === 'specialist' && !(await specialistMayUploadFor(tx, actor, caseId, input.personId)))
        throw new Forbidden(
          'uploading a document: a specialist uploads for themselves and for the children under 18 of their case',
        );
    },
    { readOnly: true },
  );
  const file = await db.files.put(input.bytes);
  const result = await inTenant(db, actor, async (tx) => {
    const inserted = await tx.query<DocumentRow>(
      `INSERT INTO documents (org_id, document_id, case_id, person_id, type, file_name, sha256, size, media_type, uploaded_by, shared)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (org_id, case_id, person_id, type, sha256) DO NOTHING RETURNING *`,
      [
        actor.orgId,
        randomUUID(),
        caseId,
        input.personId,
        input.type,
        input.fileName ?? null,
        file.sha256,
        file.size,
        mediaType,
        actor.userId,
        input.shared === true,
      ],
    );
    if (inserted[0]) {
      await appendAudit(tx, actor, {
        action: 'document.upload',
        entity: 'document',
        entityId: inserted[0].document_id,
        details: { caseId, personId: input.personId, type: input.type, sha256: file.sha256, size: file.size },
      });
      // A scan of a checklist document marks it received (migration 007), in the same transaction.
      await receiveOnUpload(tx, actor, caseId, input.personId, input.type, inserted[0].document_id);
      return { document: toDocument(inserted[0]), deduplicated: false };
    }
    const existing = await tx.query<DocumentRow>(
      'SELECT * FROM documents WHERE case_id = $1 AND person_id = $2 AND type = $3 AND sha256 = $4',
      [caseId, input.personId, input.type, file.sha256],
    );
    if (!existing[0]) throw new NotFound('case', input.caseId);
    return { document: toDocument(existing[0]), deduplicated: true };
  });
  // A deletion of the last other record of these bytes may have removed the file meanwhile: put it back.
  if (!(await db.files.has(file.sha256))) await db.files.put(input.bytes);
  return result;
}

/** The documents of a case (metadata only). */
export async function listDocuments(db: Db, actor: Actor, caseId: string): Promise<DocumentRecord[]> {
  const id = requireUuid(caseId, 'case');
  requireCaseVisible(actor, id);
  return inTenant(
    db,
    actor,
    async (tx) => {
      const exists = await tx.query('SELECT 1 FROM cases WHERE case_id = $1', [id]);
      if (exists.length === 0) throw new NotFound('case', caseId);
      const order = 'ORDER BY person_id, type, uploaded_at, document_id';
      const rows =
        actor.role === 'specialist'
          ? await tx.query<DocumentRow>(`SELECT * FROM documents WHERE case_id = $1 AND ${SPECIALIST_SEES} ${order}`, [
              id,
              actor.personId ?? null,
              id,
            ])
          : await tx.query<DocumentRow>(`SELECT * FROM documents WHERE case_id = $1 ${order}`, [id]);
      return rows.map(toDocument);
    },
    { readOnly: true },
  );
}

async function visibleDocument(db: Db, actor: Actor, documentId: string): Promise<DocumentRecord> {
  const id = requireUuid(documentId, 'document');
  const specialist = actor.role === 'specialist';
  const rows = await inTenant(
    db,
    actor,
    (tx) =>
      specialist
        ? tx.query<DocumentRow>(
            `SELECT * FROM documents WHERE document_id = $1 AND case_id = $3::uuid AND ${SPECIALIST_SEES}`,
            [id, actor.personId ?? null, actor.caseId ?? null],
          )
        : tx.query<DocumentRow>('SELECT * FROM documents WHERE document_id = $1', [id]),
    { readOnly: true },
  );
  const doc = rows[0];
  // A scan a specialist may not see does not exist for them: NotFound, as for another case.
  if (!doc) throw new NotFound('document', documentId);
  return toDocument(doc);
}

export function getDocument(db: Db, actor: Actor, documentId: string): Promise<DocumentRecord> {
  return visibleDocument(db, actor, documentId);
}

/**
 * The record and the bytes (checked against the digest). The download is recorded in the audit log
 * unless `audit: false` — then the caller records it with `auditDownload` once the answer is ready, so
 * a download that fails is not logged as one.
 */
export async function readDocument(
  db: Db,
  actor: Actor,
  documentId: string,
  opts: { audit?: boolean } = {},
): Promise<{ document: DocumentRecord; bytes: Buffer }> {
  const document = await visibleDocument(db, actor, documentId);
  const bytes = await db.files.get(document.sha256);
  if (opts.audit !== false) await auditDownload(db, actor, document);
  return { document, bytes };
}

/** Records a download of a document in the audit log. */
export async function auditDownload(db: Db, actor: Actor, document: DocumentRecord): Promise<void> {
  await inTenant(db, actor, (tx) =>
    appendAudit(tx, actor, {
      action: 'document.download',
      entity: 'document',
      entityId: document.documentId,
      details: { caseId: document.caseId, personId: document.personId },
    }),
  );
}

/**
 * Shares a scan with every specialist of its case, or stops sharing it. Owners and managers may for any
 * scan; a specialist only for their own person's.
 */
export async function setDocumentShared(
  db: Db,
  actor: Actor,
  documentId: string,
  shared: boolean,
): Promise<DocumentRecord> {
  const doc = await visibleDocument(db, actor, documentId);
  if (typeof shared !== 'boolean') throw Invalid.one('shared', `expected true or false, got ${JSON.stringify(shared)}`);
  if (!canWrite(actor) && !(actor.role === 'specialist' && doc.personId === actor.personId))
    throw new Forbidden(
      actor.role === 'specialist'
        ? "sharing a document: a specialist shares their own documents, not another person's"
        : `sharing a document: a ${actor.role} may not make changes`,
    );
  return inTenant(db, actor, async (tx) => {
    const rows = await tx.query<DocumentRow>('UPDATE documents SET shared = $2 WHERE document_id = $1 RETURNING *', [
      doc.documentId,
      shared,
    ]);
    if (!rows[0]) throw new NotFound('document', documentId);
    if (rows[0].shared !== doc.shared)
      await appendAudit(tx, actor, {
        action: shared ? 'document.share' : 'document.unshare',
        entity: 'document',
        entityId: doc.documentId,
        details: { caseId: doc.caseId, personId: doc.personId },
      });
    return toDocument(rows[0]);
  });
}

export async function deleteDocument(db: Db, actor: Actor, documentId: string): Promise<void> {
  const doc = await visibleDocument(db, actor, documentId);
  if (!canWrite(actor)) throw new Forbidden(`deleting a document: a ${actor.role} may not make changes`);
  await inTenant(db, actor, async (tx) => {
    const rows = await tx.query('DELETE FROM documents WHERE document_id = $1 RETURNING document_id', [doc.documentId]);
    if (rows.length === 0) throw new NotFound('document', documentId);
    await appendAudit(tx, actor, {
      action: 'document.delete',
      entity: 'document',
      entityId: doc.documentId,
      details: { caseId: doc.caseId, sha256: doc.sha256 },
    });
  });
  await removeUnreferencedFiles(db, [doc.sha256]);
}

/** System: deletes the files of these digests that no document of any organization refers to any more. */
export async function removeUnreferencedFiles(db: Db, shas: readonly string[]): Promise<number> {
  if (shas.length === 0) return 0;
  const used = await inSystem(db, (tx) =>
    tx.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM documents WHERE sha256 = ANY($1::text[])', [[...shas]]),
  );
  const keep = new Set(used.map((u) => u.sha256));
  let removed = 0;
  for (const sha of new Set(shas)) {
    if (keep.has(sha)) continue;
    await db.files.delete(sha);
    removed++;
  }
  return removed;
}
