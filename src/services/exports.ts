// The portfolio out to a spreadsheet over HTTP: the case list, the deadlines, the findings or the audit log
// (or all four, one sheet each) as .xlsx or CSV, with the list's own filters, in the asked language
// (src/sheets/exportSheets). Rows are read page by page and streamed as they are written: the file is
// never held whole. Who may read the list may export it (the audit log: owners); an export is audited
// once it is written whole (`portfolio.export`, with its kinds, format, filters and row counts).
import { PassThrough, Readable } from 'node:stream';
import type { RenderTables } from '../i18n/index.ts';
import type { CountryTable } from '../law/countries.ts';
import { exportSheets, type ExportFilters, type ExportKind } from '../sheets/index.ts';
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';
import type { SheetLang } from '../core/lang.ts';

export interface ExportRequest {
  kinds: readonly ExportKind[];
  format: 'xlsx' | 'csv';
  lang: SheetLang;
  filters: ExportFilters;
}

export interface ExportDeps {
  db: store.Db;
  law: RenderTables & { countries: CountryTable };
  log: (message: string, error?: unknown) => void;
}

export const EXPORT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** Checks the actor may read what is asked, then streams the file (an error midway cuts the download). */
export function exportStream(deps: ExportDeps, actor: Actor, r: ExportRequest): ReadableStream<Uint8Array> {
  store.requirePortfolio(actor, 'exporting the portfolio');
  if (r.kinds.includes('audit')) store.requireOwner(actor, 'exporting the audit log');
  if (r.format === 'csv' && r.kinds.length !== 1)
    throw store.Invalid.one('format', 'a CSV file holds one table: export each kind to its own file, or use xlsx');
  const out = new PassThrough();
  const { db, law } = deps;
  exportSheets(db, actor, out, {
    kinds: r.kinds,
    format: r.format,
    lang: r.lang,
    filters: r.filters,
    countries: law.countries,
    law,
  })
    .then((result) =>
      store.inTenant(db, actor, (tx) =>
        store.appendAudit(tx, actor, {
          action: 'portfolio.export',
          entity: 'case',
          details: { kinds: [...r.kinds], format: r.format, lang: r.lang, rows: result.rows, filters: r.filters },
        }),
      ),
    )
    .catch((e: unknown) => {
      deps.log('exporting the portfolio failed midway; the download is cut', e);
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
