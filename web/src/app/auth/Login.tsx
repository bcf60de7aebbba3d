// Sign in with email and password. After sign-in a specialist goes to their portal, everyone else to the
// page they asked for (?next=) or the dashboard. On a fresh install (no user yet) it sends to /setup.
import { useEffect, useState } from 'react';
import { api, ApiError, type SessionInfo } from '../../api.ts';
import { navigate, useLocation } from '../../router.tsx';
import { useApp } from '../session.tsx';
import { ErrorBox, Field, PageTitle } from '../ui.tsx';
import { useAction } from '../useAction.ts';

export function Login() {
  const { t, session, setSession } = useApp();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  /** The organizations to choose from, when the account belongs to several and none was used yet. */
  const [choices, setChoices] = useState<NonNullable<ApiError['organizations']> | null>(null);
  const [orgId, setOrgId] = useState('');
  const next = search.get('next');
  const target = (s: SessionInfo) =>
    s.role === 'specialist' ? '/portal' : next && next.startsWith('/app') ? next : '/app';

  useEffect(() => {
    if (session) navigate(target(session), { replace: true });
    else
      api.getSetup().then(
        (r) => r.needed && navigate('/setup', { replace: true }),
        () => {},
      );
  }, []);

  const login = useAction(
    async () => {
      try {
        return await api.login({
          body: { email: email.trim(), password, ...(choices && orgId ? { orgId } : {}) },
        });
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 409 && err.organizations?.length)) throw err;
        // The password was right; which organization to enter is the user's choice.
        setChoices(err.organizations);
        setOrgId(err.organizations[0]!.orgId);
        return null;
      }
    },
    {
      onDone: (s) => {
        if (!s) return;
        setSession(s);
        navigate(target(s), { replace: true });
      },
    },
  );
  const error = login.error;
  return (
    <main id="main" className="auth">
      <PageTitle>{t('auth.login.title')}</PageTitle>
      <ErrorBox error={error} fieldIds={{ email: 'email', password: 'password' }} />
      <form onSubmit={login.submit} noValidate>
        <Field id="email" label={t('auth.email')} error={error?.field('email')}>
          <input
            id="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </Field>
        <Field id="password" label={t('auth.password')} error={error?.field('password')}>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </Field>
        {choices && (
          <fieldset id="orgId" className="field">
            <legend>{t('auth.login.chooseOrg')}</legend>
            <p className="hint">{t('auth.login.chooseOrgHint')}</p>
            {choices.map((o) => (
              <div className="radio" key={o.orgId}>
                <input
                  type="radio"
                  id={`org-${o.orgId}`}
                  name="orgId"
                  value={o.orgId}
                  checked={orgId === o.orgId}
                  onChange={() => setOrgId(o.orgId)}
                />
                <label htmlFor={`org-${o.orgId}`}>{o.orgName}</label>
              </div>
            ))}
          </fieldset>
        )}
        <button type="submit" className="primary" disabled={login.busy}>
          {choices ? t('auth.login.enterOrg') : t('auth.login.submit')}
        </button>
      </form>
      <p>
        <a href="/reset-password">{t('auth.login.forgot')}</a>
      </p>
      <p className="hint">{t('auth.login.noAccount')}</p>
      <p>
        <a href="/">{t('auth.selfcheckLink')}</a>
      </p>
    </main>
  );
}
