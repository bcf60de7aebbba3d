import type { Io } from '../io.ts';
import { parse, UsageError } from '../args.ts';
import {
  composeLetter,
  LETTER_KINDS,
  renderLetterDocx,
  renderLetterPdf,
  renderLetterText,
  type LetterKind,
} from '../../documents/index.ts';
import { LETTER_LANGS } from '../../core/lang.ts';
import { t } from '../i18n.ts';
import { docLangOf, evaluateCaseFile, writeOutput } from '../shared.ts';

const HELP = `usage: hqs letter FILE --kind employer-support|cover [--docx OUT.docx] [--pdf OUT.pdf] [--lang en|ru]
                  [--as-of DATE]

Drafts a letter filled from the case and its evaluation on DATE (default: the case's asOf, else today
in Moscow):
  employer-support  the employer's support letter: company, specialist, passport, position, salary and
                    the threshold it meets, place of work, contract period, the HQS basis (115-FZ
                    art. 13.2), family members accompanying, the request;
  cover             the applicant's cover letter: identity, purpose, employer and position, permits and
                    dates, family, clarifying notes, the documents enclosed.
It goes to a consulate while the principal's visa is still ahead, else to the Interior Ministry.
--docx writes an editable Word file, --pdf a PDF (both may be given); with neither the letter is
printed as text. Read it before signing: the evaluation's warnings are printed on standard error.`;

export async function letterCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    'as-of': { type: 'string' },
    kind: { type: 'string' },
    docx: { type: 'string' },
    pdf: { type: 'string' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  if (values.format !== undefined) throw new UsageError('--format does not apply to letters: use --docx or --pdf');
  const kind = values.kind;
  if (kind === undefined) throw new UsageError(`--kind is required: ${LETTER_KINDS.join(' or ')}\n\n${HELP}`);
  if (!(LETTER_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`--kind: expected ${LETTER_KINDS.join(' or ')}, got "${kind}"`);
  const lang = docLangOf(values.lang, LETTER_LANGS);
  const { evaluation, ctx } = evaluateCaseFile(positionals[0] as string, values['as-of'], lang);
  const status = evaluation.eligibility.status;
  if (status !== 'eligible') {
    const reasons = evaluation.eligibility.reasons.filter((r) => r.severity !== 'info').map((r) => `  ${r.message}`);
    io.err(
      `hqs letter: warning: the evaluation's eligibility status is "${status}", not "eligible"; the letter states only what the case supports — check it before signing\n${reasons.join('\n')}`,
    );
  }
  const letter = composeLetter(kind as LetterKind, evaluation, { ...ctx, lang });
  const title = letter.subject;
  if (values.docx === undefined && values.pdf === undefined) {
    io.out(renderLetterText(letter));
    return 0;
  }
  if (values.docx !== undefined) {
    writeOutput(values.docx, await renderLetterDocx(letter, { title }));
    io.out(t(lang, 'doc.wrote', { file: values.docx }));
  }
  if (values.pdf !== undefined) {
    writeOutput(values.pdf, await renderLetterPdf(letter, { title }));
    io.out(t(lang, 'doc.wrote', { file: values.pdf }));
  }
  return 0;
}
