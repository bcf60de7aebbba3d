// First run: the owner of the first organization creates their account (no default passwords). Only
// while no user exists; afterwards the server answers 409 and this page sends to sign-in.
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { navigate } from '../../router.tsx';
import { useApp } from '../session.tsx';
import { ErrorBox, Field, PageTitle, describedBy } from '../ui.tsx';
import { useAction } from '../useAction.ts';

export function Setup() {
  const { t, setSession } = useApp();
  const [form, setForm] = useState({ orgName: '', name: '', email: '', password: '' });
  const [done, setDone] = useState(false);

  useEffect(() => {
    api.getSetup().then(
      (r) => !r.needed && setDone(true),
      () => {},
    );
  }, []);

  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [k]: e.target.value });
  const setUp = useAction(
    async () => {
      const body = {
        orgName: form.orgName.trim(),
        email: form.email.trim(),
        password: form.password,
        ...(form.name.trim() ? { name: form.name.trim() } : {}),
      };
      await api.setUp({ body });
      return api.login({ body: { email: body.email, password: body.password } });
    },
    {
      onDone: (s) => {
        setSession(s);
        navigate('/app', { replace: true });
      },
      onError: (e) => {
        if (e.status === 409) setDone(true);
      },
    },
  );
  const error = setUp.error;
  if (done) {
    return (
      <main id="main" className="auth">
        <PageTitle>{t('auth.setup.doneTitle')}</PageTitle>
        <p>{t('auth.setup.done')}</p>
        <p>
          <a href="/login">{t('auth.login.title')}</a>
        </p>
      </main>
    );
  }
  const err = (k: string) => error?.field(k);
  return (
    <main id="main" className="auth">
      <PageTitle sub={t('auth.setup.intro')}>{t('auth.setup.title')}</PageTitle>
      <ErrorBox error={error} fieldIds={{ orgName: 'orgName', email: 'email', password: 'password', name: 'name' }} />
      <form onSubmit={setUp.submit} noValidate>
        <Field id="orgName" label={t('auth.setup.orgName')} hint={t('auth.setup.orgNameHint')} error={err('orgName')}>
          <input
            id="orgName"
            type="text"
            value={form.orgName}
            onChange={set('orgName')}
            aria-describedby={describedBy('orgName', true, err('orgName'))}
            required
          />
        </Field>
        <Field id="name" label={t('auth.setup.name')} error={err('name')}>
          <input id="name" type="text" autoComplete="name" value={form.name} onChange={set('name')} />
        </Field>
        <Field id="email" label={t('auth.email')} error={err('email')}>
          <input id="email" type="email" autoComplete="username" value={form.email} onChange={set('email')} required />
        </Field>
        <Field id="password" label={t('auth.newPassword')} hint={t('auth.passwordHint')} error={err('password')}>
          <input
            id="password"
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={set('password')}
            aria-describedby={describedBy('password', true, err('password'))}
            required
          />
        </Field>
        <button type="submit" className="primary" disabled={setUp.busy}>
          {t('auth.setup.submit')}
        </button>
      </form>
    </main>
  );
}
