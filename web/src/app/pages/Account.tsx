// Your account (/app/account): who you are here (name, email, role, organization), a new password, the
// organization's name (owners), and the other organizations you belong to. Switching organization signs
// in again (POST /api/v1/auth/login with the organization's id), so it asks for the password.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type SessionInfo } from '../../api.ts';
import { navigate } from '../../router.tsx';
import { isOwner, useApp, useSession } from '../session.tsx';
import { describedBy, ErrorBox, Field, Load, PageTitle, useData } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { asFieldProblem } from './format-error.ts';
import { emailOfLabel } from './format.ts';
import { CalendarSection, RemindersSection } from '../mail/RemindersForm.tsx';

type Session = SessionInfo;
type Organization = {
  orgId: string;
  name: string;
  createdAt: string;
  members: number;
  activeMembers: number;
  cases: number;
};

export function Account() {
  const { t } = useApp();
  const session = useSession();
  const email = session.user.email ?? emailOfLabel(session.user.label);
  const name = session.user.name;
  const orgs = session.organizations ?? [];
  const orgName = session.orgName || orgs.find((o) => o.orgId === session.orgId)?.orgName;
  return (
    <main id="main">
      <PageTitle>{t('account.title')}</PageTitle>
      <section aria-labelledby="me-h">
        <h2 id="me-h">{t('account.me')}</h2>
        <dl className="facts">
          {name && (
            <>
              <dt>{t('account.name')}</dt>
              <dd>{name}</dd>
            </>
          )}
          <dt>{t('account.email')}</dt>
          <dd>{email ?? session.user.label}</dd>
          <dt>{t('account.role')}</dt>
          <dd>
            {t(`shell.role.${session.role}`)}
            <span className="hint block">{t(`account.roleHint.${session.role}`)}</span>
          </dd>
          {orgName && (
            <>
              <dt>{t('account.organization')}</dt>
              <dd>{orgName}</dd>
            </>
          )}
        </dl>
      </section>
      <PasswordForm />
      <RemindersSection />
      <CalendarSection />
      {isOwner(session) && <OrganizationForm />}
      <Organizations session={session} email={email} />
    </main>
  );
}

function PasswordForm() {
  const { t } = useApp();
  const [form, setForm] = useState({ current: '', next: '', again: '' });
  const [done, setDone] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const change = useAction(
    () => api.changePassword({ body: { currentPassword: form.current, newPassword: form.next } }),
    {
      toError: asFieldProblem,
      onDone: (r) => {
        setForm({ current: '', next: '', again: '' });
        setDone(
          typeof r?.endedSessions === 'number' && r.endedSessions > 0
            ? t('account.password.doneEnded', { n: t.number(r.endedSessions) })
            : t('account.password.done'),
        );
      },
    },
  );
  const error = change.error;
  const err = (k: 'currentPassword' | 'newPassword' | 'again') =>
    k === 'again' && mismatch ? t('account.password.mismatch') : error?.field(k);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (change.busy) return;
    change.reset();
    setDone(null);
    setMismatch(false);
    if (form.next !== form.again) {
      setMismatch(true);
      change.fail(new ApiError(422, t('account.password.mismatch')));
      return;
    }
    void change.run();
  };
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [k]: e.target.value });
  return (
    <section aria-labelledby="password-h">
      <h2 id="password-h">{t('account.password.title')}</h2>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <ErrorBox error={error} fieldIds={{ currentPassword: 'pw-current', newPassword: 'pw-new', again: 'pw-again' }} />
      <form onSubmit={submit} noValidate>
        <Field id="pw-current" label={t('account.password.current')} error={err('currentPassword')}>
          <input
            id="pw-current"
            type="password"
            autoComplete="current-password"
            value={form.current}
            onChange={set('current')}
            aria-describedby={describedBy('pw-current', false, err('currentPassword'))}
            required
          />
        </Field>
        <Field id="pw-new" label={t('account.password.new')} hint={t('auth.passwordHint')} error={err('newPassword')}>
          <input
            id="pw-new"
            type="password"
            autoComplete="new-password"
            value={form.next}
            onChange={set('next')}
            aria-describedby={describedBy('pw-new', true, err('newPassword'))}
            required
          />
        </Field>
        <Field id="pw-again" label={t('account.password.again')} error={err('again')}>
          <input
            id="pw-again"
            type="password"
            autoComplete="new-password"
            value={form.again}
            onChange={set('again')}
            aria-describedby={describedBy('pw-again', false, err('again'))}
            required
          />
        </Field>
        <button type="submit" className="primary" disabled={change.busy}>
          {t('account.password.submit')}
        </button>
      </form>
    </section>
  );
}

