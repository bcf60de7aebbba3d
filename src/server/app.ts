// The HTTP API of HQS Desk: Hono on Node, every route declared with its zod schemas (validation and the
// OpenAPI document from the same declaration), the store's repositories behind it. The store checks roles
// and tenancy (another organization's record is NotFound); this layer authenticates, validates, audits
// what the store does not (exports, portfolio reads) and maps errors to problem details.
import { Hono, type Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { todayInMoscow, type IsoDate } from '../calendar/date.ts';
import type { Case } from '../case/index.ts';
import type { Engine, EvaluateOptions, Evaluation } from '../engine/index.ts';
import { renderEvaluation } from '../i18n/index.ts';
import { requestLang } from './lang.ts';
import type { Law } from '../law/index.ts';
import {
  composeLetter,
  renderChecklistPdf,
  renderLetterDocx,
  renderLetterPdf,
  renderObligationsIcs,
  type DocLang,
  type LetterKind,
} from '../documents/index.ts';
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';
import { Api, DEVICE_COOKIE, SESSION_COOKIE, type Env } from './http.ts';
import { openApiDocument } from './openapi.ts';
import { HttpProblem, problem, PROBLEM_TYPE, toProblem } from './problem.ts';
import { RateLimiter } from './rate-limit.ts';
import { paramProblems, refuse } from './input.ts';
import { contentDisposition } from './disposition.ts';
import { clientAddress, forwardedProto } from './proxy.ts';
import * as S from './schemas.ts';
import { EvalPool, type PoolOptions } from './eval-pool.ts';

export const VERSION = '0.1.0';

export interface AppOptions {
  db: store.Db;
  engine: Engine;
  law: Law;
  now?: () => Date;
  /**
   * Reverse proxies in front of the server (HQS_TRUST_PROXY): the client's address is that many entries from
   * the right of X-Forwarded-For, the scheme the nearest one's X-Forwarded-Proto. 0 (default): none.
   */
  trustProxy?: number;
  /** Secure cookies: true, false, or 'auto' (when the request came over https). */
  secureCookies?: boolean | 'auto';
  /** Public evaluate: burst and sustained rate per client address (default 30 at once, then 1 per second). */
  evaluateLimit?: { capacity: number; perSecond: number };
  /** Public invitation look-up and acceptance: per client address (default 20 at once, then 1 per 5 seconds). */
  invitationLimit?: { capacity: number; perSecond: number };
  log?: (msg: string, err?: unknown) => void;
  /** The evaluation workers (default: the cores less one, 1 to 4; a queue of 8 per worker; 10 s per task). */
  evaluation?: PoolOptions;
  /** Sign-in throttling (default store.DEFAULT_THROTTLE). */
  throttle?: store.ThrottlePolicy;
}

export interface App {
  app: Hono<Env>;
  routes: Api['routes'];
  /** Starts the evaluation workers now rather than at the first evaluation. */
  warm(): Promise<void>;
  /** Stops the evaluation workers. */
  close(): Promise<void>;
}

/** Bytes as a stream read 64 KB at a time: a client that reads slowly holds the server to one chunk at a time. */
export function streamOf(bytes: Uint8Array, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (at >= bytes.length) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.subarray(at, at + chunk));
        at += chunk;
      },
    },
    { highWaterMark: 0 },
  );
}

const defaultLog = (msg: string, err?: unknown) => console.error(`[hqs] ${msg}`, err ?? '');

