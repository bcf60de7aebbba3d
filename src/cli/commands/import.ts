import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Io } from '../io.ts';
import { parse, UsageError, InputError } from '../args.ts';
import { dateArg, json, loadCalendar, loadLaw } from '../context.ts';
import { createEngine } from '../../engine/index.ts';
import { systemActor } from '../../store/actor.ts';
import { getImportMapping, saveImportMapping } from '../../store/imports.ts';
import {
  commitImport,
  MappingError,
  parseMapping,
  planImport,
  previewImport,
  SheetReadError,
  writeTemplate,
  type ImportMapping,
  type ImportProblem,
  type SheetLang,
} from '../../sheets/index.ts';
import { withStore } from '../with-store.ts';
import { resolveOrg } from '../org.ts';

const HELP = `usage: hqs import FILE [--mapping FILE.json | --mapping-name NAME] [--dry-run] [--format text|json]
                   [--org NAME|ID] [--lang en|ru] [--region RU-MOW] [--encoding utf-8|windows-1251]
                   [--delimiter ';'] [--save-mapping NAME] [--write-mapping FILE.json] [--no-evaluate]
       hqs import --template ru|en --out FILE.xlsx

Imports people and cases from a spreadsheet (.xlsx, or .csv in UTF-8 or Windows-1251 with ; or ,): one
row per person, a family tied to its principal by the case id or the principal's passport. Headers are
mapped automatically (Russian or English); --mapping gives an hqs-import-mapping/1 file to confirm or
change the mapping (--write-mapping writes the one applied, to edit), --mapping-name a mapping saved for
the organization (--save-mapping NAME saves the one applied).

--dry-run reads and checks the file and prints {rows, cases, valid, errors: [{row, column, message}]}
(with --format json) without opening the database. Without it, every case without errors is written,
each in its own transaction; a case the file already holds is updated (people matched by passport or the
case id), and re-importing the same file changes nothing. Cases with errors are skipped and listed.

The database is PostgreSQL when DATABASE_URL is set, else the embedded one in HQS_DATA_DIR (./data). The
import acts as the organization's owner; --org names the organization (needed when there are several).
--region sets the work region for rows without one. Exit 0: all rows imported (or valid, on a dry run);
2: some rows had errors (the others were imported) or bad usage.`;

function readMappingFile(file: string): ImportMapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return parseMapping(JSON.parse(text));
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
}

function problemLine(p: ImportProblem): string {
  const where = `row ${p.row}${p.column ? `, ${p.letter ? `${p.letter} ` : ''}«${p.column}»` : ''}`;
  return `  ${p.severity === 'error' ? 'error  ' : 'warning'} ${where}: ${p.message}`;
}

