import type { Io } from '../io.ts';
import { parse, formatOf, UsageError } from '../args.ts';
import { json } from '../context.ts';
import { docLangOf, evaluateCaseFile, writeOutput } from '../shared.ts';
import { checklistJson, renderChecklistPdf, renderChecklistText } from '../../documents/index.ts';
import { LANGS } from '../../core/lang.ts';
import { t } from '../i18n.ts';

const HELP = `usage: hqs checklist FILE [--pdf OUT.pdf] [--as-of DATE] [--lang en|ru|zh] [--format text|json]

The documents each person in the case needs for each procedure of the plan, as the evaluation finds
them on DATE (default: the case's asOf, else today in Moscow): in the order of the authority's index,
with the file name for each scan, the form and number of copies, legalization (apostille, consular
legalization or none by treaty), translation, validity and status, and the legal basis.
--pdf writes a printable checklist (A4, one section per person, legal basis in footnotes); without it
the checklist is printed as text or, with --format json, as JSON. --lang zh words the checklist in
Chinese where the law data has Chinese titles (English otherwise).`;

export async function checklistCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { 'as-of': { type: 'string' }, pdf: { type: 'string' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  const format = formatOf(values.format);
  const lang = docLangOf(values.lang, LANGS);
  const { evaluation, ctx } = evaluateCaseFile(positionals[0] as string, values['as-of'], lang);
  if (values.pdf !== undefined) {
    writeOutput(values.pdf, await renderChecklistPdf(evaluation, ctx));
    io.out(t(lang, 'doc.wrote', { file: values.pdf }));
    return 0;
  }
  io.out(format === 'json' ? json(checklistJson(evaluation, ctx)) : renderChecklistText(evaluation, ctx));
  return 0;
}
