// Spreadsheets in (docs/import-export.md): an upload starts an import job that reads and checks the file
// with progress (nothing written); its preview row by row; the mapping changed (the file read again);
// the commit (one transaction per case, rows with errors skipped); cancel and discard. The template to
// fill in, and the mappings saved per organization. Jobs live in the server process that took the upload.
import { z } from 'zod';
import { contracts, DOWNLOAD } from '../contract.ts';
import { components } from '../openapi.ts';
import * as S from '../schemas.ts';
import { SHEET_LANGS } from '../../core/lang.ts';

const named = <T extends z.ZodType>(id: string, s: T, description: string): T => {
  components.add(s, { id, description });
  return s;
};

const sheetLang = z.enum(SHEET_LANGS);
const action = z.enum(['create', 'update', 'unchanged', 'invalid']);

export const ImportProblem = named(
  'ImportProblem',
  z.object({
    row: z.int().describe('the row number as the spreadsheet shows it'),
    column: z.string().nullable().describe("the column's header (null: about the row or the file)"),
    letter: z.string().optional().describe("the column's letter (A, B, …)"),
    field: z.string().optional(),
    severity: z.enum(['error', 'warning']),
    code: z.string().describe('a message key of locales/sheets (or case-format for the case format’s own checks)'),
    params: z.record(z.string(), z.union([z.string(), z.number()])).describe('the values the message names'),
    message: z.string().describe('the problem in words, in the asked language'),
  }),
  'A problem of an imported file, at its row and column',
);

const Mapping = z
  .object({
    format: z.literal('hqs-import-mapping/1'),
    columns: z.record(z.string(), z.string().nullable()),
    defaults: z.record(z.string(), z.unknown()).optional(),
  })
  .describe('hqs-import-mapping/1: header text → field (or null: not imported), and defaults');

export const ImportJob = named(
  'ImportJob',
  z.object({
    jobId: z.string(),
    fileName: z.string(),
    bytes: z.int(),
    state: z.enum(['reading', 'ready', 'committing', 'done', 'failed', 'cancelled']),
    phase: z.enum(['read', 'plan', 'commit']),
    progress: z
      .object({ done: z.number(), total: z.number().nullable(), rows: z.int() })
      .describe('read: bytes done of total, rows read; commit: cases written of total'),
    mappingName: z.string().nullable().describe('the saved mapping applied at upload'),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    fields: z.array(z.object({ field: z.string(), label: z.string() })).describe('the fields a column can hold'),
    preview: z
      .object({
        headerRow: z.int(),
        columns: z.array(
          z.object({
            index: z.int(),
            letter: z.string(),
            header: z.string(),
            field: z.string().nullable(),
            source: z.enum(['mapping', 'auto', 'none']),
          }),
        ),
        mapping: Mapping,
        rows: z.int(),
        cases: z.int(),
        counts: z.record(action, z.int()),
        errors: z.int(),
        warnings: z.int(),
        fileProblems: z.array(ImportProblem),
      })
      .optional(),
    result: z
      .object({
        created: z.int(),
        updated: z.int(),
        unchanged: z.int(),
        skipped: z.int(),
        failed: z.array(z.object({ rows: z.array(z.int()), message: z.string() })),
        aborted: z.boolean(),
      })
      .optional(),
  }),
  'An import job: its state, progress, the mapping and the preview counts, then the result',
);