function OrganizationForm() {
  const { t, refresh } = useApp();
  const org = useData<Organization>((signal) => api.getOrganization({}, { signal }), []);
  return (
    <section aria-labelledby="org-h">
      <h2 id="org-h">{t('account.org.title')}</h2>
      <Load state={org}>
        {(o) => (
          <>
            <dl className="facts">
              <dt>{t('account.org.created')}</dt>
              <dd>{t.date(o.createdAt)}</dd>
              <dt>{t('account.org.members')}</dt>
              <dd>
                {t('account.org.membersValue', { active: t.number(o.activeMembers), total: t.number(o.members) })}
              </dd>
              <dt>{t('account.org.cases')}</dt>
              <dd>{t.number(o.cases)}</dd>
            </dl>
            <OrgNameForm
              key={o.orgId}
              current={o.name}
              onSaved={(next) => {
                org.setData(next);
                void refresh();
              }}
            />
          </>
        )}
      </Load>
    </section>
  );
}

function OrgNameForm({ current, onSaved }: { current: string; onSaved: (o: Organization) => void }) {
  const { t } = useApp();
  const [name, setName] = useState(current);
  const [done, setDone] = useState(false);
  const rename = useAction(
    () => {
      setDone(false);
      return api.renameOrganization({ body: { name: name.trim() } });
    },
    {
      toError: asFieldProblem,
      onDone: (o) => {
        setDone(true);
        onSaved(o);
      },
    },
  );
  const error = rename.error;
  const err = error?.field('name');
  return (
    <>
      {done && (
        <p className="notice" role="status">
          {t('account.org.saved')}
        </p>
      )}
      <ErrorBox error={error} fieldIds={{ name: 'org-name' }} />
      <form onSubmit={rename.submit} noValidate>
        <Field id="org-name" label={t('account.org.name')} hint={t('account.org.nameHint')} error={err}>
          <input
            id="org-name"
            type="text"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            aria-describedby={describedBy('org-name', true, err)}
            required
          />
        </Field>
        <button type="submit" className="primary" disabled={rename.busy}>
          {t('account.org.submit')}
        </button>
      </form>
    </>
  );
}

/** The organizations of this user (the session lists them after signing in) and switching to another. */
function Organizations({ session, email }: { session: Session; email: string | null }) {
  const { t, setSession } = useApp();
  const orgs = session.organizations;
  const others = orgs?.filter((o) => o.orgId !== session.orgId) ?? [];
  const [target, setTarget] = useState(others[0]?.orgId ?? '');
  const [password, setPassword] = useState('');
  const switchTo = useAction(() => api.login({ body: { email: email ?? '', password, orgId: target } }), {
    toError: asFieldProblem,
    keepBusy: true,
    onDone: (s) => {
      setSession(s);
      navigate(s.role === 'specialist' ? '/portal' : '/app', { replace: true });
    },
  });
  if (!orgs) {
    return (
      <section aria-labelledby="orgs-h">
        <h2 id="orgs-h">{t('account.orgs.title')}</h2>
        <p className="hint">{t('account.orgs.unknown')}</p>
      </section>
    );
  }
  if (others.length === 0) return null;
  const error = switchTo.error;
  const err = (k: string) => error?.field(k);
  return (
    <section aria-labelledby="orgs-h">
      <h2 id="orgs-h">{t('account.orgs.title')}</h2>
      <ul>
        {orgs.map((o) => (
          <li key={o.orgId}>
            {o.orgName} — {t(`shell.role.${o.role}`)}
            {o.orgId === session.orgId && <strong> {t('account.orgs.current')}</strong>}
          </li>
        ))}
      </ul>
      <p className="hint">{t('account.orgs.switchHint')}</p>
      {email ? (
        <>
          <ErrorBox
            error={error}
            fieldIds={{ orgId: 'switch-org', password: 'switch-password', email: 'switch-password' }}
          />
          <form onSubmit={switchTo.submit} noValidate>
            <Field id="switch-org" label={t('account.orgs.target')} error={err('orgId')}>
              <select id="switch-org" value={target} onChange={(e) => setTarget(e.target.value)}>
                {others.map((o) => (
                  <option key={o.orgId} value={o.orgId}>
                    {o.orgName}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="switch-password" label={t('account.orgs.password')} error={err('password') ?? err('email')}>
              <input
                id="switch-password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-describedby={describedBy('switch-password', false, err('password') ?? err('email'))}
                required
              />
            </Field>
            <button type="submit" className="primary" disabled={switchTo.busy || !target}>
              {t('account.orgs.switch')}
            </button>
          </form>
        </>
      ) : (
        <p className="notice warn">{t('account.orgs.noEmail')}</p>
      )}
    </section>
  );
}
