// The outbox (/app/outbox, owners): whether mail is on (SMTP_URL, MAIL_FROM) and its links absolute
// (PUBLIC_URL), and every mail of the organization, newest first — to whom, what, when, and how its
// delivery went (sent with the server's answer, waiting for a retry, or failed with the reason).
import { useState } from 'react';
import { api } from '../../api.ts';
import { isOwner, useApp } from '../session.tsx';
import { Load, PageTitle, useData } from '../ui.tsx';

const LIMIT = 50;
type Status = 'queued' | 'sent' | 'failed';

/** The notice where mail matters (outbox, invitations): mail off, or links that only work on this computer. */
export function MailNotice({ where }: { where: 'outbox' | 'invitations' }) {
  const { t } = useApp();
  const state = useData((signal) => api.getMailStatus({}, { signal }), []);
  const s = state.data;
  if (!s) return null;
  if (!s.enabled)
    return (
      <p className="notice warn" role="status">
        {t(where === 'outbox' ? 'mail.off' : 'mail.offInvitations')}
      </p>
    );
  if (!s.publicUrl)
    return (
      <p className="notice warn" role="status">
        {t('mail.noPublicUrl')}
      </p>
    );
  return where === 'invitations' ? (
    <p className="notice" role="status">
      {t('mail.onInvitations')}
    </p>
  ) : null;
}

export function Outbox() {
  const { t, session } = useApp();
  if (!isOwner(session))
    return (
      <main id="main">
        <PageTitle>{t('mail.title')}</PageTitle>
        <p className="notice warn">{t('mail.ownersOnly')}</p>
      </main>
    );
  return <OutboxList />;
}

function OutboxList() {
  const { t } = useApp();
  const [status, setStatus] = useState<Status | ''>('');
  const [offset, setOffset] = useState(0);
  const page = useData(
    (signal) => api.listOutbox({ query: { limit: LIMIT, offset, ...(status ? { status } : {}) } }, { signal }),
    [status, offset],
  );
  return (
    <main id="main">
      <PageTitle>{t('mail.title')}</PageTitle>
      <p>{t('mail.intro')}</p>
      <MailNotice where="outbox" />
      <div className="field">
        <label htmlFor="outbox-status">{t('mail.filter')}</label>
        <select
          id="outbox-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status | '');
            setOffset(0);
          }}
        >
          <option value="">{t('mail.status.all')}</option>
          <option value="queued">{t('mail.status.queued')}</option>
          <option value="sent">{t('mail.status.sent')}</option>
          <option value="failed">{t('mail.status.failed')}</option>
        </select>
      </div>
      <Load state={page}>
        {(p) =>
          p.items.length === 0 ? (
            <p>{t('mail.empty')}</p>
          ) : (
            <>
              <table>
                <caption>{t('mail.caption', { n: t.number(p.total) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('mail.col.created')}</th>
                    <th scope="col">{t('mail.col.to')}</th>
                    <th scope="col">{t('mail.col.kind')}</th>
                    <th scope="col">{t('mail.col.subject')}</th>
                    <th scope="col">{t('mail.col.status')}</th>
                    <th scope="col">{t('mail.col.result')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.items.map((m) => (
                    <tr key={m.mailId}>
                      <td>{t.dateTime(m.createdAt)}</td>
                      <td>{m.to}</td>
                      <td>{t(`mail.kind.${m.kind}`)}</td>
                      <td>{m.subject}</td>
                      <td>
                        {t(`mail.status.${m.status}`)}
                        <span className="hint block">{t('mail.attempts', { n: t.number(m.attempts) })}</span>
                      </td>
                      <td>
                        {m.status === 'sent' && m.sentAt && t('mail.sentAt', { at: t.dateTime(m.sentAt) })}
                        {m.status === 'queued' &&
                          m.nextAttemptAt &&
                          m.attempts > 0 &&
                          t('mail.retryAt', { at: t.dateTime(m.nextAttemptAt) })}
                        {m.lastError && <span className="hint block">{m.lastError}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <nav aria-label={t('mail.pages')} className="actions">
                {offset > 0 && (
                  <button type="button" onClick={() => setOffset(Math.max(0, offset - LIMIT))}>
                    {t('mail.newer')}
                  </button>
                )}
                {offset + LIMIT < p.total && (
                  <button type="button" onClick={() => setOffset(offset + LIMIT)}>
                    {t('mail.older')}
                  </button>
                )}
              </nav>
            </>
          )
        }
      </Load>
    </main>
  );
}
