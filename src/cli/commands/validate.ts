import type { Io } from '../io.ts';
import { parse, formatOf, UsageError } from '../args.ts';
import { json } from '../context.ts';
import { readCase } from '../shared.ts';
import type { CaseError } from '../../case/index.ts';

const HELP = `usage: hqs validate FILE [--format text|json]

Reads a case file (hqs-case/1, JSON or YAML; - for standard input) and prints "valid", or every
problem with the path of the field it concerns. Exit 0 when valid, 2 when not.`;

export function validateCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, {});
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const format = formatOf(values.format);
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
      `${file}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}\n${result.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`,
    );
  return 2;
}

export type { CaseError };
