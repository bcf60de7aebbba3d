import type { Io } from '../io.ts';
import { parse, formatOf, UsageError } from '../args.ts';
import { json } from '../context.ts';
import { renderObligationsIcs, renderObligationsText, obligationUid, caseKey } from '../../documents/index.ts';
import { t } from '../i18n.ts';
import { LANGS } from '../../core/lang.ts';
import { docLangOf, evaluateCaseFile, writeOutput } from '../shared.ts';

const HELP = `usage: hqs obligations FILE [--ics OUT.ics] [--as-of DATE] [--lang en|ru|zh] [--format text|json]

Every dated legal duty of the case as the evaluation finds it on DATE (default: the case's asOf, else
today in Moscow): due date, window, status, how the date is set, and the legal basis.
--ics writes them as an iCalendar file (RFC 5545): one all-day event per obligation on its due date,
with a reminder 7 days before the open ones. Event UIDs come from the case id and the obligation, so
importing a newer file updates the events instead of adding copies.`;

export async function obligationsCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { 'as-of': { type: 'string' }, ics: { type: 'string' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  const format = formatOf(values.format);
  const lang = docLangOf(values.lang, LANGS);
  const { case: c, evaluation, ctx } = evaluateCaseFile(positionals[0] as string, values['as-of'], lang);
  if (values.ics !== undefined) {
    writeOutput(values.ics, renderObligationsIcs(evaluation, ctx, { now: new Date() }));
    io.out(t(lang, 'doc.wrote', { file: values.ics }));
    return 0;
  }
  if (format === 'json') {
    const key = caseKey(c);
    io.out(
      json({
        caseId: evaluation.caseId,
        asOf: evaluation.asOf,
        obligations: evaluation.obligations.map((o) => ({ ...o, uid: obligationUid(key, o.id) })),
      }),
    );
  } else {
    io.out(renderObligationsText(evaluation, ctx));
  }
  return 0;
}
