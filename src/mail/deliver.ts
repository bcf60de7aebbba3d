// Delivering the outbox: claim what is due, hand each mail to the SMTP server, record the answer. A mail
// the server refuses (or a server that cannot be reached) waits and is tried again (outbox.ts).
import type { Db } from '../store/db.ts';
import { claimDueMail, markMailFailed, markMailSent, DEFAULT_DELIVERY, type DeliveryPolicy } from '../store/outbox.ts';
import type { MailTransport } from './transport.ts';

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** Sends every mail that is due now; returns what happened. Never throws for one mail's failure. */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  policy: DeliveryPolicy = DEFAULT_DELIVERY,
  log: (msg: string) => void = () => {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  // Each mail is tried at most once per call (a retry waits for the next call, after its delay).
  const tried: string[] = [];
  for (;;) {
    const batch = await claimDueMail(db, 10, policy, tried);
    if (batch.length === 0) return report;
    for (const m of batch) {
      tried.push(m.mailId);
      try {
        const r = await transport.send({
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: m.headers,
        });
        await markMailSent(db, m, r);
        report.sent++;
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        const status = await markMailFailed(db, m, why, policy);
        if (status === 'failed') {
          report.failed++;
          log(`mail ${m.mailId} (${m.kind}) to ${m.to} failed after ${m.attempts + 1} attempts: ${why}`);
        } else report.retrying++;
      }
    }
  }
}
