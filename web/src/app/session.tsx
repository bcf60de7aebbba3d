// The signed-in app's context: who is signed in (the server's session, with the CSRF token the API client
// sends on writes), the reader's language and the translator. Pages read it with useApp().
import { createContext, useContext } from 'react';
import type { SessionInfo } from '../api.ts';
import type { Lang, T } from '../i18n.ts';

export interface AppContext {
  session: SessionInfo | null;
  /** Reads the session again (after sign-in, a switch of organization, a change of role). */
  refresh(): Promise<SessionInfo | null>;
  setSession(s: SessionInfo | null): void;
  t: T;
  lang: Lang;
  setLang(l: Lang): void;
  /** The languages this part of the app offers (the workspace en/ru; portal and sign-in en/ru/zh). */
  langs: readonly Lang[];
}

export const AppCtx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const c = useContext(AppCtx);
  if (!c) throw new Error('useApp() outside <AppRoot>');
  return c;
}

/** The session of a signed-in user (pages under /app and /portal are only drawn with one). */
export function useSession(): SessionInfo {
  const { session } = useApp();
  if (!session) throw new Error('useSession() on a page drawn without a session');
  return session;
}

export const canWrite = (s: SessionInfo | null) => s?.role === 'owner' || s?.role === 'manager';
export const isOwner = (s: SessionInfo | null) => s?.role === 'owner';
