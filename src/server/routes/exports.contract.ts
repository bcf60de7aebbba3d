// The portfolio as spreadsheets: each list (cases, deadlines, findings, the audit log) with its own filters,
// as .xlsx or CSV, and the whole portfolio as one workbook (a sheet per kind). Streamed; audited.
import { contracts } from '../contract.ts';
import * as S from '../schemas.ts';

const FILE = {
  200: {
    description: 'the file (.xlsx or CSV by `format`), streamed as it is written',
    contentType: 'application/octet-stream',
    headers: { 'Content-Disposition': 'attachment, with the file name (filename* in UTF-8 and an ASCII filename)' },
  },
} as const;

export const routes = contracts({
  exportCases: {
    method: 'get',
    path: '/api/v1/exports/cases',
    summary: 'The case list as a spreadsheet, with the filters of GET /cases',
    tag: 'exports',
    auth: 'user',
    query: S.CaseExportQuery,
    responses: FILE,
  },
  exportDeadlines: {
    method: 'get',
    path: '/api/v1/exports/deadlines',
    summary: 'The portfolio deadlines (obligations) as a spreadsheet, with the filters of GET /obligations',
    tag: 'exports',
    auth: 'user',
    query: S.DeadlineExportQuery,
    responses: FILE,
  },
  exportFindings: {
    method: 'get',
    path: '/api/v1/exports/findings',
    summary: 'The portfolio findings as a spreadsheet, with the filters of GET /findings',
    tag: 'exports',
    auth: 'user',
    query: S.FindingExportQuery,
    responses: FILE,
  },
  exportAudit: {
    method: 'get',
    path: '/api/v1/exports/audit',
    summary: 'The audit log as a spreadsheet, with the filters of GET /audit (owners)',
    tag: 'exports',
    auth: 'user',
    query: S.AuditExportQuery,
    responses: FILE,
  },
  exportPortfolio: {
    method: 'get',
    path: '/api/v1/exports/portfolio',
    summary: 'The portfolio as one .xlsx workbook: a sheet per kind',
    tag: 'exports',
    auth: 'user',
    query: S.PortfolioExportQuery,
    responses: FILE,
  },
});
