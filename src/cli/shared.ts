// What several commands share: reading a case file, evaluating it for a document, writing a rendered file,
// the --lang of a document (opening the store is in with-store.ts). Commands import these from here, never
// from each other or from main.ts (src/cli/imports.test.ts fails on an import cycle in src/cli).
import { writeFileSync } from 'node:fs';
import { InputError, UsageError } from './args.ts';
import { dateArg, loadCalendar, loadLaw, readInput } from './context.ts';
import { createEngine, type RenderedEvaluation } from '../engine/index.ts';
import { peopleOf, renderEvaluation } from '../i18n/index.ts';
import { formatCaseErrors, parseCase, type Case } from '../case/index.ts';
import type { DocContext, DocLang } from '../documents/index.ts';
import { isOneOf } from '../core/vocabulary.ts';
import { parsePublicUrl } from '../server/proxy.ts';

/** Reads a case file (JSON or YAML; - for standard input) and checks it against the law's tables. */
export function readCase(file: string) {
  const law = loadLaw();
  const text = readInput(file);
  return parseCase(text, { fileName: file, countries: law.countries.codes, regions: law.regions.codes });
}

/** --lang for documents: en, ru, or zh where the command offers Chinese. */
export function docLangOf<L extends DocLang>(v: unknown, allowed: readonly L[]): L {
  if (v === undefined) return 'en' as L;
  if (isOneOf(allowed, v)) return v;
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

/** Where links in mails point: PUBLIC_URL, else this machine's server address. */
export function mailBase(env: NodeJS.ProcessEnv): string {
  const pub = parsePublicUrl(env.PUBLIC_URL);
  if (pub) return pub;
  const host = env.HOST?.trim() || '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT?.trim() || '8080'}`;
}
