// The first run and signing in. The services decide (src/services: setup, sign-in with the throttle and
// the organization's choice); these handlers set and clear the cookies and present the session.
import { deleteCookie, getCookie } from 'hono/cookie';
import * as store from '../../store/index.ts';
import { setUp, setupNeeded } from '../../services/setup.ts';
import { changeOwnPassword, mustChoose, passwordSignIn } from '../../services/sign-in.ts';
import type { ServerContext } from '../context.ts';
import { DEVICE_COOKIE, SESSION_COOKIE, type Handlers } from '../http.ts';
import { json, noContent } from '../reply.ts';
import { keepDevice, sessionInfo, signIn } from '../session.ts';
import { routes } from './auth.contract.ts';

export { routes };

export const handlers = (x: ServerContext): Handlers<typeof routes> => ({
  getSetup: async ({ c }) => json(c, { needed: await setupNeeded(x.db) }),

  setUp: async ({ c, body }) => {
    const r = await setUp(x.db, body);
    const { organization: o, user: u } = r;
    return json(c, { orgId: o.orgId, orgName: o.name, userId: u.userId, email: u.email }, 201);
  },

  login: async ({ c, body, ip }) => {
    const device = getCookie(c, DEVICE_COOKIE);
    const r = await passwordSignIn(x.db, body, { ip, device }, x.throttle);
    keepDevice(x, c, r.device, device);
    if (!r.org) throw mustChoose(r.choose);
    return json(c, await signIn(x, c, r.userId, r.org.orgId, ip, r.orgs));
  },

  getSession: async ({ c, actor, session }) => json(c, await sessionInfo(x.db, actor, session?.csrfSecret ?? null)),

  logout: async ({ c, session }) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (session && token) await store.endSession(x.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return noContent(c);
  },

  changePassword: async ({ c, actor, session, body, ip }) => {
    const from = { ip, device: getCookie(c, DEVICE_COOKIE) };
    const input = { ...body, sessionId: session?.sessionId ?? null };
    return json(c, await changeOwnPassword(x.db, actor, input, from, x.throttle));
  },
});