export const ImportRow = z.object({
  row: z.int(),
  action: z.enum(['create', 'update', 'unchanged', 'invalid', 'none']),
  principal: z.boolean(),
  caseKey: z.string().nullable(),
  caseId: z.string().nullable().describe('the stored case it updates or was written as'),
  cells: z.record(z.string(), z.string()).describe('column letter → the cell as read'),
  changes: z.array(
    z.object({
      letter: z.string().nullable(),
      column: z.string().nullable(),
      path: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  problems: z.array(ImportProblem),
});

export const SavedMapping = z.object({
  mappingId: z.string(),
  name: z.string(),
  mapping: Mapping,
  createdAt: z.string(),
  updatedAt: z.string(),
});

const JobQuery = z.object({ lang: sheetLang.optional().describe('the language of messages and field labels') });

export const routes = contracts({
  getImportTemplate: {
    method: 'get',
    path: '/api/v1/imports/template',
    summary: 'The spreadsheet template (.xlsx): the columns the import reads, with an example family, in ru or en',
    tag: 'imports',
    auth: 'user',
    query: z.object({ lang: sheetLang.optional() }),
    responses: {
      200: {
        description: 'the template',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        headers: DOWNLOAD,
      },
    },
  },
  startImport: {
    method: 'post',
    path: '/api/v1/imports',
    summary:
      'Upload a spreadsheet (.xlsx or .csv, the bytes as the body, at most 20 MB): starts reading and checking it (nothing is written). Without `mapping`, the mapping saved as "default" applies',
    tag: 'imports',
    auth: 'user',
    query: z.object({
      fileName: z.string().min(1).max(255).describe('the file name (its extension tells .xlsx from .csv)'),
      lang: sheetLang.optional(),
      mapping: z.string().max(200).optional().describe('a saved mapping to apply, by id or name'),
    }),
    body: { kind: 'upload', description: 'the file as it is', streamed: true },
    responses: { 202: { description: 'the job, reading', schema: ImportJob } },
  },
  getImport: {
    method: 'get',
    path: '/api/v1/imports/{id}',
    summary: 'An import job: state, progress, mapping, counts, result (404 import.unknownJob once expired)',
    tag: 'imports',
    auth: 'user',
    params: S.IdParams,
    query: JobQuery,
    responses: { 200: { description: 'the job', schema: ImportJob } },
  },
  listImportRows: {
    method: 'get',
    path: '/api/v1/imports/{id}/rows',
    summary: "The preview row by row: cells, what happens to the row's case, changes and problems",
    tag: 'imports',
    auth: 'user',
    params: S.IdParams,
    query: JobQuery.extend({
      only: z.enum(['problems', 'errors']).optional().describe('only rows with a problem (or an error)'),
      limit: S.intQ(1, 500).default(100),
      offset: S.intQ(0, 1_000_000).default(0),
    }),
    responses: { 200: { description: 'a page of rows', schema: S.pageOf(ImportRow) } },
  },
  remapImport: {
    method: 'put',
    path: '/api/v1/imports/{id}/mapping',
    summary: 'Change the mapping (columns by header, defaults): the file is read and checked again',
    tag: 'imports',
    auth: 'user',
    params: S.IdParams,
    query: JobQuery,
    body: { kind: 'json', schema: Mapping },
    responses: { 202: { description: 'the job, reading again', schema: ImportJob } },
  },
  commitImport: {
    method: 'post',
    path: '/api/v1/imports/{id}/commit',
    summary:
      'Write the cases: each in its own transaction, rows with errors skipped, stored cases updated (audited), an unchanged file changes nothing',
    tag: 'imports',
    auth: 'user',
    params: S.IdParams,
    query: JobQuery,
    responses: { 202: { description: 'the job, writing', schema: ImportJob } },
  },
  cancelImport: {
    method: 'post',
    path: '/api/v1/imports/{id}/cancel',
    summary: 'Stop reading or writing (cases written stay written, each whole)',
    tag: 'imports',
    auth: 'user',
    params: S.IdParams,
    query: JobQuery,
    responses: { 200: { description: 'the job', schema: ImportJob } },
  },
  discardImport: {
    method: 'delete',
    path: '/api/v1/imports/{id}',
    summary: 'Cancel the job and forget it (its file is deleted)',
    tag: 'imports',
    auth: 'user',
    params: S.IdParams,
    responses: { 204: { description: 'discarded' } },
  },
  listImportMappings: {
    method: 'get',
    path: '/api/v1/import-mappings',
    summary: "The organization's saved import mappings",
    tag: 'imports',
    auth: 'user',
    responses: { 200: { description: 'the mappings', schema: z.array(SavedMapping) } },
  },
  saveImportMapping: {
    method: 'post',
    path: '/api/v1/import-mappings',
    summary:
      'Save a mapping for the organization under a name (replacing the one of that name); "default" applies to uploads by itself',
    tag: 'imports',
    auth: 'user',
    body: { kind: 'json', schema: z.object({ name: z.string().min(1).max(200), mapping: Mapping }) },
    responses: { 200: { description: 'saved', schema: SavedMapping } },
  },
});
