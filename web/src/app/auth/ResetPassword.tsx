// Setting a new password (/reset-password). Without a token: ask for a link by email — the answer is the
// same whether or not the account exists, and says so when this server sends no mail (then the
// administrator runs `hqs admin reset-password EMAIL`). With the token of a mailed link (#token, never
// sent to the server in the URL): the new password, twice; the link works once.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api.ts';
import { useApp } from '../session.tsx';
import { describedBy, ErrorBox, Field, PageTitle } from '../ui.tsx';
import { useAction } from '../useAction.ts';

const tokenOfHash = () => decodeURIComponent(location.hash.replace(/^#/, ''));

export function ResetPassword() {
  const [token, setToken] = useState(tokenOfHash);
  // A link opened in the tab that shows this page changes only the fragment: follow it.
  useEffect(() => {
    const follow = () => {
      const next = tokenOfHash();
      if (next) setToken(next);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return token ? <SetPassword key={token} token={token} /> : <AskForLink />;
}

function AskForLink() {
  const { t } = useApp();
  const [email, setEmail] = useState('');
  const [answer, setAnswer] = useState<{ mail: boolean } | null>(null);
  const ask = useAction(() => api.requestPasswordReset({ body: { email: email.trim() } }), { onDone: setAnswer });
  return (
    <main id="main" className="auth">
      <PageTitle>{t('auth.reset.title')}</PageTitle>
      {answer ? (
        <p className={answer.mail ? 'notice' : 'notice warn'} role="status">
          {answer.mail ? t('auth.reset.sent') : t('auth.reset.mailOff')}
        </p>
      ) : (
        <>
          <p>{t('auth.reset.intro')}</p>
          <ErrorBox error={ask.error} fieldIds={{ email: 'reset-email' }} />
          <form onSubmit={ask.submit} noValidate>
            <Field id="reset-email" label={t('auth.email')} error={ask.error?.field('email')}>
              <input
                id="reset-email"
                type="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                required
              />
            </Field>
            <button type="submit" className="primary" disabled={ask.busy}>
              {t('auth.reset.ask')}
            </button>
          </form>
        </>
      )}
      <p>
        <a href="/login">{t('auth.reset.toLogin')}</a>
      </p>
    </main>
  );
}

function SetPassword({ token }: { token: string }) {
  const { t } = useApp();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState<{ email: string } | null>(null);
  const set = useAction(() => api.completePasswordReset({ body: { token, password } }), {
    onDone: (r) => {
      setDone(r);
      // The token is spent: it leaves the address bar (and the history).
      history.replaceState(null, '', '/reset-password');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (set.busy) return;
    set.reset();
    setMismatch(password !== again);
    if (password !== again) {
      set.fail(new ApiError(422, t('auth.reset.mismatch')));
      return;
    }
    void set.run();
  };
  const pwErr = set.error?.field('password');
  const tokenErr = set.error?.field('token');
  return (
    <main id="main" className="auth">
      <PageTitle>{t('auth.reset.newTitle')}</PageTitle>
      {done ? (
        <>
          <p className="notice" role="status">
            {t('auth.reset.done', { email: done.email })}
          </p>
          <p>
            <a href="/login">{t('auth.reset.toLogin')}</a>
          </p>
        </>
      ) : (
        <>
          <ErrorBox error={set.error} fieldIds={{ password: 'reset-new', token: 'reset-new' }} />
          {tokenErr && (
            <p>
              <a href="/reset-password">{t('auth.reset.askAgain')}</a>
            </p>
          )}
          <form onSubmit={submit} noValidate>
            <Field id="reset-new" label={t('auth.reset.new')} hint={t('auth.passwordHint')} error={pwErr}>
              <input
                id="reset-new"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-describedby={describedBy('reset-new', true, pwErr)}
                required
              />
            </Field>
            <Field
              id="reset-again"
              label={t('auth.reset.again')}
              error={mismatch ? t('auth.reset.mismatch') : undefined}
            >
              <input
                id="reset-again"
                type="password"
                autoComplete="new-password"
                value={again}
                onChange={(e) => setAgain(e.target.value)}
                aria-describedby={describedBy('reset-again', false, mismatch ? 'x' : undefined)}
                required
              />
            </Field>
            <button type="submit" className="primary" disabled={set.busy}>
              {t('auth.reset.set')}
            </button>
          </form>
        </>
      )}
    </main>
  );
}
