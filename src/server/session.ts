// Sessions on the HTTP side: the session cookie a sign-in sets, the device cookie of a trusted browser,
// and the session as the API shows it (`GET /auth/session`, the answer of a sign-in).
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';
import type { ServerContext } from './context.ts';
import { DEVICE_COOKIE, SESSION_COOKIE } from './http.ts';

/** The browser proved the account's password: its device cookie spares it the throttles of attacks from elsewhere. */
export function keepDevice(x: ServerContext, c: Context, token: string, presented: string | undefined): void {
  if (token !== presented)
    setCookie(c, DEVICE_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/v1/',
      secure: x.secure(c),
      maxAge: store.DEVICE_COOKIE_MAX_AGE,
    });
}

/** Starts a session for a member (the cookie), records the sign-in, and answers with the session info. */
export async function signIn(
  x: ServerContext,
  c: Context,
  userId: string,
  orgId: string,
  ip: string,
  orgs?: store.UserOrganization[],
  details: Record<string, unknown> = {},
) {
  const { db } = x;
  const ua = c.req.header('user-agent');
  // A sign-in replaces the session this browser had (no two sessions per cookie, no fixation).
  const replaced = getCookie(c, SESSION_COOKIE);
  if (replaced) await store.endSession(db, replaced);
  const { token, session } = await store.createSession(db, { userId, orgId, ip, ...(ua ? { userAgent: ua } : {}) });
  const actor = await store.resolveActor(db, { userId, orgId, ip });
  await store.recordSignIn(db, actor, details);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: x.secure(c),
    maxAge: store.SESSION_TTL_SECONDS,
  });
  return sessionInfo(db, actor, session.csrfSecret, orgs);
}

/** The session as the API shows it. */
export async function sessionInfo(db: store.Db, a: Actor, csrf: string | null, orgs?: store.UserOrganization[]) {
  const d = await store.describeActor(db, a);
  const list = orgs ?? (a.userId ? await store.organizationsOfUser(db, a.userId) : undefined);
  return {
    user: { userId: a.userId, label: a.label, email: d.email, name: d.name },
    orgId: a.orgId,
    orgName: d.orgName,
    role: a.role,
    ...(a.caseId ? { caseId: a.caseId } : {}),
    ...(a.personId ? { personId: a.personId } : {}),
    csrfToken: csrf,
    ...(list
      ? {
          organizations: list
            .filter((o) => !o.disabled)
            .map((o) => ({ orgId: o.orgId, orgName: o.orgName, role: o.role })),
        }
      : {}),
  };
}
