// The server's problems in the reader's language. The server answers with stable codes (docs/api.md
// "Problem codes": `inn.format`, `required`, `case.version-conflict`…) and an English `message` for API
// users; the web words each code from locales/<lang>.json (`web.problem.code.*`), naming the field, and
// never shows the English message, a path, a regular expression or an id. A code it does not know gets a
// generic sentence naming the field.
import { ApiError, type FieldProblem } from './api.ts';
import type { T } from './i18n.ts';

/** The field a path names (`people[0].birthDate` → birthDate), as a word key under `web.problem.field.`. */
export function fieldKey(path: string): string | undefined {
  const names = path.match(/[A-Za-z][A-Za-z0-9-]*/g);
  return names?.[names.length - 1];
}

/** The field's name in the reader's language, if the locales have it. */
export function fieldName(t: T, path: string): string | undefined {
  const key = fieldKey(path);
  return key && t.has(`problem.field.${key}`) ? t(`problem.field.${key}`) : undefined;
}

/** Parameter values as the reader writes them (dates in words, numbers grouped). */
function wordParams(t: T, params: Record<string, string | number> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v === 'number') out[k] = t.number(v);
    else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) out[k] = t.date(v);
    else out[k] = v;
  }
  return out;
}

/** One field's problem in words: by its code, else a generic sentence naming the field. */
export function problemText(t: T, p: Pick<FieldProblem, 'path' | 'code' | 'params'>): string {
  const field = fieldName(t, p.path) ?? t('problem.thisField');
  const key = `problem.code.${p.code ?? 'invalid'}`;
  const text = t.has(key) ? t(key, { ...wordParams(t, p.params), field }) : t('problem.unknown', { field });
  // A date that ends in «г.» before the sentence's own period: one period.
  return text.replace(/\.\.(?=\s|$)/g, '.');
}

/**
 * The problem as a whole in words: by its code when the fields say nothing more (a version conflict, an
 * INN taken), else by its status ("check the marked fields").
 */
export function problemDetail(t: T, e: Pick<ApiError, 'status' | 'code' | 'errors'>): string {
  if (e.code && t.has(`problem.code.${e.code}`) && e.errors.every((p) => p.code === e.code))
    return problemText(t, e.errors[0] ?? { path: '', code: e.code });
  const byStatus = `problem.status.${e.status}`;
  return t.has(byStatus) ? t(byStatus) : t('problem.status.other');
}

const WORDED = new WeakSet<ApiError>();

/**
 * The error as the pages show it: its detail and each field's message in the reader's language. An error
 * the web made itself (no code: its detail is already the reader's) keeps its detail.
 */
export function wordError(t: T, e: ApiError): ApiError {
  if (WORDED.has(e)) return e;
  const fromServer = e.code !== undefined;
  const out = new ApiError(
    e.status,
    fromServer ? problemDetail(t, e) : e.detail,
    e.errors.map((p) => ({ ...p, message: p.code ? problemText(t, p) : p.message })),
    e.currentVersion,
    e.organizations,
    e.code,
  );
  // What the code's wording names (passport.duplicate: the other case) goes along.
  if (e.params) out.params = e.params;
  WORDED.add(out);
  return out;
}
