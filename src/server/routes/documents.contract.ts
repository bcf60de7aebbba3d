// Scans of a case's people: upload, list, read, download, share, delete.
import { contracts, DOWNLOAD, LOCATION } from '../contract.ts';
import * as S from '../schemas.ts';

export const routes = contracts({
  uploadDocument: {
    method: 'post',
    path: '/api/v1/cases/{id}/documents',
    summary: "Upload a scan for a person of the case (owner, manager, or the case's specialist)",
    tag: 'documents',
    auth: 'user',
    params: S.IdParams,
    query: S.UploadQuery,
    body: { kind: 'upload' },
    responses: {
      201: { description: 'stored', schema: S.UploadResult, headers: LOCATION },
      200: { description: 'the same bytes were stored already', schema: S.UploadResult, headers: LOCATION },
    },
  },
  listDocuments: {
    method: 'get',
    path: '/api/v1/cases/{id}/documents',
    summary: 'Documents of a case (metadata)',
    tag: 'documents',
    auth: 'user',
    params: S.IdParams,
    responses: { 200: { description: 'documents', schema: S.DocumentRecord.array() } },
  },
  getDocument: {
    method: 'get',
    path: '/api/v1/documents/{id}',
    summary: "A document's metadata",
    tag: 'documents',
    auth: 'user',
    params: S.IdParams,
    responses: { 200: { description: 'metadata', schema: S.DocumentRecord } },
  },
  getDocumentContent: {
    method: 'get',
    path: '/api/v1/documents/{id}/content',
    summary: 'Download the scan',
    tag: 'documents',
    auth: 'user',
    params: S.IdParams,
    responses: {
      200: {
        description: 'the bytes, with their detected media type',
        contentType: 'application/octet-stream',
        headers: DOWNLOAD,
      },
    },
  },
  setDocumentShared: {
    method: 'patch',
    path: '/api/v1/documents/{id}',
    summary:
      'Share a scan with every specialist of the case, or stop sharing it (owner, manager, or the specialist whose scan it is)',
    tag: 'documents',
    auth: 'user',
    params: S.IdParams,
    body: { kind: 'json', schema: S.DocumentPatch },
    responses: { 200: { description: 'changed', schema: S.DocumentRecord } },
  },
  deleteDocument: {
    method: 'delete',
    path: '/api/v1/documents/{id}',
    summary: 'Delete a document',
    tag: 'documents',
    auth: 'user',
    params: S.IdParams,
    responses: { 204: { description: 'deleted' } },
  },
});
