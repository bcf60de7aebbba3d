// One row of the sheet read into typed values, field by field, with a problem for each cell that cannot
// be read (named at its row and column, in the user's language). Cells are read once and dropped: what
// stays per row is a few typed values, not the file.
import type { CellValue, SheetRow } from './read.ts';
import type { ColumnMapping } from './mapping.ts';
import { CASE_FIELDS, FIELD_KINDS, fieldHeader, type FieldId } from './fields.ts';
import { parseSheetDate } from './dates.ts';
import {
  passportNumber,
  readAmount,
  readAnyName,
  readCountries,
  readCountry,
  readCyrillicName,
  readEmail,
  readEnum,
  readInn,
  readLatinName,
  readRegions,
  readRole,
  type Lookup,
  type Read,
  type RoleValue,
} from './values.ts';
import { message, type MessageKey, type Params, type SheetLang } from './words.ts';

export interface ImportProblem {
  /** The row's number in the sheet, as a spreadsheet program shows it. */
  row: number;
  /** The column's header (null: the problem is about the row or a field no column holds). */
  column: string | null;
  /** The column's letter (A, B, …), when there is a column. */
  letter?: string;
  field?: FieldId;
  severity: 'error' | 'warning';
  /** A message key of locales/sheets, or `case-format` for a message of the case format's own checks. */
  code: string;
  /** The values the message names (a client words `code` with them in its own language). */
  params?: Params;
  message: string;
}

/** Corrections typed in the preview: row number → column (header or letter) → the new cell text. */
export type CellFixes = Readonly<Record<number, Readonly<Record<string, string>>>>;

export interface ParsedRow {
  row: number;
  /** Typed values of the cells that were read. */
  values: Partial<Record<FieldId, unknown>>;
  /** Fields whose cell could not be read (their problems are already reported). */
  bad: Set<FieldId>;
  role: RoleValue;
}

export interface RowContext {
  columns: readonly ColumnMapping[];
  lookup: Lookup;
  lang: SheetLang;
  /** Today in Moscow: a date something happened may not be after tomorrow. */
  today?: string;
}

function isoPlusOneDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function text(v: CellValue): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** Reads the mapped cells of a row. Returns null for a row with nothing in its mapped cells. */
export class RowReader {
  private readonly byField = new Map<FieldId, ColumnMapping>();
  private readonly tomorrow: string | undefined;

  constructor(
    private readonly ctx: RowContext,
    private readonly fixes: CellFixes = {},
  ) {
    for (const c of ctx.columns) if (c.field && !this.byField.has(c.field)) this.byField.set(c.field, c);
    this.tomorrow = ctx.today ? isoPlusOneDay(ctx.today) : undefined;
  }

  column(field: FieldId): ColumnMapping | undefined {
    return this.byField.get(field);
  }

  /** The header of the column a field is read from, or the field's usual header when no column holds it. */
  headerOf(field: FieldId): string {
    return this.byField.get(field)?.header ?? fieldHeader(field, this.ctx.lang);
  }

  problem(
    row: number,
    field: FieldId | null,
    key: MessageKey,
    params: Params = {},
    severity: 'error' | 'warning' = 'error',
  ): ImportProblem {
    const c = field ? this.byField.get(field) : undefined;
    return {
      row,
      column: c?.header ?? null,
      ...(c ? { letter: c.letter } : {}),
      ...(field ? { field } : {}),
      severity,
      code: key,
      ...(Object.keys(params).length ? { params } : {}),
      message: message(this.ctx.lang, key, params),
    };
  }

  read(r: SheetRow, problems: ImportProblem[]): ParsedRow | null {
    const fix = this.fixes[r.number];
    const values: Partial<Record<FieldId, unknown>> = {};
    const bad = new Set<FieldId>();
    let any = false;
    for (const [field, col] of this.byField) {
      let cell: CellValue = r.cells[col.index] ?? null;
      const fixed = fix?.[col.header] ?? fix?.[col.letter];
      if (fixed !== undefined) cell = fixed.trim() === '' ? null : fixed;
      if (cell === null || (typeof cell === 'string' && cell.trim() === '')) continue;
      any = true;
      const res = this.readCell(field, cell);
      if (res.ok) values[field] = res.value;
      else {
        bad.add(field);
        problems.push(this.problem(r.number, field, res.key, res.params));
      }
    }
    if (!any) return null;
    let role: RoleValue = { principal: true };
    if (values['person.role'] !== undefined) role = values['person.role'] as RoleValue;
    else if (bad.has('person.role')) role = { principal: false, relation: 'spouse' }; // counted as invalid anyway
    return { row: r.number, values, bad, role };
  }

  private readCell(field: FieldId, cell: CellValue): Read<unknown> {
    const kind = FIELD_KINDS[field];
    const lookup = this.ctx.lookup;
    if (typeof kind === 'object') return readEnum(kind.enum, text(cell));
    switch (kind) {
      case 'text':
        return { ok: true, value: text(cell).replace(/\s+/g, ' ') };
      case 'date':
      case 'event-date': {
        const d = parseSheetDate(cell);
        if (!d.ok) return d;
        if (kind === 'event-date' && this.tomorrow && d.date > this.tomorrow)
          return { ok: false, key: 'date.future', params: { date: d.date } };
        return { ok: true, value: d.date };
      }
      case 'amount':
        return readAmount(cell);
      case 'country':
        return readCountry(text(cell), lookup);
      case 'countries':
        return readCountries(text(cell), lookup);
      case 'regions':
        return readRegions(text(cell), lookup);
      case 'name-latin':
        return readLatinName(text(cell));
      case 'name-cyrillic':
        return readCyrillicName(text(cell));
      case 'name-any':
        return readAnyName(text(cell));
      case 'inn':
        return readInn(cell);
      case 'email':
        return readEmail(text(cell));
      case 'currency': {
        const s = text(cell).toUpperCase();
        const c = s === 'РУБ' || s === 'РУБ.' || s === 'RUR' || s === '₽' ? 'RUB' : s;
        return /^[A-Z]{3}$/.test(c)
          ? { ok: true, value: c }
          : { ok: false, key: 'enum.unknown', params: { value: s, allowed: 'RUB, USD, EUR, CNY…' } };
      }
      case 'passport':
        return { ok: true, value: passportNumber(cell instanceof Date ? text(cell) : cell) };
      case 'role':
        return readRole(text(cell));
    }
  }
}

/** A family member's row gives no case fields; when it does and they differ from the principal's, say so. */
export function caseFieldsOf(values: ParsedRow['values']): FieldId[] {
  return (Object.keys(values) as FieldId[]).filter((f) => CASE_FIELDS.has(f));
}
