// Accepting an invitation (/invite#<token>). The token stays in the address's fragment, which browsers
// never send to a server; it goes to the API only in the body of a POST. The invitation is looked up
// (organization, email, role), the person chooses a password (or gives the one of their existing account),
// and accepting signs them in: a specialist to their portal, everyone else to the workspace.
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type * as S from '../../../../src/server/schemas.ts';
import { api, ApiError } from '../../api.ts';
import { navigate } from '../../router.tsx';
import { useApp } from '../session.tsx';
import { ErrorBox, Field, Load, PageTitle, describedBy, useData } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { tokenFromHash } from './token.ts';

type Preview = z.infer<typeof S.InvitationPreview>;

export function Invite() {
  const { t } = useApp();
  const [token] = useState(() => tokenFromHash(location.hash));
  const [gone, setGone] = useState(false);
  const lookup = useData(
    (signal) => (token ? api.lookupInvitation({ body: { token } }, { signal }) : Promise.reject(new ApiError(404, ''))),
    [token],
  );

  if (gone || (lookup.error && lookup.error.status === 404)) return <Unusable missing={!token} />;
  if (lookup.error) {
    return (
      <main id="main" className="auth">
        <PageTitle>{t('invite.title')}</PageTitle>
        <ErrorBox error={lookup.error} />
        <button type="button" className="primary" onClick={lookup.reload}>
          {t('common.retry')}
        </button>
      </main>
    );
  }
  return <Load state={lookup}>{(p) => <Accept token={token} preview={p} onGone={() => setGone(true)} />}</Load>;
}

function Accept({ token, preview, onGone }: { token: string; preview: Preview; onGone: () => void }) {
  const { t, session, setSession } = useApp();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const existing = preview.existingUser;
  const accept = useAction(
    () =>
      api.acceptInvitation({
        body: { token, password, ...(!existing && name.trim() ? { name: name.trim() } : {}) },
      }),
    {
      onDone: (s) => {
        setSession(s);
        navigate(s.role === 'specialist' ? '/portal' : '/app', { replace: true });
      },
      // Gone meanwhile (used, revoked, expired): the page says so instead of the form.
      onError: (e) => {
        if (e.status === 404) onGone();
      },
    },
  );
  const error = accept.error;
  const passwordError = missing
    ? t(existing ? 'invite.passwordMissingExisting' : 'invite.passwordMissing')
    : error?.field('password');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (accept.busy) return;
    setMissing(!password);
    if (!password) {
      accept.reset();
      document.getElementById('invite-password')?.focus();
      return;
    }
    void accept.run();
  };

  return (
    <main id="main" className="auth invite">
      <PageTitle sub={t('invite.intro')}>{t('invite.join', { org: preview.orgName })}</PageTitle>
      <dl className="facts">
        <dt>{t('invite.org')}</dt>
        <dd>{preview.orgName}</dd>
        <dt>{t('invite.email')}</dt>
        <dd>{preview.email}</dd>
        <dt>{t('invite.role')}</dt>
        <dd>
          {t(`invite.role.${preview.role}`)}
          <span className="hint block">{t(`invite.roleHint.${preview.role}`)}</span>
        </dd>
        <dt>{t('invite.validUntil')}</dt>
        <dd>{t.dateTime(preview.expiresAt)}</dd>
      </dl>
      {session && (
        <p className="notice warn">
          {t('invite.signedInAs', {
            who: session.user.name || session.user.email || session.user.label,
            email: preview.email,
          })}
        </p>
      )}
      <ErrorBox error={error} fieldIds={{ password: 'invite-password', name: 'invite-name' }} />
      {error?.status === 409 && (
        <p>
          <a href="/login">{t('invite.signIn')}</a>
        </p>
      )}
      <form onSubmit={submit} noValidate>
        {existing ? (
          <p>{t('invite.existing', { email: preview.email })}</p>
        ) : (
          <Field id="invite-name" label={t('invite.name')} error={error?.field('name')}>
            <input
              id="invite-name"
              type="text"
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
        )}
        {/* The email as a username field, so a password manager saves the new password under it. */}
        <input type="email" autoComplete="username" value={preview.email} readOnly hidden />
        <Field
          id="invite-password"
          label={existing ? t('invite.passwordExisting') : t('auth.newPassword')}
          hint={existing ? undefined : t('auth.passwordHint')}
          error={passwordError}
        >
          <input
            id="invite-password"
            type="password"
            autoComplete={existing ? 'current-password' : 'new-password'}
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setMissing(false);
            }}
            aria-describedby={describedBy('invite-password', !existing, passwordError)}
            required
          />
        </Field>
        <button type="submit" className="primary" disabled={accept.busy}>
          {t('invite.accept')}
        </button>
      </form>
    </main>
  );
}

/** The link does not work (any more): say why it may be and whom to ask. */
function Unusable({ missing }: { missing: boolean }) {
  const { t } = useApp();
  return (
    <main id="main" className="auth invite">
      <PageTitle>{t('invite.unusable.title')}</PageTitle>
      <p>{missing ? t('invite.unusable.missing') : t('invite.unusable.intro')}</p>
      {!missing && (
        <ul>
          <li>{t('invite.unusable.expired')}</li>
          <li>{t('invite.unusable.used')}</li>
          <li>{t('invite.unusable.replaced')}</li>
        </ul>
      )}
      <p>{t('invite.unusable.ask')}</p>
      <p>
        <a href="/login">{t('invite.unusable.signIn')}</a>
      </p>
    </main>
  );
}