export async function importCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    mapping: { type: 'string' },
    'mapping-name': { type: 'string' },
    'save-mapping': { type: 'string' },
    'write-mapping': { type: 'string' },
    'dry-run': { type: 'boolean' },
    org: { type: 'string' },
    region: { type: 'string', multiple: true },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
    template: { type: 'string' },
    out: { type: 'string' },
    'as-of': { type: 'string' },
    'no-evaluate': { type: 'boolean' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format: expected text or json, got "${format}"`);
  if (values.template !== undefined) {
    const lang = values.template;
    if (lang !== 'ru' && lang !== 'en') throw new UsageError(`--template: expected ru or en, got "${lang}"`);
    if (!values.out) throw new UsageError('--template needs --out FILE.xlsx');
    const out = createWriteStream(values.out);
    await writeTemplate(out, lang);
    await finished(out);
    io.out(format === 'json' ? json({ template: lang, file: values.out }) : `wrote ${values.out}`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  const file = positionals[0]!;
  const lang = (values.lang ?? 'en') as SheetLang;
  if (lang !== 'en' && lang !== 'ru') throw new UsageError(`--lang: expected en or ru, got "${String(values.lang)}"`);
  if (values.encoding !== undefined && values.encoding !== 'utf-8' && values.encoding !== 'windows-1251')
    throw new UsageError(`--encoding: expected utf-8 or windows-1251, got "${values.encoding}"`);
  if (values.delimiter !== undefined && ![',', ';', '\t', 'tab'].includes(values.delimiter))
    throw new UsageError(`--delimiter: expected ',' ';' or tab, got "${values.delimiter}"`);
  if (values.mapping && values['mapping-name']) throw new UsageError('give --mapping or --mapping-name, not both');
  if (values['dry-run'] && (values['mapping-name'] || values['save-mapping']))
    throw new UsageError('--dry-run does not open the database: use --mapping FILE.json instead of a saved mapping');
  const today = dateArg(values['as-of'], '--as-of');
  const law = loadLaw();
  const regions = values.region?.map((r) => r.toUpperCase());
  for (const r of regions ?? [])
    if (!law.regions.codes.has(r)) throw new UsageError(`--region: unknown region code "${r}"`);

  const run = async (mapping: ImportMapping | undefined) => {
    try {
      return await previewImport(
        { path: file },
        {
          law,
          lang,
          today,
          ...(mapping ? { mapping } : {}),
          ...(regions ? { defaults: { regions } } : {}),
          ...(values.encoding ? { encoding: values.encoding as 'utf-8' | 'windows-1251' } : {}),
          ...(values.delimiter
            ? { delimiter: (values.delimiter === 'tab' ? '\t' : values.delimiter) as ',' | ';' | '\t' }
            : {}),
        },
      );
    } catch (e) {
      if (e instanceof SheetReadError || e instanceof MappingError) throw new InputError(e.message);
      throw e;
    }
  };
  const report = (
    p: { rows: number; cases: number; valid: number; errors: ImportProblem[]; warnings: ImportProblem[] },
    extra: Record<string, unknown> = {},
  ) => {
    if (format === 'json')
      io.out(
        json({
          rows: p.rows,
          cases: p.cases,
          valid: p.valid,
          errors: p.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
          warnings: p.warnings.map((e) => ({ row: e.row, column: e.column, message: e.message })),
          ...extra,
        }),
      );
    else {
      for (const e of [...p.errors, ...p.warnings].sort((a, b) => a.row - b.row)) io.err(problemLine(e));
    }
  };

  if (values['dry-run']) {
    const preview = await run(values.mapping ? readMappingFile(values.mapping) : undefined);
    if (values['write-mapping']) writeMapping(values['write-mapping'], preview.mapping);
    report(preview);
    if (format === 'text')
      io.out(
        `${file}: ${preview.rows} rows, ${preview.cases} cases, ${preview.valid} valid, ${preview.errors.length} errors, ${preview.warnings.length} warnings (dry run: nothing written)`,
      );
    return preview.errors.length ? 2 : 0;
  }

  const engine = values['no-evaluate'] ? undefined : createEngine({ law, calendar: loadCalendar() });
  return withStore({}, async (db) => {
    const org = await resolveOrg(db, values.org);
    const actor = systemActor(org.orgId, 'cli');
    let mapping = values.mapping ? readMappingFile(values.mapping) : undefined;
    if (values['mapping-name']) {
      const saved = await getImportMapping(db, actor, values['mapping-name']);
      try {
        mapping = parseMapping(saved.mapping);
      } catch (e) {
        throw new InputError(`saved mapping "${saved.name}": ${(e as Error).message}`);
      }
    }
    const preview = await run(mapping);
    if (values['write-mapping']) writeMapping(values['write-mapping'], preview.mapping);
    if (values['save-mapping']) await saveImportMapping(db, actor, values['save-mapping'], preview.mapping);
    const plan = await planImport(db, actor, preview);
    const tty = format === 'text' && process.stderr.isTTY === true;
    const result = await commitImport(db, actor, plan, {
      today,
      ...(engine ? { evaluate: { engine, asOf: today } } : {}),
      onProgress: (p) => {
        if (tty) process.stderr.write(`\rimport: ${p.done}/${p.total} cases\u001b[K`);
      },
    });
    if (tty) process.stderr.write('\n');
    const summary = {
      organization: org.name,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      skipped: result.skipped,
      failed: result.failed,
    };
    report(
      { rows: preview.rows, cases: preview.cases, valid: preview.valid, errors: plan.errors, warnings: plan.warnings },
      summary,
    );
    if (format === 'text') {
      for (const f of result.failed) io.err(`  failed  rows ${f.rows.join(', ')}: ${f.message}`);
      io.out(
        `${file} → ${org.name}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.skipped} skipped (errors), ${result.failed.length} failed`,
      );
    }
    return plan.errors.length || result.failed.length ? 2 : 0;
  });
}

function writeMapping(file: string, mapping: ImportMapping): void {
  try {
    writeFileSync(file, JSON.stringify(mapping, null, 2) + '\n');
  } catch (e) {
    throw new InputError(`cannot write ${file}: ${(e as Error).message}`);
  }
}
