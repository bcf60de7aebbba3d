// A stored case's evaluation and the documents made from it: the checklist, letters and the calendar.
import { contracts, DOWNLOAD } from '../contract.ts';
import * as S from '../schemas.ts';

export const routes = contracts({
  getCaseEvaluation: {
    method: 'get',
    path: '/api/v1/cases/{id}/evaluation',
    summary: "The case's evaluation: as of today it is stored (portfolio figures); another asOf is computed only",
    tag: 'cases',
    auth: 'user',
    params: S.IdParams,
    query: S.EvaluateQuery,
    responses: { 200: { description: 'the evaluation', schema: S.CaseEvaluation } },
  },
  getChecklistPdf: {
    method: 'get',
    path: '/api/v1/cases/{id}/checklist.pdf',
    summary: 'The document checklist as a printable PDF',
    tag: 'exports',
    auth: 'user',
    params: S.IdParams,
    query: S.ChecklistQuery,
    responses: { 200: { description: 'PDF', contentType: 'application/pdf', headers: DOWNLOAD } },
  },
  getLetter: {
    method: 'get',
    path: '/api/v1/cases/{id}/letters/{file}',
    summary: 'A letter: employer-support or cover, as .docx or .pdf',
    tag: 'exports',
    auth: 'user',
    params: S.LetterParams,
    query: S.DocLangQuery,
    responses: { 200: { description: 'DOCX or PDF', contentType: 'application/octet-stream', headers: DOWNLOAD } },
  },
  getObligationsIcs: {
    method: 'get',
    path: '/api/v1/cases/{id}/obligations.ics',
    summary: 'Every deadline of the case as an iCalendar file',
    tag: 'exports',
    auth: 'user',
    params: S.IdParams,
    query: S.DocLangQuery,
    responses: { 200: { description: 'iCalendar', contentType: 'text/calendar', headers: DOWNLOAD } },
  },
});
