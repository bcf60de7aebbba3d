// The words of the mails: a digest for a member (en/ru), a specialist's reminder (en/ru/zh), an
// invitation and a password reset. Every mail is plain text first (an HTML part mirrors it for digests);
// links are absolute on the public address (PUBLIC_URL). Wording comes from locales/*.json (mail.*).
import { t, type Lang } from '../i18n/index.ts';
import { dateWords } from '../i18n/render.ts';
import type { PlannedReminder, ReminderItem } from '../store/reminders.ts';

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function caseLink(base: string, caseId: string, specialist: boolean): string {
  return specialist ? `${base}/portal` : `${base}/app/cases/${caseId}`;
}

export function unsubscribeLink(base: string, token: string): string {
  return `${base}/api/v1/reminders/unsubscribe?token=${encodeURIComponent(token)}`;
}

function personName(i: ReminderItem, lang: Lang): string {
  return lang === 'ru' && i.personCyrillic ? i.personCyrillic : i.personLatin;
}

/** A reminder's mail: items grouped overdue / due today / coming up, each naming person, employer, duty, date and link. */
export function composeReminder(r: PlannedReminder, day: string, base: string, unsubscribeToken: string): ComposedMail {
  const lang = r.lang as Lang;
  const specialist = r.kind === 'specialist-reminder';
  const date = dateWords(day, lang);
  const subject = t(lang, specialist ? 'mail.specialist.subject' : 'mail.digest.subject', {
    count: r.items.length,
    date,
  });
  const groups: [string, ReminderItem[]][] = [
    ['mail.section.overdue', r.items.filter((i) => i.days < 0)],
    ['mail.section.today', r.items.filter((i) => i.days === 0)],
    ['mail.section.soon', r.items.filter((i) => i.days > 0)],
  ];
  const when = (i: ReminderItem) =>
    i.days < 0
      ? t(lang, 'mail.item.overdue', { days: -i.days })
      : i.days === 0
        ? t(lang, 'mail.item.today')
        : t(lang, 'mail.item.soon', { days: i.days });
  const duty = (i: ReminderItem) => t(lang, `obligation.kind.${i.kind}`);
  const text: string[] = [
    t(lang, specialist ? 'mail.specialist.greeting' : 'mail.digest.greeting', { date, org: r.orgName }),
    '',
  ];
  const html: string[] = [`<p>${esc(text[0]!)}</p>`];
  for (const [key, items] of groups) {
    if (items.length === 0) continue;
    text.push(`${t(lang, key)}:`);
    html.push(`<h3>${esc(t(lang, key))}</h3><ul>`);
    for (const i of items) {
      const link = caseLink(base, i.caseId, specialist);
      const line = `${personName(i, lang)} (${i.employer}): ${duty(i)}, ${dateWords(i.due, lang)} (${when(i)})`;
      text.push(`- ${line}`, `  ${t(lang, 'mail.item.case', { url: link })}`);
      html.push(`<li>${esc(line)} <a href="${esc(link)}">${esc(link)}</a></li>`);
    }
    text.push('');
    html.push('</ul>');
  }
  const unsubscribe = unsubscribeLink(base, unsubscribeToken);
  const footer = specialist
    ? t(lang, 'mail.specialist.footer', { org: r.orgName, portal: `${base}/portal` })
    : t(lang, 'mail.digest.footer', { org: r.orgName, account: `${base}/app/account` });
  text.push('--', footer, t(lang, 'mail.unsubscribe', { url: unsubscribe }));
  html.push(`<hr><p>${esc(footer)}</p><p>${esc(t(lang, 'mail.unsubscribe', { url: unsubscribe }))}</p>`);
  return {
    subject,
    text: text.join('\n'),
    html: `<!doctype html><html lang="${lang}"><body>${html.join('\n')}</body></html>`,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
