// The import's first step, which writes nothing: read the file (streamed), find the header row, map the
// columns, read every row, tie families to their principal, compose each case and check it with the case
// format. The result says, per case, whether it can be imported, and names every problem at its row and
// column in the user's language. The store's part (create or update, commit) is in plan.ts.
import type { Case } from '../case/index.ts';
import type { CountryTable, RegionTable } from '../law/countries.ts';
import { composeNew, checkComposed } from './compose.ts';
import { mapColumns, mappingOf, type ColumnMapping, type ImportDefaults, type ImportMapping } from './mapping.ts';
import { groupRows, patchOf, type CasePatch } from './patch.ts';
import {
  SheetReader,
  type CellValue,
  type ReadOptions,
  type SheetInfo,
  type SheetInput,
  type SheetRow,
} from './read.ts';
import { RowReader, type CellFixes, type ImportProblem, type ParsedRow } from './rows.ts';
import { makeLookup, type Lookup } from './values.ts';
import { message, type SheetLang } from './words.ts';
import { fieldForHeader } from './fields.ts';

export interface PreviewOptions extends ReadOptions {
  /** The law's country and region tables (`loadLaw().countries`, `.regions`). */
  law: { countries: CountryTable; regions: RegionTable };
  /** A saved or edited mapping; headers it does not name are mapped automatically. */
  mapping?: ImportMapping;
  /** Defaults over the mapping's own. */
  defaults?: ImportDefaults;
  /** Corrections typed in the preview (row → column header or letter → text). */
  fixes?: CellFixes;
  /** The language of the messages (default en). */
  lang?: SheetLang;
  /** Today in Moscow (YYYY-MM-DD): dates of events after tomorrow are refused. */
  today?: string;
  /** Each row as read (the header row and blank rows too), e.g. to show its cells in a preview. */
  onRow?: (row: SheetRow) => void;
}

/** One case of the file. */
export interface CaseDraft {
  /** `id:<case id>` or `passport:<country>:<number>` (the principal's). */
  key: string;
  externalId?: string;
  principalRow: number;
  /** Its rows, the principal's first. */
  rows: number[];
  /** The case as it would be created (absent when it has errors). */
  case?: Case;
  /** What the sheet says about the case, for laying over a stored one on re-import. */
  patch?: CasePatch;
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

export interface ImportPreview {
  file: SheetInfo;
  /** The row holding the headers. */
  headerRow: number;
  columns: ColumnMapping[];
  /** The mapping applied: save it to map the next file of the same shape the same way. */
  mapping: ImportMapping;
  /** Data rows (blank rows left out). */
  rows: number;
  cases: number;
  /** Cases without errors (they can be imported). */
  valid: number;
  /** Every problem, in row order: errors stop their case, warnings do not. */
  errors: ImportProblem[];
  warnings: ImportProblem[];
  drafts: CaseDraft[];
  /** Row number → the case key it belongs to (for the preview's per-row view). */
  caseOfRow: Map<number, string>;
  /** The law's look-ups, kept for the commit step. */
  lookup: Lookup;
  lang: SheetLang;
  /** How the rows were read (planImport composes re-imports with it). */
  rowReader: RowReader;
}

const HEADER_SEARCH_ROWS = 20;

function headerText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).replace(/\s+/g, ' ').trim();
}

