import type { Io } from '../io.ts';
import { parse, formatOf, langOf, UsageError } from '../args.ts';
import { json } from '../context.ts';
import { t } from '../i18n.ts';
import type { CliLang } from '../../core/lang.ts';
import { readCase } from '../shared.ts';
import type { CaseError } from '../../case/index.ts';

const HELP = `usage: hqs validate FILE [--format text|json] [--lang en|ru|zh]

Reads a case file (hqs-case/1, JSON or YAML; - for standard input) and prints "valid", or every
problem with the path of the field it concerns (in Russian or Chinese with --lang ru|zh; JSON gives each problem's
stable code). Exit 0 when valid, 2 when not.`;

/** One problem in the reader's language: the path as the file names it, then the words of its code. */
function problemLine(lang: CliLang, e: CaseError): string {
  if (lang === 'en') return `${e.path}: ${e.message}`;
  let words: string;
  try {
    words = t(lang, `web.problem.code.${e.code}`, { ...(e.params ?? {}), field: e.path });
  } catch {
    words = t(lang, 'web.problem.unknown', { field: e.path });
  }
  return words.startsWith(e.path) ? words : `${e.path}: ${words}`;
}

export function validateCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, {});
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const format = formatOf(values.format);
  const lang = langOf(values.lang);
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  const file = positionals[0] as string;
  const result = readCase(file);
  if (result.ok) {
    io.out(format === 'json' ? json({ valid: true, file }) : 'valid');
    return 0;
  }
  if (format === 'json') io.out(json({ valid: false, file, errors: result.errors }));
  else
    io.err(
      `${file}: ${
        lang === 'ru'
          ? `проблем: ${result.errors.length}`
          : lang === 'zh'
            ? `问题：${result.errors.length}`
            : `${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}`
      }\n${result.errors.map((e) => `  ${problemLine(lang, e)}`).join('\n')}`,
    );
  return 2;
}

export type { CaseError };
