// The outbox: every mail HQS Desk makes is a row here first (to, kind, case, subject, the text and HTML
// parts, extra headers), in the same transaction as what it tells of, and a sender delivers the rows that
// are due. A sender claims a few rows at a time (FOR UPDATE SKIP LOCKED, and a claim that lapses if the
// process dies), so two server processes never send the same mail and a crash leaves nothing stuck. A
// failed attempt is retried with a growing delay; after the last one the mail is `failed`, with the
// server's answer, for the owner to see. Mails carrying a one-time link have their bodies blanked once
// delivered or given up on.
import { randomUUID } from 'node:crypto';
import { requireOwner, type Actor } from './actor.ts';
import { inSystem, inTenant, jsonb, type Db, type Queryable } from './db.ts';
import { Invalid } from './errors.ts';

export const MAIL_KINDS = ['digest', 'specialist-reminder', 'invitation', 'password-reset'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export type MailStatus = 'queued' | 'sent' | 'failed';

/** Kinds whose body holds a one-time secret link: blanked after delivery, never shown in the outbox. */
const SECRET_KINDS: ReadonlySet<MailKind> = new Set(['invitation', 'password-reset']);

export interface NewMail {
  orgId: string | null;
  userId?: string | null;
  to: string;
  kind: MailKind;
  caseId?: string | null;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
}

/** Records a mail to send, in the caller's transaction. Returns its id. */
export async function queueMail(tx: Queryable, m: NewMail): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO outbox (mail_id, org_id, user_id, to_address, kind, case_id, subject, body_text, body_html, headers)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)`,
    [
      id,
      m.orgId,
      m.userId ?? null,
      m.to,
      m.kind,
      m.caseId ?? null,
      m.subject,
      m.text,
      m.html ?? null,
      jsonb(m.headers ?? {}),
    ],
  );
  return id;
}

export interface OutboxEntry {
  mailId: string;
  to: string;
  kind: MailKind;
  caseId: string | null;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  result: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

interface OutboxRow {
  mail_id: string;
  to_address: string;
  kind: MailKind;
  case_id: string | null;
  subject: string;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  result: string | null;
  created_at: string;
  last_attempt_at: string | null;
  sent_at: string | null;
  next_attempt_at: string;
}

const toEntry = (r: OutboxRow): OutboxEntry => ({
  mailId: r.mail_id,
  to: r.to_address,
  kind: r.kind,
  caseId: r.case_id,
  subject: r.subject,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  result: r.result,
  createdAt: r.created_at,
  lastAttemptAt: r.last_attempt_at,
  sentAt: r.sent_at,
  nextAttemptAt: r.status === 'queued' ? r.next_attempt_at : null,
});

const ENTRY_COLUMNS =
  'mail_id, to_address, kind, case_id, subject, status, attempts, last_error, result, created_at, last_attempt_at, sent_at, next_attempt_at';

/** Owner: the organization's mails, newest first. */
export async function listOutbox(
  db: Db,
  actor: Actor,
  q: { status?: MailStatus; limit?: number; offset?: number } = {},
): Promise<{ items: OutboxEntry[]; total: number; limit: number; offset: number }> {
  requireOwner(actor, 'reading the outbox');
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 500);
  const offset = Math.max(q.offset ?? 0, 0);
  if (q.status !== undefined && !['queued', 'sent', 'failed'].includes(q.status))
    throw Invalid.one('status', 'expected queued, sent or failed');
  return inTenant(
    db,
    actor,
    async (tx) => {
      const where = q.status ? 'WHERE status = $3' : '';
      const params: unknown[] = [limit, offset, ...(q.status ? [q.status] : [])];
      const rows = await tx.query<OutboxRow>(
        `SELECT ${ENTRY_COLUMNS} FROM outbox ${where} ORDER BY created_at DESC, mail_id LIMIT $1 OFFSET $2`,
        params,
      );
      const total = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox ${q.status ? 'WHERE status = $1' : ''}`,
        q.status ? [q.status] : [],
      );
      return { items: rows.map(toEntry), total: total[0]!.n, limit, offset };
    },
    { readOnly: true },
  );
}

