// Making the day's reminders: plan who is told what (store/reminders.ts), record each once per member per
// day with its mail in the outbox, and report. With mail off nothing is recorded (so turning SMTP on later
// that day still sends); a dry run records nothing and says what would be sent.
import type { Db } from '../store/db.ts';
import { planReminders, recordReminder, reminderRecorded, type PlannedReminder } from '../store/reminders.ts';
import { composeReminder } from './compose.ts';

export interface ReminderOutcome {
  orgId: string;
  userId: string;
  email: string;
  kind: PlannedReminder['kind'];
  lang: string;
  items: number;
  /** queued: recorded and in the outbox; already-sent: this member's reminder of the day exists; would-send: a dry run; mail-off: SMTP is not configured. */
  status: 'queued' | 'already-sent' | 'would-send' | 'mail-off';
  mailId: string | null;
}

export interface RunRemindersOptions {
  /** The public address links are made on (PUBLIC_URL). */
  base: string;
  mailOn: boolean;
  dryRun?: boolean;
  orgIds?: readonly string[];
}

export async function runReminders(db: Db, day: string, opts: RunRemindersOptions): Promise<ReminderOutcome[]> {
  const planned = await planReminders(db, day, opts.orgIds ? { orgIds: opts.orgIds } : {});
  const out: ReminderOutcome[] = [];
  for (const r of planned) {
    const base = {
      orgId: r.orgId,
      userId: r.userId,
      email: r.email,
      kind: r.kind,
      lang: r.lang,
      items: r.items.length,
    };
    if (opts.dryRun || !opts.mailOn) {
      const done = await reminderRecorded(db, r.orgId, r.userId, day);
      out.push({ ...base, status: done ? 'already-sent' : opts.dryRun ? 'would-send' : 'mail-off', mailId: null });
      continue;
    }
    const rec = await recordReminder(db, r, day, (token) => {
      const m = composeReminder(r, day, opts.base, token);
      return { subject: m.subject, text: m.text, html: m.html, headers: m.headers, caseId: r.caseId };
    });
    out.push({ ...base, status: rec.recorded ? 'queued' : 'already-sent', mailId: rec.mailId });
  }
  return out;
}
