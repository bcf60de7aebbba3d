import { writeFileSync } from 'node:fs';
import type { Io } from '../main.ts';
import { parse, formatOf, UsageError, InputError } from '../args.ts';
import { loadLaw, loadCalendar, dateArg, json } from '../context.ts';
import { readCase } from './validate.ts';
import { createEngine, type RenderedEvaluation } from '../../engine/index.ts';
import { peopleOf, renderEvaluation } from '../../i18n/index.ts';
import { formatCaseErrors, type Case } from '../../case/index.ts';
import {
  checklistJson,
  renderChecklistPdf,
  renderChecklistText,
  type DocContext,
  type DocLang,
} from '../../documents/index.ts';
import { t } from '../i18n.ts';

const HELP = `usage: hqs checklist FILE [--pdf OUT.pdf] [--as-of DATE] [--lang en|ru|zh] [--format text|json]

The documents each person in the case needs for each procedure of the plan, as the evaluation finds
them on DATE (default: the case's asOf, else today in Moscow): in the order of the authority's index,
with the file name for each scan, the form and number of copies, legalization (apostille, consular
legalization or none by treaty), translation, validity and status, and the legal basis.
--pdf writes a printable checklist (A4, one section per person, legal basis in footnotes); without it
the checklist is printed as text or, with --format json, as JSON. --lang zh words the checklist in
Chinese where the law data has Chinese titles (English otherwise).`;

/** --lang for documents: en, ru, or zh where the command offers Chinese. */
export function docLangOf(v: unknown, allowed: readonly DocLang[]): DocLang {
  if (v === undefined) return 'en';
  if (allowed.includes(v as DocLang)) return v as DocLang;
  throw new UsageError(`--lang: expected ${allowed.join(' or ')}, got "${String(v)}"`);
}

/** Reads and evaluates a case file for a document command: the case, its evaluation and the law tables. */
export function evaluateCaseFile(
  file: string,
  asOfValue: unknown,
  lang: DocLang,
): { case: Case; evaluation: RenderedEvaluation; ctx: DocContext } {
  const result = readCase(file);
  if (!result.ok)
    throw new InputError(
      `${file}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}\n${formatCaseErrors(result.errors)}`,
    );
  const c = result.case;
  const asOf = dateArg(asOfValue ?? c.asOf, '--as-of');
  const law = loadLaw();
  const engine = createEngine({ law, calendar: loadCalendar() });
  let evaluation: RenderedEvaluation;
  try {
    evaluation = renderEvaluation(engine.evaluate(c, asOf, { documents: true }), { lang, law, people: peopleOf(c) });
  } catch (e) {
    if (e instanceof Error && e.name === 'CalendarRangeError') throw new InputError(e.message);
    throw e;
  }
  return { case: c, evaluation, ctx: { case: c, law, lang } };
}

/** Writes a rendered file, naming it in the error when it cannot. */
export function writeOutput(path: string, data: string | Buffer): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot write ${path}: ${code === 'ENOENT' ? 'no such directory' : (e as Error).message}`);
  }
}

export async function checklistCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { 'as-of': { type: 'string' }, pdf: { type: 'string' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  const format = formatOf(values.format);
  const lang = docLangOf(values.lang, ['en', 'ru', 'zh']);
  const { evaluation, ctx } = evaluateCaseFile(positionals[0] as string, values['as-of'], lang);
  if (values.pdf !== undefined) {
    writeOutput(values.pdf, await renderChecklistPdf(evaluation, ctx));
    io.out(t(lang, 'doc.wrote', { file: values.pdf }));
    return 0;
  }
  io.out(format === 'json' ? json(checklistJson(evaluation, ctx)) : renderChecklistText(evaluation, ctx));
  return 0;
}