export function createApp(opts: AppOptions): App {
  const { db, engine, law } = opts;
  const now = opts.now ?? (() => new Date());
  const today = (): IsoDate => todayInMoscow(now());
  const log = opts.log ?? defaultLog;
  const app = new Hono<Env>();
  const api = new Api(app, {
    db,
    tables: { countries: law.countries.codes, regions: law.regions.codes },
    secureCookies: opts.secureCookies ?? 'auto',
    trustProxy: (opts.trustProxy ?? 0) > 0,
  });
  const hops = Math.max(0, Math.floor(opts.trustProxy ?? 0));
  const evaluateLimiter = new RateLimiter(opts.evaluateLimit?.capacity ?? 30, opts.evaluateLimit?.perSecond ?? 1);
  let pool: EvalPool | undefined;
  const evalPool = () => (pool ??= new EvalPool({ ...opts.evaluation, log }));
  /** The evaluation of a stored (checked) case, computed by a worker. */
  const evaluateInPool = async (c: Case, asOf: IsoDate, opts: EvaluateOptions): Promise<Evaluation> => {
    const r = await evalPool().run({ case: c, asOf, today: today(), as: 'value', ...opts });
    return (r.value as { evaluation: Evaluation }).evaluation;
  };
  const invitationLimiter = new RateLimiter(
    opts.invitationLimit?.capacity ?? 20,
    opts.invitationLimit?.perSecond ?? 0.2,
  );

  app.use('*', async (c, next) => {
    let ip = 'unknown';
    try {
      ip = getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      /* not a Node request (tests through app.request) */
    }
    ip = clientAddress(ip, c.req.header('x-forwarded-for'), hops);
    c.set('ip', ip);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  });

  app.onError((err, c) => {
    const e =
      err.name === 'BodyLimitError'
        ? new HttpProblem(413, 'the request body is too large', [{ path: '(body)', message: 'too large' }])
        : err;
    const m = toProblem(e);
    if (m.unexpected) log(`${c.req.method} ${c.req.path}: error ${m.problem.errorId}`, m.unexpected);
    if (m.missedCheck)
      log(`${c.req.method} ${c.req.path}: refused at the database (a check should come first)`, m.missedCheck);
    return c.body(JSON.stringify(m.problem), m.problem.status as 500, { 'Content-Type': PROBLEM_TYPE, ...m.headers });
  });
  app.notFound((c) =>
    c.body(JSON.stringify(problem(404, `no route ${c.req.method} ${c.req.path}`)), 404, {
      'Content-Type': PROBLEM_TYPE,
    }),
  );

  const json = (c: Context, data: unknown, status = 200, headers: Record<string, string> = {}) =>
    c.body(JSON.stringify(data), status as 200, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  const audit = (actor: Actor, e: store.AuditEvent) =>
    store.inTenant(db, actor.orgId, (tx) => store.appendAudit(tx, actor, e));
  const isHttps = (c: Context) =>
    (hops > 0 && forwardedProto(c.req.header('x-forwarded-proto')) === 'https') ||
    new URL(c.req.url).protocol === 'https:';
  const secure = (c: Context) => (api.deps.secureCookies === 'auto' ? isHttps(c) : api.deps.secureCookies);
  const evalWith = () => ({ engine, asOf: today() });

  // ——— health and the document ———
  let doc: unknown;
  app.get('/api/openapi.json', (c) =>
    json(
      c,
      (doc ??= openApiDocument(api.routes, {
        title: 'HQS Desk API',
        version: VERSION,
        description: 'See docs/api.md',
      })),
    ),
  );
  api.add(
    {
      method: 'get',
      path: '/healthz',
      summary: 'Liveness and database check',
      tag: 'meta',
      auth: 'public',
      responses: { 200: { description: 'up', schema: S.Health } },
    },
    async ({ c }) => {
      try {
        await db.query('SELECT 1');
      } catch (e) {
        log('healthz: database check failed', e);
        throw new HttpProblem(503, 'the database does not answer');
      }
      return json(c, { status: 'ok', backend: db.backend, version: VERSION });
    },
  );

  // ——— first run and sign-in ———
  let setupQueue: Promise<unknown> = Promise.resolve();
  let setUp = false; // once a user exists it stays so (users are never all deleted by the API)
  api.add(
    {
      method: 'get',
      path: '/api/v1/setup',
      summary: 'Whether the first-run setup is still needed (no user exists yet)',
      tag: 'auth',
      auth: 'public',
      responses: { 200: { description: 'the state', schema: S.SetupState } },
    },
    async ({ c }) => {
      if (!setUp) setUp = (await store.inSystem(db, (tx) => tx.query('SELECT 1 FROM users LIMIT 1'))).length > 0;
      return json(c, { needed: !setUp });
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/v1/setup',
      summary: 'First run: create the first organization and its owner (only while no user exists)',
      tag: 'auth',
      auth: 'public',
      body: { kind: 'json', schema: S.SetupBody },
      responses: { 201: { description: 'created', schema: S.SetupResult } },
    },
    async ({ c, body }) => {
      const run = setupQueue.then(async () => {
        const any = await store.inSystem(db, (tx) => tx.query('SELECT 1 FROM users LIMIT 1'));
        if (any.length)
          throw new HttpProblem(409, 'HQS Desk is set up already: an owner signs in and adds people', [
            { path: '(root)', message: 'a user exists' },
          ]);
        const weak = store.passwordProblem(body.password, body.email);
        if (weak) throw new HttpProblem(422, `password: ${weak}`, [{ path: 'password', message: weak }]);
        return store.createOwner(db, {
          email: body.email,
          password: body.password,
          orgName: body.orgName,
          firstRun: true,
          ...(body.name ? { name: body.name } : {}),
        });
      });
      setupQueue = run.catch(() => {});
      const r = await run;
      return json(
        c,
        { orgId: r.organization.orgId, orgName: r.organization.name, userId: r.user.userId, email: r.user.email },
        201,
      );
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/v1/auth/login',
      summary: 'Sign in with email and password: sets the session cookie, returns the CSRF token',
      tag: 'auth',
      auth: 'public',
      body: { kind: 'json', schema: S.LoginBody },
      responses: {
        200: { description: 'signed in', schema: S.SessionInfo },
        409: {
          description: 'the account belongs to several organizations and has used none: choose one (organizations)',
          schema: S.Problem,
        },
        429: { description: 'failed attempts slow further ones down (Retry-After)', schema: S.Problem },
      },
    },
    async ({ c, body, ip }) => {
      const device = getCookie(c, DEVICE_COOKIE);
      const attempt = await store.beginLoginAttempt(
        db,
        { email: body.email, ip, ...(device ? { device } : {}) },
        opts.throttle,
      );
      if (!attempt.allowed) throw slowDown(attempt, 'email');
      const user = await store.authenticate(db, body.email, body.password);
      await store.finishLoginAttempt(db, attempt.attemptId, user !== null);
      if (!user)
        throw new HttpProblem(401, 'wrong email or password', [
          { path: 'password', message: 'wrong email or password' },
        ]);
      const orgs = await store.organizationsOfUser(db, user.userId);
      let org: store.UserOrganization | undefined;
      if (body.orgId) {
        org = orgs.find((o) => o.orgId === body.orgId);
        if (!org)
          throw new HttpProblem(404, `organization ${body.orgId} not found for this user`, [
            { path: 'orgId', message: 'no membership' },
          ]);
        if (org.disabled)
          throw new HttpProblem(403, `your membership in "${org.orgName}" is suspended: ask its owner to restore it`, [
            { path: 'orgId', message: 'membership suspended' },
          ]);
      } else {
        const active = orgs.filter((o) => !o.disabled);
        if (!active.length) {
          const why = orgs.length
            ? `your membership${orgs.length === 1 ? '' : 's'} in ${orgs.map((o) => `"${o.orgName}"`).join(', ')} ${orgs.length === 1 ? 'is' : 'are'} suspended`
            : 'this user belongs to no organization';
          throw new HttpProblem(403, why, [
            { path: 'email', message: orgs.length ? 'membership suspended' : 'no membership' },
          ]);
        }
        // The organization used last; with several and none used yet, the user chooses (never by name order).
        org = active.length === 1 ? active[0] : store.lastUsedOrganization(active);
        if (!org) {
          await rememberDevice(c, user.userId, device);
          throw new HttpProblem(
            409,
            `you belong to ${active.length} organizations: choose one and sign in with its orgId`,
            [{ path: 'orgId', message: 'choose the organization to sign in to' }],
            {},
            { organizations: active.map((o) => ({ orgId: o.orgId, orgName: o.orgName, role: o.role })) },
          );
        }
      }
      await rememberDevice(c, user.userId, device);
      return json(c, await signIn(c, user.userId, org.orgId, ip, orgs));
    },
  );

  /** 429 for an attempt the throttle holds back, with how long to wait. */
  const slowDown = (a: { retryAfterSeconds: number; by: 'pair' | 'email' | 'ip' }, path: string) =>
    new HttpProblem(
      429,
      `too many failed sign-ins ${a.by === 'ip' ? 'from this address' : 'for this account'}; try again in ${a.retryAfterSeconds} s`,
      [{ path, message: `wait ${a.retryAfterSeconds} s: failed attempts slow further ones down` }],
      { 'Retry-After': String(a.retryAfterSeconds) },
    );

  /** The browser signed in to this account: its device cookie spares it the throttles of attacks from elsewhere. */
  async function rememberDevice(c: Context, userId: string, presented: string | undefined): Promise<void> {
    const token = await store.trustDevice(db, userId, presented);
    if (token !== presented)
      setCookie(c, DEVICE_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/api/v1/',
        secure: secure(c),
        maxAge: store.DEVICE_COOKIE_MAX_AGE,
      });
  }

  /** Starts a session for a member (the cookie), records the sign-in, and answers with the session info. */
  async function signIn(
    c: Context,
    userId: string,
    orgId: string,
    ip: string,
    orgs?: store.UserOrganization[],
    details: Record<string, unknown> = {},
  ) {
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
      secure: secure(c),
      maxAge: store.SESSION_TTL_SECONDS,
    });
    return sessionInfo(actor, session.csrfSecret, orgs);
  }

  const sessionInfo = async (a: Actor, csrf: string | null, orgs?: store.UserOrganization[]) => {
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
  };

  api.add(
    {
      method: 'get',
      path: '/api/v1/auth/session',
      summary: 'Who is signed in, and the CSRF token for writes',
      tag: 'auth',
      auth: 'user',
      responses: { 200: { description: 'the session', schema: S.SessionInfo } },
    },
    async ({ c, actor, session }) => json(c, await sessionInfo(actor, session?.csrfSecret ?? null)),
  );

  api.add(
    {
      method: 'post',
      path: '/api/v1/auth/logout',
      summary: 'Sign out (ends the session)',
      tag: 'auth',
      auth: 'user',
      responses: { 204: { description: 'signed out' } },
    },
    async ({ c, session }) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (session && token) await store.endSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/v1/auth/password',
      summary: 'Change your own password (signed in by cookie); ends your other sessions',
      tag: 'auth',
      auth: 'user',
      body: { kind: 'json', schema: S.PasswordBody },
      responses: { 200: { description: 'changed', schema: S.PasswordResult } },
    },
    async ({ c, actor, session, body, ip }) => {
      if (!session || !actor.userId)
        throw new HttpProblem(
          403,
          'changing a password needs the signed-in user (the session cookie); an API token has no password',
          [{ path: 'Authorization', message: 'sign in instead' }],
        );
      const { email } = await store.describeActor(db, actor);
      const device = getCookie(c, DEVICE_COOKIE);
      const attempt = await store.beginLoginAttempt(
        db,
        { email: email!, ip, ...(device ? { device } : {}) },
        opts.throttle,
      );
      if (!attempt.allowed) throw slowDown(attempt, 'currentPassword');
      let r: Awaited<ReturnType<typeof store.changePassword>>;
      try {
        r = await store.changePassword(db, actor, {
          currentPassword: body.currentPassword,
          newPassword: body.newPassword,
          keepSessionId: session.sessionId,
        });
      } catch (e) {
        // Refused for the new password: the current one was right.
        if (store.isStoreError(e)) await store.finishLoginAttempt(db, attempt.attemptId, true);
        throw e;
      }
      await store.finishLoginAttempt(db, attempt.attemptId, r.ok);
      if (!r.ok) {
        throw new HttpProblem(422, 'currentPassword: not your current password', [
          { path: 'currentPassword', message: 'not your current password' },
        ]);
      }
      return json(c, { endedSessions: r.endedSessions });
    },
  );

  // ——— the organization ———
  api.add(
    {
      method: 'get',
      path: '/api/v1/organization',
      summary: 'Your organization: name, id, creation, counts of members and cases (not for a specialist)',
      tag: 'access',
      auth: 'user',
      responses: { 200: { description: 'the organization', schema: S.OrganizationRecord } },
    },
    async ({ c, actor }) => json(c, await store.organizationSummary(db, actor)),
  );
  api.add(
    {
      method: 'patch',
      path: '/api/v1/organization',
      summary: 'Rename the organization (owner)',
      tag: 'access',
      auth: 'user',
      body: { kind: 'json', schema: S.OrganizationPatch },
      responses: { 200: { description: 'renamed', schema: S.OrganizationRecord } },
    },
    async ({ c, actor, body }) => {
      await store.renameOrganization(db, actor, body.name);
      return json(c, await store.organizationSummary(db, actor));
    },
  );

  // ——— API tokens and members (owners) ———
  api.add(
    {
      method: 'get',
      path: '/api/v1/tokens',
      summary: 'API tokens of the organization (owner)',
      tag: 'access',
      auth: 'user',
      responses: { 200: { description: 'tokens', schema: S.ApiToken.array() } },
    },
    async ({ c, actor }) => json(c, await store.listApiTokens(db, actor)),
  );
  api.add(
    {
      method: 'post',
      path: '/api/v1/tokens',
      summary: 'Create an API token (owner); the token is shown once',
      tag: 'access',
      auth: 'user',
      body: { kind: 'json', schema: S.TokenBody },
      responses: { 201: { description: 'created', schema: S.NewToken } },
    },
    async ({ c, actor, body }) => json(c, await store.createApiToken(db, actor, body), 201),
  );
  api.add(
    {
      method: 'delete',
      path: '/api/v1/tokens/{id}',
      summary: 'Revoke an API token (owner)',
      tag: 'access',
      auth: 'user',
      params: S.IdParams,
      responses: { 200: { description: 'revoked', schema: S.ApiToken } },
    },
    async ({ c, actor, params }) => json(c, await store.revokeApiToken(db, actor, params.id)),
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/members',
      summary: 'Members of the organization and their roles (owner, manager)',
      tag: 'access',
      auth: 'user',
      responses: { 200: { description: 'members', schema: S.Member.array() } },
    },
    async ({ c, actor }) => json(c, await store.listMemberships(db, actor)),
  );
  api.add(
    {
      method: 'post',
      path: '/api/v1/members',
      summary:
        'Add a person by email with a role (owner): an invitation they accept — the same answer whether or not the email has an account',
      tag: 'access',
      auth: 'user',
      body: { kind: 'json', schema: S.MemberBody },
      responses: { 202: { description: 'invited: a member once they accept', schema: S.NewInvitation } },
    },
    async ({ c, actor, body }) => {
      // Nobody joins an organization without saying yes, and the answer says nothing about the email.
      const given = (['password', 'name'] as const).filter((k) => body[k] !== undefined);
      if (given.length)
        throw new HttpProblem(
          422,
          'a person joins by accepting an invitation, choosing their own password and name: leave out password and name',
          given.map((k) => ({ path: k, message: `not taken: the person gives their own ${k} when accepting` })),
        );
      const { email, role, caseId, personId } = body;
      const { invitation, token } = await store.createInvitation(
        db,
        actor,
        stripUndefined({ email, role, caseId, personId }),
      );
      return json(c, invitationAnswer(invitation, token), 202);
    },
  );

  const invitationAnswer = (invitation: store.Invitation, token: string) => ({
    invitationId: invitation.invitationId,
    token,
    url: `/invite#${token}`,
    expiresAt: invitation.expiresAt,
    invitation,
  });
  api.add(
    {
      method: 'patch',
      path: '/api/v1/members/{userId}',
      summary:
        "Change a member's role, or suspend or restore them (owner; never yourself, never the last active owner)",
      tag: 'access',
      auth: 'user',
      params: S.UserParams,
      body: { kind: 'json', schema: S.MemberPatch },
      responses: { 200: { description: 'changed', schema: S.Member } },
    },
    async ({ c, actor, params, body }) =>
      json(c, await store.updateMembership(db, actor, stripUndefined({ ...body, userId: params.userId }))),
  );
  api.add(
    {
      method: 'delete',
      path: '/api/v1/members/{userId}',
      summary: 'Remove a member (owner; never the last owner)',
      tag: 'access',
      auth: 'user',
      params: S.UserParams,
      responses: { 204: { description: 'removed' } },
    },
    async ({ c, actor, params }) => {
      await store.removeMembership(db, actor, params.userId);
      return c.body(null, 204);
    },
  );

  // ——— invitations ———
  api.add(
    {
      method: 'post',
      path: '/api/v1/invitations',
      summary:
        'Invite someone by email with a role (owner); a specialist with their case and person; the token is shown once',
      tag: 'access',
      auth: 'user',
      body: { kind: 'json', schema: S.InvitationBody },
      responses: { 201: { description: 'invited', schema: S.NewInvitation } },
    },
    async ({ c, actor, body }) => {
      const { invitation, token } = await store.createInvitation(db, actor, stripUndefined(body));
      return json(c, invitationAnswer(invitation, token), 201);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/invitations',
      summary: 'Pending invitations (owner); no tokens',
      tag: 'access',
      auth: 'user',
      responses: { 200: { description: 'invitations', schema: S.Invitation.array() } },
    },
    async ({ c, actor }) => json(c, await store.listInvitations(db, actor)),
  );
  api.add(
    {
      method: 'delete',
      path: '/api/v1/invitations/{id}',
      summary: 'Revoke an invitation not yet accepted (owner)',
      tag: 'access',
      auth: 'user',
      params: S.IdParams,
      responses: { 204: { description: 'revoked' } },
    },
    async ({ c, actor, params }) => {
      await store.revokeInvitation(db, actor, params.id);
      return c.body(null, 204);
    },
  );
  // Public, and so throttled per address before the body is read.
  for (const path of ['/api/v1/invitations/lookup', '/api/v1/invitations/accept']) {
    app.use(path, async (c, next) => {
      const r = invitationLimiter.take(c.get('ip'));
      if (!r.ok)
        throw new HttpProblem(
          429,
          `too many invitation requests from this address; try again in ${r.retryAfterSeconds} s`,
          [{ path: '(client)', message: 'rate limit' }],
          { 'Retry-After': String(r.retryAfterSeconds) },
        );
      await next();
    });
  }
  api.add(
    {
      method: 'post',
      path: '/api/v1/invitations/lookup',
      summary: 'What an invitation token is for (public; 404 when unknown, expired or used)',
      tag: 'access',
      auth: 'public',
      body: { kind: 'json', schema: S.TokenBodyOnly },
      responses: { 200: { description: 'the invitation', schema: S.InvitationPreview } },
    },
    async ({ c, body }) => json(c, await store.lookupInvitation(db, body.token)),
  );
  api.add(
    {
      method: 'post',
      path: '/api/v1/invitations/accept',
      summary: 'Accept an invitation (public): a new user sets their password, an existing one gives theirs; signs in',
      tag: 'access',
      auth: 'public',
      body: { kind: 'json', schema: S.AcceptBody },
      responses: { 200: { description: 'signed in', schema: S.SessionInfo } },
    },
    async ({ c, body, ip }) => {
      const preview = await store.lookupInvitation(db, body.token);
      const device = getCookie(c, DEVICE_COOKIE);
      let attemptId: number | undefined;
      if (preview.existingUser) {
        const attempt = await store.beginLoginAttempt(
          db,
          { email: preview.email, ip, ...(device ? { device } : {}) },
          opts.throttle,
        );
        if (!attempt.allowed) throw slowDown(attempt, 'password');
        attemptId = attempt.attemptId;
      }
      const r = await store.acceptInvitation(db, {
        token: body.token,
        password: body.password,
        ip,
        ...(body.name ? { name: body.name } : {}),
      });
      if (!r.ok) {
        throw new HttpProblem(401, `${r.email} has an account: give its password to accept`, [
          { path: 'password', message: 'not the password of the existing account' },
        ]);
      }
      if (attemptId !== undefined) await store.finishLoginAttempt(db, attemptId, true);
      await rememberDevice(c, r.userId, device);
      return json(c, await signIn(c, r.userId, r.orgId, ip, undefined, { invitation: true }));
    },
  );

  // ——— employers ———
  api.add(
    {
      method: 'get',
      path: '/api/v1/employers',
      summary: 'Employers (search, pages)',
      tag: 'employers',
      auth: 'user',
      query: S.EmployerQuery,
      responses: { 200: { description: 'a page', schema: S.pageOf(S.EmployerRecord) } },
    },
    async ({ c, actor, query }) => json(c, await store.listEmployers(db, actor, stripUndefined(query))),
  );
  api.add(
    {
      method: 'post',
      path: '/api/v1/employers',
      summary: 'Create an employer',
      tag: 'employers',
      auth: 'user',
      body: { kind: 'json', schema: S.EmployerRecord.shape.employer },
      responses: { 201: { description: 'created', schema: S.EmployerRecord } },
    },
    async ({ c, actor, body }) => {
      const r = await store.createEmployer(db, actor, body);
      return json(c, r, 201, { Location: `/api/v1/employers/${r.employerId}` });
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/employers/{id}',
      summary: 'One employer',
      tag: 'employers',
      auth: 'user',
      params: S.IdParams,
      responses: { 200: { description: 'the employer', schema: S.EmployerRecord } },
    },
    async ({ c, actor, params }) => json(c, await store.getEmployer(db, actor, params.id)),
  );
  api.add(
    {
      method: 'put',
      path: '/api/v1/employers/{id}',
      summary: 'Replace an employer',
      tag: 'employers',
      auth: 'user',
      params: S.IdParams,
      body: { kind: 'json', schema: S.EmployerRecord.shape.employer },
      responses: { 200: { description: 'replaced', schema: S.EmployerRecord } },
    },
    async ({ c, actor, params, body }) => json(c, await store.updateEmployer(db, actor, params.id, body)),
  );
  api.add(
    {
      method: 'delete',
      path: '/api/v1/employers/{id}',
      summary: 'Delete an employer without cases',
      tag: 'employers',
      auth: 'user',
      params: S.IdParams,
      responses: { 204: { description: 'deleted' } },
    },
    async ({ c, actor, params }) => {
      await store.deleteEmployer(db, actor, params.id);
      return c.body(null, 204);
    },
  );

  // ——— cases ———
  const etag = (v: number) => `"v${v}"`;
  const versionOf = (c: Context, q: { version?: number }): number => {
    if (q.version !== undefined) return q.version;
    const m = /^(?:W\/)?"v?(\d{1,9})"$/.exec(c.req.header('if-match')?.trim() ?? '');
    if (m) return Number(m[1]);
    throw new HttpProblem(428, 'send the version you edited: If-Match: "vN" (the ETag of GET) or ?version=N', [
      { path: 'If-Match', message: 'the version read is required' },
    ]);
  };

  api.add(
    {
      method: 'get',
      path: '/api/v1/cases',
      summary: 'Cases (filters, search, pages)',
      tag: 'cases',
      auth: 'user',
      query: S.CaseQuery,
      responses: { 200: { description: 'a page', schema: S.pageOf(S.CaseSummary) } },
    },
    async ({ c, actor, query }) => {
      const { employer, ...rest } = query;
      return json(c, await store.listCases(db, actor, stripUndefined({ ...rest, employerId: employer })));
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/v1/cases',
      summary: 'Import a case (hqs-case/1, JSON or YAML); it is evaluated as of today',
      tag: 'cases',
      auth: 'user',
      query: S.CreateCaseQuery,
      body: { kind: 'case' },
      responses: { 201: { description: 'created', schema: S.CaseRecord } },
    },
    async ({ c, actor, query, body }) => {
      // Events record what has happened: one dated after tomorrow (Moscow) is refused, naming the field.
      const base = { ...(query.employer ? { employerId: query.employer } : {}), today: today() };
      let rec: store.CaseRecord;
      try {
        rec = await store.createCase(db, actor, body, { ...base, evaluate: evalWith() });
      } catch (e) {
        if (store.isStoreError(e) || e instanceof HttpProblem) throw e;
        log('creating a case: the evaluation failed; the case is stored without one', e);
        rec = await store.createCase(db, actor, body, base);
      }
      return json(c, rec, 201, { Location: `/api/v1/cases/${rec.caseId}`, ETag: etag(rec.version) });
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/cases/{id}',
      summary: 'One case with its hqs-case/1 document; ETag is its version',
      tag: 'cases',
      auth: 'user',
      params: S.IdParams,
      responses: { 200: { description: 'the case', schema: S.CaseRecord } },
    },
    async ({ c, actor, params }) => {
      const rec = await store.getCase(db, actor, params.id);
      return json(c, rec, 200, { ETag: etag(rec.version) });
    },
  );
  api.add(
    {
      method: 'put',
      path: '/api/v1/cases/{id}',
      summary: 'Replace the case document; If-Match (or ?version) must be the version read, else 409',
      tag: 'cases',
      auth: 'user',
      params: S.IdParams,
      query: S.VersionQuery,
      body: { kind: 'case' },
      responses: { 200: { description: 'replaced', schema: S.CaseRecord } },
    },
    async ({ c, actor, params, query, body }) => {
      const rec = await updateEvaluated(actor, params.id, body, versionOf(c, query));
      return json(c, rec, 200, { ETag: etag(rec.version) });
    },
  );
  api.add(
    {
      method: 'patch',
      path: '/api/v1/cases/{id}',
      summary: 'Close or reopen a case',
      tag: 'cases',
      auth: 'user',
      params: S.IdParams,
      body: { kind: 'json', schema: S.CasePatch },
      responses: { 200: { description: 'changed', schema: S.CaseRecord } },
    },
    async ({ c, actor, params, body }) => {
      const rec = await store.setCaseStatus(db, actor, params.id, body.status, body.version);
      return json(c, rec, 200, { ETag: etag(rec.version) });
    },
  );
  api.add(
    {
      method: 'delete',
      path: '/api/v1/cases/{id}',
      summary: 'Delete a case with its documents',
      tag: 'cases',
      auth: 'user',
      params: S.IdParams,
      responses: { 204: { description: 'deleted' } },
    },
    async ({ c, actor, params }) => {
      await store.deleteCase(db, actor, params.id);
      return c.body(null, 204);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/cases/{id}/export',
      summary: 'The case as an hqs-case/1 document',
      tag: 'cases',
      auth: 'user',
      params: S.IdParams,
      responses: { 200: { description: 'hqs-case/1', schema: S.CaseRecord.shape.case } },
    },
    async ({ c, actor, params }) =>
      json(c, await store.exportCase(db, actor, params.id), 200, {
        'Content-Disposition': contentDisposition(`case-${params.id}.json`),
      }),
  );
  api.add(
    {
      method: 'post',
      path: '/api/v1/cases/{id}/events',
      summary: 'Add an event to a case (checked with the case schema); version must be the one read',
      tag: 'cases',
      auth: 'user',
      params: S.IdParams,
      body: { kind: 'json', schema: S.EventBody },
      responses: { 201: { description: 'the case with the event', schema: S.CaseRecord } },
    },
    async ({ c, actor, params, body }) => {
      const rec = await evaluated((evaluate) =>
        store.addEvent(db, actor, params.id, body.event, body.version, parts(evaluate)),
      );
      return json(c, rec, 201, { ETag: etag(rec.version) });
    },
  );
  api.add(
    {
      method: 'put',
      path: '/api/v1/cases/{id}/events/{index}',
      summary:
        'Correct the event at this index of case.events (checked with the case schema); version must be the one read',
      tag: 'cases',
      auth: 'user',
      params: S.EventParams,
      body: { kind: 'json', schema: S.EventBody },
      responses: { 200: { description: 'the case with the event corrected', schema: S.CaseRecord } },
    },
    async ({ c, actor, params, body }) => {
      const rec = await evaluated((evaluate) =>
        store.updateEvent(db, actor, params.id, params.index, body.event, body.version, parts(evaluate)),
      );
      return json(c, rec, 200, { ETag: etag(rec.version) });
    },
  );
  api.add(
    {
      method: 'delete',
      path: '/api/v1/cases/{id}/events/{index}',
      summary: 'Remove a mistaken event (its index in case.events); ?version or If-Match required',
      tag: 'cases',
      auth: 'user',
      params: S.EventParams,
      query: S.VersionQuery,
      responses: { 200: { description: 'the case without the event', schema: S.CaseRecord } },
    },
    async ({ c, actor, params, query }) => {
      const version = versionOf(c, query);
      const rec = await evaluated((evaluate) =>
        store.removeEvent(db, actor, params.id, params.index, version, parts(evaluate)),
      );
      return json(c, rec, 200, { ETag: etag(rec.version) });
    },
  );

  // ——— people of a case ———
  api.add(
    {
      method: 'get',
      path: '/api/v1/cases/{id}/people',
      summary: 'The people of a case (principal and family); ETag is the case version',
      tag: 'cases',
      auth: 'user',
      params: S.IdParams,
      responses: { 200: { description: 'the people', schema: S.CasePeople } },
    },
    async ({ c, actor, params }) => {
      const r = await store.listPeople(db, actor, params.id);
      return json(c, r, 200, { ETag: etag(r.version) });
    },
  );
  api.add(
    {
      method: 'post',
      path: '/api/v1/cases/{id}/people',
      summary:
        'Add a person to a case (checked with the case schema, errors at person.…); version must be the one read',
      tag: 'cases',
      auth: 'user',
      params: S.IdParams,
      body: { kind: 'json', schema: S.PersonBody },
      responses: { 201: { description: 'the case with the person', schema: S.CaseRecord } },
    },
    async ({ c, actor, params, body }) => {
      const rec = await evaluated((evaluate) =>
        store.addPerson(db, actor, params.id, body.person, body.version, parts(evaluate)),
      );
      const added = rec.case.people.at(-1)!;
      return json(c, rec, 201, {
        ETag: etag(rec.version),
        Location: `/api/v1/cases/${rec.caseId}/people/${encodeURIComponent(added.id)}`,
      });
    },
  );
  api.add(
    {
      method: 'put',
      path: '/api/v1/cases/{id}/people/{personId}',
      summary: 'Replace a person of a case (the id stays); version must be the one read',
      tag: 'cases',
      auth: 'user',
      params: S.PersonParams,
      body: { kind: 'json', schema: S.PersonBody },
      responses: { 200: { description: 'the case with the person replaced', schema: S.CaseRecord } },
    },
    async ({ c, actor, params, body }) => {
      const rec = await evaluated((evaluate) =>
        store.updatePerson(db, actor, params.id, params.personId, body.person, body.version, parts(evaluate)),
      );
      return json(c, rec, 200, { ETag: etag(rec.version) });
    },
  );
  api.add(
    {
      method: 'delete',
      path: '/api/v1/cases/{id}/people/{personId}',
      summary:
        'Remove a person nothing points to (not the principal, nor one with events, documents, a login or an invitation: 409 naming them)',
      tag: 'cases',
      auth: 'user',
      params: S.PersonParams,
      query: S.VersionQuery,
      responses: { 200: { description: 'the case without the person', schema: S.CaseRecord } },
    },
    async ({ c, actor, params, query }) => {
      const version = versionOf(c, query);
      const rec = await evaluated((evaluate) =>
        store.removePerson(db, actor, params.id, params.personId, version, parts(evaluate)),
      );
      return json(c, rec, 200, { ETag: etag(rec.version) });
    },
  );

  const parts = (evaluate?: store.EvaluateWith): store.CasePartOptions => ({
    tables: api.deps.tables,
    today: today(),
    ...(evaluate ? { evaluate } : {}),
  });

  /**
   * A case write evaluated as part of it; when the engine itself fails, the write is stored without a new
   * evaluation (and the failure logged), so that a bug in a rule never blocks editing a case.
   */
  async function evaluated<T>(write: (evaluate?: store.EvaluateWith) => Promise<T>): Promise<T> {
    try {
      return await write(evalWith());
    } catch (e) {
      if (store.isStoreError(e) || e instanceof HttpProblem) throw e;
      log('writing a case: the evaluation failed; the case is stored without a new one', e);
      return write();
    }
  }

  function updateEvaluated(actor: Actor, id: string, c: Case, version: number): Promise<store.CaseRecord> {
    return evaluated((evaluate) =>
      store.updateCase(db, actor, id, c, version, { today: today(), ...(evaluate ? { evaluate } : {}) }),
    );
  }

  // ——— evaluation and exports ———
  const evaluateStored = async (
    actor: Actor,
    id: string,
    asOf: IsoDate | undefined,
    opts: EvaluateOptions,
    action: string,
    details: Record<string, unknown>,
  ) => {
    const rec = await store.getCase(db, actor, id, { audit: false });
    const on = (asOf ?? today()) as IsoDate;
    const evaluation = await evaluateInPool(rec.case, on, opts);
    await audit(actor, { action, entity: 'case', entityId: rec.caseId, details: { asOf: on, ...details } });
    return { rec, evaluation };
  };

  api.add(
    {
      method: 'get',
      path: '/api/v1/cases/{id}/evaluation',
      summary: "The case's evaluation: as of today it is stored (portfolio figures); another asOf is computed only",
      tag: 'cases',
      auth: 'user',
      params: S.IdParams,
      query: S.EvaluateQuery,
      responses: { 200: { description: 'the evaluation', schema: S.CaseEvaluation } },
    },
    async ({ c, actor, params, query }) => {
      const lang = requestLang(query.lang, c.req.header('accept-language'));
      const opts = { documents: query.include === 'documents', explain: query.explain === 'true' };
      if (query.asOf === undefined || query.asOf === today()) {
        const r = await store.evaluateCase(db, actor, engine, params.id, today(), opts);
        return json(c, { evaluation: renderEvaluation(r.evaluation, { lang, law }), stored: true });
      }
      const { evaluation } = await evaluateStored(actor, params.id, query.asOf as IsoDate, opts, 'evaluation.read', {});
      return json(c, { evaluation: renderEvaluation(evaluation, { lang, law }), stored: false });
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/cases/{id}/checklist.pdf',
      summary: 'The document checklist as a printable PDF',
      tag: 'exports',
      auth: 'user',
      params: S.IdParams,
      query: S.ChecklistQuery,
      responses: { 200: { description: 'PDF', contentType: 'application/pdf' } },
    },
    async ({ c, actor, params, query }) => {
      const lang: DocLang = query.lang ?? 'en';
      const { rec, evaluation } = await evaluateStored(
        actor,
        params.id,
        query.asOf as IsoDate | undefined,
        { documents: true },
        'case.export',
        { format: 'checklist.pdf' },
      );
      const pdf = await renderChecklistPdf(renderEvaluation(evaluation, { lang, law }), { case: rec.case, law, lang });
      return file(c, pdf, 'application/pdf', `checklist-${params.id}.pdf`);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/cases/{id}/letters/{file}',
      summary: 'A letter: employer-support or cover, as .docx or .pdf',
      tag: 'exports',
      auth: 'user',
      params: S.LetterParams,
      query: S.DocLangQuery,
      responses: { 200: { description: 'DOCX or PDF', contentType: 'application/octet-stream' } },
    },
    async ({ c, actor, params, query }) => {
      const m = /^(employer-support|cover)\.(docx|pdf)$/.exec(params.file);
      if (!m)
        throw new HttpProblem(404, `no letter ${params.file}: expected employer-support or cover, .docx or .pdf`, [
          { path: 'file', message: 'expected employer-support.docx, employer-support.pdf, cover.docx or cover.pdf' },
        ]);
      const [, kind, ext] = m as unknown as [string, LetterKind, 'docx' | 'pdf'];
      const lang = query.lang ?? 'en';
      const { rec, evaluation } = await evaluateStored(
        actor,
        params.id,
        query.asOf as IsoDate | undefined,
        { documents: true },
        'case.export',
        { format: params.file },
      );
      const letter = composeLetter(kind, renderEvaluation(evaluation, { lang, law }), { case: rec.case, law, lang });
      const bytes =
        ext === 'docx'
          ? await renderLetterDocx(letter, { title: letter.subject })
          : await renderLetterPdf(letter, { title: letter.subject });
      return file(
        c,
        bytes,
        ext === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf',
        `${kind}-${params.id}.${ext}`,
      );
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/cases/{id}/obligations.ics',
      summary: 'Every deadline of the case as an iCalendar file',
      tag: 'exports',
      auth: 'user',
      params: S.IdParams,
      query: S.DocLangQuery,
      responses: { 200: { description: 'iCalendar', contentType: 'text/calendar' } },
    },
    async ({ c, actor, params, query }) => {
      const lang = query.lang ?? 'en';
      const { rec, evaluation } = await evaluateStored(
        actor,
        params.id,
        query.asOf as IsoDate | undefined,
        {},
        'case.export',
        { format: 'obligations.ics' },
      );
      return file(
        c,
        renderObligationsIcs(
          renderEvaluation(evaluation, { lang, law }),
          { case: rec.case, law, lang },
          { now: now() },
        ),
        'text/calendar; charset=utf-8',
        `obligations-${params.id}.ics`,
      );
    },
  );

  function file(c: Context, data: string | Uint8Array, type: string, name: string, fallback?: string): Response {
    return c.body(typeof data === 'string' ? data : new Uint8Array(data), 200, {
      'Content-Type': type,
      'Content-Disposition': contentDisposition(name, fallback),
    });
  }

  // ——— documents ———
  api.add(
    {
      method: 'post',
      path: '/api/v1/cases/{id}/documents',
      summary: "Upload a scan for a person of the case (owner, manager, or the case's specialist)",
      tag: 'documents',
      auth: 'user',
      params: S.IdParams,
      query: S.UploadQuery,
      body: { kind: 'upload' },
      responses: {
        201: { description: 'stored', schema: S.UploadResult },
        200: { description: 'the same bytes were stored already', schema: S.UploadResult },
      },
    },
    async ({ c, actor, params, query }) => {
      const mt = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      let bytes: Uint8Array;
      let fields: { type?: string; personId?: string; fileName?: string; shared?: string } = query;
      if (mt === 'multipart/form-data') {
        const form = await c.req.parseBody();
        const f = form.file;
        if (!(f instanceof File))
          throw new HttpProblem(422, 'the form has no file part named "file"', [
            { path: 'file', message: 'a file part is required' },
          ]);
        bytes = new Uint8Array(await f.arrayBuffer());
        const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : undefined);
        fields = {
          type: str('type') ?? query.type,
          personId: str('personId') ?? query.personId,
          fileName: str('fileName') ?? (f.name || query.fileName),
          shared: str('shared') ?? query.shared,
        };
      } else {
        bytes = new Uint8Array(await c.req.arrayBuffer());
      }
      refuse(paramProblems(fields), 'the upload');
      if (fields.shared !== undefined && fields.shared !== 'true' && fields.shared !== 'false')
        throw new HttpProblem(422, `shared: expected true or false, got ${JSON.stringify(fields.shared)}`, [
          { path: 'shared', message: 'expected true or false' },
        ]);
      const missing = (['type', 'personId'] as const).filter((k) => !fields[k]);
      if (missing.length)
        throw new HttpProblem(
          422,
          `missing ${missing.join(' and ')}`,
          missing.map((k) => ({ path: k, message: 'required (a form field, or a query parameter for a raw upload)' })),
        );
      const r = await store.storeDocument(
        db,
        actor,
        {
          caseId: params.id,
          personId: fields.personId!,
          type: fields.type!,
          bytes,
          ...(fields.fileName ? { fileName: fields.fileName } : {}),
          shared: fields.shared === 'true',
        },
        { maxBytes: 20 * 1024 * 1024 },
      );
      return json(c, r, r.deduplicated ? 200 : 201, { Location: `/api/v1/documents/${r.document.documentId}` });
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/cases/{id}/documents',
      summary: 'Documents of a case (metadata)',
      tag: 'documents',
      auth: 'user',
      params: S.IdParams,
      responses: { 200: { description: 'documents', schema: S.DocumentRecord.array() } },
    },
    async ({ c, actor, params }) => json(c, await store.listDocuments(db, actor, params.id)),
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/documents/{id}',
      summary: "A document's metadata",
      tag: 'documents',
      auth: 'user',
      params: S.IdParams,
      responses: { 200: { description: 'metadata', schema: S.DocumentRecord } },
    },
    async ({ c, actor, params }) => json(c, await store.getDocument(db, actor, params.id)),
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/documents/{id}/content',
      summary: 'Download the scan',
      tag: 'documents',
      auth: 'user',
      params: S.IdParams,
      responses: {
        200: { description: 'the bytes, with their detected media type', contentType: 'application/octet-stream' },
      },
    },
    async ({ c, actor, params }) => {
      const { document, bytes } = await store.readDocument(db, actor, params.id, { audit: false });
      const res = file(
        c,
        new Uint8Array(bytes),
        document.mediaType,
        document.fileName ?? '',
        `document-${document.documentId}`,
      );
      // Logged once the answer is made: a download that fails is not recorded as one.
      await store.auditDownload(db, actor, document);
      return res;
    },
  );
  api.add(
    {
      method: 'patch',
      path: '/api/v1/documents/{id}',
      summary:
        'Share a scan with every specialist of the case, or stop sharing it (owner, manager, or the specialist whose scan it is)',
      tag: 'documents',
      auth: 'user',
      params: S.IdParams,
      body: { kind: 'json', schema: S.DocumentPatch },
      responses: { 200: { description: 'changed', schema: S.DocumentRecord } },
    },
    async ({ c, actor, params, body }) => json(c, await store.setDocumentShared(db, actor, params.id, body.shared)),
  );
  api.add(
    {
      method: 'delete',
      path: '/api/v1/documents/{id}',
      summary: 'Delete a document',
      tag: 'documents',
      auth: 'user',
      params: S.IdParams,
      responses: { 204: { description: 'deleted' } },
    },
    async ({ c, actor, params }) => {
      await store.deleteDocument(db, actor, params.id);
      return c.body(null, 204);
    },
  );

  // ——— portfolio ———
  api.add(
    {
      method: 'get',
      path: '/api/v1/obligations',
      summary: 'Obligations across all open cases, soonest first (from the last evaluation of each case)',
      tag: 'portfolio',
      auth: 'user',
      query: S.ObligationQuery,
      responses: { 200: { description: 'a page', schema: S.pageOf(S.ObligationRecord) } },
    },
    async ({ c, actor, query }) => {
      store.requirePortfolio(actor, 'the obligations across cases');
      const kind = query.kind
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const page = await store.listObligations(
        db,
        actor,
        stripUndefined({
          status: query.status,
          kind: kind?.length ? kind : undefined,
          employerId: query.employer,
          caseId: query.case,
          dueFrom: query.dueFrom,
          dueTo: query.dueTo,
          limit: query.limit,
          offset: query.offset,
        }),
      );
      if (page.items.length)
        await audit(actor, {
          action: 'obligation.list',
          entity: 'case',
          details: { count: page.items.length, offset: page.offset },
        });
      return json(c, page);
    },
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/dashboard',
      summary: 'Portfolio summary: overdue, due this week, cases by stage, findings by severity',
      tag: 'portfolio',
      auth: 'user',
      responses: { 200: { description: 'summary', schema: S.Dashboard } },
    },
    async ({ c, actor }) => json(c, await store.dashboard(db, actor, today())),
  );
  api.add(
    {
      method: 'get',
      path: '/api/v1/audit',
      summary: 'The audit log (owner); keyset pages: pass `next` as cursor',
      tag: 'audit',
      auth: 'user',
      query: S.AuditQuery,
      responses: { 200: { description: 'a page', schema: S.AuditPage } },
    },
    async ({ c, actor, query }) => {
      const { cursor, order, actor: actorUserId, ...rest } = query;
      return json(
        c,
        await store.listAudit(
          db,
          actor,
          stripUndefined({ ...rest, actorUserId, after: cursor, newestFirst: order === 'desc' }),
        ),
      );
    },
  );

  // ——— the public self-check ———
  // The throttle runs before the body is read (registered ahead of the route: Hono runs handlers in order).
  app.use('/api/v1/evaluate', async (c, next) => {
    const r = evaluateLimiter.take(c.get('ip'));
    if (!r.ok)
      throw new HttpProblem(
        429,
        `too many evaluations from this address; try again in ${r.retryAfterSeconds} s`,
        [{ path: '(client)', message: 'rate limit' }],
        { 'Retry-After': String(r.retryAfterSeconds) },
      );
    await next();
  });

  api.add(
    {
      method: 'post',
      path: '/api/v1/evaluate',
      summary: 'Evaluate a case without signing in; nothing is stored; throttled per address',
      tag: 'public',
      auth: 'public',
      query: S.EvaluateQuery,
      body: { kind: 'case', text: true },
      responses: {
        200: { description: 'the evaluation', schema: S.Evaluation },
        413: {
          description: 'the case is larger than the limits (people, events, documents, sizes)',
          schema: S.Problem,
        },
        503: {
          description: 'every evaluation worker is busy, or the time budget ran out (Retry-After)',
          schema: S.Problem,
        },
      },
    },
    async ({ c, query, body }) => {
      // Checked here (sizes, text); parsed, validated and evaluated by a worker; streamed as it is read.
      const r = await evalPool().run({
        text: body.text,
        format: body.format,
        ...(query.asOf ? { asOf: query.asOf } : {}),
        useCaseAsOf: true,
        today: today(),
        lang: requestLang(query.lang, c.req.header('accept-language')),
        documents: query.include === 'documents',
        explain: query.explain === 'true',
      });
      const bytes = r.bytes!;
      return c.body(streamOf(bytes), 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(bytes.byteLength),
      });
    },
  );
  return {
    app,
    routes: api.routes,
    warm: () => evalPool().ready(),
    close: async () => {
      await pool?.close();
    },
  };
}

/** Drops undefined values (the store's inputs treat absent and undefined alike, but keep them clean). */
function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