export interface DeliveryPolicy {
  /** Attempts before a mail is given up on (default 5). */
  maxAttempts: number;
  /** The delay after the first failure; each further one is 5 times longer (default 60 s: 1, 5, 25, 125 min). */
  retryBaseSeconds: number;
  /** How long a sender holds a claimed mail before another may take it (default 5 min). */
  claimSeconds: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { maxAttempts: 5, retryBaseSeconds: 60, claimSeconds: 300 };

export function retryDelaySeconds(attempt: number, policy: DeliveryPolicy = DEFAULT_DELIVERY): number {
  return policy.retryBaseSeconds * 5 ** Math.max(0, attempt - 1);
}

export interface ClaimedMail {
  mailId: string;
  orgId: string | null;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  attempts: number;
}

/** System: claims up to `limit` mails that are due (none another sender holds, none of `skip`). */
export async function claimDueMail(
  db: Db,
  limit = 10,
  policy: DeliveryPolicy = DEFAULT_DELIVERY,
  skip: readonly string[] = [],
): Promise<ClaimedMail[]> {
  const rows = await inSystem(db, (tx) =>
    tx.query<{
      mail_id: string;
      org_id: string | null;
      kind: MailKind;
      to_address: string;
      subject: string;
      body_text: string;
      body_html: string | null;
      headers: Record<string, string>;
      attempts: number;
    }>(
      `UPDATE outbox SET claimed_until = now() + make_interval(secs => $2)
       WHERE mail_id IN (
         SELECT mail_id FROM outbox
         WHERE status = 'queued' AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
           AND NOT (mail_id = ANY ($3::uuid[]))
         ORDER BY next_attempt_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING mail_id, org_id, kind, to_address, subject, body_text, body_html, headers, attempts`,
      [limit, policy.claimSeconds, [...skip]],
    ),
  );
  return rows.map((r) => ({
    mailId: r.mail_id,
    orgId: r.org_id,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    text: r.body_text,
    html: r.body_html,
    headers: r.headers ?? {},
    attempts: r.attempts,
  }));
}

/** System: the claimed mail was accepted by the server. */
export async function markMailSent(
  db: Db,
  m: ClaimedMail,
  result: { messageId: string; response: string },
): Promise<void> {
  await inSystem(db, (tx) =>
    tx.query(
      `UPDATE outbox SET status = 'sent', attempts = attempts + 1, last_attempt_at = now(), sent_at = now(),
         claimed_until = NULL, result = $2, message_id = $3, last_error = NULL,
         body_text = CASE WHEN $4 THEN '' ELSE body_text END, body_html = CASE WHEN $4 THEN NULL ELSE body_html END
       WHERE mail_id = $1`,
      [m.mailId, result.response.slice(0, 500), result.messageId.slice(0, 300), SECRET_KINDS.has(m.kind)],
    ),
  );
}

/** System: the attempt failed; the mail is tried again after a delay, or given up on. Returns its status. */
export async function markMailFailed(
  db: Db,
  m: ClaimedMail,
  error: string,
  policy: DeliveryPolicy = DEFAULT_DELIVERY,
): Promise<MailStatus> {
  const attempts = m.attempts + 1;
  const final = attempts >= policy.maxAttempts;
  await inSystem(db, (tx) =>
    tx.query(
      `UPDATE outbox SET attempts = $2, last_attempt_at = now(), claimed_until = NULL, last_error = $3,
         status = CASE WHEN $4 THEN 'failed' ELSE 'queued' END,
         next_attempt_at = now() + make_interval(secs => $5),
         body_text = CASE WHEN $4 AND $6 THEN '' ELSE body_text END,
         body_html = CASE WHEN $4 AND $6 THEN NULL ELSE body_html END
       WHERE mail_id = $1`,
      [m.mailId, attempts, error.slice(0, 1000), final, retryDelaySeconds(attempts, policy), SECRET_KINDS.has(m.kind)],
    ),
  );
  return final ? 'failed' : 'queued';
}

/** System: how many mails wait (queued) and how many failed, over all organizations. */
export async function outboxCounts(db: Db): Promise<Record<MailStatus, number>> {
  const rows = await inSystem(
    db,
    (tx) =>
      tx.query<{ status: MailStatus; n: number }>('SELECT status, count(*)::int AS n FROM outbox GROUP BY status'),
    { readOnly: true },
  );
  const out: Record<MailStatus, number> = { queued: 0, sent: 0, failed: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}
