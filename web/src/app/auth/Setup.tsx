// First run: the owner of the first organization creates their account (no default passwords). Only
// while no user exists; afterwards the server answers 409 and this page sends to sign-in.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api.ts';
import { navigate } from '../../router.tsx';
import { useApp } from '../session.tsx';
import { ErrorBox, Field, PageTitle, describedBy } from '../ui.tsx';

export function Setup() {
  const { t, setSession } = useApp();
  const [form, setForm] = useState({ orgName: '', name: '', email: '', password: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    api.getSetup().then(
      (r) => !r.needed && setDone(true),
      () => {},
    );
  }, []);

  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = {
        orgName: form.orgName.trim(),
        email: form.email.trim(),
        password: form.password,
        ...(form.name.trim() ? { name: form.name.trim() } : {}),
      };
      await api.setUp({ body });
      const s = await api.login({ body: { email: body.email, password: body.password } });
      setSession(s);
      navigate('/app', { replace: true });
    } catch (err) {
      const e2 = err instanceof ApiError ? err : new ApiError(0, String(err));
      if (e2.status === 409) setDone(true);
      setError(e2);
    } finally {
      setBusy(false);
    }
  };
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
      <form onSubmit={submit} noValidate>
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
        <button type="submit" className="primary" disabled={busy}>
          {t('auth.setup.submit')}
        </button>
      </form>
    </main>
  );
}
