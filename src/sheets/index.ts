// Spreadsheets in and out (docs/import-export.md). Import: previewImport (reads, maps, checks; writes
// nothing) → planImport (create, update or unchanged against the store) → commitImport (one transaction
// per case). Export: exportSheets. Template: writeTemplate. Mappings are stored by src/store/imports.ts.
export { SheetReader, SheetReadError, CsvDecoder, CsvParser } from './read.ts';
export type {
  CellValue,
  SheetRow,
  SheetInput,
  SheetInfo,
  ReadOptions,
  ReadProgress,
  SheetFormat,
  CsvEncoding,
  CsvDelimiter,
} from './read.ts';
export { previewImport } from './preview.ts';
export type { PreviewOptions, ImportPreview, CaseDraft } from './preview.ts';
export { planImport, commitImport, diffCases } from './plan.ts';
export type {
  ImportPlan,
  PlannedCase,
  PlannedAction,
  Change,
  CommitOptions,
  CommitResult,
  CommitProgress,
} from './plan.ts';
export type { ImportProblem, CellFixes } from './rows.ts';
export {
  parseMapping,
  mapColumns,
  mappingOf,
  columnLetter,
  MappingError,
  MAPPING_FORMAT,
  BUILTIN_DEFAULTS,
  ImportMappingSchema,
} from './mapping.ts';
export type { ImportMapping, ImportDefaults, ColumnMapping } from './mapping.ts';
export { FIELDS, fieldHeader, fieldForHeader, type FieldId } from './fields.ts';
export { parseSheetDate, excelSerialToIso, isoToExcelSerial } from './dates.ts';
export { writeTemplate, TEMPLATE_FIELDS } from './template.ts';
export { exportSheets, EXPORT_KINDS } from './export.ts';
export type { ExportKind, ExportFilters, ExportOptions, ExportResult } from './export.ts';
export { createTableWriter, createXlsxWriter, createCsvWriter } from './write.ts';
export type { TableWriter, SheetSink, SheetColumn, OutCell } from './write.ts';
export { SHEET_LANGS, type SheetLang } from './words.ts';
