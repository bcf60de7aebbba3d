// The signed-in app and its doors: /setup (first run), /login, /invite (accept an invitation), the
// workspace under /app and the specialist's portal under /portal. Loaded lazily by main.tsx, so the
// public self-check never downloads it. Reads the session once, then draws the page for the path.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setErrorWording, type SessionInfo } from '../api.ts';
import { wordError } from '../problems.ts';
import { initialLang, LANGS, loadMessages, translator, WORKSPACE_LANGS, type Lang } from '../i18n.ts';
import { match, navigate, useLocation } from '../router.tsx';
import { AppCtx, type AppContext } from './session.tsx';
import { Shell } from './Shell.tsx';
import { Login } from './auth/Login.tsx';
import { Setup } from './auth/Setup.tsx';
import { routes, type RouteDef } from './routes.tsx';

const Invite = lazy(() => import('./invite/Invite.tsx').then((m) => ({ default: m.Invite })));
const ResetPassword = lazy(() => import('./auth/ResetPassword.tsx').then((m) => ({ default: m.ResetPassword })));
const Portal = lazy(() => import('./portal/Portal.tsx').then((m) => ({ default: m.Portal })));

type SessionState =
  { kind: 'loading' } | { kind: 'ready'; session: SessionInfo | null } | { kind: 'failed'; error: ApiError };

async function readSession(): Promise<SessionInfo | null> {
  try {
    const s = await api.getSession();
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function AppRoot() {
  const { path, href } = useLocation();
  const portalArea =
    path.startsWith('/portal') ||
    path.startsWith('/invite') ||
    path === '/login' ||
    path === '/setup' ||
    path === '/reset-password';
  const langs: readonly Lang[] = portalArea ? LANGS : WORKSPACE_LANGS;
  const [lang, setLangState] = useState<Lang>(() => initialLang(langs));
  const [messages, setMessages] = useState<{ lang: Lang; m: Record<string, string> } | null>(null);
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const shownLang: Lang = langs.includes(lang) ? lang : 'en';

  useEffect(() => {
    let live = true;
    loadMessages(shownLang, { app: true }).then((m) => live && setMessages({ lang: shownLang, m }));
    document.documentElement.lang = shownLang === 'zh' ? 'zh-CN' : shownLang;
    return () => {
      live = false;
    };
  }, [shownLang]);

  const refresh = useCallback(async () => {
    try {
      const s = await readSession();
      setState({ kind: 'ready', session: s });
      return s;
    } catch (e) {
      setState({ kind: 'failed', error: e instanceof ApiError ? e : new ApiError(0, String(e)) });
      return null;
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('hqs.lang', l);
    setLangState(l);
  }, []);
  const setSession = useCallback((s: SessionInfo | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    setState({ kind: 'ready', session: s });
  }, []);

  const t = useMemo(() => {
    if (!messages) return null;
    const made = translator(messages.lang, messages.m);
    // Refusals from now on arrive in this language (web/src/problems.ts).
    setErrorWording((e) => wordError(made, e));
    return made;
  }, [messages]);
  const session = state.kind === 'ready' ? state.session : null;
  const ctx: AppContext | null = useMemo(
    () => (t ? { session, refresh, setSession, t, lang: t.lang, setLang, langs } : null),
    [session, refresh, setSession, t, setLang, langs],
  );

  // Where a signed-in or signed-out reader belongs.
  const redirect = ((): string | null => {
    if (state.kind !== 'ready') return null;
    const s = state.session;
    if (!s && (path.startsWith('/app') || path.startsWith('/portal'))) return `/login?next=${encodeURIComponent(href)}`;
    if (s?.role === 'specialist' && path.startsWith('/app')) return '/portal';
    if (s && s.role !== 'specialist' && path.startsWith('/portal')) return '/app';
    return null;
  })();
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  if (!ctx || state.kind === 'loading' || redirect)
    return (
      <p className="loading-page" aria-live="polite">
        HQS Desk…
      </p>
    );
  if (state.kind === 'failed') {
    return (
      <main>
        <h1>HQS Desk</h1>
        <p className="error" role="alert">
          {state.error.detail}
        </p>
        <button type="button" className="primary" onClick={() => void refresh()}>
          {ctx.t('common.retry')}
        </button>
      </main>
    );
  }

  let page: ReactNode;
  if (path === '/login') page = <Login />;
  else if (path === '/setup') page = <Setup />;
  else if (path === '/invite') page = <Invite />;
  else if (path === '/reset-password') page = <ResetPassword />;
  else if (path.startsWith('/portal')) page = <Portal />;
  else page = <WorkspacePage path={path} />;
  return (
    <AppCtx.Provider value={ctx}>
      <Shell>
        <Suspense fallback={<p className="loading">{ctx.t('common.loading')}</p>}>{page}</Suspense>
      </Shell>
    </AppCtx.Provider>
  );
}

function WorkspacePage({ path }: { path: string }) {
  for (const r of routes as readonly RouteDef[]) {
    const params = match(r.path, path);
    if (params) return r.render(params);
  }
  return <NotFoundPage />;
}

export function NotFoundPage() {
  return (
    <main id="main">
      <h1>404</h1>
      <p>
        <a href="/app">HQS Desk</a>
      </p>
    </main>
  );
}
