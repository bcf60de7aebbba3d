// The frame of every signed-in and sign-in page: a skip link, the brand, the workspace navigation (by
// role), the organization and the user, the language switch and sign-out.
import type { ReactNode } from 'react';
import { api } from '../api.ts';
import { Link, match, navigate, useLocation } from '../router.tsx';
import { clearUserDrafts } from './newcase/draft-keys.ts';
import { routes, type NavId } from './routes.tsx';
import { canWrite, useApp } from './session.tsx';

const NAV: { id: NavId; href: string; owner?: boolean; write?: boolean }[] = [
  { id: 'dashboard', href: '/app' },
  { id: 'obligations', href: '/app/obligations' },
  { id: 'cases', href: '/app/cases' },
  { id: 'import', href: '/app/import', write: true },
  { id: 'employers', href: '/app/employers' },
  { id: 'users', href: '/app/users', owner: true },
  { id: 'audit', href: '/app/audit', owner: true },
  { id: 'outbox', href: '/app/outbox', owner: true },
];

export function Shell({ children }: { children: ReactNode }) {
  const { t, session, setSession, lang, setLang, langs } = useApp();
  const { path } = useLocation();
  const inWorkspace = path.startsWith('/app') && session && session.role !== 'specialist';
  const current = routes.find((r) => match(r.path, path))?.nav;
  const who = session ? session.user.name || session.user.email || session.user.label : '';
  const signOut = async () => {
    // Nothing the user typed stays in this browser (the new-case drafts, web/src/app/newcase/draft.ts).
    const userId = session?.user.userId;
    if (userId) clearUserDrafts(localStorage, userId);
    try {
      await api.logout();
    } finally {
      setSession(null);
      navigate('/login', { force: true });
    }
  };
  return (
    <>
      <a className="skip" href="#main">
        {t('shell.skip')}
      </a>
      <header className="bar app-bar">
        <div className="brand">
          <Link href={session ? (session.role === 'specialist' ? '/portal' : '/app') : '/'} className="home">
            HQS Desk
          </Link>
          {session?.orgName && <span className="org"> · {session.orgName}</span>}
        </div>
        <nav aria-label={t('shell.language')}>
          <ul className="langs">
            {langs.map((l) => (
              <li key={l}>
                <button type="button" className="link" lang={l} aria-current={l === lang} onClick={() => setLang(l)}>
                  {l === 'en' ? 'English' : l === 'ru' ? 'Русский' : '中文'}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {session && (
          <div className="who">
            {session.role !== 'specialist' && (
              <Link href="/app/account" className="link" aria-current={current === 'account' ? 'page' : undefined}>
                {who}
              </Link>
            )}
            {session.role === 'specialist' && <span>{who}</span>}{' '}
            <span className="role">({t(`shell.role.${session.role}`)})</span>{' '}
            <button type="button" className="link" onClick={() => void signOut()}>
              {t('shell.signOut')}
            </button>
          </div>
        )}
      </header>
      {inWorkspace && (
        <nav className="app-nav" aria-label={t('shell.nav')}>
          <ul>
            {NAV.filter((n) => (!n.owner || session.role === 'owner') && (!n.write || canWrite(session))).map((n) => (
              <li key={n.id}>
                <Link href={n.href} aria-current={current === n.id ? 'page' : undefined}>
                  {t(`shell.nav.${n.id}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className={inWorkspace ? 'workspace' : 'narrow'}>{children}</div>
    </>
  );
}
