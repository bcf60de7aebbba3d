import type { Io } from '../io.ts';
import { parse, formatOf, UsageError, InputError } from '../args.ts';
import { dateArg, json } from '../context.ts';
import { withStore } from '../with-store.ts';
import { runReminders } from '../../mail/reminders.ts';
import { deliverDueMail } from '../../mail/deliver.ts';
import { createMailTransport, mailConfigFromEnv, type MailConfig } from '../../mail/transport.ts';
import { mailBase } from '../shared.ts';

const HELP = `usage: hqs remind [--as-of DATE] [--dry-run] [--format text|json]

Makes the day's reminders now, as the server does every morning: a digest for each member (the duties of
their cases overdue, due today or due in one of their lead times) and each specialist's own reminders,
from the obligations the last sweep stored (run hqs sweep first for fresh ones). Each member gets one
per day: a second run the same day sends nothing. Without --dry-run the mails go out through SMTP_URL
(from MAIL_FROM; links on PUBLIC_URL); what cannot be delivered now stays in the outbox and the server
retries it. --dry-run only says what would be sent.`;

export async function remindCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { 'as-of': { type: 'string' }, 'dry-run': { type: 'boolean' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`remind takes no arguments\n\n${HELP}`);
  const format = formatOf(values.format);
  const day = dateArg(values['as-of'], '--as-of');
  const dryRun = values['dry-run'] === true;
  let mail: MailConfig | undefined;
  let base: string;
  try {
    mail = mailConfigFromEnv(process.env);
    base = mailBase(process.env);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  return withStore({}, async (db) => {
    const outcomes = await runReminders(db, day, { base, mailOn: mail !== undefined, dryRun });
    let delivery = { sent: 0, retrying: 0, failed: 0 };
    if (!dryRun && mail) {
      const transport = createMailTransport(mail);
      try {
        delivery = await deliverDueMail(db, transport, undefined, (m) => io.err(m));
      } finally {
        transport.close();
      }
    }
    if (format === 'json') {
      io.out(json({ day, dryRun, mail: mail !== undefined, reminders: outcomes, delivery }));
      return 0;
    }
    if (!mail && !dryRun)
      io.err('SMTP_URL is not set: nothing is mailed (set SMTP_URL and MAIL_FROM, or use --dry-run)');
    if (outcomes.length === 0) io.out(`nothing to remind anyone of on ${day}`);
    for (const o of outcomes) {
      const what = {
        queued: 'sent',
        'already-sent': 'already sent today',
        'would-send': 'would be sent',
        'mail-off': 'not sent (mail is off)',
      }[o.status];
      io.out(`${o.email}  ${o.kind}  ${o.items} item${o.items === 1 ? '' : 's'}  ${o.lang}  ${what}`);
    }
    if (!dryRun && mail)
      io.out(
        `delivery: ${delivery.sent} delivered${delivery.retrying ? `, ${delivery.retrying} waiting to be retried` : ''}${delivery.failed ? `, ${delivery.failed} failed` : ''}`,
      );
    return 0;
  });
}
