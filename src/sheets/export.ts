// The portfolio out to spreadsheets: the case list, the deadlines (obligations) across the portfolio, the
// findings and the audit log — each kind one sheet of an .xlsx file (or one CSV file), with the filters of
// the list it comes from, headers and enumerated values in the user's language, dates as dates and
// amounts as numbers. Rows are read page by page from the store and written as they come.
import type { Writable } from 'node:stream';
import { renderFinding, type RenderTables } from '../i18n/index.ts';
import type { CountryTable } from '../law/countries.ts';
import type { Actor } from '../store/actor.ts';
import { listAudit, type AuditFilter } from '../store/audit.ts';
import { listCases, type CaseFilter } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import { listObligations, type ObligationFilter } from '../store/evaluations.ts';
import { listFindings, type FindingFilter } from '../store/findings.ts';
import { createTableWriter, type OutCell, type SheetColumn } from './write.ts';
import { catalog, columnWord, enumWord, type SheetLang } from './words.ts';

export const EXPORT_KINDS = ['cases', 'deadlines', 'findings', 'audit'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportFilters {
  cases?: Omit<CaseFilter, 'limit' | 'offset'>;
  deadlines?: Omit<ObligationFilter, 'limit' | 'offset'>;
  findings?: Omit<FindingFilter, 'limit' | 'offset'>;
  audit?: Omit<AuditFilter, 'limit' | 'after'>;
}

export interface ExportOptions {
  kinds: readonly ExportKind[];
  format: 'xlsx' | 'csv';
  lang: SheetLang;
  filters?: ExportFilters;
  /** Citizenship by its name in `lang` (else the ISO code). */
  countries?: CountryTable;
  /** The law's tables the findings are worded with (renderFinding); without them a finding shows its code. */
  law?: RenderTables;
  signal?: AbortSignal;
  onProgress?: (p: { kind: ExportKind; rows: number; total?: number }) => void;
}

export interface ExportResult {
  rows: Partial<Record<ExportKind, number>>;
}

type Col = Parameters<typeof columnWord>[1];

interface Table {
  columns: { key: Col; type: SheetColumn['type']; width?: number }[];
  /** Pages of rows; `total` when the store knows it. */
  pages(): AsyncGenerator<{ rows: OutCell[][]; total?: number }>;
}

function tables(db: Db, actor: Actor, o: ExportOptions): Record<ExportKind, Table> {
  const lang = o.lang;
  const f = o.filters ?? {};
  const yes = (b: boolean) => columnWord(lang, b ? 'yes' : 'no');
  const country = (code: string | null) => (code && o.countries?.get(code) ? o.countries.name(code, lang) : code);
  return {
    cases: {
      columns: [
        { key: 'externalId', type: 'text', width: 16 },
        { key: 'principalName', type: 'text', width: 28 },
        { key: 'principalNameCyrillic', type: 'text', width: 28 },
        { key: 'principalCitizenship', type: 'text', width: 18 },
        { key: 'employerName', type: 'text', width: 30 },
        { key: 'contractStart', type: 'date', width: 14 },
        { key: 'contractEnd', type: 'date', width: 14 },
        { key: 'status', type: 'text' },
        { key: 'stage', type: 'text', width: 26 },
        { key: 'version', type: 'number' },
        { key: 'updatedAt', type: 'datetime', width: 20 },
        { key: 'caseId', type: 'text', width: 38 },
      ],
      async *pages() {
        for (let offset = 0; ;) {
          const page = await listCases(db, actor, { ...f.cases, limit: 500, offset });
          yield {
            total: page.total,
            rows: page.items.map((c) => [
              c.externalId,
              c.principalName,
              c.principalNameCyrillic,
              country(c.principalCitizenship),
              c.employerName,
              c.contractStart,
              c.contractEnd,
              enumWord(lang, 'caseStatus', c.status),
              c.stage ? enumWord(lang, 'stage', c.stage) : null,
              c.version,
              c.updatedAt,
              c.caseId,
            ]),
          };
          offset += page.items.length;
          if (page.items.length === 0 || offset >= page.total) return;
        }
      },
    },
    deadlines: {
      columns: [
        { key: 'due', type: 'date', width: 12 },
        { key: 'kind', type: 'text', width: 36 },
        { key: 'status', type: 'text', width: 14 },
        { key: 'person', type: 'text', width: 28 },
        { key: 'principalName', type: 'text', width: 28 },
        { key: 'employerName', type: 'text', width: 30 },
        { key: 'windowFrom', type: 'date', width: 12 },
        { key: 'windowTo', type: 'date', width: 12 },
        { key: 'doneOn', type: 'date', width: 12 },
        { key: 'late', type: 'text' },
        { key: 'measure', type: 'number', width: 14 },
        { key: 'asOf', type: 'date', width: 12 },
        { key: 'caseId', type: 'text', width: 38 },
      ],
      async *pages() {
        for (let offset = 0; ;) {
          const page = await listObligations(db, actor, { ...f.deadlines, limit: 1000, offset });
          yield {
            total: page.total,
            rows: page.items.map((x) => [
              x.due,
              enumWord(lang, 'obligationKind', x.kind),
              enumWord(lang, 'obligationStatus', x.status),
              (lang === 'ru' ? (x.personNameCyrillic ?? x.personName) : x.personName) ?? x.personId,
              x.principalName,
              x.employerName,
              x.window.from,
              x.window.to,
              x.doneOn,
              yes(x.late),
              x.measure ? x.measure.used : null,
              x.asOf,
              x.caseId,
            ]),
          };
          offset += page.items.length;
          if (page.items.length === 0 || offset >= page.total) return;
        }
      },
    },
    findings: {
      columns: [
        { key: 'severity', type: 'text', width: 14 },
        { key: 'message', type: 'text', width: 80 },
        { key: 'code', type: 'text', width: 28 },
        { key: 'principalName', type: 'text', width: 28 },
        { key: 'employerName', type: 'text', width: 30 },
        { key: 'externalId', type: 'text', width: 16 },
        { key: 'people', type: 'text' },
        { key: 'asOf', type: 'date', width: 12 },
        { key: 'caseId', type: 'text', width: 38 },
      ],
      async *pages() {
        for (let offset = 0; ;) {
          const page = await listFindings(db, actor, { ...f.findings, limit: 1000, offset });
          yield {
            total: page.total,
            rows: page.items.map((x) => [
              enumWord(lang, 'severity', x.severity),
              o.law ? renderFinding(x.finding, { lang, law: o.law }).message : x.code,
              x.code,
              x.principalName,
              x.employerName,
              x.externalId,
              x.people.join(', '),
              x.asOf,
              x.caseId,
            ]),
          };
          offset += page.items.length;
          if (page.items.length === 0 || offset >= page.total) return;
        }
      },
    },
    audit: {
      columns: [
        { key: 'seq', type: 'number' },
        { key: 'at', type: 'datetime', width: 20 },
        { key: 'actor', type: 'text', width: 28 },
        { key: 'action', type: 'text', width: 22 },
        { key: 'entity', type: 'text', width: 14 },
        { key: 'entityId', type: 'text', width: 38 },
        { key: 'ip', type: 'text', width: 16 },
        { key: 'details', type: 'text', width: 60 },
      ],
      async *pages() {
        let after: number | undefined;
        for (;;) {
          const page = await listAudit(db, actor, {
            ...f.audit,
            limit: 1000,
            ...(after !== undefined ? { after } : {}),
          });
          yield {
            rows: page.items.map((a) => [
              a.seq,
              a.at,
              a.actor,
              a.action,
              a.entity,
              a.entityId,
              a.ip,
              JSON.stringify(a.details),
            ]),
          };
          if (page.next === undefined) return;
          after = page.next;
        }
      },
    },
  };
}

/** Writes the kinds asked for to `out` (.xlsx: one sheet each; CSV: exactly one kind). */
export async function exportSheets(db: Db, actor: Actor, out: Writable, o: ExportOptions): Promise<ExportResult> {
  if (o.kinds.length === 0) throw new Error('nothing to export: name at least one kind');
  if (o.format === 'csv' && o.kinds.length !== 1)
    throw new Error('a CSV file holds one table: export each kind to its own file (or use xlsx)');
  const all = tables(db, actor, o);
  const writer = createTableWriter(o.format, out, o.lang);
  const result: ExportResult = { rows: {} };
  const sheetNames = catalog(o.lang).sheets;
  for (const kind of o.kinds) {
    const t = all[kind];
    const sink = await writer.addSheet(
      sheetNames[kind],
      t.columns.map((c) => ({
        header: columnWord(o.lang, c.key),
        type: c.type,
        ...(c.width ? { width: c.width } : {}),
      })),
    );
    let n = 0;
    for await (const page of t.pages()) {
      if (o.signal?.aborted) throw o.signal.reason instanceof Error ? o.signal.reason : new Error('export aborted');
      for (const row of page.rows) await sink.add(row);
      n += page.rows.length;
      o.onProgress?.({ kind, rows: n, ...(page.total !== undefined ? { total: page.total } : {}) });
    }
    await sink.done();
    result.rows[kind] = n;
  }
  await writer.close();
  return result;
}
