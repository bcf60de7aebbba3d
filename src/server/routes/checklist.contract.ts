// Ticking a case's checklist (received, accepted, rejected with a comment) and the next filing's pack:
// that procedure's checklist as a PDF and its scans as a ZIP named by the index, the person and the document.
import { contracts, DOWNLOAD } from '../contract.ts';
import * as S from '../schemas.ts';
import * as P from '../schemas-papers.ts';

export const routes = contracts({
  getCaseChecklist: {
    method: 'get',
    path: '/api/v1/cases/{id}/checklist',
    summary:
      "The case's checklist with each document's status (received, accepted, rejected) and the counts per person and procedure",
    tag: 'documents',
    auth: 'user',
    params: S.IdParams,
    query: P.ReviewListQuery,
    responses: { 200: { description: 'the checklist with the statuses', schema: P.CaseChecklist } },
  },
  setChecklistReview: {
    method: 'put',
    path: '/api/v1/cases/{id}/checklist/{personId}/{document}',
    summary:
      "Mark a person's document received, accepted or rejected (a rejection with a comment); version must be the one read (0 for none yet)",
    tag: 'documents',
    auth: 'user',
    params: P.ReviewParams,
    body: { kind: 'json', schema: P.ReviewBody },
    responses: { 200: { description: 'the status as stored', schema: P.ChecklistReview } },
  },
  getNextFilingPdf: {
    method: 'get',
    path: '/api/v1/cases/{id}/next-filing/checklist.pdf',
    summary: 'The checklist of the next procedure to file only, as a printable PDF',
    tag: 'exports',
    auth: 'user',
    params: S.IdParams,
    query: P.NextFilingQuery,
    responses: { 200: { description: 'PDF', contentType: 'application/pdf', headers: DOWNLOAD } },
  },
  getNextFilingScans: {
    method: 'get',
    path: '/api/v1/cases/{id}/next-filing/scans.zip',
    summary:
      "The scans of the next procedure's documents as a ZIP, each named by its number in the index, the person and the document",
    tag: 'exports',
    auth: 'user',
    params: S.IdParams,
    query: P.NextFilingQuery,
    responses: { 200: { description: 'ZIP', contentType: 'application/zip', headers: DOWNLOAD } },
  },
});