/** The header row: among the first rows, the one whose cells name the most known fields (a title line above is skipped). */
function pickHeader(first: readonly SheetRow[]): SheetRow | undefined {
  let best: SheetRow | undefined;
  let bestScore = 0;
  for (const r of first) {
    const score = r.cells.filter((c) => c !== null && fieldForHeader(headerText(c)) !== undefined).length;
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best ?? first.find((r) => r.cells.some((c) => c !== null));
}

/** Reads and checks a whole file; writes nothing. */
export async function previewImport(input: SheetInput, opts: PreviewOptions): Promise<ImportPreview> {
  const lang = opts.lang ?? 'en';
  const lookup = makeLookup(opts.law.countries, opts.law.regions);
  const reader = new SheetReader(input, opts);
  const defaults: ImportDefaults = { ...opts.mapping?.defaults, ...opts.defaults };
  const problems: ImportProblem[] = [];
  const parsed: ParsedRow[] = [];
  const head: SheetRow[] = [];
  let header: SheetRow | undefined;
  let columns: ColumnMapping[] = [];
  let rowReader: RowReader | undefined;
  const take = (r: SheetRow) => {
    const p = rowReader!.read(r, problems);
    if (p) parsed.push(p);
  };
  const start = () => {
    header = pickHeader(head);
    columns = mapColumns(header?.cells.map(headerText) ?? [], opts.mapping);
    rowReader = new RowReader({ columns, lookup, lang, ...(opts.today ? { today: opts.today } : {}) }, opts.fixes);
    for (const r of head) if (header && r.number > header.number) take(r);
  };
  for await (const r of reader.rows()) {
    opts.onRow?.(r);
    if (rowReader) take(r);
    else {
      head.push(r);
      if (head.length >= HEADER_SEARCH_ROWS) start();
    }
  }
  if (!rowReader) start();
  const rr = rowReader!;
  const headerRow = header?.number ?? 1;
  // Mapping-level problems: reported once, at the header row.
  const seen = new Map<string, ColumnMapping>();
  for (const c of columns) {
    if (!c.field) continue;
    const first = seen.get(c.field);
    if (first)
      problems.push({
        row: headerRow,
        column: c.header,
        letter: c.letter,
        field: c.field,
        severity: 'warning',
        code: 'mapping.duplicateField',
        params: { first: first.header, column: c.header, field: c.field },
        message: message(lang, 'mapping.duplicateField', { first: first.header, column: c.header, field: c.field }),
      });
    else seen.set(c.field, c);
  }
  for (const h of Object.keys(opts.mapping?.columns ?? {}))
    if (!columns.some((c) => c.source === 'mapping' && c.header === h))
      problems.push({
        row: headerRow,
        column: h,
        severity: 'warning',
        code: 'mapping.unknownColumn',
        params: { column: h },
        message: message(lang, 'mapping.unknownColumn', { column: h }),
      });
  const mappingErrors: ImportProblem[] = [];
  if (parsed.length === 0)
    mappingErrors.push({
      row: headerRow,
      column: null,
      severity: 'error',
      code: 'mapping.noRows',
      message: message(lang, 'mapping.noRows'),
    });
  if (!seen.has('contract.regions') && !defaults.regions)
    mappingErrors.push({
      row: headerRow,
      column: null,
      field: 'contract.regions',
      severity: 'error',
      code: 'mapping.regionMissing',
      message: message(lang, 'mapping.regionMissing'),
    });
  if (!seen.has('name.latin') && !seen.has('name') && !seen.has('name.cyrillic'))
    mappingErrors.push({
      row: headerRow,
      column: null,
      severity: 'error',
      code: 'mapping.noName',
      message: message(lang, 'mapping.noName'),
    });

  const groups = groupRows(parsed, rr, problems);
  const reported = new Set<string>();
  for (const p of parsed) for (const f of p.bad) reported.add(`${p.row}:${f}`);
  const drafts: CaseDraft[] = [];
  const caseOfRow = new Map<number, string>();
  const rowProblems = new Map<number, ImportProblem[]>();
  for (const p of problems) {
    const l = rowProblems.get(p.row) ?? [];
    l.push(p);
    rowProblems.set(p.row, l);
  }
  for (const g of groups) {
    const patchProblems: ImportProblem[] = [];
    const patch = patchOf(g, rr, patchProblems);
    for (const p of g.rows) for (const f of p.bad) reported.add(`${p.row}:${f}`);
    const rows = patch?.rows ?? g.rows.map((r) => r.row);
    const own = [...rows.flatMap((n) => rowProblems.get(n) ?? []), ...patchProblems];
    let built: Case | undefined;
    if (patch) {
      const composed = composeNew(patch, rr, defaults);
      const checked = checkComposed(composed, lookup, rr, patch.principalRow, reported);
      own.push(...checked.problems);
      built = checked.case;
    }
    const errors = own.filter((p) => p.severity === 'error');
    const warnings = own.filter((p) => p.severity === 'warning');
    const valid = built !== undefined && errors.length === 0 && mappingErrors.length === 0;
    const key = patch?.key ?? g.key;
    for (const n of rows) caseOfRow.set(n, key);
    drafts.push({
      key,
      ...(patch?.externalId ? { externalId: patch.externalId } : {}),
      principalRow: patch?.principalRow ?? rows[0]!,
      rows,
      ...(valid ? { case: built } : {}),
      ...(patch ? { patch } : {}),
      errors: sortProblems(errors),
      warnings: sortProblems(warnings),
    });
  }
  const headerProblems = problems.filter((p) => p.row === headerRow && !caseOfRow.has(headerRow));
  const all = [...mappingErrors, ...headerProblems, ...drafts.flatMap((d) => [...d.errors, ...d.warnings])];
  return {
    file: reader.info,
    headerRow,
    columns,
    mapping: mappingOf(columns, Object.keys(defaults).length ? defaults : undefined),
    rows: parsed.length,
    cases: drafts.length,
    valid: drafts.filter((d) => d.case).length,
    errors: sortProblems(all.filter((p) => p.severity === 'error')),
    warnings: sortProblems(all.filter((p) => p.severity === 'warning')),
    drafts,
    caseOfRow,
    lookup,
    lang,
    rowReader: rr,
  };
}

function sortProblems(ps: ImportProblem[]): ImportProblem[] {
  return ps.sort(
    (a, b) =>
      a.row - b.row ||
      (a.letter ?? '').length - (b.letter ?? '').length ||
      (a.letter ?? '').localeCompare(b.letter ?? ''),
  );
}
