// Pure helpers of the workspace pages: date arithmetic on ISO days, plural forms, "in 3 days" / "2 days
// late", the status an obligation has today, audit time ranges and actors. No React, no wording (only
// wording keys), so each is unit-tested (format.test.ts).
import type { ObligationStatus } from './vocab.ts';

const DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date as YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(s: string | null | undefined): s is string {
  const m = s ? ISO_DAY.exec(s) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** `iso` plus `n` calendar days (n may be negative). */
export function addDays(iso: string, n: number): string {
  if (!isIsoDate(iso)) throw new Error(`addDays: expected a date as YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Calendar days from `today` to `iso` (negative when `iso` is past). */
export function daysBetween(today: string, iso: string): number {
  return Math.round(
    (Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today.slice(0, 10)}T00:00:00Z`)) / DAY,
  );
}

export type PluralForm = 'one' | 'few' | 'many' | 'other';
const rules = new Map<string, Intl.PluralRules>();

/** The plural form of a whole number in the language (English: one/other; Russian: one/few/many). */
export function pluralForm(lang: string, n: number): PluralForm {
  const l = lang === 'ru' ? 'ru' : 'en';
  let r = rules.get(l);
  if (!r) rules.set(l, (r = new Intl.PluralRules(l)));
  const f = r.select(n);
  return f === 'one' || f === 'few' || f === 'many' ? f : 'other';
}

/** A wording key for "n <unit>" in the language's plural form: `${base}.${form}` with {n}. */
export const pluralKey = (base: string, lang: string, n: number) => `${base}.${pluralForm(lang, n)}`;

/**
 * When an obligation falls due, relative to today, as a wording key and its {n}: due today, in n days,
 * n days late; for one already met, nothing relative (`doneOn` is shown instead).
 */
export function duePhrase(lang: string, today: string, due: string, status: string): { key: string; n: number } | null {
  if (status === 'done' || status === 'not-applicable') return null;
  const d = daysBetween(today, due);
  if (d === 0) return { key: 'obligations.when.today', n: 0 };
  if (d > 0) return { key: pluralKey('obligations.when.left', lang, d), n: d };
  return { key: pluralKey('obligations.when.late', lang, -d), n: -d };
}

/**
 * The status to show today. The stored status is as of the last evaluation (the daily sweep); a duty
 * still open whose due date has passed since then is overdue now — as the dashboard counts it.
 */
export function statusToday(status: string, due: string, today: string): string {
  if ((status === 'due' || status === 'upcoming') && due < today) return 'overdue';
  return status;
}

/** Whether a status is one of the obligation statuses the workspace names. */
export function knownObligationStatus(s: string): s is ObligationStatus {
  return s === 'overdue' || s === 'due' || s === 'upcoming' || s === 'done' || s === 'not-applicable';
}

/**
 * An audit time range from the dates a reader picks (Moscow days): since the start of `since`, until the
 * end of `until` (the API's `until` is exclusive, so the next day's start).
 */
export function auditRange(since: string | undefined, until: string | undefined): { since?: string; until?: string } {
  const out: { since?: string; until?: string } = {};
  if (since && isIsoDate(since)) out.since = `${since}T00:00:00+03:00`;
  if (until && isIsoDate(until)) out.until = `${addDays(until, 1)}T00:00:00+03:00`;
  return out;
}

/** Who an audit actor label names: `user:email`, `token:prefix`, or a system process (`cli`, `sweep`…). */
export function actorOf(label: string): { kind: 'user' | 'token' | 'system'; name: string } {
  const m = /^(user|token):(.*)$/.exec(label);
  if (m) return { kind: m[1] as 'user' | 'token', name: m[2]! };
  return { kind: 'system', name: label };
}

/** An audit entry's details as short "key: value" texts (nested values as compact JSON). */
export function detailPairs(details: Record<string, unknown>): { key: string; value: string }[] {
  return Object.entries(details).map(([key, v]) => ({
    key,
    value:
      typeof v === 'string'
        ? v
        : v === null || v === undefined
          ? '—'
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v),
  }));
}

/** The email of the signed-in user, from the session's label (`user:email`) when the session has no email. */
export function emailOfLabel(label: string): string | null {
  const a = actorOf(label);
  return a.kind === 'user' && a.name.includes('@') ? a.name : null;
}
