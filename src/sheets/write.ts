// Writing tables as .xlsx (ExcelJS's streaming writer: each row is written out as it is added, with
// inline strings, so memory stays flat however long the list) or as CSV (`;` and dd.mm.yyyy for Russian
// Excel, `,` and ISO dates otherwise; UTF-8 with a byte-order mark so Excel reads Cyrillic). Dates are
// written as dates and amounts as numbers, never as text.
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { SheetLang } from './words.ts';

export type ColumnType = 'text' | 'date' | 'datetime' | 'number';

export interface SheetColumn {
  header: string;
  type: ColumnType;
  /** In characters (xlsx only). */
  width?: number;
}

/** A cell to write: text, a number, an ISO date (YYYY-MM-DD) or timestamp for date columns, or empty. */
export type OutCell = string | number | boolean | null | undefined;

export interface SheetSink {
  add(row: readonly OutCell[]): Promise<void>;
  done(): Promise<void>;
}

export interface TableWriter {
  readonly format: 'xlsx' | 'csv';
  addSheet(name: string, columns: readonly SheetColumn[]): Promise<SheetSink>;
  close(): Promise<void>;
}

const DATE_FORMAT: Record<SheetLang, string> = { ru: 'dd.mm.yyyy', en: 'yyyy-mm-dd' };
const DATETIME_FORMAT: Record<SheetLang, string> = { ru: 'dd.mm.yyyy hh:mm:ss', en: 'yyyy-mm-dd hh:mm:ss' };

/** An ISO date as the Date a spreadsheet stores for that day (UTC midnight). */
export function dateCell(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** Excel has no time zones: a timestamp is written as its UTC wall time. */
function datetimeCell(iso: string): Date {
  return new Date(iso);
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

export function createXlsxWriter(out: Writable, lang: SheetLang): TableWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'HQS Desk';
  return {
    format: 'xlsx',
    async addSheet(name, columns) {
      const ws = wb.addWorksheet(sheetName(name), { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = columns.map((c, i) => ({
        header: c.header,
        key: String(i),
        width: c.width ?? Math.min(60, Math.max(10, c.header.length + 2)),
        ...(c.type === 'date'
          ? { style: { numFmt: DATE_FORMAT[lang] } }
          : c.type === 'datetime'
            ? { style: { numFmt: DATETIME_FORMAT[lang] } }
            : {}),
      }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      return {
        async add(row) {
          const values = row.map((v, i) => {
            if (v === null || v === undefined || v === '') return null;
            const t = columns[i]?.type;
            if (t === 'date' && typeof v === 'string') return dateCell(v);
            if (t === 'datetime' && typeof v === 'string') return datetimeCell(v);
            return v;
          });
          ws.addRow(values).commit();
        },
        async done() {
          ws.commit();
        },
      };
    },
    async close() {
      await wb.commit();
    },
  };
}

function csvField(s: string, d: string): string {
  return s.includes(d) || /["\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function isoToRu(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** CSV of one table. Russian: `;`, dd.mm.yyyy, decimal comma — as Russian Excel reads it. */
export function createCsvWriter(out: Writable, lang: SheetLang): TableWriter {
  const d = lang === 'ru' ? ';' : ',';
  let sheets = 0;
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  return {
    format: 'csv',
    async addSheet(_name, columns) {
      if (sheets++ > 0) throw new Error('a CSV file holds one table: export each kind to its own file');
      await write('\ufeff' + columns.map((c) => csvField(c.header, d)).join(d) + '\r\n');
      return {
        async add(row) {
          const cells = row.map((v, i) => {
            if (v === null || v === undefined) return '';
            const t = columns[i]?.type;
            if (typeof v === 'number') return lang === 'ru' ? String(v).replace('.', ',') : String(v);
            const s = String(v);
            if (t === 'date') return lang === 'ru' ? isoToRu(s) : s.slice(0, 10);
            if (t === 'datetime') {
              const iso = new Date(s).toISOString().replace('T', ' ').slice(0, 19);
              return lang === 'ru' ? `${isoToRu(iso)} ${iso.slice(11)}` : iso;
            }
            return csvField(s, d);
          });
          await write(cells.join(d) + '\r\n');
        },
        async done() {},
      };
    },
    async close() {
      out.end();
      await finished(out);
    },
  };
}

export function createTableWriter(format: 'xlsx' | 'csv', out: Writable, lang: SheetLang): TableWriter {
  return format === 'xlsx' ? createXlsxWriter(out, lang) : createCsvWriter(out, lang);
}
