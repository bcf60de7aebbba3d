// The calendar feed as iCalendar (RFC 5545), with the same building blocks as a case's .ics export
// (src/documents/ics.ts): one all-day VEVENT per deadline, UIDs derived from the stored case id and the
// obligation id — so a subscribed calendar updates an event when a deadline moves instead of adding one —
// and SEQUENCE from the time the feed is read, so the newer version wins.
import { t, type Lang } from '../i18n/index.ts';
import { escapeText, foldLine, obligationUid, sequenceAt } from '../documents/ics.ts';
import type { FeedEvent } from '../store/calendar-feeds.ts';

const icsDate = (iso: string) => iso.replace(/-/g, '');
const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const stampOf = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

export function renderFeedIcs(
  feed: { orgName: string; events: FeedEvent[] },
  opts: { now: Date; lang: Lang; base: string },
): string {
  const stamp = stampOf(opts.now);
  const seq = sequenceAt(opts.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//HQS Desk//hqs calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`HQS Desk — ${feed.orgName}`)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
    'X-PUBLISHED-TTL:PT6H',
  ];
  for (const e of feed.events) {
    const duty = t(opts.lang, `obligation.kind.${e.kind}`);
    const summary = `${duty} — ${e.personLatin} (${e.employer})`;
    const link = `${opts.base}/app/cases/${e.caseId}`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${obligationUid(`case:${e.caseId}`, e.obligationId)}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${seq}`,
      `DTSTART;VALUE=DATE:${icsDate(e.due)}`,
      `DTEND;VALUE=DATE:${icsDate(nextDay(e.due))}`,
      `SUMMARY:${escapeText(summary)}`,
      `DESCRIPTION:${escapeText(`${summary}\n${e.windowFrom} – ${e.windowTo}\n${link}`)}`,
      `URL:${link}`,
      `STATUS:CONFIRMED`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
