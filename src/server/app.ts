// The HTTP API of HQS Desk: Hono on Node. Each resource is a module under routes/ — its contracts as data
// (method, path, zod schemas: validation, the OpenAPI document and the typed client come from them) and
// handlers of a few lines over the services (src/services) and the store's repositories. The store checks
// roles and tenancy (another organization's record is NotFound); the services audit what the store does
// not (exports, computed evaluations, portfolio reads); this layer authenticates, applies the public
// routes' rate limits, validates, and maps every error to problem details. createApp composes it.
import { Hono, type Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { todayInMoscow, type IsoDate } from '../calendar/date.ts';
import type { Case } from '../case/index.ts';
import type { Engine, EvaluateOptions, Evaluation } from '../engine/index.ts';
import type { Law } from '../law/index.ts';
import type * as store from '../store/index.ts';
import type { ServerContext } from './context.ts';
import { EvalPool, type PoolOptions } from './eval-pool.ts';
import { Api, type Env } from './http.ts';
import { openApiDocument } from './openapi.ts';
import { HttpProblem, problem, PROBLEM_TYPE, toProblem } from './problem.ts';
import { clientAddress, forwardedProto } from './proxy.ts';
import { RateLimiter } from './rate-limit.ts';
import { VERSION } from './routes/meta.ts';
import { mountAll } from './routes/index.ts';
import type { MailConfig } from '../mail/transport.ts';

export { VERSION };
export { streamOf } from './reply.ts';

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
  /** PUBLIC_URL: the origin people reach the server at, for links that leave it (invitations). */
  publicUrl?: string;
  /** SMTP_URL and MAIL_FROM: without them nothing is mailed and the workspace says so. */
  mail?: MailConfig;
  /** Secure cookies: true, false, or 'auto' (when the request came over https). */
  secureCookies?: boolean | 'auto';
  /** Public evaluate: burst and sustained rate per client address (default 30 at once, then 1 per second). */
  evaluateLimit?: { capacity: number; perSecond: number };
  /** Public invitation look-up and acceptance: per client address (default 20 at once, then 1 per 5 seconds). */
  invitationLimit?: { capacity: number; perSecond: number };
  /** Self-check codes made per address (default a burst of 10, then one a minute). */
  selfcheckLimit?: { capacity: number; perSecond: number };
  /** Password-reset requests and completions: per client address (default 5 at once, then 1 a minute). */
  passwordResetLimit?: { capacity: number; perSecond: number };
  log?: (msg: string, err?: unknown) => void;
  /** The evaluation workers (default: the cores less one, 1 to 4; a queue of 8 per worker; 10 s per task). */
  evaluation?: PoolOptions;
  /** Sign-in throttling (default store.DEFAULT_THROTTLE). */
  throttle?: store.ThrottlePolicy;
}

/** What the running server tells the app once it knows: its address, and how to nudge mail delivery. */
export interface AppHooks {
  listening?: string;
  mailQueued?: () => void;
}

export interface App {
  app: Hono<Env>;
  hooks: AppHooks;
  routes: Api['routes'];
  /** Starts the evaluation workers now rather than at the first evaluation. */
  warm(): Promise<void>;
  /** Stops the evaluation workers. */
  close(): Promise<void>;
}

const defaultLog = (msg: string, err?: unknown) => console.error(`[hqs] ${msg}`, err ?? '');

export function createApp(opts: AppOptions): App {
  const { db, engine, law } = opts;
  const now = opts.now ?? (() => new Date());
  const today = (): IsoDate => todayInMoscow(now());
  const log = opts.log ?? defaultLog;
  const hops = Math.max(0, Math.floor(opts.trustProxy ?? 0));
  const app = new Hono<Env>();
  const api = new Api(app, {
    db,
    tables: { countries: law.countries.codes, regions: law.regions.codes },
    secureCookies: opts.secureCookies ?? 'auto',
    trustProxy: (opts.trustProxy ?? 0) > 0,
    limits: {
      evaluate: {
        limiter: new RateLimiter(opts.evaluateLimit?.capacity ?? 30, opts.evaluateLimit?.perSecond ?? 1),
        what: 'evaluations',
      },
      invitation: {
        limiter: new RateLimiter(opts.invitationLimit?.capacity ?? 20, opts.invitationLimit?.perSecond ?? 0.2),
        what: 'invitation requests',
      },
      selfcheck: {
        limiter: new RateLimiter(opts.selfcheckLimit?.capacity ?? 10, opts.selfcheckLimit?.perSecond ?? 1 / 60),
        what: 'self-check codes',
      },
      passwordReset: {
        // Password-reset requests and completions: 5 at once, then 1 a minute per address.
        limiter: new RateLimiter(opts.passwordResetLimit?.capacity ?? 5, opts.passwordResetLimit?.perSecond ?? 1 / 60),
        what: 'password-reset requests',
      },
    },
  });
  let pool: EvalPool | undefined;
  const evalPool = () => (pool ??= new EvalPool({ ...opts.evaluation, log }));
  const isHttps = (c: Context) =>
    (hops > 0 && forwardedProto(c.req.header('x-forwarded-proto')) === 'https') ||
    new URL(c.req.url).protocol === 'https:';

  const hooks: AppHooks = {};
  const context: ServerContext = {
    db,
    engine,
    law,
    tables: api.deps.tables,
    now,
    today,
    log,
    throttle: opts.throttle,
    pool: evalPool,
    /** The evaluation of a stored (checked) case, computed by a worker. */
    evaluateInPool: async (c: Case, asOf: IsoDate, options: EvaluateOptions): Promise<Evaluation> => {
      const r = await evalPool().run({ case: c, asOf, today: today(), as: 'value', ...options });
      return (r.value as { evaluation: Evaluation }).evaluation;
    },
    publicUrl: opts.publicUrl,
    mailOn: opts.mail !== undefined,
    mailBase: () => opts.publicUrl ?? hooks.listening ?? '',
    mailQueued: () => hooks.mailQueued?.(),
    secure: (c) => (api.deps.secureCookies === 'auto' ? isHttps(c) : api.deps.secureCookies),
  };

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

  let doc: unknown;
  const document = () =>
    (doc ??= openApiDocument(api.routes, { title: 'HQS Desk API', version: VERSION, description: 'See docs/api.md' }));
  mountAll(api, context, document);

  return {
    app,
    hooks,
    routes: api.routes,
    warm: () => evalPool().ready(),
    close: async () => {
      await pool?.close();
    },
  };
}
