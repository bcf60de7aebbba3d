// Scans: an upload (multipart, or the raw bytes with its fields in the query), checked by its first
// bytes in the store; the list, the metadata, the download (audited once its answer is made), sharing
// with the case's specialists, deletion. The store decides who may see and upload which person's scans.
import type { Context } from 'hono';
import { fileSafe } from '../../documents/next-filing.ts';
import { SCAN_EXTENSIONS } from '../../services/papers.ts';
import * as store from '../../store/index.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { paramProblems, refuse } from '../input.ts';
import { HttpProblem } from '../problem.ts';
import { file, json, noContent } from '../reply.ts';
import { routes } from './documents.contract.ts';

export { routes };

type UploadFields = {
  type?: string | undefined;
  personId?: string | undefined;
  fileName?: string | undefined;
  shared?: string | undefined;
};

/** The scan's bytes and fields: a multipart form (`file` and fields), or the raw body with the query. */
async function readUpload(c: Context, query: UploadFields): Promise<{ bytes: Uint8Array; fields: UploadFields }> {
  const mt = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mt !== 'multipart/form-data') return { bytes: new Uint8Array(await c.req.arrayBuffer()), fields: query };
  const form = await c.req.parseBody();
  const f = form.file;
  if (!(f instanceof File))
    throw new HttpProblem(422, 'the form has no file part named "file"', [
      { path: 'file', message: 'a file part is required', code: 'required' },
    ]);
  const bytes = new Uint8Array(await f.arrayBuffer());
  const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : undefined);
  const fields = {
    type: str('type') ?? query.type,
    personId: str('personId') ?? query.personId,
    fileName: str('fileName') ?? (f.name || query.fileName),
    shared: str('shared') ?? query.shared,
  };
  return { bytes, fields };
}

/** The fields an upload must have, each refusal naming the field. */
function checkFields(fields: UploadFields): { type: string; personId: string; fileName?: string; shared: boolean } {
  refuse(paramProblems(fields), 'the upload');
  if (fields.shared !== undefined && fields.shared !== 'true' && fields.shared !== 'false')
    throw new HttpProblem(422, `shared: expected true or false, got ${JSON.stringify(fields.shared)}`, [
      { path: 'shared', message: 'expected true or false', code: 'type' },
    ]);
  const missing = (['type', 'personId'] as const).filter((k) => !fields[k]);
  if (missing.length)
    throw new HttpProblem(
      422,
      `missing ${missing.join(' and ')}`,
      missing.map((k) => ({
        path: k,
        message: 'required (a form field, or a query parameter for a raw upload)',
        code: 'required',
      })),
    );
  return {
    type: fields.type!,
    personId: fields.personId!,
    ...(fields.fileName ? { fileName: fields.fileName } : {}),
    shared: fields.shared === 'true',
  };
}

export function handlers({ db }: ServerContext): Handlers<typeof routes> {
  return {
    uploadDocument: async ({ c, actor, params, query }) => {
      const { bytes, fields } = await readUpload(c, query);
      const input = { caseId: params.id, bytes, ...checkFields(fields) };
      const r = await store.storeDocument(db, actor, input, { maxBytes: 20 * 1024 * 1024 });
      return json(c, r, r.deduplicated ? 200 : 201, { Location: `/api/v1/documents/${r.document.documentId}` });
    },
    listDocuments: async ({ c, actor, params }) => json(c, await store.listDocuments(db, actor, params.id)),
    getDocument: async ({ c, actor, params }) => json(c, await store.getDocument(db, actor, params.id)),
    getDocumentContent: async ({ c, actor, params }) => {
      const { document, bytes } = await store.readDocument(db, actor, params.id, { audit: false });
      // Named as uploaded; without a name (or for an ASCII-only client, a name in another script): the
      // person and the document, never an id.
      const who = await store.personLatinName(db, actor, document.caseId, document.personId);
      const named = fileSafe(`${who} - ${document.type}.${SCAN_EXTENSIONS[document.mediaType]}`);
      const res = file(c, new Uint8Array(bytes), document.mediaType, document.fileName ?? named, named);
      // Logged once the answer is made: a download that fails is not recorded as one.
      await store.auditDownload(db, actor, document);
      return res;
    },
    setDocumentShared: async ({ c, actor, params, body }) =>
      json(c, await store.setDocumentShared(db, actor, params.id, body.shared)),
    deleteDocument: async ({ c, actor, params }) => {
      await store.deleteDocument(db, actor, params.id);
      return noContent(c);
    },
  };
}
