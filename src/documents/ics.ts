// Obligations as an iCalendar file (RFC 5545): one all-day VEVENT per obligation on its due date, the
// window, the reason and the legal basis in DESCRIPTION. UIDs are derived from the case and the
// obligation id, so importing a newer export updates the events instead of duplicating them; SEQUENCE
// grows with the export time so the newer export wins. Lines end in CRLF and are folded at 75 octets
// without splitting a UTF-8 sequence; TEXT values escape backslash, semicolon, comma and newlines.
import { createHash } from 'node:crypto';
import type { Case } from '../case/index.ts';
import type { RenderedEvaluation as Evaluation, RenderedObligation as Obligation } from '../engine/types.ts';
import { t } from '../i18n/index.ts';
import {
  citationText,
  citeProvision,
  formatDate,
  personById,
  personName,
  principalOf,
  type DocContext,
} from './format.ts';

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const MAX_OCTETS = 75;

/**
 * Folds one content line (RFC 5545 §3.1): no line longer than 75 octets, continuation lines start with
 * a space; a break never falls inside a UTF-8 multi-octet character.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = MAX_OCTETS;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

/** YYYYMMDD for a DATE value. */
function icsDate(iso: string): string {
  return iso.replace(/-/g, '');
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** YYYYMMDDTHHMMSSZ for a UTC DATE-TIME value. */
function icsUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** The key the UIDs of one case are derived from: its id, else the employer's INN and the principal's name and birth date. */
export function caseKey(c: Case): string {
  if (c.id) return `id:${c.id}`;
  const p = principalOf(c);
  return `inn:${c.employer.inn}|${p.name.latin}|${p.birthDate}`;
}

/** A stable UID for one obligation of one case. */
export function obligationUid(key: string, obligationId: string): string {
  const hash = createHash('sha256').update(`${key}\n${obligationId}`).digest('hex').slice(0, 32);
  return `${hash}@hqs-desk`;
}

/** SEQUENCE: seconds since 2020-01-01T00:00:00Z of the export, so a later export always supersedes. */
export function sequenceAt(now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.UTC(2020, 0, 1)) / 1000));
}

const OPEN: ReadonlySet<Obligation['status']> = new Set(['upcoming', 'due']);

function summary(o: Obligation, ctx: DocContext): string {
  const p = personById(ctx.case, o.person);
  const status =
    o.status === 'done' || o.status === 'overdue' || o.status === 'not-applicable'
      ? ` [${t(ctx.lang, `ics.status.${o.status}`)}]`
      : '';
  return `${t(ctx.lang, `kind.${o.kind}`)} — ${p ? p.name.latin : o.person}${status}`;
}

function description(o: Obligation, ctx: DocContext): string {
  const { lang } = ctx;
  const p = personById(ctx.case, o.person);
  const L = [
    `${t(lang, `kind.${o.kind}`)} — ${p ? personName(p) : o.person}`,
    `${t(lang, 'ics.due')}: ${formatDate(o.due, lang)} (${t(lang, `ics.status.${o.status}`)})`,
    `${t(lang, 'ics.window')}: ${formatDate(o.window.from, lang)} – ${formatDate(o.window.to, lang)}`,
    `${t(lang, 'ics.why')}: ${o.why}`,
  ];
  if (o.doneOn)
    L.push(`${t(lang, 'ics.done-on')}: ${formatDate(o.doneOn, lang)}${o.late ? ` (${t(lang, 'ics.late')})` : ''}`);
  if (o.measure) L.push(`${t(lang, 'ics.measure')}: ${o.measure.used} / ${o.measure.limit} ${t(lang, 'text.days')}`);
  if (o.confidence) L.push(`${t(lang, 'text.confidence')}: ${t(lang, `confidence.${o.confidence}`)}`);
  if (o.basis.length) {
    L.push(`${t(lang, 'ics.basis')}:`);
    for (const c of o.basis) L.push(`- ${citationText(c, ctx.law, lang)}`);
  }
  // Glossary rule 7: a Chinese text that states legal rules says that the Russian text governs.
  if (lang === 'zh') L.push('', t(lang, 'doc.governing'));
  return L.join('\n');
}

export interface IcsOptions {
  /** The export time: DTSTAMP and SEQUENCE. */
  now: Date;
}

/** Every obligation of the evaluation as a VEVENT. */
export function renderObligationsIcs(ev: Evaluation, ctx: DocContext, opts: IcsOptions): string {
  const c = ctx.case;
  const key = caseKey(c);
  const stamp = icsUtc(opts.now);
  const seq = sequenceAt(opts.now);
  const principal = principalOf(c);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//HQS Desk//hqs obligations//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(t(ctx.lang, 'ics.calendar-name', { name: principal.name.latin, id: ev.caseId ?? c.employer.name }))}`,
    ...(ctx.lang === 'zh' ? [`X-WR-CALDESC:${escapeText(t(ctx.lang, 'doc.governing'))}`] : []),
  ];
  for (const o of ev.obligations) {
    const text = summary(o, ctx);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${obligationUid(key, o.id)}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${seq}`,
      `DTSTART;VALUE=DATE:${icsDate(o.due)}`,
      `DTEND;VALUE=DATE:${icsDate(nextDay(o.due))}`,
      `SUMMARY:${escapeText(text)}`,
      `DESCRIPTION:${escapeText(description(o, ctx))}`,
      `CATEGORIES:${escapeText('HQS Desk')},${escapeText(o.kind)}`,
      `STATUS:${o.status === 'not-applicable' ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:TRANSPARENT',
    );
    if (OPEN.has(o.status)) {
      lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-P7D', `DESCRIPTION:${escapeText(text)}`, 'END:VALARM');
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** The obligations as plain text, one line each, for the terminal. */
export function renderObligationsText(ev: Evaluation, ctx: DocContext): string {
  const { lang } = ctx;
  const L = [t(lang, 'ics.text.title', { id: ev.caseId ?? '—', asOf: ev.asOf })];
  if (lang === 'zh') L.push(t(lang, 'doc.governing'));
  for (const o of ev.obligations) {
    const p = personById(ctx.case, o.person);
    const basis = o.basis.length
      ? `  [${[...new Set(o.basis.map((b) => citeProvision(b, ctx.law, lang)))].join('; ')}]`
      : '';
    L.push(
      `${o.due}  ${t(lang, `ics.status.${o.status}`).padEnd(12)} ${t(lang, `kind.${o.kind}`)} — ${p ? p.name.latin : o.person} (${o.window.from} – ${o.window.to})`,
    );
    L.push(`            ${o.why}${basis}`);
  }
  return L.join('\n');
}
