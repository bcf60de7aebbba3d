import { createWriteStream } from 'node:fs';
import type { Io } from '../io.ts';
import { parse, UsageError } from '../args.ts';
import { json, loadLaw } from '../context.ts';
import { systemActor } from '../../store/actor.ts';
import { EXPORT_KINDS, exportSheets, type ExportFilters, type ExportKind } from '../../sheets/index.ts';
import { withStore } from '../with-store.ts';
import { resolveOrg } from '../org.ts';

const HELP = `usage: hqs export cases|deadlines|findings|audit|all --out FILE [--format xlsx|csv] [--lang en|ru]
                   [--org NAME|ID] [--status S] [--employer ID] [--q TEXT] [--from DATE] [--to DATE]
                   [--severity error|warning|info]

Writes the case list, the deadlines across the portfolio, the findings or the audit log to an .xlsx file
(one sheet per kind; several kinds, or all, in one workbook) or a CSV file (one kind), with headers and
values in --lang, dates as dates and amounts as numbers. Filters: --status (cases: open|closed; deadlines:
done|upcoming|due|overdue|not-applicable, repeatable), --employer (an employer id), --q (cases: a name, id
or email), --from/--to (deadlines: due dates), --severity (findings, repeatable).
The format defaults to the file's extension. Acts as the organization's owner (--org when there are several).`;

export async function exportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: 'string' },
    org: { type: 'string' },
    status: { type: 'string', multiple: true },
    employer: { type: 'string' },
    q: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    severity: { type: 'string', multiple: true },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length < 1) throw new UsageError(`name what to export\n\n${HELP}`);
  const kinds: ExportKind[] = [];
  for (const p of positionals) {
    if (p === 'all') kinds.push(...EXPORT_KINDS.filter((k) => !kinds.includes(k)));
    else if ((EXPORT_KINDS as readonly string[]).includes(p)) {
      if (!kinds.includes(p as ExportKind)) kinds.push(p as ExportKind);
    } else throw new UsageError(`unknown kind "${p}": expected ${EXPORT_KINDS.join(', ')} or all`);
  }
  if (!values.out) throw new UsageError('--out FILE is required');
  const format = values.format ?? (values.out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError(`--format: expected xlsx or csv, got "${format}"`);
  if (format === 'csv' && kinds.length > 1)
    throw new UsageError('a CSV file holds one kind: name one, or use --format xlsx');
  const lang = values.lang ?? 'en';
  if (lang !== 'en' && lang !== 'ru') throw new UsageError(`--lang: expected en or ru, got "${lang}"`);
  const filters: ExportFilters = {};
  const caseStatus = values.status?.filter((s) => s === 'open' || s === 'closed');
  filters.cases = {
    ...(caseStatus?.length === 1 ? { status: caseStatus[0] as 'open' | 'closed' } : {}),
    ...(values.employer ? { employerId: values.employer } : {}),
    ...(values.q ? { q: values.q } : {}),
  };
  const obligationStatus = values.status?.filter((s) => s !== 'open' && s !== 'closed');
  filters.deadlines = {
    ...(obligationStatus?.length ? { status: obligationStatus as never } : {}),
    ...(values.employer ? { employerId: values.employer } : {}),
    ...(values.from ? { dueFrom: values.from } : {}),
    ...(values.to ? { dueTo: values.to } : {}),
  };
  filters.findings = {
    ...(values.severity?.length ? { severity: values.severity as never } : {}),
    ...(values.employer ? { employerId: values.employer } : {}),
  };
  const law = loadLaw();
  return withStore({}, async (db) => {
    const org = await resolveOrg(db, values.org);
    const out = createWriteStream(values.out!);
    const r = await exportSheets(db, systemActor(org.orgId, 'cli'), out, {
      kinds,
      format,
      lang,
      filters,
      countries: law.countries,
      law,
    });
    if (values.format === 'json') io.out(json({ file: values.out, ...r }));
    else
      io.out(
        `wrote ${values.out}: ${Object.entries(r.rows)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
      );
    return 0;
  });
}
