// Mails that carry a one-time link: an invitation (in Russian and English, and Chinese for a specialist —
// the invitee's language is not known yet) and a password reset. Both go through the outbox like every
// mail; their bodies are blanked there once delivered (store/outbox.ts).
import { t, type Lang } from '../i18n/index.ts';
import { dateWords } from '../i18n/render.ts';
import { inSystem, inTenant, type Db } from '../store/db.ts';
import { queueMail } from '../store/outbox.ts';

const text = (parts: string[]) => parts.join('\n');

/** Queues the invitation's mail to the invitee. `url` is the absolute invitation link. */
export async function mailInvitation(
  db: Db,
  inv: { orgId: string; email: string; role: string; expiresAt: string; caseId: string | null },
  url: string,
): Promise<string> {
  return inTenant(db, inv.orgId, async (tx) => {
    const org = (await tx.query<{ name: string }>('SELECT name FROM organizations WHERE org_id = $1', [inv.orgId]))[0];
    const langs: Lang[] = inv.role === 'specialist' ? ['ru', 'en', 'zh'] : ['ru', 'en'];
    const day = inv.expiresAt.slice(0, 10);
    const body = langs.map((l) =>
      text([t(l, 'mail.invitation.body', { org: org?.name ?? '', expires: dateWords(day, l) }), url]),
    );
    return queueMail(tx, {
      orgId: inv.orgId,
      to: inv.email,
      kind: 'invitation',
      caseId: inv.caseId,
      subject: langs.map((l) => t(l, 'mail.invitation.subject', { org: org?.name ?? '' })).join(' / '),
      text: body.join('\n\n---\n\n'),
    });
  });
}

/** Queues a password-reset mail (no organization: an account may belong to several). */
export async function mailPasswordReset(
  db: Db,
  input: { userId: string; email: string; url: string; minutes: number },
): Promise<string> {
  const langs: Lang[] = ['ru', 'en'];
  return inSystem(db, (tx) =>
    queueMail(tx, {
      orgId: null,
      userId: input.userId,
      to: input.email,
      kind: 'password-reset',
      subject: langs.map((l) => t(l, 'mail.reset.subject')).join(' / '),
      text: langs
        .map((l) =>
          text([
            t(l, 'mail.reset.body', { email: input.email, minutes: input.minutes }),
            input.url,
            '',
            t(l, 'mail.reset.ignore'),
          ]),
        )
        .join('\n\n---\n\n'),
    }),
  );
}
